// Headline, time and byline elements of a page: <h1>, <time datetime>, author markup.
#include "indexer/formats/html/markup_fields.hpp"

#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/element_hints.hpp"

#include <algorithm>

namespace morgue::index::html {

std::string find_h1(const std::vector<const GumboNode*>& elements,
                    const std::vector<const GumboNode*>& containers) {
    const GumboNode* article = nullptr;
    for (const auto* c : containers)
        for (const auto* p = c; p && !article; p = p->parent)
            if (is_element(p) && tag_name(p) == "article") article = p;
    for (const auto* el : elements)
        if (tag_name(el) == "h1" && (!article || is_inside(el, article)))
            if (auto text = text_of(el); !text.empty()) return text;
    return {};
}

std::vector<std::string> find_all_h1s(const std::vector<const GumboNode*>& elements) {
    std::vector<std::string> out;
    for (const auto* el : elements)
        if (tag_name(el) == "h1")
            if (auto text = text_of(el); !text.empty()) out.push_back(std::move(text));
    return out;
}

std::string find_time(const std::vector<const GumboNode*>& elements,
                      const std::vector<const GumboNode*>& containers) {
    std::string first;
    for (const auto* el : elements) {
        if (tag_name(el) != "time") continue;
        auto value = std::string{trim(attr(el, "datetime"))};
        if (value.empty()) continue;
        const bool in_article = std::any_of(containers.begin(), containers.end(), [&](const GumboNode* c) {
            return is_inside(el, c) || (c->parent && is_inside(el, c->parent));
        });
        const bool in_header = [&] {
            for (const auto* p = el->parent; p; p = p->parent)
                if (is_element(p) && (tag_name(p) == "article" || tag_name(p) == "header"))
                    return true;
            return false;
        }();
        if (in_article || in_header || has_attr(el, "pubdate")) return value;
        if (first.empty()) first = value;
    }
    return first;
}

std::string clean_byline(std::string_view text) {
    auto line = collapse_whitespace(text);
    if (auto names = parse_byline(line)) return *names;
    if (ascii_lower(line).starts_with("by ")) line = std::string{trim(line.substr(3))};
    if (line.empty() || line.size() > 100 ||
        std::count(line.begin(), line.end(), ' ') > 10)
        return {};
    return line;
}

std::string find_byline_element(const std::vector<const GumboNode*>& elements) {
    for (const auto* el : elements)
        if (ascii_lower(attr(el, "rel")) == "author" && tag_name(el) != "link")
            if (auto b = clean_byline(text_of(el)); !b.empty()) return b;
    for (const auto* el : elements) {
        if (!contains(ascii_lower(attr(el, "itemprop")), "author")) continue;
        std::vector<const GumboNode*> inner;
        collect_elements(el, inner);
        for (const auto* n : inner)
            if (attr(n, "itemprop") == "name") {
                auto value = attr(n, "content").empty() ? text_of(n) : collapse_whitespace(attr(n, "content"));
                if (auto b = clean_byline(value); !b.empty()) return b;
            }
        if (auto b = clean_byline(text_of(el)); !b.empty()) return b;
    }
    for (const auto* el : elements) {
        const auto hints = class_and_id(el);
        if (!contains(hints, "byline") && !contains(hints, "author")) continue;
        if (contains(hints, "bio") || contains(hints, "avatar") || contains(hints, "image") ||
            contains(hints, "photo"))
            continue;
        if (auto b = clean_byline(text_of(el)); !b.empty()) return b;
    }
    return {};
}

}  // namespace morgue::index::html
