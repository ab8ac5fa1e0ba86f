// WARC reader (ISO 28500, 1.0 and 1.1): the HTML pages of web archives, one article per page,
// read record by record from the stream and handed to the HTML reader.
#include "indexer/formats/reader.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/encoding.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/page_meta.hpp"
#include "indexer/formats/registry.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace morgue::index {

namespace {

/// A record block (or a decoded payload) larger than this is passed over unread: WARC files
/// run to gigabytes and a single capture (a video, a disk image) may too.
constexpr std::uint64_t max_block_bytes = std::uint64_t{64} << 20;
constexpr std::string_view max_block_name = "64 MiB";

/// Bounds on one record's WARC header, so a damaged file cannot make a header of the rest.
constexpr std::size_t max_header_line_bytes = std::size_t{64} << 10;
constexpr std::size_t max_header_bytes = std::size_t{256} << 10;

/// Raw text kept with a rejected record (for --rejects).
constexpr std::size_t max_raw_bytes = std::size_t{64} << 10;

/// Lines scanned while looking for the next record need not be kept whole.
constexpr std::size_t max_scanned_line_bytes = 64;

constexpr std::string_view version_prefix = "WARC/1.";

using html::ascii_lower;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

/// Position of the first line in `text` that starts with "WARC/1.", or npos.
std::size_t find_version_line(std::string_view text) noexcept {
    if (text.starts_with(version_prefix)) return 0;
    const auto at = text.find(std::string{"\n"} + std::string{version_prefix});
    return at == std::string_view::npos ? at : at + 1;
}

/// A text cut to a short, printable quote for a message.
std::string quote(std::string_view text) {
    std::string out;
    for (const char c : text.substr(0, 40)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
    if (text.size() > 40) out += "...";
    if (find_invalid_utf8(out) != std::string::npos) return "(binary)";
    return "'" + out + "'";
}

/// A ByteSource read by lines and by byte counts, knowing the byte offset and the line number
/// of what comes next; bytes can be put back (to resynchronise inside a block already read).
class WarcStream {
public:
    explicit WarcStream(ByteSource& source) : m_source(source) {}

    std::uint64_t offset() const noexcept { return m_offset; }
    std::size_t line() const noexcept { return m_line; }

    /// The next line without its "\n" (and "\r"); false at the end. Only the first `max_bytes`
    /// of a longer line are kept (`cut` is set); the rest is consumed.
    bool next_line(std::string& line, std::size_t max_bytes, bool* cut = nullptr) {
        line.clear();
        if (cut) *cut = false;
        bool got = false;
        while (true) {
            const auto nl = m_buffer.find('\n', m_pos);
            const auto end = nl == std::string::npos ? m_buffer.size() : nl;
            if (end > m_pos) {
                got = true;
                const auto room = max_bytes - std::min(max_bytes, line.size());
                const auto piece = std::min(room, end - m_pos);
                if (piece < end - m_pos && cut) *cut = true;
                line.append(m_buffer, m_pos, piece);
                consume(end - m_pos);
            }
            if (nl != std::string::npos) {
                consume(1);
                m_line_end = "\n";
                if (!line.empty() && line.back() == '\r') {
                    line.pop_back();
                    m_line_end = "\r\n";
                }
                return true;
            }
            if (!fill()) {
                m_line_end = "";
                if (!line.empty() && line.back() == '\r') line.pop_back();
                return got;
            }
        }
    }

    /// What ended the line next_line() last gave: "\r\n", "\n", or "" at the end of the data.
    std::string_view line_end() const noexcept { return m_line_end; }

    /// Up to `n` bytes appended to `out`; fewer only at the end of the data.
    void take(std::size_t n, std::string& out) {
        while (n > 0) {
            if (m_pos == m_buffer.size() && !fill()) return;
            const auto piece = std::min(n, m_buffer.size() - m_pos);
            out.append(m_buffer, m_pos, piece);
            consume(piece);
            n -= piece;
        }
    }

    /// Passes over up to `n` bytes; returns how many there were.
    std::uint64_t skip(std::uint64_t n) {
        std::uint64_t skipped = 0;
        while (skipped < n) {
            if (m_pos == m_buffer.size() && !fill()) break;
            const auto piece = static_cast<std::size_t>(
                std::min<std::uint64_t>(n - skipped, m_buffer.size() - m_pos));
            consume(piece);
            skipped += piece;
        }
        return skipped;
    }

    /// Up to `n` of the next bytes, not consumed (fewer at the end of the data).
    std::string_view peek(std::size_t n) {
        while (m_buffer.size() - m_pos < n && fill()) {
        }
        return std::string_view(m_buffer).substr(m_pos, n);
    }

    /// Makes `bytes` (the last bytes consumed) the next ones again.
    void put_back(std::string_view bytes) {
        m_buffer = std::string(bytes) + m_buffer.substr(m_pos);
        m_pos = 0;
        m_offset -= bytes.size();
        m_line -= static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
    }

private:
    bool fill() {
        if (m_eof) return false;
        if (m_pos > 0) {
            m_buffer.erase(0, m_pos);
            m_pos = 0;
        }
        constexpr std::size_t chunk = std::size_t{1} << 16;
        const auto old = m_buffer.size();
        m_buffer.resize(old + chunk);
        const auto got = m_source.read(m_buffer.data() + old, chunk);
        m_buffer.resize(old + got);
        if (got == 0) m_eof = true;
        return got > 0;
    }

    void consume(std::size_t n) {
        const auto begin = m_buffer.begin() + static_cast<std::ptrdiff_t>(m_pos);
        m_line += static_cast<std::size_t>(std::count(begin, begin + static_cast<std::ptrdiff_t>(n), '\n'));
        m_pos += n;
        m_offset += n;
    }

    ByteSource& m_source;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::uint64_t m_offset = 0;
    std::size_t m_line = 1;
    bool m_eof = false;
    std::string_view m_line_end;
};

/// Named fields of a WARC or HTTP header, in order; names compared without case.
class HeaderFields {
public:
    void add(std::string_view name, std::string_view value) {
        m_fields.emplace_back(std::string(trim(name)), std::string(trim(value)));
    }
    void continue_last(std::string_view more) {
        if (m_fields.empty()) return;
        m_fields.back().second += ' ';
        m_fields.back().second += trim(more);
    }
    bool empty() const noexcept { return m_fields.empty(); }

    /// The first field called `name`, if present.
    std::optional<std::string_view> find(std::string_view name) const {
        for (const auto& [key, value] : m_fields)
            if (iequals(key, name)) return value;
        return std::nullopt;
    }
    std::string_view get(std::string_view name) const { return find(name).value_or(""); }

private:
    std::vector<std::pair<std::string, std::string>> m_fields;
};

/// Reads one "Name: value" header line (or a folded continuation) into `fields`; false for a
/// line that is neither.
bool add_header_line(std::string_view line, HeaderFields& fields) {
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
        fields.continue_last(line);
        return true;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || trim(line.substr(0, colon)).empty()) return false;
    fields.add(line.substr(0, colon), line.substr(colon + 1));
    return true;
}

/// "text/html; charset=utf-8" -> "text/html".
std::string media_type(std::string_view content_type) {
    return ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
}

bool is_html_type(std::string_view media) {
    return media == "text/html" || media == "application/xhtml+xml";
}

/// A URI as WARC writes it; some WARC/1.0 writers wrap it in angle brackets.
std::string_view bare_uri(std::string_view uri) {
    uri = trim(uri);
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    return uri;
}

/// An HTTP message as a WARC response record holds it.
struct HttpMessage {
    int status = 0;
    HeaderFields headers;
    std::string_view body;
};

/// The status line and headers of `block`; an error text for a garbled header block.
std::variant<HttpMessage, std::string> parse_http(std::string_view block) {
    HttpMessage message;
    const auto status_end = block.find('\n');
    auto status_line = block.substr(0, status_end);
    if (status_line.ends_with('\r')) status_line.remove_suffix(1);
    // "HTTP/1.1 200 OK": the version, then a three-digit code.
    const auto space = status_line.find(' ');
    if (!status_line.starts_with("HTTP/") || space == std::string_view::npos)
        return fmt::format("garbled HTTP status line {}", quote(status_line));
    const auto after_version = trim(status_line.substr(space + 1));
    const auto code = after_version.substr(0, 3);
    if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        (after_version.size() > 3 && after_version[3] != ' '))
        return fmt::format("garbled HTTP status line {}", quote(status_line));
    message.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    if (status_end == std::string_view::npos) return message;

    std::size_t pos = status_end + 1;
    while (true) {
        if (pos >= block.size()) {
            // Headers that end with the block: a message without a body (a redirect, say).
            return message;
        }
        const auto nl = block.find('\n', pos);
        auto line = block.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? block.size() : nl + 1;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty()) break;
        if (line.find('\0') != std::string_view::npos || !add_header_line(line, message.headers))
            return fmt::format("garbled HTTP header line {}", quote(line));
    }
    message.body = block.substr(pos);
    return message;
}

/// The data of a chunked body (RFC 9112, 7.1): chunks joined, extensions and trailers dropped.
/// A body cut inside a chunk (a capture truncated by the crawler) gives the chunks before the
/// cut plus the part of the cut one. nullopt when the body does not start with a chunk size:
/// some writers store the body de-chunked but keep the header.
std::optional<std::string> dechunk(std::string_view body) {
    std::string out;
    std::size_t pos = 0;
    bool first = true;
    while (pos < body.size()) {
        const auto nl = body.find('\n', pos);
        if (nl == std::string_view::npos) break;
        const auto size_line = body.substr(pos, nl - pos);
        const auto size_text = trim(size_line.substr(0, size_line.find(';')));
        std::uint64_t size = 0;
        const auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
        if (ec != std::errc{} || end != size_text.data() + size_text.size() || size_text.empty()) {
            if (first) return std::nullopt;
            break;
        }
        first = false;
        pos = nl + 1;
        if (size == 0) break;
        const auto piece = static_cast<std::size_t>(std::min<std::uint64_t>(size, body.size() - pos));
        out.append(body.substr(pos, piece));
        pos += piece;
        if (body.substr(pos, 2) == "\r\n") pos += 2;
        else if (body.substr(pos, 1) == "\n") pos += 1;
    }
    if (first) return std::nullopt;
    return out;
}

/// Why a compressed payload gave no page.
struct InflateFailure {
    std::string reason;
    bool too_large = false;
};

/// `data` inflated: gzip or zlib (detected), or raw deflate when `raw` is set. A stream cut
/// short is a failure unless `cut_expected` (the record says it was truncated).
std::variant<std::string, InflateFailure> inflate_payload(std::string_view data, bool raw,
                                                          bool cut_expected) {
    z_stream z{};
    if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK) return InflateFailure{"cannot start zlib"};
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    std::array<char, 1 << 16> chunk{};
    int rc = Z_OK;
    while (true) {
        z.next_out = reinterpret_cast<Bytef*>(chunk.data());
        z.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk.data(), chunk.size() - z.avail_out);
        if (out.size() > max_block_bytes) {
            inflateEnd(&z);
            return InflateFailure{"", true};
        }
        if (rc == Z_STREAM_END) break;
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
        if (rc != Z_OK) {
            std::string reason = z.msg ? z.msg : "corrupt data";
            inflateEnd(&z);
            return InflateFailure{std::move(reason)};
        }
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END && !cut_expected) return InflateFailure{"data cut short"};
    return out;
}

/// Where a record starts in the (decompressed) WARC stream.
struct RecordStart {
    std::uint64_t offset = 0;
    std::size_t line = 0;
};

/// What the record loop does after a record.
enum class Next { go_on, resync, stop };

/// One pass over one WARC input.
class WarcSession {
public:
    WarcSession(ByteSource& in, const InputContext& ctx, const RecordSink& sink)
        : m_in(in), m_ctx(ctx), m_sink(sink) {}

    void run() {
        std::string line;
        bool resyncing = false;
        while (true) {
            const RecordStart start{m_in.offset(), m_in.line()};
            if (!m_in.next_line(line, resyncing ? max_scanned_line_bytes : max_header_line_bytes))
                return;
            if (!line.starts_with(version_prefix)) {
                // The blank lines that end each record are skipped; anything else between
                // records is damage, reported once and passed over up to the next record.
                if (resyncing || trim(line).empty()) continue;
                resyncing = true;
                if (!damaged(start, fmt::format("no WARC/1.0 or WARC/1.1 version line (found {})",
                                                quote(line)),
                             line))
                    return;
                continue;
            }
            resyncing = false;
            const auto next = read_record(start, line);
            if (next == Next::stop) return;
            resyncing = next == Next::resync;
        }
    }

private:
    /// Reports a damaged record; false when the sink wants no more.
    bool damaged(const RecordStart& start, std::string_view why, std::string_view raw,
                 std::string record = {}) {
        return m_sink(RecordProblem{{m_ctx.display_path, start.line, std::move(record)},
                                    fmt::format("damaged WARC record at byte {}: {}", start.offset, why),
                                    std::string(raw.substr(0, max_raw_bytes))});
    }

    /// A record whose framing is damaged: the next record must be searched for.
    Next damaged_next(const RecordStart& start, std::string_view why, std::string_view raw,
                      std::string record = {}) {
        return damaged(start, why, raw, std::move(record)) ? Next::resync : Next::stop;
    }

    /// A whole record whose content is damaged: the next record follows it.
    Next damaged_content(const RecordStart& start, std::string_view why, std::string_view block,
                         std::string record) {
        return damaged(start, why, block, std::move(record)) ? Next::go_on : Next::stop;
    }

    Next passed_over(const RecordStart& start, std::string kind, std::string record) {
        return m_sink(PassedOver{{m_ctx.display_path, start.line, std::move(record)}, std::move(kind)})
                   ? Next::go_on
                   : Next::stop;
    }

    /// True when the bytes that follow a block show that its length was right: the two line
    /// ends that close a record (LF-only writers included), the end of the data, or (from
    /// writers that leave the line ends out) the next record's version line. What comes after
    /// the line ends is the next record's business.
    bool at_record_end() {
        const auto ahead = m_in.peek(256);
        if (ahead.starts_with("\r\n\r\n") || ahead.starts_with("\n\n")) return true;
        const auto rest = ahead.substr(std::min(ahead.find_first_not_of("\r\n"), ahead.size()));
        return rest.empty() || rest.starts_with(version_prefix);
    }

    /// After a block whose length was wrong, the next record may begin inside it: the block
    /// from its first version line is read again, else its last line (which may be the start
    /// of a version line the length cut in two).
    void resync_inside(std::string_view block) {
        auto at = find_version_line(block);
        if (at == std::string_view::npos) {
            const auto last_nl = block.rfind('\n');
            at = last_nl == std::string_view::npos ? 0 : last_nl + 1;
        }
        m_in.put_back(block.substr(at));
    }

    Next read_record(const RecordStart& start, const std::string& version_line) {
        std::string raw = version_line + "\r\n";
        const auto version = trim(version_line);
        if (version != "WARC/1.0" && version != "WARC/1.1")
            return damaged_next(start, fmt::format("bad version line {}", quote(version_line)), raw);

        HeaderFields fields;
        std::string line;
        while (true) {
            bool cut = false;
            if (!m_in.next_line(line, max_header_line_bytes, &cut))
                return damaged_next(start, "record header runs to the end of the file", raw);
            if (line.empty()) break;
            if (line.starts_with(version_prefix) && !cut) {
                // A header cut short by the next record: that record is read as usual.
                m_in.put_back(line + std::string(m_in.line_end()));
                return damaged_next(start, "record header ends without a blank line", raw);
            }
            raw += line + "\r\n";
            if (cut || raw.size() > max_header_bytes)
                return damaged_next(start, "record header too long", raw);
            if (!add_header_line(line, fields))
                return damaged_next(start, fmt::format("garbled header line {}", quote(line)), raw);
        }
        raw += "\r\n";
        const auto uri = std::string(bare_uri(fields.get("WARC-Target-URI")));
        const auto record = !uri.empty() ? uri : std::string(fields.get("WARC-Record-ID"));

        const auto length_field = fields.find("Content-Length");
        if (!length_field) return damaged_next(start, "missing Content-Length", raw, record);
        std::uint64_t length = 0;
        const auto length_text = trim(*length_field);
        const auto [end, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
        if (length_text.empty() || ec != std::errc{} || end != length_text.data() + length_text.size())
            return damaged_next(start, fmt::format("Content-Length is not a number ({})", quote(length_text)),
                                raw, record);

        if (length > max_block_bytes) {
            const auto skipped = m_in.skip(length);
            if (skipped < length)
                return damaged_next(start, fmt::format("Content-Length {} runs past the end of the file", length),
                                    raw, record);
            if (!at_record_end())
                return damaged_next(start, fmt::format("Content-Length {} does not end where a record ends", length),
                                    raw, record);
            return passed_over(start, fmt::format("WARC record over {}", max_block_name), record);
        }
        std::string block;
        m_in.take(static_cast<std::size_t>(length), block);
        if (block.size() < length) {
            raw += block.substr(0, max_raw_bytes);
            resync_inside(block);
            return damaged_next(start,
                                fmt::format("Content-Length {} runs past the end of the file ({} bytes follow)",
                                            length, block.size()),
                                raw, record);
        }
        if (!at_record_end()) {
            raw += block.substr(0, max_raw_bytes);
            resync_inside(block);
            return damaged_next(start,
                                fmt::format("Content-Length {} does not end where a record ends",
                                            length),
                                raw, record);
        }
        return read_block(start, fields, block, record);
    }

    Next read_block(const RecordStart& start, const HeaderFields& fields, std::string& block,
                    const std::string& record) {
        const auto type = ascii_lower(fields.get("WARC-Type"));
        if (type == "response") return read_response(start, fields, block, record);
        if (type == "resource") {
            if (!is_html_type(media_type(fields.get("Content-Type"))))
                return passed_over(start, "WARC resource that is not a page", record);
            return read_page(start, fields, std::move(block), charset_of_content_type(fields.get("Content-Type")),
                             record);
        }
        static constexpr std::string_view known[] = {"request",  "metadata",   "warcinfo",
                                                     "revisit",  "conversion", "continuation"};
        for (const auto name : known)
            if (type == name) return passed_over(start, fmt::format("WARC {} record", name), record);
        if (type.empty()) {
            return damaged_content(start, "missing WARC-Type", block, record);
        }
        return passed_over(start, "WARC record of an unknown type", record);
    }

    Next read_response(const RecordStart& start, const HeaderFields& fields, std::string_view block,
                       const std::string& record) {
        static constexpr std::string_view not_a_page = "WARC response that is not a page";
        // dns: lookups (text/dns), FTP and other captures that are not HTTP are passed over; a
        // block labelled HTTP that does not start like HTTP is damaged (parse_http says so).
        const auto warc_type = media_type(fields.get("Content-Type"));
        if (warc_type.empty() ? !block.starts_with("HTTP/") : warc_type != "application/http")
            return passed_over(start, std::string(not_a_page), record);
        auto parsed = parse_http(block);
        if (const auto* error = std::get_if<std::string>(&parsed))
            return damaged_content(start, *error, block, record);
        const auto& http = std::get<HttpMessage>(parsed);
        if (http.status < 200 || http.status > 299 || http.status == 204)
            return passed_over(start, std::string(not_a_page), record);

        const auto content_type = http.headers.get("Content-Type");
        const auto media = media_type(content_type);
        const auto is_page = media.empty() ? detect_format("", http.body.substr(0, 4096)) == Format::html
                                           : is_html_type(media);
        if (!is_page) return passed_over(start, std::string(not_a_page), record);

        // Only the headers as sent are applied. Common Crawl stores bodies decoded and renames
        // the headers that no longer hold (X-Crawler-Content-Encoding,
        // X-Crawler-Transfer-Encoding), so those are never looked at.
        std::string body(http.body);
        if (contains_token(http.headers.get("Transfer-Encoding"), "chunked")) {
            if (auto data = dechunk(body)) body = std::move(*data);
        }
        const auto encoding = ascii_lower(trim(http.headers.get("Content-Encoding")));
        if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
            const bool cut_expected = fields.find("WARC-Truncated").has_value();
            auto inflated = inflate_payload(body, false, cut_expected);
            if (encoding == "deflate" && std::holds_alternative<InflateFailure>(inflated) &&
                !std::get<InflateFailure>(inflated).too_large)
                inflated = inflate_payload(body, true, cut_expected);  // raw deflate, as some servers send
            if (const auto* failure = std::get_if<InflateFailure>(&inflated)) {
                if (failure->too_large)
                    return passed_over(start, fmt::format("WARC record over {}", max_block_name), record);
                return damaged_content(start,
                                       fmt::format("{} payload does not decode ({})", encoding, failure->reason),
                                       block, record);
            }
            body = std::move(std::get<std::string>(inflated));
        } else if (!encoding.empty() && encoding != "identity") {
            return passed_over(start, "WARC page in an encoding not read", record);
        }
        return read_page(start, fields, std::move(body), charset_of_content_type(content_type), record);
    }

    static bool contains_token(std::string_view list, std::string_view token) {
        while (!list.empty()) {
            const auto comma = list.find(',');
            if (iequals(trim(list.substr(0, comma)), token)) return true;
            if (comma == std::string_view::npos) break;
            list.remove_prefix(comma + 1);
        }
        return false;
    }

    /// Hands an HTML page to the HTML reader, as one article named by its URI.
    Next read_page(const RecordStart& start, const HeaderFields& fields, std::string page,
                   const std::string& charset, const std::string& record) {
        static constexpr std::string_view no_text_kind = "WARC page with no article text";
        if (trim(page).empty()) return passed_over(start, std::string(no_text_kind), record);
        if (record.empty()) return damaged_content(start, "missing WARC-Target-URI", page, record);
        InputContext page_ctx;
        page_ctx.display_path = m_ctx.display_path;
        page_ctx.relative_id = record;
        page_ctx.fallback_date = parse_date(fields.get("WARC-Date"));
        if (!page_ctx.fallback_date) page_ctx.fallback_date = m_ctx.fallback_date;
        page_ctx.charset = !charset.empty() ? charset : m_ctx.charset;

        auto source = memory_byte_source(std::move(page));
        bool go_on = true;
        reader_for(Format::html).read(*source, page_ctx, [&](ParsedRecord&& parsed) {
            if (auto* article = std::get_if<Article>(&parsed)) {
                article->id = record;
                article->url = record;
                if (article->source.empty()) article->source = html::host_of(record);
            } else if (auto* problem = std::get_if<RecordProblem>(&parsed)) {
                // In a web archive most pages (section fronts, search pages, help pages) have no
                // article text: passed over, not errors.
                if (problem->reason == no_article_text_reason) {
                    parsed = PassedOver{{m_ctx.display_path, start.line, record}, std::string(no_text_kind)};
                } else {
                    problem->where = {m_ctx.display_path, start.line, record};
                    problem->reason = fmt::format("page in the WARC record at byte {}: {}", start.offset,
                                                  problem->reason);
                }
            }
            go_on = m_sink(std::move(parsed));
            return go_on;
        });
        return go_on ? Next::go_on : Next::stop;
    }

    WarcStream m_in;
    const InputContext& m_ctx;
    const RecordSink& m_sink;
};

class WarcReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        WarcSession(in, ctx, sink).run();
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_warc_reader() { return std::make_unique<WarcReader>(); }

}  // namespace morgue::index
