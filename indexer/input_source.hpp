// Byte streams the readers consume: plain files, stdin, gzip (detected by magic), memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace morgue::index {

/// A forward-only stream of decompressed bytes. Read errors and truncated compressed data do
/// not throw: the stream ends early and error() says why, so a reader can still hand back
/// every whole record before the damage.
class ByteSource {
public:
    virtual ~ByteSource() = default;

    /// Up to `n` bytes into `buf`; 0 at the end of the data (or at an error).
    virtual std::size_t read(char* buf, std::size_t n) = 0;

    /// Why the stream ended early, if it did.
    virtual std::optional<std::string> error() const = 0;

    /// Bytes taken from the underlying file so far (compressed bytes for .gz): for progress.
    virtual std::uint64_t raw_bytes_read() const = 0;

    /// The 1-based line at which the stream ended early, when the source itself knows it
    /// (a conversion from another encoding); 0 when it does not.
    virtual std::size_t error_line() const { return 0; }
};

/// Opens `path` ("-" = stdin), transparently gunzipping when the data starts with the gzip
/// magic. Throws InputError when the file cannot be opened.
std::unique_ptr<ByteSource> open_byte_source(const std::string& path);

/// A source over bytes in memory (gzip-detected too): for tests and fuzzers.
std::unique_ptr<ByteSource> memory_byte_source(std::string data);

/// Reads lines from a source, tracking 1-based line numbers. Lines exclude the '\n' (and a
/// trailing '\r'). Lines longer than `max_line_bytes` are still returned whole; the reader
/// decides what to do with them.
class LineReader {
public:
    explicit LineReader(ByteSource& source);

    /// Next line into `line`; false at the end.
    bool next(std::string& line);

    /// Line number of the line last returned.
    std::size_t line_number() const noexcept { return m_line; }

private:
    bool fill();

    ByteSource& m_source;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_line = 0;
    bool m_eof = false;
};

/// Everything left in the source, up to `max_bytes` (the rest is dropped and `truncated` set).
std::string read_all(ByteSource& source, std::size_t max_bytes = std::size_t{1} << 30,
                     bool* truncated = nullptr);

/// 1-based line number of byte `offset` in `text`.
std::size_t line_at(std::string_view text, std::size_t offset) noexcept;

}  // namespace morgue::index
