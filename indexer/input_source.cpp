// Plain, stdin, gzip and in-memory byte sources, and a line reader over them.
#include "indexer/input_source.hpp"

#include "common/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace morgue::index {

namespace {

/// Raw bytes of a file or stdin, read with read(2) so that a pipe's data is handed on as it
/// arrives, and a signal (Ctrl-C) ends a blocked read instead of waiting for more input.
class FileSource : public ByteSource {
public:
    FileSource(int fd, bool owned) : m_fd(fd), m_owned(owned) {}
    ~FileSource() override {
        if (m_owned) ::close(m_fd);
    }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    std::size_t read(char* buf, std::size_t n) override {
        if (m_error || m_interrupted) return 0;
        const auto got = ::read(m_fd, buf, n);
        if (got < 0) {
            if (errno == EINTR)
                m_interrupted = true;
            else
                m_error = std::strerror(errno);
            return 0;
        }
        m_raw += static_cast<std::uint64_t>(got);
        return static_cast<std::size_t>(got);
    }
    std::optional<std::string> error() const override { return m_error; }
    std::uint64_t raw_bytes_read() const override { return m_raw; }

private:
    int m_fd;
    bool m_owned;
    bool m_interrupted = false;
    std::optional<std::string> m_error;
    std::uint64_t m_raw = 0;
};

/// In-memory bytes.
class MemorySource : public ByteSource {
public:
    explicit MemorySource(std::string data) : m_data(std::move(data)) {}
    std::size_t read(char* buf, std::size_t n) override {
        const auto take = std::min(n, m_data.size() - m_pos);
        std::memcpy(buf, m_data.data() + m_pos, take);
        m_pos += take;
        return take;
    }
    std::optional<std::string> error() const override { return std::nullopt; }
    std::uint64_t raw_bytes_read() const override { return m_pos; }

private:
    std::string m_data;
    std::size_t m_pos = 0;
};

/// Gunzips another source (concatenated gzip members included).
class GzipSource : public ByteSource {
public:
    GzipSource(std::unique_ptr<ByteSource> inner, std::string prefix)
        : m_inner(std::move(inner)), m_in(std::move(prefix)), m_chunk(1 << 16) {
        if (inflateInit2(&m_z, 15 + 32) != Z_OK) m_error = "cannot start gzip decoder";
    }
    ~GzipSource() override { inflateEnd(&m_z); }
    GzipSource(const GzipSource&) = delete;
    GzipSource& operator=(const GzipSource&) = delete;

    std::size_t read(char* buf, std::size_t n) override {
        if (m_error || m_done) return 0;
        m_z.next_out = reinterpret_cast<Bytef*>(buf);
        m_z.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
        while (m_z.avail_out > 0) {
            if (m_z.avail_in == 0 && !refill()) {
                if (m_mid_stream) m_error = "truncated gzip data";
                m_done = true;
                break;
            }
            const auto rc = inflate(&m_z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                m_mid_stream = false;
                // Another member may follow (as `cat a.gz b.gz` makes).
                if (m_z.avail_in == 0 && !refill()) {
                    m_done = true;
                    break;
                }
                inflateReset(&m_z);
                continue;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_error = std::string("corrupt gzip data: ") + (m_z.msg ? m_z.msg : "unknown");
                break;
            }
            m_mid_stream = true;
            if (rc == Z_BUF_ERROR && m_z.avail_in > 0) break;
        }
        return n - m_z.avail_out;
    }
    std::optional<std::string> error() const override {
        return m_error ? m_error : m_inner->error();
    }
    std::uint64_t raw_bytes_read() const override { return m_inner->raw_bytes_read(); }

private:
    bool refill() {
        if (!m_in.empty()) {
            m_chunk.assign(m_in.begin(), m_in.end());
            m_in.clear();
            m_z.next_in = reinterpret_cast<Bytef*>(m_chunk.data());
            m_z.avail_in = static_cast<uInt>(m_chunk.size());
            return true;
        }
        m_chunk.resize(1 << 16);
        const auto got = m_inner->read(m_chunk.data(), m_chunk.size());
        m_z.next_in = reinterpret_cast<Bytef*>(m_chunk.data());
        m_z.avail_in = static_cast<uInt>(got);
        return got > 0;
    }

    std::unique_ptr<ByteSource> m_inner;
    std::string m_in;
    std::vector<char> m_chunk;
    z_stream m_z{};
    std::optional<std::string> m_error;
    bool m_done = false;
    bool m_mid_stream = false;
};

/// Bytes already read from the inner source (for sniffing), then the rest of it.
class PrefixedSource : public ByteSource {
public:
    PrefixedSource(std::unique_ptr<ByteSource> inner, std::string prefix)
        : m_inner(std::move(inner)), m_prefix(std::move(prefix)) {}
    std::size_t read(char* buf, std::size_t n) override {
        if (m_pos < m_prefix.size()) {
            // The sniffed bytes plus what one read of the rest gives, so that a caller reading
            // a head to detect the format sees more than the two magic bytes.
            const auto take = std::min(n, m_prefix.size() - m_pos);
            std::memcpy(buf, m_prefix.data() + m_pos, take);
            m_pos += take;
            return take < n ? take + m_inner->read(buf + take, n - take) : take;
        }
        return m_inner->read(buf, n);
    }
    std::optional<std::string> error() const override { return m_inner->error(); }
    std::uint64_t raw_bytes_read() const override { return m_inner->raw_bytes_read(); }

private:
    std::unique_ptr<ByteSource> m_inner;
    std::string m_prefix;
    std::size_t m_pos = 0;
};

std::unique_ptr<ByteSource> sniff_gzip(std::unique_ptr<ByteSource> raw) {
    std::string head(2, '\0');
    std::size_t got = 0;
    while (got < 2) {
        const auto n = raw->read(head.data() + got, 2 - got);
        if (n == 0) break;
        got += n;
    }
    head.resize(got);
    if (got == 2 && static_cast<unsigned char>(head[0]) == 0x1F &&
        static_cast<unsigned char>(head[1]) == 0x8B)
        return std::make_unique<GzipSource>(std::move(raw), std::move(head));
    return std::make_unique<PrefixedSource>(std::move(raw), std::move(head));
}

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
    if (path == "-") return sniff_gzip(std::make_unique<FileSource>(STDIN_FILENO, false));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError({path, 0, {}}, std::strerror(errno));
    struct stat st{};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw InputError({path, 0, {}}, "is a directory");
    }
    return sniff_gzip(std::make_unique<FileSource>(fd, true));
}

std::unique_ptr<ByteSource> memory_byte_source(std::string data) {
    return sniff_gzip(std::make_unique<MemorySource>(std::move(data)));
}

LineReader::LineReader(ByteSource& source) : m_source(source) {}

bool LineReader::fill() {
    if (m_eof) return false;
    if (m_pos > 0) {
        m_buffer.erase(0, m_pos);
        m_pos = 0;
    }
    const auto old = m_buffer.size();
    const std::size_t chunk = std::max<std::size_t>(1 << 16, old);
    m_buffer.resize(old + chunk);
    const auto got = m_source.read(m_buffer.data() + old, chunk);
    m_buffer.resize(old + got);
    if (got == 0) m_eof = true;
    return got > 0;
}

bool LineReader::next(std::string& line) {
    std::size_t scanned = 0;  // bytes after m_pos already searched for '\n'
    while (true) {
        const auto nl = m_buffer.find('\n', m_pos + scanned);
        if (nl != std::string::npos) {
            auto end = nl;
            if (end > m_pos && m_buffer[end - 1] == '\r') --end;
            line.assign(m_buffer, m_pos, end - m_pos);
            m_pos = nl + 1;
            ++m_line;
            return true;
        }
        scanned = m_buffer.size() - m_pos;
        if (!fill()) {
            if (m_pos >= m_buffer.size()) return false;
            auto end = m_buffer.size();
            if (end > m_pos && m_buffer[end - 1] == '\r') --end;
            line.assign(m_buffer, m_pos, end - m_pos);
            m_pos = m_buffer.size();
            ++m_line;
            return true;
        }
    }
}

std::string read_all(ByteSource& source, std::size_t max_bytes, bool* truncated) {
    std::string out;
    char buf[1 << 16];
    if (truncated) *truncated = false;
    while (true) {
        const auto got = source.read(buf, sizeof buf);
        if (got == 0) break;
        if (out.size() + got > max_bytes) {
            out.append(buf, max_bytes - out.size());
            if (truncated) *truncated = true;
            break;
        }
        out.append(buf, got);
    }
    return out;
}

std::size_t line_at(std::string_view text, std::size_t offset) noexcept {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace morgue::index
