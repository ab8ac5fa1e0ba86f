// A compact length-prefixed layout for the stored article: cheap to decode for every hit.
#include "common/stored_article.hpp"

#include "common/error.hpp"

#include <cstdint>

namespace morgue {

namespace {

constexpr char layout_version = '\x01';

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

    void skip_list() {
        const auto count = next_count();
        for (std::size_t i = 0; i < count; ++i) next();
    }

    std::vector<std::string> next_list() {
        std::vector<std::string> items;
        const auto count = next_count();
        for (std::size_t i = 0; i < count; ++i) items.emplace_back(next());
        return items;
    }

private:
    std::size_t next_count() { return std::stoul(std::string{next()}); }

    [[noreturn]] static void fail() { throw Error("stored article data is damaged"); }
    std::string_view m_data;
    std::size_t m_pos = 1;
};

void put_list(std::string& out, const std::vector<std::string>& items) {
    put(out, std::to_string(items.size()));
    for (const auto& item : items) put(out, item);
}

}  // namespace

std::string encode_stored_article(const Article& a) {
    std::string out;
    out.reserve(a.body.size() + a.title.size() + 128);
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
    put(out, a.body);
    return out;
}

Article decode_stored_article(std::string_view data) {
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
    a.body = in.next();
    return a;
}

StoredSummary decode_stored_summary(std::string_view data, bool with_body) {
    Cursor in(data);
    StoredSummary s;
    s.id = in.next();
    s.title = in.next();
    s.published = in.next();
    s.source = in.next();
    if (!with_body) return s;
    in.next();  // byline
    in.next();  // url
    in.next();  // dateline
    in.skip_list();  // places
    in.skip_list();  // topics
    s.body = in.next();
    return s;
}

}  // namespace morgue
