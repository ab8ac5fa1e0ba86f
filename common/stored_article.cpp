// A compact length-prefixed layout for the stored fields, and the body compressed apart.
#include "common/stored_article.hpp"

#include "common/error.hpp"
#include "common/schema.hpp"

#include <zstd.h>

#include <cstdint>
#include <memory>

namespace morgue {

namespace {

/// Version 2 keeps the body out of the document data.
constexpr char layout_version = '\x02';

/// First byte of an encoded body: how the rest is stored.
constexpr char body_raw = 'r';
constexpr char body_zstd = 'z';

/// Fast and still about as small as Xapian's own zlib compression of the document data.
constexpr int body_compression_level = 3;

/// Bodies shorter than this are stored as they are: compressing them saves nothing.
constexpr std::size_t body_compress_from = 64;

/// One compression and one decompression context per thread, reused for every article.
struct ZstdContexts {
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> compress{ZSTD_createCCtx(),
                                                                  &ZSTD_freeCCtx};
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> decompress{ZSTD_createDCtx(),
                                                                    &ZSTD_freeDCtx};
};

ZstdContexts& zstd_contexts() {
    thread_local ZstdContexts contexts;
    if (!contexts.compress || !contexts.decompress) throw Error("out of memory for zstd");
    return contexts;
}

std::string encode_body(std::string_view body) {
    if (body.empty()) return {};
    std::string out(1, body_raw);
    if (body.size() >= body_compress_from) {
        out.resize(1 + ZSTD_compressBound(body.size()));
        const auto n = ZSTD_compressCCtx(zstd_contexts().compress.get(), out.data() + 1,
                                         out.size() - 1, body.data(), body.size(),
                                         body_compression_level);
        if (!ZSTD_isError(n) && n < body.size()) {
            out[0] = body_zstd;
            out.resize(1 + n);
            return out;
        }
        out.resize(1);
    }
    out.append(body);
    return out;
}

void put_length(std::string& out, std::size_t n) {
    // Unsigned LEB128.
    do {
        auto byte = static_cast<std::uint8_t>(n & 0x7F);
        n >>= 7;
        if (n != 0) byte |= 0x80;
        out.push_back(static_cast<char>(byte));
    } while (n != 0);
}

void put(std::string& out, std::string_view field) {
    put_length(out, field.size());
    out.append(field);
}

class Cursor {
public:
    /// Throws Error when `data` is not of this layout.
    explicit Cursor(std::string_view data) : m_data(data) {
        if (data.empty() || data[0] != layout_version)
            throw Error("stored article data is of an unknown layout");
    }

    std::string_view next() {
        std::size_t n = 0;
        int shift = 0;
        while (true) {
            if (m_pos >= m_data.size() || shift > 56) fail();
            const auto byte = static_cast<std::uint8_t>(m_data[m_pos++]);
            n |= static_cast<std::size_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) break;
            shift += 7;
        }
        if (n > m_data.size() - m_pos) fail();
        const auto field = m_data.substr(m_pos, n);
        m_pos += n;
        return field;
    }

    std::vector<std::string> next_list() {
        std::vector<std::string> items;
        const auto count = next_count();
        for (std::size_t i = 0; i < count; ++i) items.emplace_back(next());
        return items;
    }

private:
    std::size_t next_count() {
        const auto text = next();
        std::size_t count = 0;
        if (text.empty() || text.size() > 9) fail();
        for (const char c : text) {
            if (c < '0' || c > '9') fail();
            count = count * 10 + static_cast<std::size_t>(c - '0');
        }
        return count;
    }

    [[noreturn]] static void fail() { throw Error("stored article data is damaged"); }
    std::string_view m_data;
    std::size_t m_pos = 1;
};

void put_list(std::string& out, const std::vector<std::string>& items) {
    put(out, std::to_string(items.size()));
    for (const auto& item : items) put(out, item);
}

}  // namespace

EncodedArticle encode_stored_article(const Article& a) {
    std::string out;
    out.reserve(a.title.size() + 128);
    out.push_back(layout_version);
    put(out, a.id);
    put(out, a.title);
    put(out, a.published ? a.published->compact() : std::string{});
    put(out, a.source);
    put(out, a.byline);
    put(out, a.url);
    put(out, a.dateline);
    put_list(out, a.places);
    put_list(out, a.topics);
    return {std::move(out), encode_body(a.body)};
}

std::string decode_stored_body(std::string_view body) {
    if (body.empty()) return {};
    const auto rest = body.substr(1);
    if (body[0] == body_raw) return std::string{rest};
    if (body[0] != body_zstd) throw Error("stored article body is of an unknown layout");
    const auto size = ZSTD_getFrameContentSize(rest.data(), rest.size());
    // A body is at most an input record; a larger claim is damage, not a reason to allocate.
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > (std::size_t{1} << 31))
        throw Error("stored article body is damaged");
    std::string out(size, '\0');
    const auto n = ZSTD_decompressDCtx(zstd_contexts().decompress.get(), out.data(), out.size(),
                                       rest.data(), rest.size());
    if (ZSTD_isError(n) || n != size) throw Error("stored article body is damaged");
    return out;
}

void store_article(const Article& article, Xapian::Document& doc) {
    auto encoded = encode_stored_article(article);
    doc.set_data(encoded.data);
    if (!encoded.body.empty()) doc.add_value(schema::body_slot, encoded.body);
}

Article load_article(const Xapian::Document& doc) {
    return decode_stored_article(doc.get_data(), doc.get_value(schema::body_slot));
}

Article decode_stored_article(std::string_view data, std::string_view body) {
    Cursor in(data);
    Article a;
    a.id = in.next();
    a.title = in.next();
    a.published = parse_compact_date(in.next());
    a.source = in.next();
    a.byline = in.next();
    a.url = in.next();
    a.dateline = in.next();
    a.places = in.next_list();
    a.topics = in.next_list();
    a.body = decode_stored_body(body);
    return a;
}

StoredSummary decode_stored_summary(std::string_view data) {
    Cursor in(data);
    StoredSummary s;
    s.id = in.next();
    s.title = in.next();
    s.published = in.next();
    s.source = in.next();
    return s;
}

}  // namespace morgue
