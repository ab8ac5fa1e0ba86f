// What a page's JSON-LD says about the article: headline, date, author, publisher, section,
// url and body.
#pragma once

#include <string>
#include <vector>

namespace morgue::index::html {

/// What the page's JSON-LD says about the article.
struct LinkedData {
    std::string headline;
    std::string date_published;
    std::string author;
    std::string publisher;
    std::string section;
    std::string url;
    std::string body;
    std::string publisher_id;  ///< "@id" of a publisher given only by reference
    std::vector<std::string> author_ids;  ///< "@id"s of authors given only by reference
};

/// Reads the JSON-LD `scripts` of one page (objects, lists, @graph, mainEntity), taking each
/// field from article objects (@type ...Article, BlogPosting, LiveBlogPosting, Report) first;
/// headline, date, author and publisher fall back to other objects, and a publisher or authors
/// given only by "@id" (as a @graph links its Article to its Person objects) take the names
/// other objects give those ids. A script wrapped in `<![CDATA[...]]>`
/// or `<!--...-->` is read inside the wrapper. Scripts that do not parse are skipped.
LinkedData read_linked_data(const std::vector<std::string>& scripts);

}  // namespace morgue::index::html
