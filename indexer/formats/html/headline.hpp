// Choosing the article's headline among what a page offers: its <h1>s, JSON-LD, social-card
// titles and <title>, by how they agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::html {

/// What a page offers as its headline, and the names that may be appended to one.
struct HeadlineCandidates {
    std::vector<std::string> h1s;       ///< every <h1> of the page with text, in document order
    std::string article_h1;             ///< the <h1> of the article (find_h1())
    std::string linked_data;            ///< JSON-LD headline
    std::vector<std::string> social;    ///< og:title, twitter:title (those present, in order)
    std::string title_element;          ///< <title> as written
    std::vector<std::string> names;     ///< site, publisher and author names of the page
};

/// True when `a` and `b` are the same text or `b` is `a` with something appended after a
/// separator (" | Site", " - Author", " (Published 2016)", "｜Site", "：Site"), compared case-
/// and quote-blind.
bool agrees_with(std::string_view a, std::string_view b);

/// The headline, in this order: an <h1> that another candidate confirms (agrees_with() it),
/// the article's <h1> (the page's first when the article has none) when it reads like a
/// headline of four words or more (title_words(), so that Chinese and Japanese count), the
/// JSON-LD headline, the first social title, any article <h1>, the <title>; an <h1> that is
/// one of `names` (a site logo) is never taken. A " | Name" / " - Name" / "｜Name" suffix is
/// cut from social and <title> texts when the name is one of `names`, when <title> has the
/// same suffix, or when the rest agrees with another candidate; <title> also loses a short
/// generic suffix (strip_site_suffix()). Whitespace collapsed; "" when the page offers nothing.
std::string choose_headline(const HeadlineCandidates& candidates);

}  // namespace morgue::index::html
