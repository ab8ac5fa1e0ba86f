// JSON string escaping and number formatting.
#include "common/json_write.hpp"

#include "common/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace morgue {

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    const bool valid = is_valid_utf8(text);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                out += fmt::format("\\u{:04x}", c);
            } else if (c >= 0x80 && !valid) {
                const auto bad = find_invalid_utf8(text.substr(i));
                if (bad == 0) {
                    out += "\\ufffd";
                } else {
                    out.push_back(static_cast<char>(c));
                }
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
    }
    out.push_back('"');
}

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

std::string json_number(double value) {
    if (!std::isfinite(value)) return "null";
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return fmt::format("{}", static_cast<long long>(value));
    return fmt::format("{:.6g}", value);
}

}  // namespace morgue
