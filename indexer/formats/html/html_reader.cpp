// Reads one news article per HTML page: metadata from meta tags and JSON-LD, main text by
// container markup or paragraph density, page junk left out.
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/encoding.hpp"
#include "indexer/formats/html/body_containers.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/headline.hpp"
#include "indexer/formats/html/json_ld.hpp"
#include "indexer/formats/html/markup_fields.hpp"
#include "indexer/formats/html/page_meta.hpp"
#include "indexer/formats/html/paragraphs.hpp"
#include "indexer/formats/html/site_time.hpp"
#include "indexer/formats/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index {

namespace html {

namespace {

constexpr std::size_t max_raw_bytes = 64 * 1024;
// A description this long is a standfirst, not a tagline ("News from Den Haag").
constexpr std::size_t min_description_body = 80;

/// True for a timestamp stated in UTC ("2020-05-02T02:54:29.000Z", "... +00:00", "... GMT"):
/// a machine's time, whose day may not be the one the page's readers saw. Not a midnight, the
/// form a CMS gives a bare day.
bool is_utc_instant(std::string_view text) {
    const auto lower = ascii_lower(trim(text));
    if (lower.find(':') == std::string::npos) return false;
    if (contains(lower, "t00:00:00") || contains(lower, " 00:00:00")) return false;
    return lower.ends_with("z") || lower.ends_with("+00:00") || lower.ends_with("+0000") ||
           lower.ends_with("gmt") || lower.ends_with("utc");
}

/// True when `a` and `b` are consecutive days, in either order.
bool next_to(const Date& a, const Date& b) {
    const auto days = [](const Date& d) {
        const std::chrono::sys_days day{std::chrono::year{d.year} / d.month / d.day};
        return day.time_since_epoch().count();
    };
    const auto gap = days(a) - days(b);
    return gap == 1 || gap == -1;
}

/// True for a line that ends a sentence or a quotation, as the last line of an article's text
/// does ("... he said.", "(Reporting by Ann Lee; editing by Bo Chan)").
bool ends_sentence(std::string_view text) {
    text = trim(text);
    static constexpr std::string_view ends[] = {".", "!", "?", ")", "]", "\"", "'", "\u201d",
                                                "\u2019", "\u00bb", "\u2026", "\u3002", "\uff01",
                                                "\uff1f", "\uff09", "\u3011", "\u300d", "\u300f"};
    return std::any_of(std::begin(ends), std::end(ends),
                       [&](std::string_view end) { return text.ends_with(end); });
}

/// The number of words of `text` (runs between spaces).
std::size_t word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

/// Mends a page's paragraphs where its markup split or padded them: a drop capital set apart
/// rejoins its word ("T" + "urkey, Poland and ..."); the labels its links and boxes left
/// behind go: one of three words or fewer ending in a colon, standing alone ("Veja Também:",
/// "Mehr zum Thema:"), and short lines after the text's last sentence ("Temas Relacionados",
/// "TE PUEDE INTERESAR", "Share your thoughts and debate the big issues").
void tidy_paragraphs(std::vector<std::string>& paragraphs) {
    for (std::size_t i = 0; i + 1 < paragraphs.size(); ++i) {
        const auto letter = trim(paragraphs[i]);
        const auto& next = paragraphs[i + 1];
        if (letter.size() == 1 && letter[0] >= 'A' && letter[0] <= 'Z' && !next.empty() &&
            next[0] >= 'a' && next[0] <= 'z') {
            paragraphs[i + 1] = std::string{letter} + next;
            paragraphs.erase(paragraphs.begin() + static_cast<long>(i));
        }
    }
    // One of capitalised words before the text begins (a paragraph of 200 bytes) is a
    // dateline set apart ("Washington/ New Delhi:").
    const auto dateline_like = [](std::string_view text) {
        bool word_start = true;
        for (const char c : text) {
            if (word_start && c >= 'a' && c <= 'z') return false;
            word_start = c == ' ';
        }
        return true;
    };
    bool text_begun = false;
    for (std::size_t i = 0; i < paragraphs.size();) {
        const auto text = trim(paragraphs[i]);
        if (text.ends_with(":") && word_count(text) <= 3 && (text_begun || !dateline_like(text))) {
            paragraphs.erase(paragraphs.begin() + static_cast<long>(i));
            continue;
        }
        text_begun = text_begun || text.size() >= 200;
        ++i;
    }
    // Junk the cleanup takes out anyway (a copyright line) does not end the text either.
    while (paragraphs.size() > 1 &&
           (is_junk_line(paragraphs.back()) ||
            (word_count(paragraphs.back()) <= 8 && !ends_sentence(paragraphs.back()))))
        paragraphs.pop_back();
}

class HtmlReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        auto content = read_all(in);
        const auto raw = content.substr(0, max_raw_bytes);
        SourceLocation where{ctx.display_path, 0, ctx.relative_id};
        if (std::string_view(content).starts_with("\xEF\xBB\xBF")) content.erase(0, 3);
        if (trim(content).empty()) {
            sink(RecordProblem{where, in.error().value_or("empty page"), raw});
            return;
        }
        if (find_invalid_utf8(content) != std::string::npos) {
            // Gumbo reads the bytes as UTF-8 (bad bytes become U+FFFD), enough to find the
            // declared charset; without one, the container's or --encoding's, else
            // windows-1252 as browsers do.
            const GumboDocument probe(content);
            std::vector<const GumboNode*> elements;
            collect_elements(probe.root(), elements);
            auto charset = read_page_meta(elements).charset;
            if (charset.empty() || !is_known_charset(charset)) charset = ctx.charset;
            if (charset.empty() || !is_known_charset(charset)) charset = "windows-1252";
            auto decoded = decode_to_utf8(content, charset);
            if (const auto* bad = std::get_if<DecodeError>(&decoded)) {
                where.line = line_at(content, bad->offset);
                sink(RecordProblem{where, bad->reason, raw});
                return;
            }
            content = std::move(std::get<std::string>(decoded));
        }
        auto result = extract(content, ctx);
        if (auto* problem = std::get_if<RecordProblem>(&result)) {
            problem->where = where;
            problem->raw = raw;
        }
        sink(std::move(result));
    }

private:
    static ParsedRecord extract(const std::string& html, const InputContext& ctx) {
        const GumboDocument doc(html);
        std::vector<const GumboNode*> elements;
        collect_elements(doc.root(), elements);
        const auto page = read_page_meta(elements);
        const auto ld = read_linked_data(page.json_ld);
        const auto containers = find_containers(elements, doc.root());

        Article article;
        article.id = ctx.relative_id;
        article.url = page.canonical;
        if (article.url.empty()) article.url = meta_value(page, {"og:url"});
        if (article.url.empty()) article.url = ld.url;

        article.source = meta_value(page, {"og:site_name"});
        if (article.source.empty()) article.source = ld.publisher;
        if (article.source.empty()) article.source = host_of(article.url);

        std::optional<Date> date;
        std::string date_text;  // what `date` was read from
        const auto try_date = [&](const std::string& text) {
            if (date || text.empty()) return;
            date = parse_date(text);
            if (date) date_text = text;
        };
        try_date(meta_value(page, {"article:published_time", "og:article:published_time",
                                   "og:published_time", "datepublished"}));
        for (const auto* el : elements)
            if (!date && attr(el, "itemprop") == "datePublished" && tag_name(el) != "meta") {
                auto value = std::string{attr(el, "datetime")};
                if (value.empty()) value = std::string{attr(el, "content")};
                if (value.empty()) value = text_of(el);
                try_date(value);
            }
        try_date(ld.date_published);
        try_date(find_time(elements, containers, article.url));
        try_date(meta_value(page, {"date", "pubdate", "publishdate", "publish-date", "publish_date",
                                   "published-date", "date_published", "publication_date",
                                   "article:published", "article.published", "article.created",
                                   "article_date_original", "original-publish-date",
                                   "originalpublicationdate", "dc.date", "dc.date.issued",
                                   "dc.date.created", "dc.date.publication", "dc.created",
                                   "dcterms.date", "dcterms.issued", "dcterms.created",
                                   "citation_publication_date", "citation_date",
                                   "og:pubdate", "og:publish_date", "og:datepublished",
                                   "rnews:datepublished", "sailthru.date", "parsely-pub-date",
                                   "cxenseparse:recs:publishtime", "cxenseparse:publishtime",
                                   "dcsext.articlefirstpublished", "bt:pubdate", "rbpubdate",
                                   "displaydate", "dateposted", "datecreated", "pdate",
                                   "created-date", "creation_date", "created"}));
        // A UTC instant is stored, not shown: a New York evening is the next UTC day. Its
        // day in the site's country, and before that the day the page shows beside it when
        // a day away, is the one its readers saw.
        if (date && is_utc_instant(date_text)) {
            if (auto local = local_day_of_instant(date_text, host_of(article.url),
                                                  meta_value(page, {"og:locale"})))
                date = local;
            const auto shown = parse_date(find_shown_date(elements, containers));
            if (shown && next_to(*shown, *date)) date = shown;
        }

        std::vector<std::string> declared;
        for (const auto key : {"author", "article:author", "byl", "parsely-author", "sailthru.author",
                               "dc.creator", "cxenseparse:author", "og:author", "article:author_name",
                               "article_author", "byline", "sailthru.byline_name", "dcterms.creator",
                               "dcsext.author"})
            if (auto value = meta_value(page, {key}); !contains(value, "/"))
                declared.push_back(clean_byline(value));
        declared.push_back(clean_byline(ld.author));
        // Not the address's host: a syndicated story's canonical address is its agency's
        // ("Reuters" on entrepreneur.com), whose name is then its byline.
        const std::vector<std::string> site_names{article.source};
        article.byline = choose_byline(declared, find_byline_elements(elements), site_names);

        const auto page_suffix = site_suffix(page.title_element);
        if (article.source.empty()) article.source = page_suffix;
        HeadlineCandidates headline{find_all_h1s(elements), find_h1(elements, containers),
                                    ld.headline, {}, page.title_element,
                                    {article.source, meta_value(page, {"og:site_name"}), ld.publisher,
                                     page_suffix, host_of(article.url), article.byline}};
        for (const auto key : {"og:title", "twitter:title"})
            if (auto social = meta_value(page, {key}); !social.empty())
                headline.social.push_back(std::move(social));
        article.title = choose_headline(headline);

        const auto add_topic = [&](std::string topic) {
            topic = collapse_whitespace(topic);
            if (topic.empty() || article.topics.size() >= 12) return;
            if (std::find(article.topics.begin(), article.topics.end(), topic) == article.topics.end())
                article.topics.push_back(std::move(topic));
        };
        add_topic(meta_value(page, {"article:section", "og:article:section"}));
        add_topic(ld.section);
        for (const auto& tag : page.tags) add_topic(tag);

        std::vector<std::string> paragraphs;
        for (const auto* container : containers) {
            TextCollector collector(paragraph_chars(container));
            collector.walk(container, false);
            for (auto& p : collector.paragraphs()) paragraphs.push_back(std::move(p));
        }
        tidy_paragraphs(paragraphs);
        auto parts = assemble_article(paragraphs, article.title);
        if (parts.body.empty() && !ld.body.empty()) {
            std::vector<std::string> ld_paragraphs;
            std::string_view rest = ld.body;
            while (!rest.empty()) {
                const auto end = rest.find('\n');
                ld_paragraphs.emplace_back(rest.substr(0, end));
                if (end == std::string_view::npos) break;
                rest.remove_prefix(end + 1);
            }
            parts = assemble_article(ld_paragraphs, article.title);
        }
        // A story page whose text a script loads (a live blog, a lazy article body) shows
        // only its standfirst: the description it declares is its text. A page that does not
        // declare itself an article (a section front, a "not found" page) stays rejected.
        if (parts.body.empty() && ascii_lower(meta_value(page, {"og:type"})) == "article") {
            const auto description = collapse_whitespace(
                meta_value(page, {"og:description", "description", "twitter:description"}));
            if (description.size() >= min_description_body)
                parts = assemble_article({description}, article.title);
        }
        if (parts.body.empty()) return RecordProblem{{}, std::string{no_article_text_reason}, {}};

        article.body = std::move(parts.body);
        article.dateline = std::move(parts.dateline);
        // A "By ..." line of the text, cleaned as the markup's are (a date after the names
        // cut, the site's name refused).
        if (article.byline.empty())
            article.byline = choose_byline({}, {clean_byline(parts.byline)}, site_names);
        // A date in the URL's path (/2016/11/28/) is set when the story is first published.
        if (!date) date = parse_date_in_path(article.url);
        // Dates the article shows before one anywhere on the page (a masthead's today).
        try_date(find_article_date_text(elements, containers));
        if (!date) date = parts.published;
        try_date(find_date_under_headline(elements, containers));
        try_date(find_date_text(elements));
        article.published = date ? date : ctx.fallback_date;
        return article;
    }
};

}  // namespace

}  // namespace html

std::unique_ptr<FormatReader> make_html_reader() { return std::make_unique<html::HtmlReader>(); }

}  // namespace morgue::index
