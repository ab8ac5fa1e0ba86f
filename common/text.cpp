// UTF-8 checks, Latin-1 repair and label normalisation.
#include "common/text.hpp"

#include <xapian.h>

namespace morgue {

std::size_t find_invalid_utf8(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) noexcept {
    return find_invalid_utf8(text) == std::string_view::npos;
}

unsigned windows_1252_code_point(unsigned char byte) noexcept {
    // Windows-1252's printable characters in 0x80-0x9F, which real "Latin-1" text uses.
    static constexpr unsigned cp1252[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    return byte >= 0x80 && byte < 0xA0 ? cp1252[byte - 0x80] : byte;
}

std::string latin1_to_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const unsigned char c : text) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        Xapian::Unicode::append_utf8(out, windows_1252_code_point(c));
    }
    return out;
}

namespace {

bool is_space_at(std::string_view text, std::size_t i, std::size_t& width) noexcept {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        width = 1;
        return true;
    }
    // U+00A0 no-break space, U+2009 thin space, U+200B zero width space, U+3000 ideographic space
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
        width = 2;
        return true;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
        const auto d = static_cast<unsigned char>(text[i + 2]);
        if ((d >= 0x80 && d <= 0x8B) || d == 0xAF) {
            width = 3;
            return true;
        }
    }
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {
        width = 3;
        return true;
    }
    return false;
}

}  // namespace

std::string_view trim(std::string_view text) noexcept {
    std::size_t width = 0;
    while (!text.empty() && is_space_at(text, 0, width)) text.remove_prefix(width);
    while (!text.empty()) {
        // Find the start of the last character and test it.
        std::size_t start = text.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        if (!is_space_at(text, start, width) || start + width != text.size()) break;
        text.remove_suffix(width);
    }
    return text;
}

std::string squeeze_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    // Bytes that are never part of a space, whatever follows: most of any text. Snippets
    // squeeze every hit's passage, so runs of them are copied in one piece.
    const auto plain = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > ' ' && u < 0xC2;
    };
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (!plain(text[i]) && is_space_at(text, i, width)) {
            if (out.empty() || out.back() != ' ') out.push_back(' ');
            i += width;
            continue;
        }
        auto end = i + 1;
        while (end < text.size() && plain(text[end])) ++end;
        out.append(text, i, end - i);
        i = end;
    }
    return out;
}

std::string collapse_whitespace(std::string_view text) {
    auto out = squeeze_whitespace(text);
    if (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

std::string to_lower(std::string_view text) {
    return Xapian::Unicode::tolower(std::string{text});
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string group_thousands(std::uint64_t n) {
    const auto digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash) noexcept {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string normalize_label(std::string_view text, std::size_t max_bytes) {
    auto out = to_lower(collapse_whitespace(text));
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

}  // namespace morgue
