// Term-making rules shared by the indexer and the searcher.
#include "common/terms.hpp"

#include "common/schema.hpp"
#include "common/text.hpp"

#include <fmt/format.h>

namespace morgue {

namespace {

bool is_prefix_char(char c) noexcept { return c >= 'A' && c <= 'Z'; }

}  // namespace

std::string id_term(std::string_view id) {
    std::string term{schema::id_prefix};
    term += id;
    if (term.size() <= max_term_bytes) return term;
    const auto suffix = fmt::format("#{:016x}", fnv1a(id));
    std::size_t cut = max_term_bytes - suffix.size();
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
    term.resize(cut);
    return term + suffix;
}

std::string label_value(std::string_view prefix, std::string_view label) {
    return normalize_label(label, max_term_bytes - prefix.size());
}

std::string label_term(std::string_view prefix, std::string_view label) {
    auto value = label_value(prefix, label);
    if (value.empty()) return {};
    return std::string{prefix} + value;
}

bool has_field_prefix(std::string_view term, std::string_view prefix) noexcept {
    return term.size() > prefix.size() && term.starts_with(prefix) &&
           !is_prefix_char(term[prefix.size()]);
}

bool is_text_term(std::string_view term) noexcept {
    return !term.empty() && !is_prefix_char(term[0]);
}

}  // namespace morgue
