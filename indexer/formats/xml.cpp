// pugixml behind the news-industry readers: encoding handled first, names matched without prefix.
#include "indexer/formats/xml.hpp"

#include "common/text.hpp"
#include "indexer/formats/encoding.hpp"
#include "indexer/input_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace morgue::index::xml {

namespace {

/// How deep the walks below go: real documents nest a few dozen levels; a hostile one nested
/// a million deep must not exhaust the stack.
constexpr int max_depth = 256;

/// The encoding the bytes announce, and how many bytes of byte-order mark to drop.
std::pair<std::string, std::size_t> announced_encoding(std::string_view bytes,
                                                       std::string_view fallback) {
    if (bytes.starts_with("\xEF\xBB\xBF")) return {"utf-8", 3};
    if (bytes.starts_with("\xFF\xFE")) return {"utf-16le", 2};
    if (bytes.starts_with("\xFE\xFF")) return {"utf-16be", 2};
    if (auto declared = xml_declared_encoding(bytes.substr(0, 1024)); !declared.empty())
        return {declared, 0};
    if (!fallback.empty()) return {normalize_charset(fallback), 0};
    return {"utf-8", 0};
}

bool is_block(std::string_view name) {
    static constexpr std::array<std::string_view, 22> blocks = {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2", "li", "blockquote", "pre", "td",
        "th", "dd", "dt", "div", "section", "media-caption", "caption", "figcaption", "tr"};
    return std::find(blocks.begin(), blocks.end(), name) != blocks.end();
}

void append_text(const pugi::xml_node& node, std::string& out, int depth = 0) {
    if (depth > max_depth) return;
    for (const auto& n : node.children()) {
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
            out += n.value();
        } else if (n.type() == pugi::node_element) {
            // A line break or block boundary inside inline text still separates words.
            const auto name = local_name(n);
            if (name == "br" || is_block(name)) out += ' ';
            append_text(n, out, depth + 1);
            if (is_block(name)) out += ' ';
        }
    }
}

void collect_paragraphs(const pugi::xml_node& node, const std::vector<std::string_view>& skip,
                        std::string& pending, std::vector<std::string>& out, int depth = 0) {
    if (depth > max_depth) return;
    const auto flush = [&] {
        auto paragraph = collapse_whitespace(pending);
        if (!paragraph.empty()) out.push_back(std::move(paragraph));
        pending.clear();
    };
    for (const auto& n : node.children()) {
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
            pending += n.value();
            continue;
        }
        if (n.type() != pugi::node_element) continue;
        const auto name = local_name(n);
        if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
        if (name == "br") {
            pending += ' ';
            continue;
        }
        if (!is_block(name)) {
            collect_paragraphs(n, skip, pending, out, depth + 1);
            continue;
        }
        flush();
        // A block holding blocks (a div of paragraphs) is their container, not one paragraph.
        const bool holds_blocks = std::any_of(n.children().begin(), n.children().end(),
                                              [](const pugi::xml_node& c) {
                                                  return c.type() == pugi::node_element &&
                                                         is_block(local_name(c));
                                              });
        if (holds_blocks) {
            collect_paragraphs(n, skip, pending, out, depth + 1);
            flush();
        } else {
            std::string text;
            append_text(n, text, depth + 1);
            pending = std::move(text);
            flush();
        }
    }
}

}  // namespace

std::variant<std::unique_ptr<pugi::xml_document>, ParseError> parse_document(
    std::string_view bytes, std::string_view fallback_charset) {
    const auto [encoding, bom] = announced_encoding(bytes, fallback_charset);
    bytes.remove_prefix(bom);
    auto decoded = decode_to_utf8(bytes, encoding);
    if (auto* error = std::get_if<DecodeError>(&decoded))
        return ParseError{line_at(bytes, error->offset), error->reason};
    auto& text = std::get<std::string>(decoded);
    auto doc = std::make_unique<pugi::xml_document>();
    // parse_default without parse_doctype: the DTD, internal subset included, is skipped.
    const auto result = doc->load_buffer(text.data(), text.size(),
                                         pugi::parse_default | pugi::parse_ws_pcdata_single,
                                         pugi::encoding_utf8);
    if (!result) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
        return ParseError{line_at(text, std::min(offset, text.size())),
                          fmt::format("not well-formed XML: {}", result.description())};
    }
    if (!doc->document_element())
        return ParseError{1, "not well-formed XML: no root element"};
    return doc;
}

std::string_view local_name(const pugi::xml_node& node) noexcept {
    std::string_view name = node.name();
    const auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
    for (const auto& c : node.children())
        if (c.type() == pugi::node_element && local_name(c) == name) return c;
    return {};
}

namespace {

void find_descendants(const pugi::xml_node& node, std::string_view name, bool first_only,
                      std::vector<pugi::xml_node>& found, int depth) {
    if (depth > max_depth) return;
    for (const auto& c : node.children()) {
        if (c.type() != pugi::node_element) continue;
        if (local_name(c) == name) {
            found.push_back(c);
            if (first_only) return;
        }
        find_descendants(c, name, first_only, found, depth + 1);
        if (first_only && !found.empty()) return;
    }
}

}  // namespace

pugi::xml_node descendant(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> found;
    find_descendants(node, name, true, found, 0);
    return found.empty() ? pugi::xml_node{} : found.front();
}

std::vector<pugi::xml_node> descendants(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> found;
    find_descendants(node, name, false, found, 0);
    return found;
}

std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
    for (const auto& a : node.attributes()) {
        std::string_view full = a.name();
        const auto colon = full.rfind(':');
        if ((colon == std::string_view::npos ? full : full.substr(colon + 1)) == name)
            return a.value();
    }
    return {};
}

std::string text(const pugi::xml_node& node) {
    std::string out;
    append_text(node, out);
    return collapse_whitespace(out);
}

std::vector<std::string> paragraphs(const pugi::xml_node& node,
                                    const std::vector<std::string_view>& skip) {
    std::vector<std::string> out;
    std::string pending;
    collect_paragraphs(node, skip, pending, out);
    auto last = collapse_whitespace(pending);
    if (!last.empty()) out.push_back(std::move(last));
    return out;
}

}  // namespace morgue::index::xml
