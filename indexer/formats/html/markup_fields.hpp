// The headline, publication time and byline as the page's markup shows them (meta tags and
// JSON-LD are read elsewhere).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::html {

/// The article's <h1>: inside the containers' <article> if there is one, else the first.
/// "" when there is none with text.
std::string find_h1(const std::vector<const GumboNode*>& elements,
                    const std::vector<const GumboNode*>& containers);

/// The text of every <h1> of the page that has any, in document order.
std::vector<std::string> find_all_h1s(const std::vector<const GumboNode*>& elements);

/// The publication date from <time datetime>, preferring one inside the article or its header;
/// a <time> in a link or a list of other stories (marks_other_stories()) is theirs and never
/// taken, unless the link leads to the page itself (`page_url`, a path under it as a post's
/// permalink has, or a "#" fragment). Of the times in the chosen one's <header>, the earliest
/// (an "Updated" time is later). The attribute as written (trimmed); "" when no <time> has one.
std::string find_time(const std::vector<const GumboNode*>& elements,
                      const std::vector<const GumboNode*>& containers, std::string_view page_url);

/// The text of the first element whose class or id names a date, publication, byline or
/// author and whose text (200 bytes at most) holds a date parse_date() reads ("December 12,
/// 2016 7:00 AM", "Written by Ann Lee on 1 June 2019"), outside links and lists of other
/// stories; "" when there is none.
std::string find_date_text(const std::vector<const GumboNode*>& elements);

/// find_date_text() beside the article only: in its `containers`, their parents or an
/// <article>. A masthead's "Mon, 25 Dec 2023" elsewhere on the page is today's date, to be
/// taken only when the article shows no date of its own.
std::string find_article_date_text(const std::vector<const GumboNode*>& elements,
                                   const std::vector<const GumboNode*>& containers);

/// The text of the first element after the article's <h1> (find_h1(), else the page's first)
/// whose whole text is a date line (parse_date_line(): "August 06, 2019", "Posted May 3,
/// 2020 | Comments (79)"), before the text begins (a <p> of 80 bytes or more), outside links,
/// lists of other stories and comments; "" when there is none, or no <h1>.
std::string find_date_under_headline(const std::vector<const GumboNode*>& elements,
                                     const std::vector<const GumboNode*>& containers);

/// The first date the page shows its readers beside the article, as written: the text of
/// an itemprop="datePublished" element that is not a <meta>, else of a <time>, else of a
/// date-named element as find_date_text() takes it; only in the article's `containers`, their
/// parents or an <article> (a masthead's "Sunday, July 19, 2020" is today's date), outside
/// links and lists of other stories; "" when there is none.
std::string find_shown_date(const std::vector<const GumboNode*>& elements,
                            const std::vector<const GumboNode*>& containers);

/// "By Jane Doe" -> "Jane Doe", "Written by Jane Doe" -> "Jane Doe", "Jane Doe | jd@x.com"
/// -> "Jane Doe"; other short author texts as they are. "" for a bare "By", a URL, and texts
/// too long to be a byline (over 100 bytes or 10 spaces).
std::string clean_byline(std::string_view text);

/// The bylines the markup shows, best first, each cleaned: the rel="author" links (a <link>'s
/// title), the names of all itemprop="author" elements (each itemprop="name" inside one)
/// joined with " and ", then elements whose class or id names a byline, author, writer,
/// reporter or journalist ("autor", "auteur" too; not a bio, avatar or photo), then any element whose whole text is a "By ..." line
/// (parse_byline()) outside links and lists of other stories. Empty when there is none.
std::vector<std::string> find_byline_elements(const std::vector<const GumboNode*>& elements);

/// True when `byline` is the site's name or the words it opens with, a leading "The" aside
/// ("LinkNaija" of "LinkNaija | Nigeria's popular news platform", "Times Of India" of "The
/// Times of India"), the site's name written without its spaces or domain ("Lebensmittel
/// Praxis" of "Lebensmittelpraxis.de", "La República" of "LaRepública.pe"), that name and a
/// newsroom word ("RTL Online" of "rtl.de", "Spiegel Redaktion"), or a domain ("Mynet.com"):
/// the publisher, not a writer. `site` is a name or a host.
bool names_site(std::string_view byline, std::string_view site);

/// The byline among the metadata's author values (`declared`, in order of trust, cleaned) and
/// what the markup shows (`shown`, as find_byline_elements() gives it): the first declared
/// value whose every name (split at " and ", ", ", " & ") a shown byline contains (a meta
/// author of the publisher's name is not shown), as the page shows it when that is no longer;
/// else the first declared value of which a shown byline has one name; else the first shown;
/// else the first declared. Values that name the site (names_site() of any of `sites`) are
/// never taken.
std::string choose_byline(const std::vector<std::string>& declared,
                          const std::vector<std::string>& shown, const std::vector<std::string>& sites);

}  // namespace morgue::index::html
