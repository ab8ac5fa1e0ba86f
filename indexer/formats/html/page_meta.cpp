// Meta tags, title, canonical link and charset of a page; site names in titles and URLs.
#include "indexer/formats/html/page_meta.hpp"

#include "common/text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/sgml.hpp"

#include <algorithm>

namespace morgue::index::html {

PageMeta read_page_meta(const std::vector<const GumboNode*>& elements) {
    PageMeta page;
    for (const auto* el : elements) {
        const auto name = tag_name(el);
        if (name == "meta") {
            if (auto cs = attr(el, "charset"); !cs.empty()) page.charset = ascii_lower(trim(cs));
            // Some page savers write the content under "value" (<meta value=... name=...>).
            // A content escaped twice ("Australia&amp;#039;s") still holds references once read.
            const auto content = collapse_whitespace(sgml::decode_text(
                has_attr(el, "content") ? attr(el, "content") : attr(el, "value")));
            if (ascii_lower(attr(el, "http-equiv")) == "content-type") {
                const auto lower = ascii_lower(content);
                if (const auto at = lower.find("charset="); at != std::string::npos)
                    page.charset = std::string{trim(std::string_view(lower).substr(at + 8))};
            }
            if (content.empty()) continue;
            for (const char* key_attr : {"property", "name", "itemprop"}) {
                const auto key = ascii_lower(trim(attr(el, key_attr)));
                if (key.empty()) continue;
                if (key == "article:tag") page.tags.push_back(content);
                page.meta.emplace(key, content);
            }
        } else if (name == "title" && page.title_element.empty()) {
            page.title_element = sgml::decode_text(text_of(el));
        } else if (name == "link") {
            const auto rel = ascii_lower(attr(el, "rel"));
            if (rel == "canonical" && page.canonical.empty())
                page.canonical = std::string{trim(attr(el, "href"))};
        } else if (name == "script" && contains(ascii_lower(attr(el, "type")), "ld+json")) {
            std::string json;
            for (const auto* child : children(el))
                if (is_text(child)) json += child->v.text.text;
            page.json_ld.push_back(std::move(json));
        }
    }
    return page;
}

std::string meta_value(const PageMeta& page, std::initializer_list<std::string_view> keys) {
    for (const auto key : keys)
        if (const auto it = page.meta.find(key); it != page.meta.end() && !it->second.empty())
            return it->second;
    return {};
}

std::string host_of(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    auto host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#:"));
    if (host.starts_with("www.")) host.remove_prefix(4);
    return ascii_lower(host);
}

namespace {

/// True for the code points of ideographs and kana, scripts that put no spaces between words.
bool is_unspaced_script(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

}  // namespace

std::size_t title_words(std::string_view title) {
    std::size_t words = 0;
    std::size_t unspaced_run = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < title.size();) {
        const auto lead = static_cast<unsigned char>(title[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t c = length == 1 ? lead : lead & (0x3F >> (length - 1));
        for (std::size_t k = 1; k < length && i + k < title.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(title[i + k]) & 0x3F);
        i += length;
        if (is_unspaced_script(c)) {
            ++unspaced_run;
            in_word = false;
            continue;
        }
        words += (unspaced_run + 1) / 2;
        unspaced_run = 0;
        if (c == ' ') in_word = false;
        else if (!in_word) {
            in_word = true;
            ++words;
        }
    }
    return words + (unspaced_run + 1) / 2;
}

std::string strip_site_suffix(std::string_view title, std::string_view only_if) {
    // The fullwidth bar of Chinese and Japanese titles comes without spaces around it.
    static constexpr std::string_view separators[] = {" | ", " - ", " \u2014 ", " \u2013 ",
                                                      " :: ", " \u00b7 ", " \u2022 ", "\uff5c"};
    std::size_t best = std::string_view::npos;
    std::size_t sep_len = 0;
    for (const auto sep : separators) {
        const auto at = title.rfind(sep);
        if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) {
            best = at;
            sep_len = sep.size();
        }
    }
    if (best == std::string_view::npos || best == 0) return std::string{title};
    const auto head = trim(title.substr(0, best));
    const auto tail = trim(title.substr(best + sep_len));
    if (!only_if.empty()) {
        if (to_lower(tail) == to_lower(only_if)) return std::string{head};
        return std::string{title};
    }
    if (title_words(tail) <= 5 && title_words(head) >= 3) return strip_site_suffix(head, {});
    return std::string{title};
}

std::string site_suffix(std::string_view title) {
    const auto head = strip_site_suffix(title, {});
    if (head.size() >= title.size()) return {};
    const auto tail = trim(title.substr(head.size()));
    // Drop the separator itself.
    if (tail.starts_with("\uff5c")) return std::string{trim(tail.substr(3))};
    const auto space = tail.find(' ');
    return space == std::string_view::npos ? std::string{} : std::string{trim(tail.substr(space))};
}

}  // namespace morgue::index::html
