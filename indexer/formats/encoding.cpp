// Character encodings: web names mapped to iconv's, whole texts and streams converted to UTF-8.
#include "indexer/formats/encoding.hpp"

#include "common/error.hpp"
#include "common/text.hpp"

#include <fmt/format.h>

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <optional>
#include <utility>

namespace morgue::index {

namespace {

/// What a (normalised) name is converted as: "" for UTF-8, "windows-1252" for the Latin-1
/// family (converted without iconv), else the iconv name.
std::string conversion_name(std::string_view name) {
    static constexpr std::array<std::string_view, 3> utf8 = {"utf-8", "utf8", "unicode-1-1-utf-8"};
    static constexpr std::array<std::string_view, 14> latin1 = {
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
        "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii", "ansi_x3.4-1968"};
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> web = {{
        {"gb2312", "GBK"}, {"gbk", "GBK"}, {"x-gbk", "GBK"}, {"csgb2312", "GBK"},
        {"chinese", "GBK"}, {"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"},
        {"x-sjis", "CP932"}, {"ms_kanji", "CP932"}, {"windows-31j", "CP932"},
        {"csshiftjis", "CP932"}, {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"},
        {"big5", "BIG5-HKSCS"}, {"x-mac-roman", "MACINTOSH"},
    }};
    if (std::find(utf8.begin(), utf8.end(), name) != utf8.end()) return "";
    if (std::find(latin1.begin(), latin1.end(), name) != latin1.end()) return "windows-1252";
    for (const auto& [label, iconv_name] : web)
        if (label == name) return std::string(iconv_name);
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c); });
    return upper;
}

/// One iconv conversion to UTF-8; closed on destruction.
class Converter {
public:
    explicit Converter(const std::string& from) : m_cd(iconv_open("UTF-8", from.c_str())) {}
    ~Converter() {
        if (ok()) iconv_close(m_cd);
    }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;

    bool ok() const noexcept { return m_cd != reinterpret_cast<iconv_t>(-1); }

    enum class Stop { done, invalid, incomplete };

    /// Converts as much of `in` as it can, appending to `out`; `used` says how many bytes of
    /// `in` were taken.
    Stop convert(std::string_view in, std::string& out, std::size_t& used) {
        auto* src = const_cast<char*>(in.data());
        std::size_t src_left = in.size();
        std::array<char, 16384> buffer{};
        for (;;) {
            char* dst = buffer.data();
            std::size_t dst_left = buffer.size();
            const auto result = iconv(m_cd, &src, &src_left, &dst, &dst_left);
            const auto error = errno;
            out.append(buffer.data(), buffer.size() - dst_left);
            used = in.size() - src_left;
            if (result != static_cast<std::size_t>(-1)) return Stop::done;
            if (error == E2BIG) continue;
            return error == EINVAL ? Stop::incomplete : Stop::invalid;
        }
    }

private:
    iconv_t m_cd;
};

std::string display_name(std::string_view charset) {
    std::string upper(charset);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c); });
    return upper;
}

class DecodingSource : public ByteSource {
public:
    DecodingSource(ByteSource& inner, std::string charset, std::string conversion)
        : m_inner(inner), m_charset(std::move(charset)),
          m_conversion(std::move(conversion)) {
        if (m_conversion != "windows-1252") m_converter.emplace(m_conversion);
    }

    std::size_t read(char* buf, std::size_t n) override {
        while (m_pos == m_out.size() && fill()) {
        }
        const auto take = std::min(n, m_out.size() - m_pos);
        std::copy_n(m_out.data() + m_pos, take, buf);
        m_pos += take;
        return take;
    }
    std::optional<std::string> error() const override {
        if (m_error) return m_error;
        return m_inner.error();
    }
    std::uint64_t raw_bytes_read() const override { return m_inner.raw_bytes_read(); }
    std::size_t error_line() const override { return m_error ? m_lines + 1 : 0; }

private:
    /// Converts the next chunk; false at the end of the input or at an invalid byte.
    bool fill() {
        if (m_done) return false;
        m_out.clear();
        m_pos = 0;
        std::array<char, 65536> chunk{};
        const auto got = m_inner.read(chunk.data(), chunk.size());
        m_pending.append(chunk.data(), got);
        if (got == 0) m_done = true;
        if (m_pending.empty()) return false;
        if (!m_converter) {
            m_out = latin1_to_utf8(m_pending);
            m_lines += static_cast<std::size_t>(std::count(m_out.begin(), m_out.end(), '\n'));
            m_offset += m_pending.size();
            m_pending.clear();
            return true;
        }
        std::size_t used = 0;
        const auto stop = m_converter->convert(m_pending, m_out, used);
        m_offset += used;
        m_pending.erase(0, used);
        m_lines += static_cast<std::size_t>(std::count(m_out.begin(), m_out.end(), '\n'));
        if (stop == Converter::Stop::invalid || (stop == Converter::Stop::incomplete && m_done)) {
            m_error = fmt::format("invalid {} bytes at byte {}", display_name(m_charset), m_offset);
            m_done = true;
        }
        return !m_out.empty() || !m_done;
    }

    ByteSource& m_inner;
    std::string m_charset;
    std::string m_conversion;
    std::optional<Converter> m_converter;
    std::string m_pending;   ///< input bytes not converted yet (a character cut by a chunk)
    std::string m_out;
    std::size_t m_pos = 0;
    std::uint64_t m_offset = 0;  ///< input bytes converted so far
    std::size_t m_lines = 0;     ///< line breaks converted so far
    bool m_done = false;
    std::optional<std::string> m_error;
};

}  // namespace

std::string normalize_charset(std::string_view name) {
    auto text = trim(name);
    while (!text.empty() && (text.front() == '"' || text.front() == '\'')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == '"' || text.back() == '\'')) text.remove_suffix(1);
    return to_lower(trim(text));
}

bool is_utf8_charset(std::string_view name) {
    return conversion_name(normalize_charset(name)).empty();
}

bool is_known_charset(std::string_view name) {
    const auto conversion = conversion_name(normalize_charset(name));
    if (conversion.empty() || conversion == "windows-1252") return true;
    return Converter(conversion).ok();
}

std::variant<std::string, DecodeError> decode_to_utf8(std::string_view bytes,
                                                      std::string_view charset) {
    const auto name = normalize_charset(charset);
    const auto conversion = conversion_name(name);
    if (conversion.empty()) {
        if (const auto bad = find_invalid_utf8(bytes); bad != std::string_view::npos)
            return DecodeError{bad, fmt::format("invalid UTF-8 at byte {}", bad)};
        return std::string(bytes);
    }
    if (conversion == "windows-1252") return latin1_to_utf8(bytes);
    Converter converter(conversion);
    if (!converter.ok()) return DecodeError{0, fmt::format("unknown encoding '{}'", charset)};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    std::size_t used = 0;
    if (converter.convert(bytes, out, used) != Converter::Stop::done)
        return DecodeError{used, fmt::format("invalid {} bytes at byte {}", display_name(name), used)};
    return out;
}

std::string charset_of_content_type(std::string_view content_type) {
    const auto lower = to_lower(content_type);
    auto at = lower.find("charset");
    if (at == std::string::npos) return "";
    at = lower.find('=', at);
    if (at == std::string::npos) return "";
    auto value = std::string_view(lower).substr(at + 1);
    value = value.substr(0, value.find(';'));
    return normalize_charset(value);
}

std::string xml_declared_encoding(std::string_view head) {
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    head = trim(head);
    if (!head.starts_with("<?xml")) return "";
    const auto end = head.find("?>");
    const auto decl = head.substr(0, end);
    const auto key = decl.find("encoding");
    if (key == std::string_view::npos) return "";
    auto rest = decl.substr(key + 8);
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos) return "";
    rest = trim(rest.substr(eq + 1));
    if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) return "";
    const auto quote = rest.front();
    const auto close = rest.find(quote, 1);
    if (close == std::string_view::npos) return "";
    return normalize_charset(rest.substr(1, close - 1));
}

namespace {

/// Hands out another source's bytes unchanged (UTF-8 needs no conversion).
class BorrowedSource : public ByteSource {
public:
    explicit BorrowedSource(ByteSource& inner) : m_inner(inner) {}
    std::size_t read(char* buf, std::size_t n) override { return m_inner.read(buf, n); }
    std::optional<std::string> error() const override { return m_inner.error(); }
    std::uint64_t raw_bytes_read() const override { return m_inner.raw_bytes_read(); }

private:
    ByteSource& m_inner;
};

}  // namespace

std::unique_ptr<ByteSource> decoding_byte_source(ByteSource& inner, std::string_view charset) {
    const auto name = normalize_charset(charset);
    auto conversion = conversion_name(name);
    if (conversion.empty()) return std::make_unique<BorrowedSource>(inner);
    if (!is_known_charset(name))
        throw UsageError(fmt::format("unknown encoding '{}' (iconv names such as ISO-8859-15, "
                                     "WINDOWS-1251, SHIFT_JIS, GB18030; see 'iconv --list')",
                                     charset));
    return std::make_unique<DecodingSource>(inner, name, std::move(conversion));
}

}  // namespace morgue::index
