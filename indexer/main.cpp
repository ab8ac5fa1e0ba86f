// morgue-index: builds or updates a Morgue index from news article files.
#include "common/run_main.hpp"
#include "indexer/cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
    return morgue::run_main("morgue-index", [&] {
        const auto options = morgue::index::parse_command_line(argc, argv);
        return morgue::index::run(options, std::cout, std::cerr);
    });
}
