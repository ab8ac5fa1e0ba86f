// The outermost frame of each program: maps every error to one message line and an exit code.
#pragma once

#include <functional>
#include <string_view>

namespace morgue {

/// Runs body(); on a morgue::Error, Xapian::Error or std::exception prints
/// "PROGRAM: error: MESSAGE" to stderr and returns the matching exit code.
int run_main(std::string_view program, const std::function<int()>& body);

}  // namespace morgue
