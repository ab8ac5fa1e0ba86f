// morgue-serve: wires the command line to the server library; all logic lives in cli.cpp.
#include "common/run_main.hpp"
#include "server/cli.hpp"

#include <cstdlib>
#include <iostream>
#include <optional>

int main(int argc, char** argv) {
    return morgue::run_main("morgue-serve", [&] {
        std::optional<std::string> env_index;
        if (const char* index = std::getenv("MORGUE_INDEX"); index && *index) env_index = index;
        const auto options = morgue::serve::parse_command_line(argc, argv, env_index);
        return morgue::serve::run(options, std::cerr);
    });
}
