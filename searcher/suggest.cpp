// Spelling suggestions on the parsed query.
#include "searcher/suggest.hpp"

#include "common/schema.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace morgue::search {

namespace {

bool is_word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

/// Byte offset of the 1-based character column `column` of `text`.
std::size_t byte_of_column(std::string_view text, std::size_t column) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars == column) return i;
    }
    return text.size();
}

/// Where, in bytes, each word or phrase of the article text starts in the query text, and its
/// text as typed.
struct TextItem {
    std::size_t start;
    std::string_view typed;
};

void text_items(const QueryNode& node, std::string_view text, std::vector<TextItem>& out) {
    if ((node.kind == NodeKind::word || node.kind == NodeKind::phrase) &&
        is_text_field(node.field)) {
        // The column is where the item starts: its sign, its field or its opening quote;
        // the words as typed follow.
        const auto from = byte_of_column(text, node.column);
        const auto at = text.find(node.text, from);
        if (at != std::string_view::npos) out.push_back({at, text.substr(at, node.text.size())});
    }
    for (const auto& child : node.children) text_items(child, text, out);
}

}  // namespace

std::string suggest_spelling(std::string_view text, const QueryNode& tree,
                             const Xapian::Query& query, const Xapian::Database& db,
                             const Xapian::Stem& stemmer) {
    bool missing = false;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        const bool words = is_text_term(term) || has_field_prefix(term, schema::title_prefix);
        if (words && db.get_termfreq(term) == 0) {
            missing = true;
            break;
        }
    }
    if (!missing) return {};

    std::vector<TextItem> items;
    text_items(tree, text, items);
    std::sort(items.begin(), items.end(),
              [](const TextItem& a, const TextItem& b) { return a.start < b.start; });
    std::string out;
    std::size_t copied = 0;  // bytes of `text` already in `out`
    bool changed = false;
    for (const auto& item : items) {
        if (item.start < copied) continue;
        for (std::size_t pos = 0; pos < item.typed.size();) {
            if (!is_word_byte(item.typed[pos])) {
                ++pos;
                continue;
            }
            auto end = pos;
            while (end < item.typed.size() && is_word_byte(item.typed[end])) ++end;
            const auto word = item.typed.substr(pos, end - pos);
            const auto at = item.start + pos;
            pos = end;
            const auto lower = to_lower(word);
            if (db.get_termfreq(lower) > 0 || db.get_termfreq(stemmer(lower)) > 0) continue;
            const auto better = db.get_spelling_suggestion(lower);
            if (better.empty()) continue;
            out.append(text.substr(copied, at - copied));
            out += better;
            copied = at + word.size();
            changed = true;
        }
    }
    if (!changed) return {};
    out.append(text.substr(copied));
    return out;
}

}  // namespace morgue::search
