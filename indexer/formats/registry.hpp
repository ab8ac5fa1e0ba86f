// Format names, detection from path and content, and the reader for each format.
#pragma once

#include "indexer/formats/reader.hpp"

#include <string_view>
#include <vector>

namespace morgue::index {

enum class Format { automatic, jsonl, text, html, trec, reuters, feed, wapo, nitf, newsml, warc };

/// "auto", "jsonl", ...; throws UsageError listing the valid names.
Format parse_format_name(std::string_view name);
std::string_view format_name(Format format) noexcept;

/// Every name parse_format_name accepts, "auto" first: for help and messages.
std::vector<std::string_view> format_names();

/// Guesses the format of one input from its path (a .gz suffix is ignored) and its first
/// bytes (already decompressed). Content wins over the extension when they disagree in an
/// unambiguous way (an .sgm file holding <DOC> records is TREC); anything unrecognised is text.
Format detect_format(std::string_view path, std::string_view head);

/// True for formats whose documents name their own encoding (an HTML page's charset, an XML
/// declaration, a WARC record's HTTP header): --encoding is their fallback, not a conversion
/// of the whole input.
bool declares_own_encoding(Format format) noexcept;

/// The reader for a concrete format (not Format::automatic).
const FormatReader& reader_for(Format format);

/// Runs the reader for `format` over an in-memory input and collects every record: for tests
/// and tools.
std::vector<ParsedRecord> read_records(Format format, std::string_view content,
                                       const InputContext& ctx);

}  // namespace morgue::index
