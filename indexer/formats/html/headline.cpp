// Headline choice by agreement between the page's own heading and its metadata titles.
#include "indexer/formats/html/headline.hpp"

#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/page_meta.hpp"

#include <algorithm>

namespace morgue::index::html {

namespace {

bool is_name_of_page(std::string_view text, const std::vector<std::string>& names) {
    const auto key = comparison_key(text);
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& name) { return !name.empty() && comparison_key(name) == key; });
}

/// `title` without a separator suffix that the page confirms (see choose_headline()).
std::string strip_confirmed_suffix(std::string_view title, const HeadlineCandidates& c,
                                   const std::vector<std::string_view>& others) {
    auto head = strip_site_suffix(title, {});
    while (head.size() < title.size()) {
        const auto suffix = site_suffix(title);
        const bool named = is_name_of_page(suffix, c.names);
        const bool shared = !suffix.empty() && !c.title_element.empty() &&
                            comparison_key(site_suffix(c.title_element)) == comparison_key(suffix);
        const bool confirmed = std::any_of(others.begin(), others.end(), [&](std::string_view other) {
            return !other.empty() && comparison_key(other) != comparison_key(title) &&
                   agrees_with(head, other);
        });
        if (!named && !shared && !confirmed) break;
        title = std::string_view(title).substr(0, head.size());
        head = strip_site_suffix(title, {});
    }
    return collapse_whitespace(title);
}

/// True when `b` is `a` after a short label and a separator ("Politics | Headline",
/// "Olympische Spiele in Paris - Headline"), compared case- and quote-blind: a section or
/// kicker set before the headline.
bool follows_label(std::string_view a, std::string_view b) {
    const auto ka = comparison_key(a);
    const auto kb = comparison_key(b);
    if (ka.empty() || kb.size() < ka.size() + 4 || !kb.ends_with(ka)) return false;
    const auto label = std::string_view(kb).substr(0, kb.size() - ka.size());
    static constexpr std::string_view separators[] = {" | ", " - ", " \u2013 ", " \u2014 ",
                                                      " :: ", " \u00b7 ", " \u2022 ", "\uff5c"};
    for (const auto sep : separators) {
        if (!label.ends_with(sep)) continue;
        const auto words = title_words(label.substr(0, label.size() - sep.size()));
        return words >= 1 && words <= 6 && title_words(a) >= 4;
    }
    return false;
}

}  // namespace

bool agrees_with(std::string_view a, std::string_view b) {
    const auto ka = comparison_key(a);
    const auto kb = comparison_key(b);
    if (ka.empty() || kb.empty()) return false;
    if (ka == kb) return true;
    if (!kb.starts_with(ka) || kb.size() < ka.size() + 2) return false;
    // What follows must be appended after a separator, not the rest of a longer headline.
    const auto rest = std::string_view(kb).substr(ka.size());
    static constexpr std::string_view separators[] = {" | ", " - ", " \u2013 ", " \u2014 ", " :: ",
                                                      " \u00b7 ", " \u2022 ", " (", " \uff0d ",
                                                      " / ", " \u00bb ", "\uff5c", " \uff5c",
                                                      "\uff1a", " \uff1a"};
    return std::any_of(std::begin(separators), std::end(separators),
                       [&](std::string_view sep) { return rest.starts_with(sep); });
}

std::string choose_headline(const HeadlineCandidates& c) {
    std::vector<std::string_view> metadata{c.linked_data};
    for (const auto& s : c.social) metadata.push_back(s);
    metadata.push_back(c.title_element);

    for (const auto& h1 : c.h1s) {
        if (!looks_like_headline(h1) || is_name_of_page(h1, c.names)) continue;
        if (std::any_of(metadata.begin(), metadata.end(),
                        [&](std::string_view m) { return agrees_with(h1, m); }))
            return collapse_whitespace(h1);
    }
    // A label before the headline: in the metadata ("Kicker - Headline" confirms the <h1>
    // "Headline"), or in the <h1> ("Politics | Headline" where the metadata says "Headline").
    for (const auto& h1 : c.h1s) {
        if (!looks_like_headline(h1) || is_name_of_page(h1, c.names)) continue;
        for (const auto m : metadata) {
            if (m.empty()) continue;
            if (follows_label(h1, m) || follows_label(h1, strip_confirmed_suffix(m, c, metadata)))
                return collapse_whitespace(h1);
            if (follows_label(m, h1)) return collapse_whitespace(m);
        }
    }
    const bool article_h1 = looks_like_headline(c.article_h1) && !is_name_of_page(c.article_h1, c.names);
    // Outside the article's own markup the first <h1> is the page's heading (a logo is a name).
    const auto& own = c.article_h1.empty() && !c.h1s.empty() ? c.h1s.front() : c.article_h1;
    if (looks_like_headline(own) && !is_name_of_page(own, c.names) && title_words(own) >= 4)
        return collapse_whitespace(own);
    if (!c.linked_data.empty()) return strip_confirmed_suffix(c.linked_data, c, metadata);
    for (const auto& s : c.social)
        if (!s.empty()) return strip_confirmed_suffix(s, c, metadata);
    if (article_h1) return collapse_whitespace(c.article_h1);
    const auto title = strip_confirmed_suffix(c.title_element, c, metadata);
    return collapse_whitespace(strip_site_suffix(title, {}));
}

}  // namespace morgue::index::html
