// Headline, time and byline elements of a page: <h1>, <time datetime>, author markup.
#include "indexer/formats/html/markup_fields.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/element_hints.hpp"

#include <algorithm>
#include <optional>

namespace morgue::index::html {

namespace {

/// A <p> this long is the article's text, not a line of its header.
constexpr std::size_t min_text_paragraph = 80;

/// The element find_h1() reads, or null.
const GumboNode* article_h1(const std::vector<const GumboNode*>& elements,
                            const std::vector<const GumboNode*>& containers) {
    const GumboNode* article = nullptr;
    for (const auto* c : containers)
        for (const auto* p = c; p && !article; p = p->parent)
            if (is_element(p) && tag_name(p) == "article") article = p;
    for (const auto* el : elements)
        if (tag_name(el) == "h1" && (!article || is_inside(el, article)) && !text_of(el).empty())
            return el;
    return nullptr;
}

/// True when `el` holds a kicker set inside the heading: the topic line above the headline
/// ("<h1><span class="subtitle">Olympische Spiele in Paris</span> Getränke per Schiff</h1>").
bool marks_kicker(const GumboNode* el) {
    const auto hints = class_and_id(el);
    static constexpr std::string_view parts[] = {"kicker", "subtitle", "overline", "topline",
                                                 "dachzeile", "roofline", "eyebrow", "supertitle",
                                                 "pretitle"};
    return std::any_of(std::begin(parts), std::end(parts),
                       [&](std::string_view part) { return contains(hints, part); });
}

/// A heading's text without a kicker that opens it (one after the headline's first words is
/// a second line of the headline: kept), unless that would leave nothing.
std::string heading_text(const GumboNode* heading) {
    std::string out;
    bool cut = false;
    const auto walk = [&](const auto& self, const GumboNode* node) -> void {
        if (node != heading && is_element(node) && marks_kicker(node) && trim(out).empty()) {
            cut = true;
            return;
        }
        if (is_element(node) && node != heading) {
            const auto name = tag_name(node);
            if (name == "script" || name == "style" || name == "noscript" || name == "template") return;
        }
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
            node->type == GUMBO_NODE_CDATA) {
            out += node->v.text.text;
            return;
        }
        if (!is_element(node)) return;
        out += ' ';
        for (const auto* child : children(node)) self(self, child);
        out += ' ';
    };
    walk(walk, heading);
    auto text = collapse_whitespace(out);
    return cut && !text.empty() ? text : text_of(heading);
}

}  // namespace

std::string find_h1(const std::vector<const GumboNode*>& elements,
                    const std::vector<const GumboNode*>& containers) {
    const auto* h1 = article_h1(elements, containers);
    return h1 ? heading_text(h1) : std::string{};
}

std::vector<std::string> find_all_h1s(const std::vector<const GumboNode*>& elements) {
    std::vector<std::string> out;
    for (const auto* el : elements)
        if (tag_name(el) == "h1")
            if (auto text = heading_text(el); !text.empty()) out.push_back(std::move(text));
    return out;
}

namespace {

/// True when `el` names readers' comments by class or id ("comment-author", "comments"),
/// not a "commentary" column.
bool marks_comments(const GumboNode* el) {
    const auto hints = class_and_id(el);
    for (auto at = hints.find("comment"); at != std::string::npos;
         at = hints.find("comment", at + 1))
        if (!std::string_view(hints).substr(at).starts_with("commentary")) return true;
    return false;
}

/// True when `el` is or lies in the readers' comments: a commenter's name is no byline.
bool in_comments(const GumboNode* el) {
    for (const auto* p = el; p; p = p->parent)
        if (is_element(p) && marks_comments(p)) return true;
    return false;
}

/// The path of `url` ("https://x.example/a/b?c" -> "/a/b"); "" for one without a path.
std::string_view path_of(std::string_view url) {
    if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
        url.remove_prefix(scheme + 3);
        const auto slash = url.find('/');
        url = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);
    }
    return url.substr(0, url.find_first_of("?#"));
}

/// True when the link `a` leads to the page itself, whose path is `own_path`: a fragment
/// ("#post-7"), the page's path, or a path under it ("/thread/42/post-7", a post's permalink).
/// A site's front page ("/") is under nothing.
bool links_to_page(const GumboNode* a, std::string_view own_path) {
    const auto href = trim(attr(a, "href"));
    if (href.starts_with("#")) return true;
    if (own_path.size() <= 1) return false;
    const auto path = path_of(href);
    if (!path.starts_with(own_path)) return false;
    const auto rest = path.substr(own_path.size());
    return rest.empty() || own_path.ends_with("/") || rest.starts_with("/");
}

/// True when `el` is or lies in a link, a list of other stories or the readers' comments: its
/// date or byline is theirs. A link to the page itself (links_to_page(), with the path of
/// `page_url`) is the article's own.
bool in_other_story(const GumboNode* el, std::string_view page_url = {}) {
    const auto own_path = path_of(page_url);
    for (const auto* p = el; p; p = p->parent)
        if (is_element(p) && ((tag_name(p) == "a" && !links_to_page(p, own_path)) ||
                              marks_other_stories(p)))
            return true;
    return in_comments(el);
}

/// The nearest <header> around `el`, or null.
const GumboNode* header_of(const GumboNode* el) {
    for (const auto* p = el->parent; p; p = p->parent)
        if (is_element(p) && tag_name(p) == "header") return p;
    return nullptr;
}

/// True when `el` lies in one of the article's `containers`, in a container's parent (the
/// headline and byline block beside the text) unless that is the whole <body>, or in an
/// <article>.
bool near_article(const GumboNode* el, const std::vector<const GumboNode*>& containers) {
    for (const auto* c : containers) {
        if (is_inside(el, c)) return true;
        const auto* parent = c->parent;
        if (parent && is_element(parent) && tag_name(parent) != "body" &&
            tag_name(parent) != "html" && is_inside(el, parent))
            return true;
    }
    for (const auto* p = el->parent; p; p = p->parent)
        if (is_element(p) && tag_name(p) == "article") return true;
    return false;
}

/// find_date_text() over the elements `keep` accepts.
template <typename Keep>
std::string first_date_text(const std::vector<const GumboNode*>& elements, Keep keep) {
    for (const auto* el : elements) {
        const auto hints = class_and_id(el);
        if (!contains(hints, "date") && !contains(hints, "byline") && !contains(hints, "author") &&
            !contains(hints, "publish"))
            continue;
        if (in_other_story(el) || !keep(el)) continue;
        const auto text = text_of(el);
        if (text.size() > 200) continue;
        if (parse_date(text)) return text;
    }
    return {};
}

}  // namespace

std::string find_time(const std::vector<const GumboNode*>& elements,
                      const std::vector<const GumboNode*>& containers, std::string_view page_url) {
    std::string first;
    const GumboNode* chosen = nullptr;
    for (const auto* el : elements) {
        if (tag_name(el) != "time" || trim(attr(el, "datetime")).empty() ||
            in_other_story(el, page_url))
            continue;
        const bool in_article = std::any_of(containers.begin(), containers.end(), [&](const GumboNode* c) {
            return is_inside(el, c) || (c->parent && is_inside(el, c->parent));
        });
        const bool in_header = [&] {
            for (const auto* p = el->parent; p; p = p->parent)
                if (is_element(p) && (tag_name(p) == "article" || tag_name(p) == "header"))
                    return true;
            return false;
        }();
        if (in_article || in_header || has_attr(el, "pubdate")) {
            chosen = el;
            break;
        }
        if (first.empty()) first = trim(attr(el, "datetime"));
    }
    if (!chosen) return first;
    // A header that shows "Updated" and "Original" times: the story was published at the earliest.
    auto value = std::string{trim(attr(chosen, "datetime"))};
    if (const auto* header = header_of(chosen)) {
        auto earliest = parse_date(value);
        for (const auto* el : elements) {
            if (tag_name(el) != "time" || !is_inside(el, header) || in_other_story(el, page_url))
                continue;
            const auto other = std::string{trim(attr(el, "datetime"))};
            if (const auto day = parse_date(other); day && earliest && *day < *earliest) {
                earliest = day;
                value = other;
            }
        }
    }
    return value;
}

std::string find_date_text(const std::vector<const GumboNode*>& elements) {
    return first_date_text(elements, [](const GumboNode*) { return true; });
}

std::string find_article_date_text(const std::vector<const GumboNode*>& elements,
                                   const std::vector<const GumboNode*>& containers) {
    return first_date_text(elements, [&](const GumboNode* el) { return near_article(el, containers); });
}

std::string find_date_under_headline(const std::vector<const GumboNode*>& elements,
                                     const std::vector<const GumboNode*>& containers) {
    // Outside the article's markup, the page's first <h1> (as choose_headline() takes it).
    const auto* h1 = article_h1(elements, containers);
    if (!h1) h1 = article_h1(elements, {});
    if (!h1) return {};
    auto el = std::find(elements.begin(), elements.end(), h1);
    for (++el; el != elements.end(); ++el) {
        if (is_inside(*el, h1) || in_other_story(*el)) continue;
        auto text = text_of(*el);
        // The text has begun: what follows dates something else.
        if (tag_name(*el) == "p" && text.size() >= min_text_paragraph) break;
        if (text.size() <= 100 && parse_date_line(text)) return text;
        // Lines set apart by <br>s ("Ann Lee<br>The Grayzone<br>Thu, 14 May 2020 17:55 UTC").
        for (const auto* child : children(*el))
            if (is_text(child))
                if (const auto line = collapse_whitespace(child->v.text.text);
                    line.size() <= 100 && parse_date_line(line))
                    return line;
    }
    return {};
}

std::string find_shown_date(const std::vector<const GumboNode*>& elements,
                            const std::vector<const GumboNode*>& containers) {
    const auto near = [&](const GumboNode* el) { return near_article(el, containers); };
    const auto anywhere = [](const GumboNode*) { return true; };
    const auto shown = [&](auto keep) -> std::string {
        for (const std::string_view wanted : {"published", "time"}) {
            for (const auto* el : elements) {
                const bool match = wanted == "time" ? tag_name(el) == "time"
                                                    : attr(el, "itemprop") == "datePublished" &&
                                                          tag_name(el) != "meta";
                if (!match || in_other_story(el) || !keep(el)) continue;
                if (auto text = text_of(el); text.size() <= 200 && parse_date(text)) return text;
            }
        }
        return first_date_text(elements, keep);
    };
    auto text = shown(near);
    return text.empty() ? shown(anywhere) : text;
}

namespace {

/// `line` without the word other languages put before a byline's names ("Por: Ana Ruiz",
/// "Von Britta Schultejans", "Автор: Олеся Жуковень", "作者：肖春芳"); nullopt when it opens
/// with a photo credit's word ("Фото: ..."), which names no author.
std::optional<std::string> strip_byline_lead(std::string line) {
    static constexpr std::string_view photo[] = {"photo:", "photos:", "foto:", "fotos:",
                                                 "\u0444\u043e\u0442\u043e:"};
    const auto lower = to_lower(line);
    for (const auto lead : photo)
        if (lower.starts_with(lead)) return std::nullopt;
    // Words followed by a colon, or by a space and two words at least: "Di Stefano" and
    // "Von Miller" are names, "di Marco Rossi" and "Von Britta Schultejans" bylines.
    static constexpr std::string_view words[] = {"por", "par", "von", "door", "af", "av", "di",
                                                 "\u0430\u0432\u0442\u043e\u0440", "pi\u0161e"};
    for (const auto lead : words) {
        if (!lower.starts_with(lead)) continue;
        auto rest = std::string_view(line).substr(lead.size());
        if (rest.starts_with(":")) return std::string{trim(rest.substr(1))};
        if (rest.starts_with(" ") && trim(rest).find(' ') != std::string_view::npos)
            return std::string{trim(rest)};
    }
    // A writer's label ("Autor Redaktion", "Author: Ann Lee") leads any name, even one word.
    for (const std::string_view lead : {"autorin", "autor", "auteure", "auteur", "author"}) {
        if (!lower.starts_with(lead)) continue;
        auto rest = std::string_view(line).substr(lead.size());
        if (rest.starts_with(":")) rest.remove_prefix(1);
        if (rest.starts_with(" ") && !trim(rest).empty()) return std::string{trim(rest)};
    }
    static constexpr std::string_view labels[] = {"\u4f5c\u8005\uff1a", "\u4f5c\u8005:",
                                                  "\u6587\uff1a", "\u8a18\u8005\uff1a"};
    for (const auto lead : labels)
        if (line.starts_with(lead))
            return std::string{trim(std::string_view(line).substr(lead.size()))};
    return line;
}

/// `line` up to the date or time in it: "Ashok Pradhan | TNN | Apr 7, 2020, 15:43 IST" ->
/// "Ashok Pradhan | TNN", "Steven Shepard 10/04/2016 05:07 AM EDT" -> "Steven Shepard",
/// "Lucas Nolan22 Dec 2016" (spans joined) -> "Lucas Nolan"; "" when it opens with one.
std::string cut_at_date(std::string line) {
    const auto whole = line.size();
    for (const std::string_view sep : {" | ", " / "}) {
        for (auto at = line.find(sep); at != std::string::npos; at = line.find(sep, at + 1)) {
            const auto part = ascii_lower(trim(std::string_view(line).substr(at + sep.size())));
            if (parse_date(part) || part.starts_with("updated") || part.starts_with("published")) {
                line.resize(at);
                break;
            }
        }
    }
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    // A clock or a numeric date ("9:39AM", "10/04/2016", "28.5.2020") that parse_date() may
    // not read as a day.
    const auto clock_or_numeric = [&](std::string_view at) {
        std::size_t n = 0;
        while (n < at.size() && n < 2 && digit(at[n])) ++n;
        return n > 0 && n + 1 < at.size() && (at[n] == ':' || at[n] == '/' || at[n] == '.') &&
               digit(at[n + 1]);
    };
    // A relative time ("prije 26 minuta", "vor 3 Stunden", "5 hours ago"): a number, then a
    // unit of time.
    const auto relative_time = [&](std::string_view at) {
        std::size_t n = 0;
        while (n < at.size() && digit(at[n])) ++n;
        if (n == 0 || n >= at.size() || at[n] != ' ') return false;
        const auto unit = to_lower(at.substr(n + 1, at.find(' ', n + 1) - n - 1));
        static constexpr std::string_view units[] = {
            "sec", "sek", "min", "hour", "hora", "heure", "stund", "sat", "ora", "\u00f3ra",
            "perc", "godzin", "day", "d\u00eda", "dia", "tag", "jour", "dan", "giorn",
            "\u0447\u0430\u0441", "\u043c\u0438\u043d"};
        return std::any_of(std::begin(units), std::end(units),
                           [&](std::string_view u) { return unit.starts_with(u); });
    };
    bool relative = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (!digit(line[i]) || (i > 0 && digit(line[i - 1]))) continue;
        const auto at = std::string_view(line).substr(i);
        relative = relative_time(at);
        if (!parse_date(at) && !clock_or_numeric(at) && !relative) break;
        line.resize(i);
        break;
    }
    auto kept = std::string{trim(line)};
    // The lower-case words that led into it ("prije", "vor", "il y a") are no names.
    while (relative) {
        const auto space = kept.rfind(' ');
        if (space == std::string::npos) break;
        const auto word = std::string_view(kept).substr(space + 1);
        if (word.empty() || !std::all_of(word.begin(), word.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
            }) || (static_cast<unsigned char>(word.front()) >= 0x80))
            break;
        kept.resize(space);
    }
    const auto trim_separators = [&] {
        while (!kept.empty() && (kept.back() == ',' || kept.back() == '|' || kept.back() == '-' ||
                                 kept.back() == '/'))
            kept = std::string{trim(std::string_view(kept).substr(0, kept.size() - 1))};
    };
    trim_separators();
    if (line.size() == whole) return kept;
    // The word that led into a date cut off: "Mia Lark on", "Ana Ruiz el".
    for (const std::string_view joint : {" on", " at", " am", " le", " el", " em"})
        if (ascii_lower(kept).ends_with(joint)) kept.resize(kept.size() - joint.size());
    // The weekday that opened it, written out ("Wednesday, 08 Apr 2020"; "Sun" may be a name).
    const auto last = kept.find_last_of(' ');
    const auto word = last == std::string::npos ? kept : kept.substr(last + 1);
    if (word.size() > 4 && is_weekday_word(word)) {
        kept.resize(last == std::string::npos ? 0 : last);
        trim_separators();
    }
    return kept;
}

}  // namespace

/// Where a byline's lead word opens the names after a date or time the text begins with
/// ("Danmark - 10. marts 2020 kl. 20:00 Af Ritzau": a section, the date, then the writer):
/// the offset of the names, or npos.
std::size_t names_after_date(std::string_view line) {
    const auto first_digit = line.find_first_of("0123456789");
    if (first_digit == std::string_view::npos) return std::string_view::npos;
    static constexpr std::string_view leads[] = {"by", "af", "av", "von", "por", "par", "door",
                                                 "\u0430\u0432\u0442\u043e\u0440", "pi\u0161e"};
    for (auto at = line.find(' ', first_digit); at != std::string_view::npos; at = line.find(' ', at + 1)) {
        const auto end = line.find_first_of(" :", at + 1);
        if (end == std::string_view::npos) break;
        const auto word = to_lower(line.substr(at + 1, end - at - 1));
        if (std::find(std::begin(leads), std::end(leads), word) == std::end(leads)) continue;
        if (const auto names = line.find_first_not_of(" :", end); names != std::string_view::npos)
            return names;
    }
    return std::string_view::npos;
}

/// `line` with each social handle after a name made a separator: "April Roach @aprilroach28
/// Daniel O'Mahony" -> "April Roach, Daniel O'Mahony".
std::string without_handles(std::string_view line) {
    std::string out;
    bool pending_comma = false;
    std::size_t start = 0;
    while (start < line.size()) {
        auto end = line.find(' ', start);
        if (end == std::string_view::npos) end = line.size();
        const auto word = line.substr(start, end - start);
        if (word.size() > 1 && word.front() == '@') {
            pending_comma = !out.empty();
        } else if (!word.empty()) {
            if (!out.empty()) out += pending_comma ? ", " : " ";
            out += word;
            pending_comma = false;
        }
        start = end + 1;
    }
    return out;
}

std::string clean_byline_once(std::string_view text);

/// "Dnes 9:44 Hana Jakubčíková Sádlíková": a word (today, a section) and a clock before the
/// names, which then follow it; "" when `text` is not so.
std::string names_after_clock(std::string_view text) {
    const auto first = text.find(' ');
    if (first == std::string_view::npos) return {};
    const auto second = text.find(' ', first + 1);
    if (second == std::string_view::npos) return {};
    const auto clock = text.substr(first + 1, second - first - 1);
    const auto colon = clock.find(':');
    const auto digits = [](std::string_view d) {
        return !d.empty() && d.size() <= 2 && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (colon == std::string_view::npos || !digits(clock.substr(0, colon)) || !digits(clock.substr(colon + 1)))
        return {};
    auto names = clean_byline_once(text.substr(second + 1));
    const bool has_lower = std::any_of(names.begin(), names.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return std::count(names.begin(), names.end(), ' ') >= 1 && has_lower ? names : std::string{};
}

std::string clean_byline(std::string_view text) {
    auto line = clean_byline_once(text);
    // One word left, the clock after it and the names after that cut with the clock.
    if (line.find(' ') == std::string::npos)
        if (auto names = names_after_clock(collapse_whitespace(text)); !names.empty()) return names;
    return line;
}

std::string clean_byline_once(std::string_view text) {
    auto whole = without_handles(collapse_whitespace(text));
    if (const auto names = names_after_date(whole); names != std::string_view::npos)
        whole = whole.substr(names);
    auto stripped = strip_byline_lead(std::move(whole));
    if (!stripped) return {};
    auto line = cut_at_date(std::move(*stripped));
    if (contains(line, "://")) return {};
    // "Jane Doe | jdoe@example.com": the address is contact data, not part of the name.
    if (const auto bar = line.rfind(" | "); bar != std::string::npos &&
                                            contains(line.substr(bar), "@"))
        line.resize(bar);
    // "Ritzau Kontakt redaktionen: sndk@sn.dk": a contact address after the names, and the
    // label that introduces it (from its capitalised first word).
    if (const auto at = line.find('@'); at != std::string::npos && at > 0) {
        const auto colon = line.rfind(':', at);
        const auto word = line.rfind(' ', at);
        if (colon != std::string::npos) {
            std::string names = std::string{trim(std::string_view(line).substr(0, colon))};
            // "Kontakt redaktionen": a capitalised word and lower-case ones; "Ann Lee" stays.
            bool lower_case_passed = false;
            for (auto space = names.rfind(' '); space != std::string::npos && space > 0;
                 space = names.rfind(' ', space - 1)) {
                if (!std::isupper(static_cast<unsigned char>(names[space + 1]))) {
                    lower_case_passed = true;
                    continue;
                }
                if (lower_case_passed) names.resize(space);
                break;
            }
            line = std::move(names);
        } else if (word != std::string::npos) {
            line.resize(word);
        }
    }
    const auto lower = ascii_lower(line);
    for (const std::string_view lead : {"written by ", "posted by ", "story by ", "words by ",
                                        "text by ", "reporting by "})
        if (lower.starts_with(lead)) line = line.substr(lead.size() - 3);
    if (auto names = parse_byline(line)) return *names;
    if (ascii_lower(line).starts_with("by ")) line = std::string{trim(line.substr(3))};
    // A lead word alone, in any language ("By", "Von", "Por:"): the names are elsewhere.
    auto bare = to_lower(trim(line));
    if (bare.ends_with(':')) bare.pop_back();
    static constexpr std::string_view lead_words[] = {"by", "von", "por", "par", "door", "af",
                                                      "av", "di", "de", "\u0430\u0432\u0442\u043e\u0440",
                                                      "pi\u0161e", "autor", "auteur"};
    if (std::find(std::begin(lead_words), std::end(lead_words), bare) != std::end(lead_words))
        return {};
    // A label whose value follows ("Or sign up using:"), and a text without a letter (an
    // address "219.79.38.192", a count) are no names.
    if (trim(line).ends_with(':') ||
        std::none_of(line.begin(), line.end(), [](unsigned char c) {
            return std::isalpha(c) || c >= 0x80;
        }))
        return {};
    if (line.empty() || line.size() > 100 ||
        std::count(line.begin(), line.end(), ' ') > 10)
        return {};
    // A count after the names ("Redacción La Razón 2", a comment counter's) is no name.
    if (const auto space = line.rfind(' '); space != std::string::npos && line.size() - space <= 4 &&
                                            std::all_of(line.begin() + static_cast<long>(space) + 1, line.end(),
                                                        [](char c) { return c >= '0' && c <= '9'; }))
        line.resize(space);
    // A user name ("larepublica_pe": one word with an underscore), a firm ("wegewerk GmbH")
    // or "anonymous" writes no byline.
    if (line.find(' ') == std::string::npos && line.find('_') != std::string::npos) return {};
    const auto last_space = line.rfind(' ');
    const auto last_word = to_lower(last_space == std::string::npos ? line : line.substr(last_space + 1));
    static constexpr std::string_view firms[] = {"gmbh", "ag", "inc", "inc.", "ltd", "ltd.",
                                                 "llc", "corp", "corp.", "s.a.", "s.l.", "plc"};
    static constexpr std::string_view anonymous[] = {"anonymous", "anonym", "an\u00f3nimo",
                                                     "anonyme", "anonimo", "an\u00f4nimo"};
    if ((last_space != std::string::npos &&
         std::find(std::begin(firms), std::end(firms), last_word) != std::end(firms)) ||
        std::find(std::begin(anonymous), std::end(anonymous), to_lower(line)) != std::end(anonymous))
        return {};
    return line;
}

std::vector<std::string> find_byline_elements(const std::vector<const GumboNode*>& elements) {
    std::vector<std::string> out;
    const auto add = [&](std::string byline) {
        if (!byline.empty() && std::find(out.begin(), out.end(), byline) == out.end())
            out.push_back(std::move(byline));
    };
    // A <link rel="author"> shows nothing, but its title is the name the page links to.
    // One that leads to a mail address is the newsroom's contact ("Kontakt"), not a writer.
    for (const auto* el : elements)
        if (ascii_lower(attr(el, "rel")) == "author" &&
            !(tag_name(el) == "link" && ascii_lower(attr(el, "href")).starts_with("mailto:")))
            add(clean_byline(tag_name(el) == "link" ? attr(el, "title") : text_of(el)));
    std::vector<std::string> names;
    for (const auto* el : elements) {
        if (!contains(ascii_lower(attr(el, "itemprop")), "author")) continue;
        // schema.org's Organization as the author is the publisher ("Московский Комсомолец").
        if (ascii_lower(attr(el, "itemtype")).ends_with("/organization")) continue;
        std::vector<const GumboNode*> inner;
        collect_elements(el, inner);
        // One author element may hold several people, a name each.
        std::vector<std::string> inner_names;
        for (const auto* n : inner)
            if (attr(n, "itemprop") == "name")
                inner_names.push_back(
                    clean_byline(attr(n, "content").empty() ? text_of(n) : attr(n, "content")));
        if (inner_names.empty()) inner_names.push_back(clean_byline(text_of(el)));
        for (auto& name : inner_names)
            if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
                names.push_back(std::move(name));
    }
    if (!names.empty()) {
        std::string joined;
        for (const auto& name : names) joined += (joined.empty() ? "" : " and ") + name;
        add(clean_byline(joined).empty() ? names.front() : joined);
    }
    for (const auto* el : elements) {
        const auto hints = class_and_id(el);
        // "autor" and "auteur" as most of Europe names the writer.
        static constexpr std::string_view named[] = {"byline", "author", "writer", "autor",
                                                     "auteur", "reporter", "journalist"};
        if (std::none_of(std::begin(named), std::end(named),
                         [&](std::string_view name) { return contains(hints, name); }))
            continue;
        // An <h1> named so is the page's title for an author's pages or a section's name
        // ("<h1 id="ifAuthor">Brasília</h1>"), not a byline (an <h2 class="byline"> may be).
        if (contains(hints, "bio") || contains(hints, "avatar") || contains(hints, "image") ||
            contains(hints, "photo") || in_comments(el) || tag_name(el) == "h1")
            continue;
        add(clean_byline(text_of(el)));
    }
    // An <address> in the article is its author's (HTML's own element for it); the page's
    // footer has the publisher's.
    for (const auto* el : elements) {
        if (tag_name(el) != "address" || in_comments(el)) continue;
        bool in_footer = false;
        for (const auto* p = el->parent; p && !in_footer; p = p->parent)
            in_footer = is_element(p) && (tag_name(p) == "footer" || contains(class_and_id(p), "footer"));
        if (!in_footer) add(clean_byline(text_of(el)));
    }
    // Unlabelled markup: an element whose whole text is one "By ..." line (a <br> would end
    // the line: what follows is a title or a date that text_of() runs on).
    for (const auto* el : elements) {
        if (is_junk_tag(el) || in_other_story(el)) continue;
        const auto text = text_of(el);
        if (text.size() > 120) continue;
        std::vector<const GumboNode*> inner;
        collect_elements(el, inner);
        const auto is_break = [](const GumboNode* n) { return tag_name(n) == "br"; };
        if (std::any_of(inner.begin(), inner.end(), is_break)) continue;
        if (parse_byline(text)) add(clean_byline(text));
    }
    return out;
}

bool names_site(std::string_view byline, std::string_view site) {
    const auto without_the = [](std::string key) {
        return key.starts_with("the ") ? key.substr(4) : key;
    };
    // A domain ("Mynet.com", "elmundo.es"): one word whose last part is a lower-case top level.
    const auto text = trim(byline);
    if (const auto dot = text.rfind('.'); dot != std::string_view::npos && dot > 0 &&
        text.find(' ') == std::string_view::npos && text.size() - dot >= 3 && text.size() - dot <= 7 &&
        std::all_of(text.begin() + dot + 1, text.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return true;
    // Letters and digits only, a host's "www." and top level gone: "lebensmittelpraxis".
    const auto squeezed = [](std::string_view name) {
        auto lower = to_lower(trim(name));
        if (lower.starts_with("www.")) lower.erase(0, 4);
        if (const auto dot = lower.rfind('.'); dot != std::string::npos && dot > 0 &&
                                               lower.find(' ') == std::string::npos)
            lower.resize(dot);
        std::string out;
        for (const char c : lower)
            if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) out += c;
        return out;
    };
    const auto site_squeezed = squeezed(site);
    if (!site_squeezed.empty()) {
        if (squeezed(byline) == site_squeezed) return true;
        // The site's name and newsroom words after it: "RTL Online", "ET Online".
        static constexpr std::string_view newsroom[] = {"online", "news", "digital", "staff",
                                                        "team", "desk", "newsroom", "redaktion",
                                                        "redacci\u00f3n", "reda\u00e7\u00e3o",
                                                        "redazione", "r\u00e9daction"};
        std::vector<std::string> words;
        const auto lower = to_lower(trim(byline));
        for (std::size_t start = 0; start < lower.size();) {
            auto end = lower.find(' ', start);
            if (end == std::string::npos) end = lower.size();
            if (end > start) words.push_back(lower.substr(start, end - start));
            start = end + 1;
        }
        if (words.size() >= 2 && squeezed(words.front()) == site_squeezed &&
            std::all_of(words.begin() + 1, words.end(), [](const std::string& w) {
                return std::find(std::begin(newsroom), std::end(newsroom), w) != std::end(newsroom);
            }))
            return true;
    }
    const auto key = without_the(comparison_key(byline));
    const auto site_key = without_the(comparison_key(site));
    if (key.empty() || !site_key.starts_with(key)) return false;
    // The whole name or its first words, not a word cut short: "Mynet" of "Mynet Haber".
    return site_key.size() == key.size() || site_key[key.size()] == ' ';
}

/// The names of a byline, each as comparison_key() gives it, split at " and ", ", " and
/// " & " (in any case: "Glen Owen And Brendan Carlin").
std::vector<std::string> byline_names(std::string_view byline) {
    std::vector<std::string> names;
    const auto lower = ascii_lower(byline);
    std::string_view rest = byline;
    std::string_view rest_lower = lower;
    while (!rest.empty()) {
        const auto cut = std::min({rest_lower.find(" and "), rest_lower.find(", "), rest_lower.find(" & ")});
        names.push_back(comparison_key(rest.substr(0, cut)));
        if (cut == std::string_view::npos) break;
        const auto skip = cut + (rest_lower.substr(cut).starts_with(", ") ? 2 : rest_lower[cut + 1] == '&' ? 3 : 5);
        rest.remove_prefix(skip);
        rest_lower.remove_prefix(skip);
    }
    return names;
}

std::string choose_byline(const std::vector<std::string>& declared,
                          const std::vector<std::string>& shown, const std::vector<std::string>& sites) {
    const auto usable = [&](const std::string& byline) {
        return !byline.empty() && std::none_of(sites.begin(), sites.end(), [&](const std::string& site) {
                   return names_site(byline, site);
               });
    };
    const std::string* partly = nullptr;
    for (const auto& d : declared) {
        if (!usable(d)) continue;
        // Each name on its own: "Ann Lee and Bo Chan" is shown as "Ann Lee in Madrid and Bo Chan".
        const auto names = byline_names(d);
        const auto shown_names = [&](const std::string& s) {
            const auto key = comparison_key(s);
            return static_cast<std::size_t>(std::count_if(names.begin(), names.end(),
                [&](const std::string& name) { return contains(key, name); }));
        };
        // The page's own spelling when it is no longer ("Steve Gillman" for "Gillman, Steve").
        for (const auto& s : shown)
            if (shown_names(s) == names.size()) return s.size() <= d.size() ? s : d;
        if (!partly && std::any_of(shown.begin(), shown.end(), shown_names)) partly = &d;
    }
    // Names shown one element each: the declared list that holds one of them.
    if (partly) return *partly;
    for (const auto& s : shown)
        if (usable(s)) return s;
    for (const auto& d : declared)
        if (usable(d)) return d;
    return {};
}

}  // namespace morgue::index::html
