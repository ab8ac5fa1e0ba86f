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

std::variant<std::string, ParseError> decode_document(std::string_view bytes,
                                                      std::string_view fallback_charset) {
    const auto [encoding, bom] = announced_encoding(bytes, fallback_charset);
    bytes.remove_prefix(bom);
    auto decoded = decode_to_utf8(bytes, encoding);
    if (auto* error = std::get_if<DecodeError>(&decoded))
        return ParseError{line_at(bytes, error->offset), error->reason};
    return std::move(std::get<std::string>(decoded));
}

std::variant<std::unique_ptr<pugi::xml_document>, ParseError> parse_text(std::string_view utf8) {
    auto doc = std::make_unique<pugi::xml_document>();
    // parse_default without parse_doctype: the DTD, internal subset included, is skipped.
    const auto result = doc->load_buffer(utf8.data(), utf8.size(),
                                         pugi::parse_default | pugi::parse_ws_pcdata_single,
                                         pugi::encoding_utf8);
    if (!result) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
        return ParseError{line_at(utf8, std::min(offset, utf8.size())),
                          fmt::format("not well-formed XML: {}", result.description())};
    }
    if (!doc->document_element())
        return ParseError{1, "not well-formed XML: no root element"};
    return doc;
}

std::variant<std::unique_ptr<pugi::xml_document>, ParseError> parse_document(
    std::string_view bytes, std::string_view fallback_charset) {
    auto decoded = decode_document(bytes, fallback_charset);
    if (auto* error = std::get_if<ParseError>(&decoded)) return std::move(*error);
    return parse_text(std::get<std::string>(decoded));
}

std::size_t line_of(const pugi::xml_node& node, std::string_view utf8) noexcept {
    const auto offset = node.offset_debug();
    if (offset < 0 || static_cast<std::size_t>(offset) > utf8.size()) return 0;
    return line_at(utf8, static_cast<std::size_t>(offset));
}

namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_start(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80;
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/// Offset just past the `>` that closes the markup declaration opening at `from` ("<!DOCTYPE
/// ..."), an internal subset in brackets, its comments and quoted strings included; npos when
/// cut short.
std::size_t skip_declaration(std::string_view head, std::size_t from) {
    char quote = 0;
    int depth = 0;
    for (auto i = from + 2; i < head.size(); ++i) {
        const char c = head[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (head.substr(i).starts_with("<!--")) {
            const auto end = head.find("-->", i + 4);
            if (end == std::string_view::npos) return end;
            i = end + 2;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            if (depth > 0) --depth;
        } else if (c == '>' && depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

}  // namespace

std::string root_element_name(std::string_view head) {
    std::size_t i = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (true) {
        while (i < head.size() && is_xml_space(head[i])) ++i;
        if (i >= head.size() || head[i] != '<') return {};
        const auto rest = head.substr(i);
        std::size_t next = std::string_view::npos;
        if (rest.starts_with("<?")) {
            if (const auto end = head.find("?>", i + 2); end != std::string_view::npos) next = end + 2;
        } else if (rest.starts_with("<!--")) {
            if (const auto end = head.find("-->", i + 4); end != std::string_view::npos) next = end + 3;
        } else if (rest.starts_with("<!")) {
            next = skip_declaration(head, i);
        } else {
            auto end = i + 1;
            if (end >= head.size() || !is_name_start(head[end])) return {};
            while (end < head.size() && is_name_char(head[end])) ++end;
            // A name running to the end of the head may be cut: not known whole.
            if (end >= head.size()) return {};
            const char after = head[end];
            if (!is_xml_space(after) && after != '>' && after != '/') return {};
            return std::string{head.substr(i + 1, end - i - 1)};
        }
        if (next == std::string_view::npos) return {};
        i = next;
    }
}

std::string_view local_part(std::string_view qualified) noexcept {
    const auto colon = qualified.rfind(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

std::string_view local_name(const pugi::xml_node& node) noexcept {
    return local_part(node.name());
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
    for (const auto& a : node.attributes())
        if (local_part(a.name()) == name) return a.value();
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
