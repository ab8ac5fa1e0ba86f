// morgue-search: wires the command line to the search library; all logic lives in cli.cpp.
#include "common/run_main.hpp"
#include "searcher/cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
    return morgue::run_main("morgue-search", [&] {
        const auto options = morgue::search::parse_command_line(
            argc, argv, morgue::search::read_environment());
        return morgue::search::run(options, std::cin, std::cout, std::cerr);
    });
}
