// Reads one scraped news article per plain-text file: headline, byline, date line, dateline, body.
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/reader.hpp"

#include <fmt/format.h>

namespace morgue::index {

namespace {

/// Raw text kept with a rejected article, for --rejects.
constexpr std::size_t max_raw_bytes = 64 * 1024;

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

/// A line that stands alone even inside a block: junk, a byline or a date line.
bool is_lead_line(std::string_view line) {
    return is_junk_line(line) || parse_byline(line) || parse_date_line(line);
}

/// Whether the line at `i` is the headline: a short line standing on its own, not a
/// byline or a date.
bool is_headline_at(const std::vector<std::string_view>& lines, std::size_t i) {
    const auto line = trim(lines[i]);
    if (!looks_like_headline(line) || parse_byline(line) || parse_date_line(line)) return false;
    const bool alone = i + 1 == lines.size() || is_blank(lines[i + 1]) || is_lead_line(lines[i + 1]);
    return alone || (line.size() <= 100 && !line.ends_with("."));
}

/// Paragraphs of the body: blocks between blank lines. Hard-wrapped blocks (all lines short)
/// are joined; otherwise each line is a paragraph. Junk, byline and date lines always stand
/// alone so the shared cleanup can recognise them.
std::vector<std::string> body_paragraphs(const std::vector<std::string_view>& lines,
                                         std::size_t from) {
    std::vector<std::string> paragraphs;
    std::vector<std::string_view> block;
    const auto flush = [&] {
        bool long_lines = false;
        for (const auto line : block) long_lines = long_lines || trim(line).size() > 100;
        std::string joined;
        for (const auto line : block) {
            if (is_lead_line(line)) {
                if (!joined.empty()) paragraphs.push_back(std::move(joined));
                joined.clear();
                paragraphs.emplace_back(trim(line));
                continue;
            }
            if (long_lines && !joined.empty()) {
                paragraphs.push_back(std::move(joined));
                joined.clear();
            }
            if (!joined.empty()) joined += ' ';
            joined += trim(line);
        }
        if (!joined.empty()) paragraphs.push_back(std::move(joined));
        block.clear();
    };
    for (std::size_t i = from; i < lines.size(); ++i) {
        if (is_blank(lines[i])) flush();
        else block.push_back(lines[i]);
    }
    flush();
    return paragraphs;
}

class TextReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        const auto content = read_all(in);
        std::string_view text = content;
        const auto raw = std::string{text.substr(0, max_raw_bytes)};
        SourceLocation where{ctx.display_path, 0, ctx.relative_id};

        if (const auto bad = find_invalid_utf8(text); bad != std::string_view::npos) {
            where.line = line_at(text, bad);
            sink(RecordProblem{where, fmt::format("invalid UTF-8 at byte {}", bad), raw});
            return;
        }
        if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
        if (in.error() && trim(text).empty()) {
            sink(RecordProblem{where, *in.error(), raw});
            return;
        }

        const auto lines = split_lines(text);
        std::size_t i = 0;
        while (i < lines.size() && is_junk_line(lines[i])) ++i;
        if (i == lines.size()) {
            sink(RecordProblem{where, "empty article", raw});
            return;
        }

        Article article;
        article.id = ctx.relative_id;
        if (is_headline_at(lines, i)) {
            article.title = collapse_whitespace(lines[i]);
            ++i;
        }
        auto parts = assemble_article(body_paragraphs(lines, i), article.title);
        if (article.title.empty() && parts.body.empty()) {
            sink(RecordProblem{where, "empty article", raw});
            return;
        }
        article.body = std::move(parts.body);
        article.byline = std::move(parts.byline);
        article.dateline = std::move(parts.dateline);
        article.published = parts.published ? parts.published : ctx.fallback_date;
        sink(std::move(article));
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_text_reader() { return std::make_unique<TextReader>(); }

}  // namespace morgue::index
