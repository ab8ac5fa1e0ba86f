// Record scanning, element lookup and character-reference decoding for the SGML readers.
#include "indexer/formats/sgml.hpp"

#include "common/text.hpp"

#include <fmt/format.h>

#include <xapian.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace morgue::index::sgml {

namespace {

char ascii_upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

bool equal_ci(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_upper(a[i]) != ascii_upper(b[i])) return false;
    return true;
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Offset of `<` + `prefix` + name (case-insensitive) followed by `>`, whitespace or the end,
/// at or after `from`; `prefix` is "" for start tags and "/" for end tags.
std::size_t find_tag(std::string_view text, std::string_view prefix, std::string_view name,
                     std::size_t from) noexcept {
    const auto want = 1 + prefix.size() + name.size();
    for (auto pos = text.find('<', from); pos != std::string_view::npos;
         pos = text.find('<', pos + 1)) {
        if (text.size() - pos < want) return std::string_view::npos;
        if (text.compare(pos + 1, prefix.size(), prefix) != 0) continue;
        if (!equal_ci(text.substr(pos + 1 + prefix.size(), name.size()), name)) continue;
        const auto after = pos + want;
        if (after == text.size() || text[after] == '>' || is_space(text[after])) return pos;
    }
    return std::string_view::npos;
}

/// Named references found in news SGML (TREC's Federal Register adds &hyph; and &blank;).
constexpr std::array<std::pair<std::string_view, char32_t>, 44> named_entities = {{
    {"amp", U'&'},       {"lt", U'<'},        {"gt", U'>'},        {"quot", U'"'},
    {"apos", U'\''},     {"nbsp", U' '},      {"blank", U' '},     {"hyph", U'-'},
    {"mdash", U'—'},     {"ndash", U'–'},     {"hellip", U'…'},    {"lsquo", U'‘'},
    {"rsquo", U'’'},     {"ldquo", U'“'},     {"rdquo", U'”'},     {"bull", U'•'},
    {"copy", U'©'},      {"reg", U'®'},       {"deg", U'°'},       {"sect", U'§'},
    {"para", U'¶'},      {"cent", U'¢'},      {"pound", U'£'},     {"yen", U'¥'},
    {"euro", U'€'},      {"times", U'×'},     {"frac12", U'½'},    {"frac14", U'¼'},
    {"frac34", U'¾'},    {"eacute", U'é'},    {"egrave", U'è'},    {"aacute", U'á'},
    {"agrave", U'à'},    {"oacute", U'ó'},    {"uacute", U'ú'},    {"iacute", U'í'},
    {"ntilde", U'ñ'},    {"ccedil", U'ç'},    {"uuml", U'ü'},      {"ouml", U'ö'},
    {"auml", U'ä'},      {"szlig", U'ß'},     {"Eacute", U'É'},    {"acirc", U'â'},
}};

/// Appends the character a reference stands for; false when `ref` (without & and ;) is not
/// one we know.
bool append_reference(std::string& out, std::string_view ref) {
    if (ref.size() >= 2 && ref[0] == '#') {
        const bool hex = ref[1] == 'x' || ref[1] == 'X';
        const auto digits = ref.substr(hex ? 2 : 1);
        if (digits.empty()) return false;
        unsigned long code = 0;
        const auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
        if (ec != std::errc{} || end != digits.data() + digits.size()) return false;
        if (code == '\n' || code == '\t') {
            out.push_back(static_cast<char>(code));
        } else if (code == 0x7F) {
            out.push_back(' ');  // see decode_text()
        } else if (code < 0x20) {
            // Reuters wraps its text in &#2; ... &#3; and similar transmission codes.
        } else if (code >= 0x80 && code < 0xA0) {
            // C1 controls are never meant: pages that write them mean Windows-1252 ("&#150;"
            // is a dash), as HTML5 reads them.
            Xapian::Unicode::append_utf8(out, windows_1252_code_point(static_cast<unsigned char>(code)));
        } else if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            Xapian::Unicode::append_utf8(out, 0xFFFD);
        } else {
            Xapian::Unicode::append_utf8(out, static_cast<unsigned>(code));
        }
        return true;
    }
    for (const auto& [name, ch] : named_entities) {
        if (name == ref) {
            Xapian::Unicode::append_utf8(out, static_cast<unsigned>(ch));
            return true;
        }
    }
    return false;
}

}  // namespace

RecordScanner::RecordScanner(ByteSource& in, std::string_view tag)
    : m_lines(in), m_open(fmt::format("<{}", tag)), m_close(fmt::format("</{}", tag)) {}

bool RecordScanner::next(RawRecord& record) {
    const auto name = std::string_view{m_open}.substr(1);
    record.text.clear();
    record.closed = false;
    bool inside = false;
    std::size_t search_from = 0;  // where to look for the next start tag in the current line
    while (true) {
        if (!m_have_line) {
            if (!m_lines.next(m_line)) return inside;
            m_have_line = true;
            m_pos = 0;
            search_from = 0;
        }
        if (!inside) {
            const auto start = find_tag(m_line, "", name, m_pos);
            if (start == std::string::npos) {
                m_have_line = false;
                continue;
            }
            inside = true;
            record.line = m_lines.line_number();
            m_pos = start;
            search_from = start + 1;
        }
        const auto close = find_tag(m_line, "/", name, m_pos);
        const auto reopen = find_tag(m_line, "", name, std::max(search_from, m_pos));
        if (close != std::string::npos && (reopen == std::string::npos || close < reopen)) {
            auto end = m_line.find('>', close);
            end = end == std::string::npos ? m_line.size() : end + 1;
            record.text.append(m_line, m_pos, end - m_pos);
            m_pos = end;
            record.closed = true;
            return true;
        }
        if (reopen != std::string::npos) {
            // A new record opens before this one closed: this one is broken; the next call
            // starts from the new start tag.
            record.text.append(m_line, m_pos, reopen - m_pos);
            m_pos = reopen;
            return true;
        }
        record.text.append(m_line, m_pos);
        record.text.push_back('\n');
        m_have_line = false;
        search_from = 0;
    }
}

std::size_t find_start_tag(std::string_view text, std::string_view name, std::size_t from) {
    return find_tag(text, "", name, from);
}

std::optional<Element> find_element(std::string_view text, std::string_view name,
                                    std::size_t from) {
    const auto start = find_tag(text, "", name, from);
    if (start == std::string_view::npos) return std::nullopt;
    const auto start_end = text.find('>', start);
    if (start_end == std::string_view::npos) return std::nullopt;
    const auto close = find_tag(text, "/", name, start_end + 1);
    if (close == std::string_view::npos) return std::nullopt;
    auto close_end = text.find('>', close);
    close_end = close_end == std::string_view::npos ? text.size() : close_end + 1;
    const auto name_end = start + 1 + name.size();
    return Element{text.substr(name_end, start_end - name_end),
                   text.substr(start_end + 1, close - start_end - 1), close_end};
}

std::vector<std::string_view> find_all(std::string_view text, std::string_view name) {
    std::vector<std::string_view> contents;
    std::size_t from = 0;
    while (auto element = find_element(text, name, from)) {
        contents.push_back(element->content);
        from = element->end;
    }
    return contents;
}

std::optional<std::string_view> attribute(std::string_view attributes, std::string_view name) {
    std::size_t pos = 0;
    while (pos < attributes.size()) {
        while (pos < attributes.size() && is_space(attributes[pos])) ++pos;
        const auto key_start = pos;
        while (pos < attributes.size() && !is_space(attributes[pos]) && attributes[pos] != '=')
            ++pos;
        const auto key = attributes.substr(key_start, pos - key_start);
        while (pos < attributes.size() && is_space(attributes[pos])) ++pos;
        if (pos >= attributes.size() || attributes[pos] != '=') {
            if (key.empty()) ++pos;
            continue;  // a bare attribute without value
        }
        ++pos;
        while (pos < attributes.size() && is_space(attributes[pos])) ++pos;
        std::string_view value;
        if (pos < attributes.size() && (attributes[pos] == '"' || attributes[pos] == '\'')) {
            const char quote = attributes[pos++];
            auto end = attributes.find(quote, pos);
            if (end == std::string_view::npos) end = attributes.size();
            value = attributes.substr(pos, end - pos);
            pos = end + 1;
        } else {
            const auto value_start = pos;
            while (pos < attributes.size() && !is_space(attributes[pos])) ++pos;
            value = attributes.substr(value_start, pos - value_start);
        }
        if (equal_ci(key, name)) return value;
    }
    return std::nullopt;
}

std::string to_utf8(std::string_view raw) {
    if (is_valid_utf8(raw)) return std::string{raw};
    return latin1_to_utf8(raw);
}

std::string decode_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '&') {
            // References are short; a longer run is a bare ampersand in running text.
            const auto semi = text.find(';', i + 1);
            if (semi != std::string_view::npos && semi - i <= 12 &&
                append_reference(out, text.substr(i + 1, semi - i - 1))) {
                i = semi;
                continue;
            }
            out.push_back(c);
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
            continue;
        } else if (c == 0x7F) {
            // Wire copy has DEL where a character was rubbed out, usually between two
            // words ("for<DEL>the"): a space keeps the words apart.
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string strip_tags(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find('<', pos);
        if (open == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, open - pos));
        const auto close = text.find('>', open);
        if (close == std::string_view::npos) {
            out.append(text.substr(open));
            break;
        }
        pos = close + 1;
    }
    return out;
}

std::string inline_text(std::string_view content) {
    return collapse_whitespace(decode_text(strip_tags(content)));
}

std::string_view strip_by(std::string_view text) noexcept {
    text = trim(text);
    if (text.size() > 3 && equal_ci(text.substr(0, 3), "by ")) text = trim(text.substr(3));
    return text;
}

}  // namespace morgue::index::sgml
