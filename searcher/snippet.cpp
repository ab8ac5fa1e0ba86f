// Choosing snippet terms and reading MSet::snippet() markup back into parts.
#include "searcher/snippet.hpp"

#include "common/schema.hpp"

#include <array>
#include <utility>

namespace morgue::search {

namespace {

constexpr std::string_view hi_start = "<b>";
constexpr std::string_view hi_end = "</b>";

bool is_prefix_char(char c) { return c >= 'A' && c <= 'Z'; }

/// The unprefixed word a term stands for, or empty for boolean and other prefixed terms.
std::string text_word(const std::string& term) {
    if (term.empty()) return {};
    if (!is_prefix_char(term[0])) return term;
    if (term[0] == 'Z') return {};
    const auto& title = schema::title_prefix;
    if (term.size() > title.size() && term.compare(0, title.size(), title) == 0 &&
        !is_prefix_char(term[title.size()])) {
        const auto rest = term.substr(title.size());
        return rest[0] == 'Z' ? std::string{} : rest;
    }
    return {};
}

void append_unescaped(std::string& out, std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, char>, 5> entities{{
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}}};
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto amp = text.find('&', pos);
        out.append(text.substr(pos, amp - pos));
        if (amp == std::string_view::npos) break;
        pos = amp + 1;
        bool replaced = false;
        for (auto [entity, c] : entities) {
            if (text.substr(amp, entity.size()) == entity) {
                out.push_back(c);
                pos = amp + entity.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) out.push_back('&');
    }
}

void add_part(Snippet& snippet, std::string_view markup, bool highlighted) {
    if (markup.empty()) return;
    std::string text;
    append_unescaped(text, markup);
    if (!snippet.empty() && snippet.back().highlighted == highlighted)
        snippet.back().text += text;
    else
        snippet.push_back({std::move(text), highlighted});
}

}  // namespace

Xapian::Query build_snippet_query(const Xapian::Query& query) {
    std::vector<Xapian::Query> terms;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        if (!term.empty() && term[0] == 'Z') {
            // Already a stem: "Zisland", or "ZSisland" from title:islands in exact mode.
            const auto stem = text_word(term.substr(1));
            if (!stem.empty()) terms.emplace_back("Z" + stem);
            continue;
        }
        const auto word = text_word(term);
        if (word.empty()) continue;
        terms.emplace_back(word);
        terms.emplace_back("Z" + word);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Snippet parse_snippet_markup(std::string_view markup) {
    Snippet snippet;
    std::size_t pos = 0;
    while (pos < markup.size()) {
        const auto start = markup.find(hi_start, pos);
        if (start == std::string_view::npos) {
            add_part(snippet, markup.substr(pos), false);
            break;
        }
        add_part(snippet, markup.substr(pos, start - pos), false);
        const auto body = start + hi_start.size();
        auto end = markup.find(hi_end, body);
        if (end == std::string_view::npos) end = markup.size();
        add_part(snippet, markup.substr(body, end - body), true);
        pos = end == markup.size() ? end : end + hi_end.size();
    }
    return snippet;
}

Snippet lead_snippet(std::string_view text, std::size_t bytes) {
    if (text.empty()) return {};
    if (text.size() <= bytes) return {{std::string{text}, false}};
    auto cut = text.rfind(' ', bytes);
    if (cut == std::string_view::npos || cut == 0) {
        // One long word: back off to the start of a UTF-8 character.
        cut = bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    }
    auto lead = std::string{text.substr(0, cut)};
    while (!lead.empty() && (lead.back() == ' ' || lead.back() == ',')) lead.pop_back();
    return {{lead + "…", false}};
}

std::string join_snippet(const Snippet& snippet, std::string_view start, std::string_view end) {
    std::string out;
    for (const auto& part : snippet) {
        if (part.highlighted) out.append(start);
        out.append(part.text);
        if (part.highlighted) out.append(end);
    }
    return out;
}

std::string snippet_text(const Snippet& snippet) { return join_snippet(snippet, "", ""); }

}  // namespace morgue::search
