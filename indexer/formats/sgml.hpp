// Helpers shared by the SGML readers (Reuters-21578, TREC): records, elements, entities.
#pragma once

#include "indexer/input_source.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::sgml {

/// One `<TAG ...>...</TAG>` record cut from a stream, markup included.
struct RawRecord {
    std::string text;      ///< from the opening `<` to the end of the closing tag (or of the data)
    std::size_t line = 0;  ///< 1-based line the opening tag is on
    bool closed = false;   ///< false when the closing tag is missing: the record then ends where
                           ///< the next one opens, or at the end of the input
};

/// Cuts the records of one element type out of a stream, line by line, so the input is never
/// held whole. Text between records (a DOCTYPE line, blank lines) is skipped. Tag names match
/// without regard to case.
class RecordScanner {
public:
    /// `tag` is the bare element name ("REUTERS", "DOC").
    RecordScanner(ByteSource& in, std::string_view tag);

    /// The next record into `record`; false at the end of the input.
    bool next(RawRecord& record);

private:
    LineReader m_lines;
    std::string m_open;   ///< "<TAG"
    std::string m_close;  ///< "</TAG"
    std::string m_line;
    std::size_t m_pos = 0;
    bool m_have_line = false;
};

/// An element found in a record; views into the searched text.
struct Element {
    std::string_view attributes;  ///< what follows the name inside the start tag
    std::string_view content;     ///< between the start and end tags
    std::size_t end = 0;          ///< offset just past the end tag
};

/// The first `<NAME ...>...</NAME>` at or after `from` (names match without regard to case;
/// same-name nesting is not followed). nullopt when the start or end tag is missing.
std::optional<Element> find_element(std::string_view text, std::string_view name,
                                    std::size_t from = 0);

/// The content of every `<NAME>` element in `text`, in order.
std::vector<std::string_view> find_all(std::string_view text, std::string_view name);

/// The value of attribute `name` in a start tag's attribute text (`NEWID="12"`, `TYPE=BRIEF`),
/// or nullopt.
std::optional<std::string_view> attribute(std::string_view attributes, std::string_view name);

/// Offset of the start tag `<NAME` (followed by `>` or whitespace) at or after `from`, or npos.
std::size_t find_start_tag(std::string_view text, std::string_view name, std::size_t from = 0);

/// `raw` as UTF-8: kept as is when valid, else read as Latin-1/Windows-1252.
std::string to_utf8(std::string_view raw);

/// Decodes character references (`&lt;`, `&#3;`, `&#x1F;`, common HTML names) and drops
/// control characters other than newline and tab. Unknown references stay as written.
std::string decode_text(std::string_view text);

/// Removes every tag (`<...>`) from `text`; the rest is left as is.
std::string strip_tags(std::string_view text);

/// Markup-free, decoded, whitespace-collapsed text of an element's content: for titles,
/// bylines and other one-line fields.
std::string inline_text(std::string_view content);

/// `text` without a leading "By " / "BY " (bylines).
std::string_view strip_by(std::string_view text) noexcept;

}  // namespace morgue::index::sgml
