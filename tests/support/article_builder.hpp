// Articles for unit tests: one call names every field a test sets.
#pragma once

#include "common/article.hpp"

#include <optional>
#include <string>
#include <vector>

namespace morgue::test {

/// An article with the given fields; the rest stay empty.
inline Article make_article(std::string id, std::string title, std::string body,
                            std::optional<Date> date, std::string source,
                            std::vector<std::string> topics = {},
                            std::vector<std::string> places = {}, std::string byline = {}) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.published = date;
    a.source = std::move(source);
    a.topics = std::move(topics);
    a.places = std::move(places);
    a.byline = std::move(byline);
    return a;
}

}  // namespace morgue::test
