// Unit tests: the WARC reader (record types, HTTP decoding, damaged records and resynchronising).
#include "indexer/formats/registry.hpp"

#include "gzip_bytes.hpp"
#include "reader_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

using namespace morgue;
using namespace morgue::index;

namespace {

using test::as_article;
using test::as_problem;

const InputContext ctx{"in.warc", "in.warc", Date{1999, 9, 9}};

/// A WARC record: version line, `fields` (CRLF-separated, no trailing CRLF), Content-Length,
/// the block and the two CRLFs that end a record.
std::string record(std::string_view fields, std::string_view block) {
    return "WARC/1.0\r\n" + std::string(fields) + "\r\nContent-Length: " + std::to_string(block.size()) +
           "\r\n\r\n" + std::string(block) + "\r\n\r\n";
}

/// A response record for `uri` holding the HTTP message `http`.
std::string response(std::string_view uri, std::string_view http) {
    return record("WARC-Type: response\r\nWARC-Target-URI: " + std::string(uri) +
                      "\r\nWARC-Date: 2017-03-06T04:02:06Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
                      "Content-Type: application/http; msgtype=response",
                  http);
}

/// An HTTP 200 answer: `headers` (each ending in CRLF), then the body.
std::string http_ok(std::string_view headers, std::string_view body) {
    return "HTTP/1.1 200 OK\r\n" + std::string(headers) + "\r\n" + std::string(body);
}

std::string page(std::string_view title, std::string_view text, std::string_view extra_head = "") {
    return "<!doctype html><html><head><title>" + std::string(title) + "</title>" + std::string(extra_head) +
           "</head><body><article><h1>" + std::string(title) + "</h1><p>" + std::string(text) +
           "</p><p>A second paragraph says more about it, as news stories do.</p></article></body></html>";
}

const std::string harbour = page("Harbour Ferry Returns", "The harbour ferry sailed again on Monday morning.");
const std::string html_type = "Content-Type: text/html; charset=utf-8\r\n";

std::string chunked(std::string_view body) {
    std::string out;
    for (std::size_t pos = 0; pos < body.size(); pos += 50) {
        const auto piece = body.substr(pos, 50);
        char size[16];
        std::snprintf(size, sizeof size, "%zx", piece.size());
        out += std::string(size) + ";ext=1\r\n" + std::string(piece) + "\r\n";
    }
    return out + "0\r\nX-Trailer: t\r\n\r\n";
}

const PassedOver& as_passed(const ParsedRecord& parsed) {
    if (const auto* problem = std::get_if<RecordProblem>(&parsed)) FAIL_CHECK(problem->reason);
    REQUIRE(std::holds_alternative<PassedOver>(parsed));
    return std::get<PassedOver>(parsed);
}

/// "article URI", "passed KIND" or "problem REASON" for each record: one line a record.
std::vector<std::string> describe(const std::vector<ParsedRecord>& records) {
    std::vector<std::string> out;
    for (const auto& parsed : records) {
        if (const auto* article = std::get_if<Article>(&parsed))
            out.push_back("article " + article->id);
        else if (const auto* passed = std::get_if<PassedOver>(&parsed))
            out.push_back("passed " + passed->kind);
        else
            out.push_back("problem " + std::get<RecordProblem>(parsed).reason);
    }
    return out;
}

}  // namespace

TEST_CASE("warc: pages become articles named by their URI") {
    struct Case {
        std::string_view name;
        std::string input;
        std::string_view title, date, body_start;
    };
    const auto with_date = page("Dated Story", "The council met on Tuesday evening.",
                                "<meta property=\"article:published_time\" content=\"2016-12-15T09:00:00Z\">");
    const Case cases[] = {
        {"plain response, date from WARC-Date", response("http://news.example/a", http_ok(html_type, harbour)),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry sailed again"},
        {"the page's own date wins", response("http://news.example/a", http_ok(html_type, with_date)),
         "Dated Story", "2016-12-15", "The council met"},
        {"Content-Encoding: gzip",
         response("http://news.example/a", http_ok(html_type + "Content-Encoding: gzip\r\n", test::gzip(harbour))),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"Content-Encoding: x-gzip",
         response("http://news.example/a", http_ok(html_type + "Content-Encoding: x-gzip\r\n", test::gzip(harbour))),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"Transfer-Encoding: chunked",
         response("http://news.example/a", http_ok(html_type + "Transfer-Encoding: chunked\r\n", chunked(harbour))),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"chunked and gzip",
         response("http://news.example/a",
                  http_ok(html_type + "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                          chunked(test::gzip(harbour)))),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"Common Crawl's renamed headers: already decoded",
         response("http://news.example/a",
                  http_ok(html_type + "X-Crawler-Content-Encoding: gzip\r\nX-Crawler-Transfer-Encoding: chunked\r\n",
                          harbour)),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"chunked header over a body stored de-chunked",
         response("http://news.example/a", http_ok(html_type + "Transfer-Encoding: chunked\r\n", harbour)),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"no Content-Type: the body looks like HTML", response("http://news.example/a", http_ok("", harbour)),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"resource record (wget)",
         record("WARC-Type: resource\r\nWARC-Target-URI: http://news.example/a\r\n"
                "WARC-Date: 2017-03-06T04:02:06Z\r\nContent-Type: text/html",
                harbour),
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
        {"WARC/1.1, LF line ends, URI in angle brackets, fractional seconds",
         "WARC/1.1\nWARC-Type: response\nWARC-Target-URI: <http://news.example/a>\n"
         "WARC-Date: 2017-03-06T04:02:06.123456Z\nContent-Length: " +
             std::to_string(http_ok(html_type, harbour).size()) + "\n\n" + http_ok(html_type, harbour) + "\n\n",
         "Harbour Ferry Returns", "2017-03-06", "The harbour ferry"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::warc, c.input, ctx);
        REQUIRE(records.size() == 1);
        const auto& article = as_article(records[0]);
        CHECK(article.id == "http://news.example/a");
        CHECK(article.url == "http://news.example/a");
        CHECK(article.title == c.title);
        REQUIRE(article.published);
        CHECK(article.published->iso() == c.date);
        CHECK(article.body.starts_with(c.body_start));
        CHECK(article.source == "news.example");
    }
}

TEST_CASE("warc: the charset comes from the HTTP header, else the input's") {
    const auto latin1 = page("Caf\xE9 Terraces", "The caf\xE9 opened its terraces.");
    SUBCASE("HTTP Content-Type charset") {
        const auto records = read_records(
            Format::warc,
            response("http://a.example/", http_ok("Content-Type: text/html; charset=ISO-8859-1\r\n", latin1)), ctx);
        REQUIRE(records.size() == 1);
        CHECK(as_article(records[0]).title == "Caf\u00e9 Terraces");
    }
    SUBCASE("the input's charset when HTTP names none") {
        InputContext koi8 = ctx;
        koi8.charset = "koi8-r";
        const auto records = read_records(
            Format::warc, response("http://a.example/", http_ok("Content-Type: text/html\r\n", page("\xF0\xD2\xC9", "x y z"))),
            koi8);
        REQUIRE(records.size() == 1);
        CHECK(as_article(records[0]).title == "\u041f\u0440\u0438");
    }
}

TEST_CASE("warc: records that are not pages are passed over by kind") {
    const std::string ok_type = "Content-Type: image/jpeg\r\n";
    const auto simple = [](std::string_view type) {
        return record("WARC-Type: " + std::string(type) + "\r\nWARC-Target-URI: http://a.example/\r\n"
                      "WARC-Date: 2017-03-06T04:02:06Z",
                      "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n");
    };
    struct Case {
        std::string_view name;
        std::string input;
        std::string_view kind;
    };
    const Case cases[] = {
        {"request", simple("request"), "WARC request record"},
        {"metadata", simple("metadata"), "WARC metadata record"},
        {"warcinfo", simple("warcinfo"), "WARC warcinfo record"},
        {"revisit", simple("revisit"), "WARC revisit record"},
        {"conversion", simple("conversion"), "WARC conversion record"},
        {"continuation", simple("continuation"), "WARC continuation record"},
        {"type unknown", simple("Snapshot"), "WARC record of an unknown type"},
        {"image", response("http://a.example/x.jpg", http_ok(ok_type, "\xFF\xD8\xFF")),
         "WARC response that is not a page"},
        {"PDF", response("http://a.example/x.pdf", http_ok("Content-Type: application/pdf\r\n", "%PDF-1.4")),
         "WARC response that is not a page"},
        {"redirect", response("http://a.example/", "HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n"),
         "WARC response that is not a page"},
        {"error page", response("http://a.example/", "HTTP/1.1 404 Not Found\r\n" + html_type + "\r\n" + harbour),
         "WARC response that is not a page"},
        {"redirect without a blank line", response("http://a.example/", "HTTP/1.1 302 Found\r\nLocation: /b\r\n"),
         "WARC response that is not a page"},
        {"dns",
         record("WARC-Type: response\r\nWARC-Target-URI: dns:a.example\r\nContent-Type: text/dns",
                "20140325122340\na.example. 300 IN A 1.2.3.4\n"),
         "WARC response that is not a page"},
        {"resource that is not HTML",
         record("WARC-Type: resource\r\nWARC-Target-URI: metadata://wget/log\r\nContent-Type: text/plain", "log"),
         "WARC resource that is not a page"},
        {"page without article text",
         response("http://a.example/", http_ok(html_type, "<html><body><nav><a href=/>Home</a></nav></body></html>")),
         "WARC page with no article text"},
        {"empty body", response("http://a.example/", http_ok(html_type, "")), "WARC page with no article text"},
        {"brotli", response("http://a.example/", http_ok(html_type + "Content-Encoding: br\r\n", "\x1b\x03")),
         "WARC page in an encoding not read"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::warc, c.input, ctx);
        REQUIRE(records.size() == 1);
        const auto& passed = as_passed(records[0]);
        CHECK(passed.kind == c.kind);
        CHECK(passed.where.path == "in.warc");
        CHECK(passed.where.line == 1);
    }
}

TEST_CASE("warc: a damaged record is one problem; the records after it go in") {
    const auto good_a = response("http://a.example/", http_ok(html_type, harbour));
    const auto good_b = response("http://b.example/", http_ok(html_type, harbour));
    const auto lines = [](std::string_view text) {
        return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    };
    struct Case {
        std::string_view name;
        std::string bad;
        std::string reason;
        std::string_view record;
    };
    const auto block_size = http_ok(html_type, harbour).size();
    const auto with_length = [](std::string_view length) {
        return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n"
               "Content-Length: " +
               std::string(length) + "\r\n\r\n" + http_ok(html_type, harbour) + "\r\n\r\n";
    };
    const Case cases[] = {
        {"bad version line", "WARC/1.9\r\nWARC-Type: response\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
         "bad version line 'WARC/1.9'", ""},
        {"another version", "WARC/2.0\r\nWARC-Type: response\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
         "no WARC/1.0 or WARC/1.1 version line (found 'WARC/2.0')", ""},
        {"no version line", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>stray</p>\r\n",
         "no WARC/1.0 or WARC/1.1 version line (found 'HTTP/1.1 200 OK')", ""},
        {"missing Content-Length",
         "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n\r\n" + http_ok(html_type, harbour) +
             "\r\n\r\n",
         "missing Content-Length", "http://x.example/"},
        {"Content-Length not a number", with_length("12x4"), "Content-Length is not a number ('12x4')",
         "http://x.example/"},
        {"negative Content-Length", with_length("-5"), "Content-Length is not a number ('-5')", "http://x.example/"},
        {"Content-Length too short", with_length("40"), "Content-Length 40 does not end where a record ends",
         "http://x.example/"},
        {"Content-Length too long", with_length(std::to_string(block_size + 30)),
         "Content-Length " + std::to_string(block_size + 30) + " does not end where a record ends", "http://x.example/"},
        {"header line without a colon", "WARC/1.0\r\nWARC-Type response\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
         "garbled header line 'WARC-Type response'", ""},
        {"header cut by the next record", "WARC/1.0\r\nWARC-Type: response\r\n", "record header ends without a blank line",
         ""},
        {"garbled HTTP status line", response("http://x.example/", "HTTP/1.1 OK\r\n\r\n<p>x</p>"),
         "garbled HTTP status line 'HTTP/1.1 OK'", "http://x.example/"},
        {"four-digit HTTP status", response("http://x.example/", "HTTP/1.1 2000 OK\r\n\r\n<p>x</p>"),
         "garbled HTTP status line 'HTTP/1.1 2000 OK'", "http://x.example/"},
        {"garbled HTTP header line",
         response("http://x.example/", "HTTP/1.1 200 OK\r\nContent-Type text/html\r\n\r\n" + harbour),
         "garbled HTTP header line 'Content-Type text/html'", "http://x.example/"},
        {"not HTTP though labelled so", response("http://x.example/", "<html>no status line</html>"),
         "garbled HTTP status line '<html>no status line</html>'", "http://x.example/"},
        {"gzip payload that does not decode",
         response("http://x.example/", http_ok(html_type + "Content-Encoding: gzip\r\n", "\x1f\x8b\x08 not gzip")),
         "gzip payload does not decode", "http://x.example/"},
        {"gzip payload cut short",
         response("http://x.example/", http_ok(html_type + "Content-Encoding: gzip\r\n", test::gzip(harbour).substr(0, 40))),
         "gzip payload does not decode (data cut short)", "http://x.example/"},
        {"page without WARC-Target-URI or WARC-Record-ID", record("WARC-Type: resource\r\nContent-Type: text/html", harbour),
         "missing WARC-Target-URI", ""},
        {"missing WARC-Type", record("WARC-Target-URI: http://x.example/", "abc"), "missing WARC-Type",
         "http://x.example/"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::warc, good_a + c.bad + good_b, ctx);
        REQUIRE(records.size() == 3);
        CHECK(as_article(records[0]).id == "http://a.example/");
        const auto& problem = as_problem(records[1]);
        const auto prefix = "damaged WARC record at byte " + std::to_string(good_a.size()) + ": ";
        CHECK(problem.reason.starts_with(prefix));
        CHECK(problem.reason.substr(std::min(prefix.size(), problem.reason.size())).starts_with(c.reason));
        CHECK(problem.where.path == "in.warc");
        CHECK(problem.where.line == lines(good_a) + 1);
        CHECK(problem.where.record == c.record);
        CHECK_FALSE(problem.raw.empty());
        CHECK(as_article(records[2]).id == "http://b.example/");
    }
}

TEST_CASE("warc: a length past the end of the file, and a length that runs into the next record") {
    const auto good = response("http://a.example/", http_ok(html_type, harbour));
    SUBCASE("past the end: the record after it inside the claimed block still goes in") {
        const auto bad = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 99999\r\n\r\nsoftware: x\r\n\r\n";
        const auto records = read_records(Format::warc, bad + good, ctx);
        CHECK(describe(records) ==
              std::vector<std::string>{"problem damaged WARC record at byte 0: Content-Length 99999 runs past the "
                                       "end of the file (" +
                                           std::to_string(good.size() + 15) + " bytes follow)",
                                       "article http://a.example/"});
        CHECK(as_article(records.at(1)).published->iso() == "2017-03-06");
    }
    SUBCASE("into the next record's version line (as Anserini's CC-NEWS sample has it)") {
        const std::string info = "software: x\n\n";
        const auto bad = "WARC/1.0\nWARC-Type: warcinfo\nContent-Length: " + std::to_string(info.size() + 4) +
                         "\n\n" + info;
        const auto records = read_records(Format::warc, bad + good, ctx);
        REQUIRE(records.size() == 2);
        CHECK(as_problem(records[0]).reason ==
              "damaged WARC record at byte 0: Content-Length 17 does not end where a record ends");
        CHECK(as_article(records[1]).id == "http://a.example/");
    }
    SUBCASE("the last record cut short") {
        const auto records = read_records(Format::warc, good + good.substr(0, good.size() / 2), ctx);
        REQUIRE(records.size() == 2);
        CHECK(as_problem(records[1]).reason.starts_with("damaged WARC record at byte " +
                                                        std::to_string(good.size()) + ": Content-Length"));
        CHECK(as_problem(records[1]).reason.find("runs past the end of the file") != std::string::npos);
    }
}

TEST_CASE("warc: garbage before and between records is reported once") {
    const auto good = response("http://a.example/", http_ok(html_type, harbour));
    const auto records =
        read_records(Format::warc, "junk line one\r\njunk line two\r\n" + good + "\r\nmore junk\r\nand more\r\n" + good, ctx);
    CHECK(describe(records) == std::vector<std::string>{
                                   "problem damaged WARC record at byte 0: no WARC/1.0 or WARC/1.1 version line "
                                   "(found 'junk line one')",
                                   "article http://a.example/",
                                   "problem damaged WARC record at byte " + std::to_string(30 + good.size() + 2) +
                                       ": no WARC/1.0 or WARC/1.1 version line (found 'more junk')",
                                   "article http://a.example/"});
    CHECK(as_problem(records[2]).where.line == 3 + 1 + static_cast<std::size_t>(std::count(good.begin(), good.end(), '\n')));
}

TEST_CASE("warc: byte offsets and lines stay right after a record cut short by the next") {
    const std::string cut = "WARC/1.0\r\nWARC-Type: response\r\n";
    const std::string bad = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: x\r\n\r\n";
    const auto records = read_records(Format::warc, cut + bad, ctx);
    CHECK(describe(records) ==
          std::vector<std::string>{"problem damaged WARC record at byte 0: record header ends without a blank line",
                                   "problem damaged WARC record at byte " + std::to_string(cut.size()) +
                                       ": Content-Length is not a number ('x')"});
    CHECK(as_problem(records.at(1)).where.line == 3);
}

TEST_CASE("warc: gzip per record, gzip over the whole file, and the same records either way") {
    const std::string records_text[] = {
        record("WARC-Type: warcinfo\r\nContent-Type: application/warc-fields", "software: test\r\n"),
        record("WARC-Type: request\r\nWARC-Target-URI: http://a.example/", "GET / HTTP/1.1\r\n\r\n"),
        response("http://a.example/", http_ok(html_type, harbour)),
        response("http://b.example/", http_ok(html_type + "Content-Encoding: gzip\r\n", test::gzip(harbour))),
    };
    std::string plain, per_record;
    for (const auto& r : records_text) {
        plain += r;
        per_record += test::gzip(r);
    }
    const std::vector<std::string> expected = {"passed WARC warcinfo record", "passed WARC request record",
                                               "article http://a.example/", "article http://b.example/"};
    CHECK(describe(read_records(Format::warc, plain, ctx)) == expected);
    CHECK(describe(read_records(Format::warc, per_record, ctx)) == expected);
    CHECK(describe(read_records(Format::warc, test::gzip(plain), ctx)) == expected);
    const auto lines = describe(read_records(Format::warc, "", ctx));
    CHECK(lines.empty());
}

TEST_CASE("warc: a sink that says stop ends the reading") {
    const auto good = response("http://a.example/", http_ok(html_type, harbour));
    auto source = memory_byte_source(good + good + good);
    int seen = 0;
    reader_for(Format::warc).read(*source, ctx, [&](ParsedRecord&&) { return ++seen < 2; });
    CHECK(seen == 2);
}

namespace {

/// A WARC record whose block is `size` bytes of 'x', made as it is read, then a good record.
class HugeRecordSource : public ByteSource {
public:
    HugeRecordSource(std::uint64_t size, std::string tail)
        : m_head("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://huge.example/\r\n"
                 "Content-Type: text/html\r\nContent-Length: " +
                 std::to_string(size) + "\r\n\r\n"),
          m_size(size), m_tail("\r\n\r\n" + std::move(tail)) {}

    std::size_t read(char* buf, std::size_t n) override {
        const auto total = m_head.size() + m_size + m_tail.size();
        std::size_t given = 0;
        while (given < n && m_pos < total) {
            if (m_pos < m_head.size()) {
                buf[given] = m_head[m_pos];
            } else if (m_pos < m_head.size() + m_size) {
                const auto run = std::min<std::uint64_t>(n - given, m_head.size() + m_size - m_pos);
                std::memset(buf + given, 'x', run);
                given += run;
                m_pos += run;
                continue;
            } else {
                buf[given] = m_tail[m_pos - m_head.size() - m_size];
            }
            ++given;
            ++m_pos;
        }
        return given;
    }
    std::optional<std::string> error() const override { return std::nullopt; }
    std::uint64_t raw_bytes_read() const override { return m_pos; }

private:
    std::string m_head;
    std::uint64_t m_size;
    std::string m_tail;
    std::uint64_t m_pos = 0;
};

}  // namespace

TEST_CASE("warc: a record over 64 MiB is passed over unread") {
    HugeRecordSource source((std::uint64_t{64} << 20) + 1, response("http://a.example/", http_ok(html_type, harbour)));
    std::vector<ParsedRecord> records;
    reader_for(Format::warc).read(source, ctx, [&](ParsedRecord&& r) {
        records.push_back(std::move(r));
        return true;
    });
    CHECK(describe(records) == std::vector<std::string>{"passed WARC record over 64 MiB", "article http://a.example/"});
}

TEST_CASE("warc: detected by name and first bytes; reads its own encodings") {
    CHECK(detect_format("crawl.warc", "") == Format::warc);
    CHECK(detect_format("CC-NEWS-20170101.warc.gz", "") == Format::warc);
    CHECK(detect_format("noext", "WARC/1.1\r\nWARC-Type: warcinfo\r\n") == Format::warc);
    CHECK(detect_format("noext.gz", "WARC/1.0\r\n") == Format::warc);
    CHECK(format_name(Format::warc) == "warc");
    CHECK(parse_format_name("warc") == Format::warc);
    CHECK(declares_own_encoding(Format::warc));
}

TEST_CASE("warc: corpus samples") {
    const auto dir = test::corpus_dir();
    SUBCASE("bad/warc-broken-content-length.warc") {
        const auto records = test::read_file_records(Format::warc, dir / "bad" / "warc-broken-content-length.warc", ctx);
        const auto lines = describe(records);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0].starts_with("article http://"));
        CHECK(as_problem(records[1]).reason.find("Content-Length is not a number") != std::string::npos);
        CHECK(lines[2].starts_with("article http://"));
    }
}
