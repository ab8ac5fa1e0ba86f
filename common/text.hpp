// Small text utilities both sides need: UTF-8 checks, label normalisation, whitespace.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace morgue {

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

/// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// The character a Windows-1252 byte stands for (U+FFFD for its five unused bytes); for bytes
/// outside 0x80-0x9F the byte's own value, as ISO-8859-1 has it.
unsigned windows_1252_code_point(unsigned char byte) noexcept;

/// Converts ISO-8859-1 bytes to UTF-8 (Windows-1252's printable 0x80-0x9F included).
std::string latin1_to_utf8(std::string_view text);

/// Trims ASCII and Unicode no-break whitespace at both ends.
std::string_view trim(std::string_view text) noexcept;

/// Collapses every run of whitespace to one space and trims.
std::string collapse_whitespace(std::string_view text);

/// Collapses every run of whitespace to one space, a run at either end included (no trim):
/// for pieces of a longer text.
std::string squeeze_whitespace(std::string_view text);

/// The form a label takes in a boolean term: Unicode lower case, whitespace collapsed,
/// trimmed, cut to a whole UTF-8 character within `max_bytes`. Same rule at index and query time.
std::string normalize_label(std::string_view text, std::size_t max_bytes);

/// The 64-bit FNV-1a hash of `text`, continuing from `hash` (to hash several pieces as one).
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 1469598103934665603ULL) noexcept;

/// Unicode lower case.
std::string to_lower(std::string_view text);

/// {"a", "b"} -> "a, b": names listed in a message.
std::string join_names(const std::vector<std::string>& names);

/// 4200 -> "4,200": counts as people read them.
std::string group_thousands(std::uint64_t n);

}  // namespace morgue
