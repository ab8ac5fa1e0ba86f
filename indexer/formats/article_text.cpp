// Page-junk filtering, datelines, bylines and date lines for scraped news articles.
#include "indexer/formats/article_text.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <cctype>
#include <span>

namespace morgue::index {

namespace {

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_non_ascii(char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; }

std::string ascii_lower(std::string_view text) {
    std::string out{text};
    for (auto& c : out)
        if (is_ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

bool starts_with_any(std::string_view text, std::span<const std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return text.starts_with(p); });
}

bool contains_any(std::string_view text, std::span<const std::string_view> parts) {
    return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return contains(text, p); });
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        if (c == ' ') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

/// Lower-cased words of a short line, with the separators that join buttons ("Share | Tweet",
/// "Home › World") and counts ("Comments (12)") turned into spaces.
std::vector<std::string> button_words(std::string_view line) {
    std::string spaced;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (is_non_ascii(c)) {
            // Bullets, middle dots, guillemets, arrows and dashes separate buttons.
            static constexpr std::string_view separators[] = {
                "\u2022", "\u00B7", "\u203A", "\u00BB", "\u00AB", "\u2014", "\u2013", "\u2192",
                "\u00A0"};
            bool matched = false;
            for (const auto sep : separators) {
                if (line.substr(i).starts_with(sep)) {
                    spaced.push_back(' ');
                    i += sep.size() - 1;
                    matched = true;
                    break;
                }
            }
            if (!matched) spaced.push_back(c);
        } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '\'') {
            spaced.push_back(is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
        } else {
            spaced.push_back(' ');
        }
    }
    return split_words(spaced);
}

/// Button and menu labels that make up whole junk lines, as word sequences.
const std::vector<std::vector<std::string>>& junk_phrases() {
    static const auto phrases = [] {
        static constexpr std::string_view list[] = {
            "skip to main content", "skip to content", "skip to navigation",
            "skip to main navigation", "skip navigation", "skip to search", "skip to footer",
            "jump to content", "fb-pixel", "fbpixel", "facebook pixel", "tracking pixel", "pixel",
            "noscript", "advertisement", "advertising", "ad", "ads", "sponsored content",
            "sponsored", "paid content", "paid post", "promoted", "partner content",
            "share this article", "share this story", "share this", "share on facebook",
            "share on twitter", "share on linkedin", "share on whatsapp", "share via email",
            "share", "shares", "tweet", "email", "e-mail", "print", "pin", "whatsapp", "facebook",
            "twitter", "x", "linkedin", "reddit", "pinterest", "flipboard", "messenger",
            "copy link", "link copied", "copied", "comments", "comment", "save", "saved",
            "bookmark", "gift this article", "gift article", "subscribe", "subscribe now",
            "log in", "login", "sign in", "sign up", "register", "menu", "search", "close",
            "home", "follow us", "follow", "read more", "see more", "show more", "load more",
            "continue reading", "loading", "listen to this article", "listen", "more", "next",
            "previous", "back to top", "top", "story continues below", "story continues",
            "below", "scroll to continue", "scroll to continue with content", "related",
            "related articles", "related stories", "related content", "related coverage",
            "you may also like", "recommended", "most popular", "most read", "trending",
            "more stories", "accept", "accept all", "reject", "reject all", "cookies",
            "cookie settings", "manage cookies", "privacy policy", "terms of use",
            "terms of service", "contact us", "about us", "min read", "minute read",
            "toggle navigation", "open menu", "watch", "video", "photos", "gallery",
            // the same buttons in other languages: follow, share, print, comments, read on
            "seguir", "compartir", "compartilhar", "partager", "teilen", "condividi",
            "imprimir", "imprimer", "drucken", "stampa", "folgen", "suivre", "abonnieren",
            "comentarios", "coment\u00e1rios", "commentaires", "kommentare", "commenti",
            "weiterlesen", "lire la suite", "leer m\u00e1s", "leia mais", "mehr lesen"};
        std::vector<std::vector<std::string>> out;
        for (const auto phrase : list) out.push_back(split_words(phrase));
        // Longest first, so "share this article" wins over "share".
        std::stable_sort(out.begin(), out.end(),
                         [](const auto& a, const auto& b) { return a.size() > b.size(); });
        return out;
    }();
    return phrases;
}

/// True when every word of the line belongs to a button or menu label (or is a count).
bool is_button_line(std::string_view line) {
    const auto words = button_words(line);
    if (words.empty() || words.size() > 24) return false;
    const auto& phrases = junk_phrases();
    std::size_t i = 0;
    bool label = false;  // a line of bare numbers (a sports attendance) is text
    while (i < words.size()) {
        if (std::all_of(words[i].begin(), words[i].end(), is_ascii_digit)) {
            ++i;
            continue;
        }
        bool matched = false;
        for (const auto& phrase : phrases) {
            if (i + phrase.size() > words.size()) continue;
            if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i))) {
                i += phrase.size();
                matched = true;
                label = true;
                break;
            }
        }
        if (!matched) return false;
    }
    return label;
}

/// A photo credit in parentheses at the end: "(AP Photo/Eugene Hoshiko)", "(Photo: Reuters)".
/// True for a line that is one email address and nothing else ("kokobj@yna.co.kr"), an end
/// marker after it allowed ("... (END)"): the reporter's contact closing a wire story, set
/// apart from its text; a line with words around the address is the text's own.
bool is_contact_address(std::string_view text) {
    if (text.ends_with("(END)")) text = trim(text.substr(0, text.size() - 5));
    const auto at = text.find('@');
    if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos)
        return false;
    const auto ok = [](char c) {
        return is_ascii_lower(c) || is_ascii_upper(c) || is_ascii_digit(c) || c == '.' ||
               c == '_' || c == '-' || c == '+';
    };
    if (!std::all_of(text.begin(), text.end(), [&](char c) { return c == '@' || ok(c); }))
        return false;
    const auto domain = text.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

bool ends_with_photo_credit(std::string_view lower) {
    if (!lower.ends_with(")")) return false;
    const auto open = lower.rfind('(');
    if (open == std::string_view::npos) return false;
    const auto inner = lower.substr(open + 1);
    static constexpr std::string_view credits[] = {
        "ap photo", "photo:", "photo by", "photos:", "reuters/", "afp/", "afp via getty",
        "getty images", "epa/", "epa-efe", "image:", "credit:"};
    return starts_with_any(inner, credits) || inner.ends_with("getty images)");
}

constexpr std::string_view month_words[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view weekday_words[] = {"mon", "tue", "wed", "thu",
                                                           "fri", "sat", "sun"};

/// True for "Dec", "Dec.", "December", "Sept." (any case).
bool is_month_word(std::string_view word) {
    auto lower = ascii_lower(word);
    while (!lower.empty() && (lower.back() == '.' || lower.back() == ',')) lower.pop_back();
    if (lower.size() < 3) return false;
    static constexpr std::string_view full[] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (std::size_t m = 0; m < 12; ++m)
        if (lower == month_words[m] || lower == full[m]) return true;
    return lower == "sept";
}

/// A date part inside a dateline: "Dec 15", "Dec. 15", "15 December", "Thursday".
bool is_dateline_date(std::string_view part) {
    const auto words = split_words(std::string{trim(part)});
    if (words.empty() || words.size() > 3) return false;
    bool month = false;
    bool digits = false;
    for (const auto& w : words) {
        if (is_month_word(w)) month = true;
        else if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
                     return is_ascii_digit(c) || c == ',' || c == '.';
                 }))
            digits = true;
        else if (!is_weekday_word(w)) return false;
    }
    return (month && digits) || (words.size() == 1 && is_weekday_word(words[0]));
}

/// Words that open a paragraph in capitals without being a place.
bool is_shouted_label(std::string_view head) {
    static constexpr std::string_view labels[] = {
        "UPDATE",   "UPDATED",     "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION",
        "WATCH",    "VIDEO",       "PHOTOS",   "CORRECTION", "EDITOR'S NOTE", "FILE",
        "LIVE",     "FACT CHECK",  "NOTE",     "ADVISORY"};
    return std::find(std::begin(labels), std::end(labels), head) != std::end(labels);
}

/// The city part of a dateline: capitals ("NAGATO", "NEW YORK", "WILKES-BARRE"), or, when a
/// news agency follows, capitalised words ("Washington").
bool is_dateline_head(std::string_view head, bool has_agency) {
    if (head.empty() || head.size() > 40) return false;
    const auto words = split_words(head);
    if (words.empty() || words.size() > 5) return false;
    int upper = 0;
    bool lower = false;
    for (const char c : head) {
        if (is_ascii_digit(c)) return false;
        if (is_ascii_upper(c)) ++upper;
        if (is_ascii_lower(c)) lower = true;
        if (!is_ascii_upper(c) && !is_ascii_lower(c) && !is_non_ascii(c) && c != ' ' &&
            c != '.' && c != '-' && c != '\'')
            return false;
    }
    if (is_shouted_label(head)) return false;
    if (!lower) return upper >= 2;
    if (!has_agency) return false;
    return std::all_of(words.begin(), words.end(),
                       [](const std::string& w) { return is_ascii_upper(w.front()) || is_non_ascii(w.front()); });
}

/// A region after the city: "Japan", "Calif.", "Puerto Rico", "N.Y.".
bool is_dateline_region(std::string_view region) {
    if (region.empty() || region.size() > 30) return false;
    const auto words = split_words(region);
    if (words.empty() || words.size() > 4) return false;
    for (const char c : region)
        if (is_ascii_digit(c)) return false;
    return std::all_of(words.begin(), words.end(), [](const std::string& w) {
        return is_ascii_upper(w.front()) || is_non_ascii(w.front());
    });
}

/// True when `agency` looks like a news agency name in a dateline: "AP", "Reuters", "AFP".
bool is_agency(std::string_view agency) {
    if (agency.size() < 2 || agency.size() > 30) return false;
    if (!is_ascii_upper(agency.front())) return false;
    return std::all_of(agency.begin(), agency.end(), [](char c) {
        return is_ascii_upper(c) || is_ascii_lower(c) || c == ' ' || c == '.' || c == '&' ||
               c == '-' || c == '/';
    });
}

/// Where the dateline separator (an em or en dash, " - ", " -- ", ")-", or ": ") begins, and
/// whether it is a colon; npos when none opens the paragraph.
std::size_t find_dateline_separator(std::string_view text, bool& colon) {
    const std::size_t limit = std::min<std::size_t>(text.size(), 120);
    for (std::size_t i = 1; i < limit; ++i) {
        const auto rest = text.substr(i);
        if (rest.starts_with("\u2014") || rest.starts_with("\u2013")) {
            colon = false;
            return i;
        }
        if (text[i] == '-' && (text[i - 1] == ' ' || text[i - 1] == ')') &&
            (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '-')) {
            colon = false;
            return i;
        }
        if (text[i] == ':' && i + 1 < text.size() && text[i + 1] == ' ') {
            colon = true;
            return i;
        }
    }
    return std::string_view::npos;
}

std::string normalized(std::string_view text) { return to_lower(collapse_whitespace(text)); }

/// A short line naming a reporter's role: "Staff Writer", "Associated Press", "Tokyo Correspondent".
bool is_byline_role(std::string_view line) {
    const auto lower = ascii_lower(line);
    if (lower.size() > 60 || split_words(lower).size() > 6) return false;
    static constexpr std::string_view roles[] = {
        "staff writer", "staff reporter", "correspondent", "contributor", "reporter",
        "associated press", "special to", "editor", "columnist", "writer"};
    return contains_any(lower, roles);
}

}  // namespace

bool is_weekday_word(std::string_view word) {
    auto lower = ascii_lower(word);
    while (!lower.empty() && (lower.back() == '.' || lower.back() == ',')) lower.pop_back();
    if (lower.size() < 3) return false;
    for (const auto day : weekday_words)
        if (lower.starts_with(day) && (lower.size() == 3 || lower.ends_with("day") ||
                                       lower == "tues" || lower == "thur" || lower == "thurs"))
            return true;
    return false;
}

bool is_junk_line(std::string_view line) {
    const auto text = trim(line);
    if (text.empty()) return true;
    const auto lower = ascii_lower(text);
    // Notices that can be long: cookie banners and wire-service footers.
    if (text.size() <= 800) {
        if (contains(lower, "cookie") &&
            (contains(lower, "consent") || contains(lower, "accept") || contains(lower, "agree") ||
             contains(lower, "continuing to use") || contains(lower, "privacy") ||
             contains(lower, "we use")))
            return true;
        if (contains(lower, "may not be published, broadcast, rewritten") ||
            contains(lower, "all rights reserved"))
            return true;
    }
    if (text.size() <= 400 && ends_with_photo_credit(lower)) return true;
    if (text.size() > 220) return false;
    if (is_contact_address(text)) return true;
    if (is_button_line(text)) return true;
    static constexpr std::string_view prefixes[] = {
        "sign up for", "sign up to", "sign up now", "subscribe to", "subscribe for",
        "subscribe now", "click here", "read more:", "read more ", "read more\u2026",
        "related:", "related coverage", "related reading", "see also:", "more:", "also read",
        "also see:", "recommended:", "advertisement", "sponsored by", "sponsored:",
        "copyright", "\u00a9", "(c) ", "follow us", "get the latest", "download our app",
        "download the app", "support our journalism", "photo:", "photos:", "image:",
        "credit:", "video:", "watch:", "share this"};
    if (starts_with_any(lower, prefixes)) return true;
    if (lower.starts_with("follow ") &&
        (contains(lower, "twitter") || contains(lower, "facebook") ||
         contains(lower, "instagram") || contains(lower, "@")))
        return true;
    static constexpr std::string_view notices[] = {
        "newsletter", "story continues below", "this article is more than",
        "this story has been shared", "enable javascript", "your browser does not support",
        "ad blocker", "trouble viewing"};
    if (text.size() <= 160 && contains_any(lower, notices)) return true;
    return false;
}

std::optional<std::string> parse_dateline(std::string_view paragraph) {
    const auto text = trim(paragraph);
    bool colon = false;
    const auto sep = find_dateline_separator(text, colon);
    if (sep == std::string_view::npos) return std::nullopt;
    auto prefix = trim(text.substr(0, sep));
    // The text after the separator must go on: "NEW YORK -" alone is no dateline.
    if (trim(text.substr(sep)).size() < 8) return std::nullopt;

    bool has_agency = false;
    if (prefix.ends_with(")")) {
        const auto open = prefix.rfind('(');
        if (open == std::string_view::npos) return std::nullopt;
        if (!is_agency(prefix.substr(open + 1, prefix.size() - open - 2))) return std::nullopt;
        has_agency = true;
        prefix = trim(prefix.substr(0, open));
    }
    if (colon && has_agency) return std::nullopt;

    std::vector<std::string_view> parts;
    while (true) {
        const auto comma = prefix.find(',');
        parts.push_back(trim(prefix.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        prefix.remove_prefix(comma + 1);
    }
    while (parts.size() > 1 && is_dateline_date(parts.back())) parts.pop_back();
    if (parts.size() > 3) return std::nullopt;
    if (!is_dateline_head(parts.front(), has_agency)) return std::nullopt;
    std::string place{parts.front()};
    for (std::size_t i = 1; i < parts.size(); ++i) {
        if (!is_dateline_region(parts[i])) return std::nullopt;
        place += ", ";
        place += parts[i];
    }
    return place;
}

std::optional<std::string> parse_byline(std::string_view line) {
    auto text = collapse_whitespace(line);
    if (text.size() < 5 || text.size() > 160) return std::nullopt;
    // "By" and the word other languages use ("Por Agencia EFE", "Par Stefan Häne", "Von
    // Britta Schultejans").
    std::size_t lead = 0;
    for (const std::string_view word : {"by ", "por ", "par ", "von ", "door ", "af ", "av "})
        if (ascii_lower(std::string_view(text).substr(0, word.size())) == word) lead = word.size();
    if (lead == 0) return std::nullopt;
    std::string_view rest = std::string_view(text).substr(lead);
    // "By Jane Doe | Reuters" stays; "By Jane Doe Published Dec 15, 2016" loses the date.
    for (const std::string_view cut : {" Published", " Updated", " Posted", " on ", " \u2022 "}) {
        const auto at = rest.find(cut);
        if (at != std::string_view::npos && at > 0) rest = rest.substr(0, at);
    }
    // "By Meg Wagner NEW YORK DAILY NEWS Dec 16, 2016 at 1:38 pm": the date is not a name.
    for (std::size_t at = rest.find(' '); at != std::string_view::npos; at = rest.find(' ', at + 1)) {
        const auto next = rest.substr(at + 1);
        const auto word_end = next.find(' ');
        if (word_end == std::string_view::npos) break;
        if (is_month_word(next.substr(0, word_end)) && is_ascii_digit(next[word_end + 1])) {
            rest = rest.substr(0, at);
            break;
        }
    }
    rest = trim(rest);
    while (!rest.empty() && (rest.back() == ',' || rest.back() == '|' || rest.back() == ':'))
        rest = trim(rest.substr(0, rest.size() - 1));
    if (rest.empty() || !(is_ascii_upper(rest.front()) || is_non_ascii(rest.front())))
        return std::nullopt;
    const auto words = split_words(rest);
    if (words.size() > 16) return std::nullopt;
    // "By Friday, Russia agreed", "By March 3 the talks ended", "By Noon": a sentence on time,
    // not a name (but "By May Smith" is one).
    static constexpr std::string_view times[] = {"noon", "midnight", "then", "now", "dawn",
                                                 "nightfall", "tonight", "tomorrow", "yesterday",
                                                 "today", "morning", "evening", "afternoon"};
    auto first = ascii_lower(words.front());
    const bool first_has_comma = first.ends_with(",");
    while (!first.empty() && (first.back() == ',' || first.back() == '.')) first.pop_back();
    if (is_weekday_word(first) ||
        std::find(std::begin(times), std::end(times), first) != std::end(times) ||
        (is_month_word(first) &&
         (first_has_comma || (words.size() > 1 && is_ascii_digit(words[1].front())))))
        return std::nullopt;
    // Names are capitalised; only joining words may be lower case.
    static constexpr std::string_view joiners[] = {
        "and", "de", "da", "di", "van", "von", "der", "den", "la", "le", "del", "in", "the", "of"};
    int lower_words = 0;
    for (const auto& w : words)
        if (is_ascii_lower(w.front()) &&
            std::find(std::begin(joiners), std::end(joiners), w) == std::end(joiners))
            ++lower_words;
    if (lower_words > 1) return std::nullopt;
    if (rest.ends_with(".") && words.size() > 6) return std::nullopt;
    return std::string{rest};
}

std::optional<Date> parse_date_line(std::string_view line) {
    const auto text = collapse_whitespace(line);
    if (text.empty() || text.size() > 100) return std::nullopt;
    const auto words = split_words(text);
    if (words.size() > 14) return std::nullopt;
    static constexpr std::string_view fillers[] = {
        "published", "updated", "posted", "last", "first", "originally", "on", "at",
        "date", "modified", "am", "pm"};
    int other = 0;
    for (const auto& word : words) {
        auto w = ascii_lower(word);
        while (!w.empty() && (w.back() == ':' || w.back() == ',' || w.back() == '|' ||
                              w.back() == '.' || w.back() == ')'))
            w.pop_back();
        while (!w.empty() && (w.front() == '(' || w.front() == '|')) w.erase(0, 1);
        if (w.empty() || w == "-" || is_month_word(w) || is_weekday_word(w)) continue;
        if (std::find(std::begin(fillers), std::end(fillers), w) != std::end(fillers)) continue;
        if (w == "a.m" || w == "p.m" || w.starts_with("\u2014") || w.starts_with("\u2022")) continue;
        if (std::any_of(w.begin(), w.end(), is_ascii_digit)) continue;
        // Time zones: EST, GMT, UTC, CET...
        if (word.size() <= 4 && std::all_of(word.begin(), word.end(), is_ascii_upper)) continue;
        ++other;
    }
    if (other <= 1) return parse_date(text);
    // A short label before a bar, "Ann Lee | Dec 15, 2016", "이용민 기자 | 2020-03-04 16:52":
    // the writer or the section, and then the date.
    const auto bar = text.find(" | ");
    if (bar == std::string::npos) return std::nullopt;
    const auto label = std::string_view(text).substr(0, bar);
    if (split_words(label).size() > 3 || std::any_of(label.begin(), label.end(), is_ascii_digit))
        return std::nullopt;
    return parse_date_line(std::string_view(text).substr(bar + 3));
}

bool is_update_line(std::string_view line) {
    const auto lower = ascii_lower(trim(line));
    return lower.starts_with("updated") || lower.starts_with("last updated") ||
           lower.starts_with("last modified") || lower.starts_with("modified");
}

bool looks_like_headline(std::string_view line) {
    const auto text = trim(line);
    if (text.size() < 3 || text.size() > 250) return false;
    if (!std::any_of(text.begin(), text.end(), [](char c) {
            return is_ascii_upper(c) || is_ascii_lower(c) || is_non_ascii(c);
        }))
        return false;
    const auto words = split_words(text);
    if (words.size() > 40) return false;
    return !(text.ends_with(".") && words.size() > 20);
}

ArticleText assemble_article(const std::vector<std::string>& paragraphs, std::string_view title) {
    const auto title_key = normalized(title);
    std::vector<std::string> kept;
    for (const auto& raw : paragraphs) {
        auto p = collapse_whitespace(raw);
        if (p.empty() || is_junk_line(p)) continue;
        if (!title_key.empty() && normalized(p) == title_key) continue;
        if (!kept.empty() && kept.back() == p) continue;
        kept.push_back(std::move(p));
    }

    ArticleText out;
    bool from_update = false;
    // Bylines and date lines sit in the lead, possibly after a standfirst.
    for (std::size_t i = 0; i < kept.size() && i < 5;) {
        if (auto byline = parse_byline(kept[i])) {
            if (out.byline.empty()) out.byline = std::move(*byline);
            kept.erase(kept.begin() + static_cast<long>(i));
            // "Gazette Staff Writer" under the names belongs to the byline.
            if (i < kept.size() && is_byline_role(kept[i])) kept.erase(kept.begin() + static_cast<long>(i));
            continue;
        }
        if (auto date = parse_date_line(kept[i])) {
            const bool update = is_update_line(kept[i]);
            if (!out.published || (from_update && !update)) {
                out.published = date;
                from_update = update;
            }
            kept.erase(kept.begin() + static_cast<long>(i));
            continue;
        }
        ++i;
    }

    for (std::size_t i = 0; i < kept.size() && i < 2; ++i) {
        if (auto place = parse_dateline(kept[i])) {
            out.dateline = std::move(*place);
            break;
        }
        // Only a short standfirst may come before the dateline paragraph.
        if (kept[i].size() > 200) break;
    }

    for (const auto& p : kept) {
        if (!out.body.empty()) out.body += "\n\n";
        out.body += p;
    }
    return out;
}

}  // namespace morgue::index
