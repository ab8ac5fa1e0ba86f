// Writing JSON by hand, correctly escaped: the output side of --json and --stats-json.
#pragma once

#include <string>
#include <string_view>

namespace morgue {

/// Appends `text` as a JSON string literal (quotes included); invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view text);

/// `text` as a JSON string literal.
std::string json_string(std::string_view text);

/// A number the way JSON wants it (no NaN/inf: they become null).
std::string json_number(double value);

}  // namespace morgue
