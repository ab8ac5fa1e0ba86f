// JSON-LD of a page: walking objects, lists and @graph for the article's facts.
#include "indexer/formats/html/json_ld.hpp"

#include "common/text.hpp"
#include "indexer/formats/sgml.hpp"

#include <simdjson.h>

#include <map>
#include <string_view>

namespace morgue::index::html {

namespace {

/// A string value, whitespace collapsed and its character references decoded: JSON is not
/// HTML, yet pages write "Here&#8217;s" and "Jos&#xE9;" in it as they would in markup.
std::string json_string_or_empty(simdjson::dom::element e) {
    std::string_view s;
    if (e.get(s) == simdjson::SUCCESS) return collapse_whitespace(sgml::decode_text(s));
    return {};
}

/// A name from a string, a {"name": ...} object or a list of those, joined with " and ".
std::string json_names(simdjson::dom::element e) {
    if (auto s = json_string_or_empty(e); !s.empty()) return s;
    simdjson::dom::object obj;
    if (e.get(obj) == simdjson::SUCCESS) {
        simdjson::dom::element name;
        if (obj["name"].get(name) == simdjson::SUCCESS) return json_names(name);
        return {};
    }
    simdjson::dom::array arr;
    std::string out;
    if (e.get(arr) == simdjson::SUCCESS) {
        for (auto item : arr) {
            auto name = json_names(item);
            if (name.empty()) continue;
            if (!out.empty()) out += " and ";
            out += name;
        }
    }
    return out;
}

/// The "@id"s of `e`, an {"@id": ...} object or a list of those.
std::vector<std::string> referenced_ids(simdjson::dom::element e) {
    std::vector<std::string> ids;
    simdjson::dom::array arr;
    if (e.get(arr) == simdjson::SUCCESS) {
        for (auto item : arr)
            for (auto& id : referenced_ids(item)) ids.push_back(std::move(id));
        return ids;
    }
    std::string_view id;
    if (e["@id"].get(id) == simdjson::SUCCESS && !id.empty()) ids.emplace_back(id);
    return ids;
}

bool is_article_type(simdjson::dom::element type) {
    const auto check = [](std::string_view t) {
        return t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" ||
               t == "Report";
    };
    std::string_view s;
    if (type.get(s) == simdjson::SUCCESS) return check(s);
    simdjson::dom::array arr;
    if (type.get(arr) == simdjson::SUCCESS)
        for (auto item : arr)
            if (item.get(s) == simdjson::SUCCESS && check(s)) return true;
    return false;
}

void fill_linked_data(simdjson::dom::object obj, LinkedData& ld) {
    const auto take = [&](const char* key, std::string& field, bool names) {
        simdjson::dom::element e;
        if (!field.empty() || obj[key].get(e) != simdjson::SUCCESS) return;
        field = names ? json_names(e) : json_string_or_empty(e);
    };
    take("headline", ld.headline, false);
    take("datePublished", ld.date_published, false);
    take("dateCreated", ld.date_published, false);
    take("author", ld.author, true);
    take("creator", ld.author, true);
    take("publisher", ld.publisher, true);
    simdjson::dom::object publisher;
    std::string_view id;
    if (ld.publisher.empty() && ld.publisher_id.empty() &&
        obj["publisher"].get(publisher) == simdjson::SUCCESS &&
        publisher["@id"].get(id) == simdjson::SUCCESS)
        ld.publisher_id = std::string{id};
    if (simdjson::dom::element author; ld.author.empty() && ld.author_ids.empty() &&
                                       obj["author"].get(author) == simdjson::SUCCESS)
        ld.author_ids = referenced_ids(author);
    take("articleSection", ld.section, false);
    take("url", ld.url, false);
    simdjson::dom::element body;
    if (ld.body.empty() && obj["articleBody"].get(body) == simdjson::SUCCESS) {
        std::string_view s;
        if (body.get(s) == simdjson::SUCCESS) ld.body = std::string{s};
    }
}

/// Walks JSON-LD (objects, lists, @graph) and fills `ld` from article objects first.
void scan_linked_data(simdjson::dom::element e, LinkedData& ld, LinkedData& other,
                      std::map<std::string, std::string>& names, int depth) {
    if (depth > 6) return;
    simdjson::dom::array arr;
    if (e.get(arr) == simdjson::SUCCESS) {
        for (auto item : arr) scan_linked_data(item, ld, other, names, depth + 1);
        return;
    }
    simdjson::dom::object obj;
    if (e.get(obj) != simdjson::SUCCESS) return;
    std::string_view id;
    simdjson::dom::element name;
    if (obj["@id"].get(id) == simdjson::SUCCESS && obj["name"].get(name) == simdjson::SUCCESS)
        names.emplace(std::string{id}, json_string_or_empty(name));
    simdjson::dom::element graph;
    if (obj["@graph"].get(graph) == simdjson::SUCCESS)
        scan_linked_data(graph, ld, other, names, depth + 1);
    simdjson::dom::element type;
    const bool article = obj["@type"].get(type) == simdjson::SUCCESS && is_article_type(type);
    fill_linked_data(obj, article ? ld : other);
    // Some sites nest the article's facts in its page object; the article's own come first.
    simdjson::dom::object page;
    if (article && obj["mainEntityOfPage"].get(page) == simdjson::SUCCESS) fill_linked_data(page, ld);
    simdjson::dom::element main_entity;
    if (obj["mainEntity"].get(main_entity) == simdjson::SUCCESS)
        scan_linked_data(main_entity, ld, other, names, depth + 1);
}

/// The first whole JSON object or array of `text`, without what follows it: scraped
/// JSON-LD often ends in a stray brace or semicolon. Empty when none closes.
std::string_view first_json_value(std::string_view text) {
    const auto start = text.find_first_of("{[");
    if (start == std::string_view::npos) return {};
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return text.substr(start, i + 1 - start);
        }
    }
    return {};
}

/// `script` without the `<![CDATA[ ... ]]>` or `<!-- ... -->` an XHTML-minded page (or its
/// saver) wraps it in, with the `//` a page may put before either.
std::string_view unwrap_script(std::string_view script) {
    script = trim(script);
    const auto strip = [&](std::string_view open, std::string_view close) {
        auto s = script;
        if (s.starts_with("//")) s = trim(s.substr(2));
        if (!s.starts_with(open)) return false;
        s = trim(s.substr(open.size()));
        if (s.ends_with(close)) s = trim(s.substr(0, s.size() - close.size()));
        if (s.ends_with("//")) s = trim(s.substr(0, s.size() - 2));
        script = s;
        return true;
    };
    if (!strip("<![CDATA[", "]]>")) strip("<!--", "-->");
    return script;
}

}  // namespace

LinkedData read_linked_data(const std::vector<std::string>& scripts) {
    LinkedData ld;
    LinkedData other;
    std::map<std::string, std::string> names;  // "@id" -> name, for references
    simdjson::dom::parser parser;
    for (const auto& script : scripts) {
        // Raw line breaks inside strings are common in scraped JSON-LD and not legal JSON.
        std::string cleaned{unwrap_script(script)};
        for (auto& c : cleaned)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        simdjson::dom::element root;
        if (parser.parse(simdjson::padded_string(cleaned)).get(root) != simdjson::SUCCESS) {
            const auto value = first_json_value(cleaned);
            if (value.empty() || value.size() == cleaned.size() ||
                parser.parse(simdjson::padded_string(value)).get(root) != simdjson::SUCCESS)
                continue;
        }
        scan_linked_data(root, ld, other, names, 0);
    }
    if (ld.publisher.empty() && !ld.publisher_id.empty())
        if (const auto it = names.find(ld.publisher_id); it != names.end()) ld.publisher = it->second;
    for (auto* facts : {&ld, &other}) {
        if (!facts->author.empty()) continue;
        for (const auto& id : facts->author_ids) {
            const auto it = names.find(id);
            if (it == names.end() || it->second.empty()) continue;
            if (!facts->author.empty()) facts->author += " and ";
            facts->author += it->second;
        }
    }
    const auto fallback = [](std::string& field, const std::string& alt) {
        if (field.empty()) field = alt;
    };
    fallback(ld.headline, other.headline);
    fallback(ld.date_published, other.date_published);
    fallback(ld.author, other.author);
    fallback(ld.publisher, other.publisher);
    return ld;
}

}  // namespace morgue::index::html
