// Snippets: the query's words found in a body, the best passage, its matches marked.
#include "searcher/snippet.hpp"

#include "common/schema.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <utility>

namespace morgue::search {

namespace {

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

/// Appends a part; plain text has its runs of whitespace (line breaks, indentation in stored
/// bodies) squeezed to one space each.
void add_part(Snippet& snippet, std::string_view text, bool highlighted) {
    if (text.empty()) return;
    auto piece = highlighted ? std::string{text} : squeeze_whitespace(text);
    if (!snippet.empty() && snippet.back().highlighted == highlighted)
        snippet.back().text += piece;
    else
        snippet.push_back({std::move(piece), highlighted});
}

/// ASCII whitespace: what separates words wherever a passage may start or end.
constexpr std::string_view ascii_spaces = " \t\n\r\f\v";

/// Marks where a snippet leaves text out.
constexpr std::string_view omit_marker = "…";

struct WordSpan {
    std::size_t start = 0;
    std::size_t end = 0;
};

/// The character at `i` of `text`: its code point into `ch`, and its width in bytes.
std::size_t decode_at(std::string_view text, std::size_t i, unsigned& ch) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        ch = c;
        return 1;
    }
    Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
    ch = *it;
    ++it;
    return static_cast<std::size_t>(it.raw() - (text.data() + i));
}

bool is_word_char(unsigned ch) {
    if (ch < 0x80) return (ch | 0x20) - 'a' < 26 || ch - '0' < 10 || ch == '_';
    return Xapian::Unicode::is_wordchar(ch);
}

/// The next word of `text` at or after `pos`, as TermGenerator splits words (word characters,
/// an apostrophe between two of them kept); false at the end.
bool next_word(std::string_view text, std::size_t& pos, WordSpan& span) {
    const auto n = text.size();
    unsigned ch = 0;
    while (pos < n) {
        const auto width = decode_at(text, pos, ch);
        if (is_word_char(ch)) break;
        pos += width;
    }
    if (pos >= n) return false;
    span.start = pos;
    while (pos < n) {
        const auto width = decode_at(text, pos, ch);
        if (is_word_char(ch)) {
            pos += width;
            continue;
        }
        // "don't", "Brazil's": an apostrophe between word characters stays in the word.
        if ((ch == '\'' || ch == 0x2019) && pos + width < n) {
            unsigned after = 0;
            decode_at(text, pos + width, after);
            if (is_word_char(after)) {
                pos += width;
                continue;
            }
        }
        break;
    }
    span.end = pos;
    return true;
}

/// `raw`, a word of next_word(), in lower case, with a typographic apostrophe as '\''.
void lower_word(std::string_view raw, std::string& word) {
    word.clear();
    unsigned ch = 0;
    for (std::size_t i = 0; i < raw.size();) {
        i += decode_at(raw, i, ch);
        if (ch < 0x80)
            word.push_back(static_cast<char>(ch - 'A' < 26 ? ch | 0x20 : ch));
        else if (ch == 0x2019)
            word.push_back('\'');
        else
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
    }
}

/// The first two bytes of a word, as an index into SnippetMaker::m_stem_starts. A second 'y'
/// counts as 'i': "dying", "lying" and "tying" are the English words whose stems ("die",
/// "lie", "tie") do not begin with their first two letters.
std::size_t start_key(char first, char second) {
    if (second == 'y') second = 'i';
    return static_cast<std::size_t>(static_cast<unsigned char>(first)) << 8 |
           static_cast<unsigned char>(second);
}

std::size_t start_key(std::string_view word) { return start_key(word[0], word[1]); }

/// ASCII lower case of one byte.
char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

}  // namespace

SnippetMaker::SnippetMaker(const Xapian::Query& query, Xapian::Stem stemmer,
                           std::string_view language)
    : m_stemmer(std::move(stemmer)) {
    const auto add = [&](std::string exact, std::string stem) {
        for (std::size_t i = 0; i < m_exact.size(); ++i)
            if (m_exact[i] == exact && m_stems[i] == stem) return;
        m_exact.push_back(std::move(exact));
        m_stems.push_back(std::move(stem));
    };
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        if (!term.empty() && term[0] == 'Z') {
            // Already a stem: "Zisland", or "ZSisland" from title:islands in exact mode.
            if (auto stem = text_word(term.substr(1)); !stem.empty()) add({}, std::move(stem));
            continue;
        }
        // A stemmed-mode term is a stem and a word as written alike ("island").
        if (auto word = text_word(term); !word.empty()) add(word, word);
    }
    // "islands" and "Zisland" are one query word: a passage is scored by distinct words.
    for (std::size_t i = 0; i < m_stems.size(); ++i) {
        std::size_t first = 0;
        while (m_stems[first] != m_stems[i]) ++first;
        m_word_ids.push_back(first);
    }
    // Snowball's English stemmer removes or changes endings, so a word whose first two bytes
    // start no query stem cannot stem to one and need not be stemmed at all (checked on the
    // 66,243 distinct words of Reuters-21578 and a generated news sample: only "dying",
    // "lying" and "tying" differ, see start_key()). Not assumed for other languages (German,
    // for one, folds umlauts anywhere in the word).
    m_skip_by_start = (language == "english" || language == "en") && !m_stemmer.is_none();
    if (m_skip_by_start) {
        m_stem_starts.assign(1 << 16, false);
        for (const auto* words : {&m_stems, &m_exact}) {
            for (const auto& word : *words) {
                if (word.empty()) continue;
                if (word.size() < 2) m_skip_by_start = false;
                else m_stem_starts[start_key(word)] = true;
            }
        }
    }
}

int SnippetMaker::match(const std::string& word) {
    for (std::size_t i = 0; i < m_exact.size(); ++i)
        if (m_exact[i] == word) return static_cast<int>(i);
    if (m_stemmer.is_none() || word.size() > max_word_bytes) return -1;
    const auto stem = m_stemmer(word);
    for (std::size_t i = 0; i < m_stems.size(); ++i)
        if (m_stems[i] == stem) return static_cast<int>(i);
    return -1;
}

Snippet SnippetMaker::make(std::string_view text, std::size_t bytes) {
    struct Match {
        WordSpan span;
        std::size_t word;  ///< which distinct query word (m_word_ids)
    };
    std::vector<Match> matches;
    std::size_t pos = 0;
    WordSpan span;
    std::string word;
    while (next_word(text, pos, span)) {
        const auto raw = text.substr(span.start, span.end - span.start);
        // Most words are ruled out by their first two bytes, before they are even lower-cased
        // (only ASCII ones: lower case may change other bytes).
        if (m_skip_by_start) {
            if (raw.size() < 2) continue;
            const auto ascii = static_cast<unsigned char>(raw[0]) < 0x80 &&
                               static_cast<unsigned char>(raw[1]) < 0x80;
            if (ascii && !m_stem_starts[start_key(lower_ascii(raw[0]), lower_ascii(raw[1]))])
                continue;
        }
        lower_word(raw, word);
        const auto found = match(word);
        if (found < 0) continue;
        matches.push_back({span, m_word_ids[static_cast<std::size_t>(found)]});
    }
    if (matches.empty() || bytes == 0) return lead_snippet(text, bytes);

    std::size_t begin = 0;
    std::size_t end = text.size();
    if (text.size() > bytes) {
        // Score each passage that starts at a match by its distinct query words, then its
        // matches; a quarter of the length leads in before the first match.
        const std::size_t lead_in = bytes / 4;
        const std::size_t reach = bytes - lead_in;
        std::size_t best = 0;
        std::size_t best_score = 0;
        std::vector<std::size_t> seen(m_stems.size(), 0);
        std::size_t distinct = 0;
        std::size_t last = 0;  // one past the last match in the passage starting at `first`
        for (std::size_t first = 0; first < matches.size(); ++first) {
            const auto limit = matches[first].span.start + reach;
            while (last < matches.size() && matches[last].span.end <= limit) {
                if (seen[matches[last].word]++ == 0) ++distinct;
                ++last;
            }
            const std::size_t score = distinct * 1024 + (last - first);
            if (score > best_score) {
                best_score = score;
                best = first;
            }
            if (last > first && --seen[matches[first].word] == 0) --distinct;
            if (last == first) ++last;
        }
        const auto anchor = matches[best].span.start;
        if (anchor > lead_in) {
            begin = anchor - lead_in;
            // Start at a word: just after the space at or after `begin`.
            const auto space = text.find_first_of(ascii_spaces, begin);
            begin = space != std::string_view::npos && space < anchor ? space + 1 : anchor;
        }
        end = begin + bytes;
        if (end >= text.size()) {
            end = text.size();
        } else if (const auto space = text.find_last_of(ascii_spaces, end);
                   space != std::string_view::npos && space > anchor) {
            end = space;
        } else {
            // One long run without spaces: cut it at the start of a UTF-8 character.
            while (end > anchor && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        }
    }

    Snippet snippet;
    if (begin > 0) add_part(snippet, omit_marker, false);
    std::size_t at = begin;
    for (const auto& m : matches) {
        if (m.span.start < begin || m.span.end > end) continue;
        add_part(snippet, text.substr(at, m.span.start - at), false);
        add_part(snippet, text.substr(m.span.start, m.span.end - m.span.start), true);
        at = m.span.end;
    }
    add_part(snippet, text.substr(at, end - at), false);
    // The passage starts and ends at words: no space at either end (the body's own leading
    // and trailing whitespace included).
    if (!snippet.empty() && !snippet.front().highlighted && snippet.front().text.starts_with(' ')) {
        snippet.front().text.erase(0, 1);
        if (snippet.front().text.empty()) snippet.erase(snippet.begin());
    }
    while (!snippet.empty() && !snippet.back().highlighted && snippet.back().text.ends_with(' '))
        snippet.back().text.pop_back();
    if (!snippet.empty() && snippet.back().text.empty()) snippet.pop_back();
    if (end < text.size()) add_part(snippet, omit_marker, false);
    return snippet;
}

Snippet lead_snippet(std::string_view body, std::size_t bytes) {
    // Only the start shows: collapse no more of a long body than can fill the snippet.
    const auto start = body.substr(0, std::min(body.size(), 4 * bytes + 16));
    auto text = collapse_whitespace(start);
    if (start.size() < body.size() && text.size() <= bytes) text = collapse_whitespace(body);
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
    return {{lead + std::string{omit_marker}, false}};
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
