// One news article as the readers produce it and the index stores it.
#pragma once

#include "common/date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace morgue {

struct Article {
    std::string id;                   ///< unique within the archive: record id, else path
    std::string title;                ///< headline; may be empty
    std::string body;                 ///< plain text, paragraphs separated by blank lines
    std::optional<Date> published;    ///< absent when neither record nor path gives one
    std::string source;               ///< publication or collection ("reuters21578", "nytimes.com")
    std::string byline;               ///< author(s) as written
    std::string url;
    std::string dateline;             ///< place as written in the dateline ("NAGATO, Japan")
    std::vector<std::string> places;  ///< place labels (Reuters PLACES, JSON "places")
    std::vector<std::string> topics;  ///< topic labels
};

}  // namespace morgue
