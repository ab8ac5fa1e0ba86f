// Character encodings of legacy archives: declarations read, bytes converted to UTF-8 (iconv).
#pragma once

#include "indexer/input_source.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace morgue::index {

/// A charset name in the form compared here: lower case, trimmed, quotes dropped
/// ("'Shift_JIS'" -> "shift_jis").
std::string normalize_charset(std::string_view name);

/// True for the names of UTF-8: bytes that need no conversion, only checking.
bool is_utf8_charset(std::string_view name);

/// True when the encoding can be converted (iconv knows it, under its own or the web's name).
bool is_known_charset(std::string_view name);

/// Where a conversion stopped: the offset of the first byte that is not valid in the encoding.
struct DecodeError {
    std::size_t offset = 0;
    std::string reason;  ///< "invalid SHIFT_JIS bytes at byte 12" or "unknown encoding 'x'"
};

/// `bytes` written in `charset`, as UTF-8. Names follow the web's rules where they differ from
/// iconv's (ISO-8859-1 and ASCII read as Windows-1252, GB2312 as GBK, Shift_JIS as Windows-31J,
/// as browsers do). UTF-8 is checked, not converted. Never throws.
std::variant<std::string, DecodeError> decode_to_utf8(std::string_view bytes,
                                                      std::string_view charset);

/// The charset parameter of a Content-Type value ("text/html; charset=ISO-8859-1" ->
/// "iso-8859-1"); "" when there is none.
std::string charset_of_content_type(std::string_view content_type);

/// The encoding an XML declaration at the start of `head` names
/// (`<?xml version="1.0" encoding="ISO-8859-1"?>` -> "iso-8859-1"); "" when none.
std::string xml_declared_encoding(std::string_view head);

/// A source that hands out `inner`'s bytes converted from `charset` to UTF-8, for line-based
/// formats read with --encoding; `inner` must outlive it. At the first invalid byte the
/// stream ends and error() names the byte offset in the input. Throws UsageError when the
/// encoding is unknown.
std::unique_ptr<ByteSource> decoding_byte_source(ByteSource& inner, std::string_view charset);

}  // namespace morgue::index
