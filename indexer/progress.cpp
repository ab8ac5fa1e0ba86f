// Formatting progress, summary and stats; the terminal line redraw.
#include "indexer/progress.hpp"

#include "common/json_write.hpp"
#include "common/text.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

namespace morgue::index {

namespace {

double per_second(double amount, double seconds) { return seconds > 0 ? amount / seconds : 0.0; }

}  // namespace

std::string megabytes(std::uint64_t bytes) {
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

std::uint64_t peak_rss_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
}

std::string format_progress(const IngestProgress& p) {
    const auto articles = p.added + p.replaced;
    const auto rate = per_second(static_cast<double>(articles), p.seconds);
    const auto mbps = per_second(static_cast<double>(p.text_bytes) / 1e6, p.seconds);
    auto line = fmt::format("files {}/{}  {} articles  {} articles/s  {:.1f} MB/s", p.files_done,
                            p.files_total, group_thousands(articles), group_thousands(static_cast<std::uint64_t>(rate)),
                            mbps);
    if (p.rejected > 0) line += fmt::format("  {} rejected", group_thousands(p.rejected));
    if (p.bytes_total > 0 && p.bytes_read > 0 && p.bytes_read < p.bytes_total && p.seconds > 1) {
        const auto left = static_cast<long>(p.seconds * static_cast<double>(p.bytes_total - p.bytes_read) /
                                            static_cast<double>(p.bytes_read));
        line += fmt::format("  ETA {}:{:02}", left / 60, left % 60);
    }
    return line;
}

std::string format_summary(const RunStats& s) {
    const auto& c = s.report.counts;
    const auto articles = c.added + c.replaced;
    return fmt::format(
        "added {}, replaced {}, skipped {} in {:.2f} s ({} articles/s, {:.2f} MB/s); index {} at {}",
        c.added, c.replaced, c.rejected, c.seconds,
        group_thousands(static_cast<std::uint64_t>(per_second(static_cast<double>(articles), c.seconds))),
        per_second(static_cast<double>(c.text_bytes) / 1e6, c.seconds), megabytes(s.index_bytes),
        s.index_path);
}

namespace {

std::uint64_t records_passed_over(const IngestProgress& c) {
    std::uint64_t total = 0;
    for (const auto& entry : c.passed_over) total += entry.second;
    return total;
}

}  // namespace

std::vector<std::string> format_passed_over(const IngestProgress& c) {
    std::vector<std::string> lines;
    if (const auto& files = c.files_passed_over; !files.empty()) {
        constexpr std::size_t named_at_most = 5;
        std::vector<std::string> names(files.begin(),
                                       files.begin() + static_cast<std::ptrdiff_t>(
                                                           std::min(files.size(), named_at_most)));
        auto listed = join_names(names);
        if (files.size() > named_at_most)
            listed += fmt::format(" and {} more", files.size() - named_at_most);
        lines.push_back(fmt::format("passed over {} {} not {}: {} (name a file to read it)",
                                    files.size(), files.size() == 1 ? "file that is" : "files that are",
                                    files.size() == 1 ? "an article" : "articles", listed));
    }
    if (!c.passed_over.empty()) {
        const auto total = records_passed_over(c);
        std::vector<std::string> kinds;
        for (const auto& [kind, n] : c.passed_over) {
            kinds.push_back(fmt::format("{} {}", group_thousands(n), kind));
        }
        lines.push_back(fmt::format("passed over {} {} not {}: {}", group_thousands(total),
                                    total == 1 ? "record that is" : "records that are",
                                    total == 1 ? "an article" : "articles", join_names(kinds)));
    }
    return lines;
}

void write_stats_json(const RunStats& s, std::ostream& out) {
    const auto& c = s.report.counts;
    const auto articles = static_cast<double>(c.added + c.replaced);
    out << fmt::format(
        "{{\"index\":{},\"files\":{},\"added\":{},\"replaced\":{},\"skipped\":{},\"seconds\":{},"
        "\"articles_per_second\":{},\"input_bytes\":{},\"mb_per_second\":{},\"index_bytes\":{},"
        "\"peak_rss_bytes\":{},\"files_passed_over\":{},\"records_passed_over\":{},"
        "\"interrupted\":{}}}\n",
        json_string(s.index_path), c.files_done, c.added, c.replaced, c.rejected,
        json_number(c.seconds), json_number(per_second(articles, c.seconds)), c.text_bytes,
        json_number(per_second(static_cast<double>(c.text_bytes) / 1e6, c.seconds)), s.index_bytes,
        s.peak_rss_bytes, c.files_passed_over.size(), records_passed_over(c),
        s.report.interrupted ? "true" : "false");
}

void ProgressLine::update(const IngestProgress& progress) {
    const auto now = std::chrono::steady_clock::now();
    if (m_shown && now - m_last < std::chrono::milliseconds(250)) return;
    m_last = now;
    m_out << "\r\033[K" << format_progress(progress) << std::flush;
    m_shown = true;
}

void ProgressLine::clear() {
    if (!m_shown) return;
    m_out << "\r\033[K" << std::flush;
    m_shown = false;
}

}  // namespace morgue::index
