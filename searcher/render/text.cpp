// Human-readable rendering of results and statistics.
#include "searcher/render/text.hpp"

#include "common/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace morgue::search {

namespace {

constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view dim = "\x1b[2m";
constexpr std::string_view reset = "\x1b[0m";


std::string styled(std::string_view text, std::string_view code, const TextStyle& style) {
    if (!style.ansi) return std::string{text};
    return fmt::format("{}{}{}", code, text, reset);
}

/// Terminal control characters in stored text must not reach the terminal.
std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out.push_back(u < 0x20 || u == 0x7F ? ' ' : c);
    }
    return out;
}

}  // namespace

std::string describe_total(Xapian::doccount total, bool exact) {
    if (total == 0) return "no matches";
    const auto noun = total == 1 ? "match" : "matches";
    return fmt::format("{}{} {}", exact ? "" : "about ", group_thousands(total), noun);
}

std::string render_snippet_text(const Snippet& snippet, const TextStyle& style) {
    std::string out;
    for (const auto& part : snippet) {
        const auto text = printable(part.text);
        if (!part.highlighted)
            out += text;
        else if (style.ansi)
            out += fmt::format("{}{}{}", bold, text, reset);
        else
            out += fmt::format("[{}]", text);
    }
    return out;
}

std::string render_snippet_lines(const Snippet& snippet, const TextStyle& style,
                                 std::string_view indent) {
    // Wrap the marked-up line at spaces; ANSI escapes contain no spaces and take no columns.
    const auto marked = render_snippet_text(snippet, style);
    const auto columns = [](std::string_view text) {
        std::size_t n = 0;
        bool escape = false;
        for (char c : text) {
            if (escape)
                escape = c != 'm';
            else if (c == '\x1b')
                escape = true;
            else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
                ++n;
        }
        return n;
    };
    std::string out;
    std::string line;
    std::size_t line_columns = 0;
    std::size_t pos = 0;
    while (pos < marked.size()) {
        const auto space = std::min(marked.find(' ', pos), marked.size());
        const auto word = std::string_view{marked}.substr(pos, space - pos);
        pos = space + 1;
        if (word.empty()) continue;
        const auto width = columns(word);
        if (!line.empty() && style.width > 0 && line_columns + 1 + width > style.width) {
            out.append(indent).append(line).append("\n");
            line.clear();
            line_columns = 0;
        }
        if (!line.empty()) {
            line += ' ';
            ++line_columns;
        }
        line.append(word);
        line_columns += width;
    }
    if (!line.empty()) out.append(indent).append(line).append("\n");
    return out;
}

void render_text(const ResultPage& page, std::ostream& out, const TextStyle& style) {
    if (!page.suggestion.empty())
        out << "did you mean: " << styled(printable(page.suggestion), bold, style) << "\n\n";
    const auto width = std::to_string(page.offset + page.hits.size()).size();
    for (const auto& hit : page.hits) {
        const auto title = hit.title.empty() ? std::string{"(untitled)"} : printable(hit.title);
        out << fmt::format("{:>{}}. {}\n", hit.rank, width, styled(title, bold, style));
        const auto indent = std::string(width + 2, ' ');
        auto meta = fmt::format("{} · {} · id {}", hit.date ? hit.date->iso() : "undated",
                                hit.source.empty() ? "unknown source" : printable(hit.source),
                                printable(hit.id));
        if (page.mode == QueryMode::ranked) meta += fmt::format(" · score {:.2f}", hit.score);
        if (hit.collapsed > 0)
            meta += fmt::format(" (+{} {})", hit.collapsed, hit.collapsed == 1 ? "copy" : "copies");
        out << indent << styled(meta, dim, style) << '\n';
        out << render_snippet_lines(hit.snippet, style, indent);
        out << '\n';
    }
    auto summary = describe_total(page.total, page.total_exact);
    if (!page.hits.empty()) {
        summary += fmt::format(", showing {}-{}", page.offset + 1, page.offset + page.hits.size());
        if (page.sort == SortOrder::newest)
            summary += ", newest first";
        else if (page.sort == SortOrder::oldest)
            summary += ", oldest first";
        else
            summary += page.mode == QueryMode::ranked ? ", best first" : ", newest first";
    } else if (page.total > 0 && page.offset > 0) {
        summary += fmt::format(", none at {} or later", page.offset + 1);
    }
    out << summary << '\n';
    for (const auto& facet : page.facets) {
        out << '\n' << styled(to_string(facet.facet), bold, style) << '\n';
        if (facet.values.empty()) out << "  (none)\n";
        std::size_t value_width = 0;
        for (const auto& v : facet.values) value_width = std::max(value_width, v.value.size());
        for (const auto& v : facet.values)
            out << fmt::format("  {:<{}}  {:>8}\n", printable(v.value), value_width,
                               group_thousands(v.count));
    }
}

void render_article_text(const Article& article, std::ostream& out, const TextStyle& style) {
    const auto join = [](const std::vector<std::string>& items) {
        return printable(fmt::format("{}", fmt::join(items, ", ")));
    };
    out << styled(article.title.empty() ? std::string{"(untitled)"} : printable(article.title),
                  bold, style)
        << '\n';
    const auto field = [&](std::string_view name, const std::string& value) {
        if (!value.empty()) out << fmt::format("{:<9} {}\n", name, value);
    };
    field("id", printable(article.id));
    field("date", article.published ? article.published->iso() : std::string{"undated"});
    field("source", printable(article.source));
    field("byline", printable(article.byline));
    field("dateline", printable(article.dateline));
    field("topics", join(article.topics));
    field("places", join(article.places));
    field("url", printable(article.url));
    out << '\n';
    // Keep the body's own line breaks and paragraphs; only other control characters go.
    std::string body;
    for (const char c : article.body) {
        const auto u = static_cast<unsigned char>(c);
        body.push_back(c == '\n' || c == '\t' ? c : (u < 0x20 || u == 0x7F ? ' ' : c));
    }
    while (!body.empty() && body.back() == '\n') body.pop_back();
    out << body << '\n';
}

void render_stats_text(const IndexStats& stats, std::ostream& out) {
    const auto range = [&] {
        if (!stats.first_date || !stats.last_date) return std::string{"none (no dated articles)"};
        return fmt::format("{} to {}", stats.first_date->iso(), stats.last_date->iso());
    }();
    out << fmt::format("index      {}\n", stats.location);
    out << fmt::format("articles   {}\n", group_thousands(stats.documents));
    out << fmt::format("dates      {}\n", range);
    out << fmt::format("undated    {}\n", group_thousands(stats.undated));
    out << fmt::format("language   {}\n", stats.analysis.language);
    out << fmt::format("phrases    {}\n", to_string(stats.analysis.phrase_mode));
    out << fmt::format("sources    {}\n", group_thousands(stats.source_count));
    std::size_t label_width = 0;
    for (const auto& s : stats.sources) label_width = std::max(label_width, s.source.size());
    for (const auto& s : stats.sources)
        out << fmt::format("  {:<{}}  {:>8}\n", printable(s.source), label_width,
                           group_thousands(s.documents));
    if (stats.sources.size() < stats.source_count)
        out << fmt::format("  … and {} more\n", stats.source_count - stats.sources.size());
}

}  // namespace morgue::search
