// The tag, class, id and role lists that tell page furniture from article containers.
#include "indexer/formats/html/element_hints.hpp"

#include "common/text.hpp"
#include "indexer/formats/html/dom.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

namespace morgue::index::html {

bool is_junk_tag(const GumboNode* node) {
    static const std::set<std::string, std::less<>> tags = {
        "script", "style",  "noscript", "nav",    "aside",    "footer",   "header",
        "form",   "button", "iframe",   "svg",    "figure",   "figcaption", "select",
        "textarea", "input", "template", "object", "embed",   "canvas",   "video",
        "audio",  "picture", "img",     "menu",   "dialog",   "label",    "math",
        "head",   "title",  "link",     "meta",   "source"};
    const auto name = tag_name(node);
    return tags.contains(name) || name.starts_with("amp-");
}

bool is_hidden(const GumboNode* node) {
    if (has_attr(node, "hidden")) return true;
    if (ascii_lower(attr(node, "aria-hidden")) == "true") return true;
    std::string style;
    for (const char c : ascii_lower(attr(node, "style")))
        if (c != ' ') style.push_back(c);
    return contains(style, "display:none") || contains(style, "visibility:hidden");
}

std::string class_and_id(const GumboNode* node) {
    return ascii_lower(fmt::format("{} {}", attr(node, "class"), attr(node, "id")));
}

namespace {

/// Words of class/id names: "article-body__share js_social" -> article body share js social.
std::vector<std::string> hint_tokens(std::string_view hints) {
    std::vector<std::string> tokens;
    std::string token;
    for (const char c : hints) {
        if (c == ' ' || c == '-' || c == '_') {
            if (!token.empty()) tokens.push_back(std::move(token));
            token.clear();
        } else {
            token.push_back(c);
        }
    }
    if (!token.empty()) tokens.push_back(std::move(token));
    return tokens;
}

}  // namespace

bool marks_other_stories(const GumboNode* node) {
    const auto hints = class_and_id(node);
    static constexpr std::string_view parts[] = {"related", "recirc", "popular", "trending",
                                                 "recommend", "more-stories", "teaser", "promo",
                                                 "outbrain", "taboola"};
    return std::any_of(std::begin(parts), std::end(parts),
                       [&](std::string_view part) { return contains(hints, part); });
}

bool has_negative_hint(const GumboNode* node) {
    const auto role = ascii_lower(attr(node, "role"));
    if (role == "navigation" || role == "complementary" || role == "banner" ||
        role == "contentinfo" || role == "dialog" || role == "search" || role == "alertdialog")
        return true;
    const auto hints = class_and_id(node);
    if (trim(hints).empty()) return false;
    if (marks_other_stories(node)) return true;
    static constexpr std::string_view parts[] = {
        "comment", "newsletter", "cookie", "social", "share", "sharing", "sidebar", "footer",
        "subscribe", "popup", "modal", "banner", "breadcrumb", "sponsor", "advert", "byline",
        "caption", "credit", "signup", "sign-up", "disqus", "pagination", "author-bio",
        "readmore", "read-more", "skip", "toolbar", "widget", "sr-only", "visually-hidden",
        "screen-reader", "gdpr", "consent", "masthead", "dateline-meta", "tag-list", "taglist",
        "keywords", "timestamp", "paid-content", "partner", "login", "paywall-prompt",
        "inline-cta", "cta-",
        // embedded posts of social sites: the post's text, not the article's
        "twitter-tweet", "instagram-media", "tiktok-embed", "fb-post"};
    for (const auto part : parts)
        if (contains(hints, part)) return true;
    static const std::set<std::string, std::less<>> tokens = {
        "ad", "ads", "adv", "adslot", "dfp", "gpt", "nav", "menu", "header", "hidden", "meta",
        "tools", "print", "tags", "topics", "author", "bio", "rail", "aside", "overlay",
        "date", "time", "published", "updated", "headline", "kicker", "crumbs"};
    for (const auto& token : hint_tokens(hints))
        if (tokens.contains(token)) return true;
    return false;
}

bool has_positive_hint(std::string_view hints) {
    static constexpr std::string_view parts[] = {"article", "body", "content", "entry", "main",
                                                 "post", "story", "text", "blog"};
    for (const auto part : parts)
        if (contains(hints, part)) return true;
    return false;
}

namespace {

/// Whether `hints` (lower case) names an article body container.
bool names_article_body(std::string_view hints) {
    static constexpr std::string_view names[] = {
        "article-body", "articlebody", "article__body", "story-body", "storybody", "story__body",
        "entry-content", "post-content", "post-body", "post__content", "article-content",
        "article__content", "story-content", "article-text", "story-text", "body-text",
        "content-body", "body-copy", "article-copy", "rich-text", "td-post-content",
        "liveblog-body", "live-blog-body"};
    for (const auto name : names)
        if (contains(hints, name)) return true;
    return false;
}

}  // namespace

bool has_body_class(const GumboNode* node) { return names_article_body(ascii_lower(attr(node, "class"))); }

bool has_lead_class(const GumboNode* node) {
    static constexpr std::string_view words[] = {"lead", "standfirst", "intro", "dek"};
    const auto classes = ascii_lower(attr(node, "class"));
    std::size_t start = 0;
    while (start < classes.size()) {
        const auto end = classes.find_first_of(" -_", start);
        const auto part = std::string_view{classes}.substr(start, end - start);
        if (std::find(std::begin(words), std::end(words), part) != std::end(words)) return true;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return false;
}

bool holds_article_body(const GumboNode* node) {
    for (const auto* child : children(node)) {
        if (!is_element(child)) continue;
        auto hints = class_and_id(child);
        std::replace(hints.begin(), hints.end(), '_', '-');
        if (tag_name(child) == "article" || attr(child, "itemprop") == "articleBody" ||
            names_article_body(hints) || holds_article_body(child))
            return true;
    }
    return false;
}

}  // namespace morgue::index::html
