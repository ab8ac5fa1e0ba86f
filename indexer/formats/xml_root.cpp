// Finding the root element's name in the first bytes of an XML document, without parsing it.
#include "indexer/formats/xml_root.hpp"

namespace morgue::index::xml {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_end(char c) noexcept { return is_space(c) || c == '>' || c == '/'; }

/// `text` after the first `end`; empty when `end` does not occur.
std::string_view after(std::string_view text, std::string_view end) noexcept {
    const auto at = text.find(end);
    return at == std::string_view::npos ? std::string_view{} : text.substr(at + end.size());
}

/// `text` after a DOCTYPE that starts it: its internal subset may hold '>' inside brackets.
std::string_view after_doctype(std::string_view text) noexcept {
    int brackets = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '[') ++brackets;
        else if (text[i] == ']' && brackets > 0) --brackets;
        else if (text[i] == '>' && brackets == 0) return text.substr(i + 1);
    }
    return {};
}

}  // namespace

std::string_view root_local_name(std::string_view head) noexcept {
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    while (true) {
        const auto start = head.find_first_not_of(" \t\r\n");
        if (start == std::string_view::npos || head[start] != '<') return {};
        head.remove_prefix(start);
        if (head.starts_with("<?")) {
            head = after(head, "?>");
        } else if (head.starts_with("<!--")) {
            head = after(head, "-->");
        } else if (head.starts_with("<!")) {
            head = after_doctype(head);
        } else {
            head.remove_prefix(1);
            std::size_t end = 0;
            while (end < head.size() && !is_name_end(head[end])) ++end;
            if (end == 0 || end == head.size()) return {};
            auto name = head.substr(0, end);
            if (const auto colon = name.rfind(':'); colon != std::string_view::npos)
                name.remove_prefix(colon + 1);
            return name;
        }
    }
}

}  // namespace morgue::index::xml
