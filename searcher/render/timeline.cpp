// Drawing a Timeline as a one-line bar chart.
#include "searcher/render/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace morgue::search {

namespace {

constexpr std::string_view levels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

struct Period {
    std::string label;
    Xapian::doccount count = 0;
};

std::string month_label(int key) { return fmt::format("{:04}-{:02}", key / 100, key % 100); }

}  // namespace

std::string render_timeline(const Timeline& timeline, std::size_t max_bars) {
    if (timeline.months.empty()) return {};
    const int first = timeline.months.begin()->first;
    const int last = timeline.months.rbegin()->first;
    const int first_year = first / 100;
    const int last_year = last / 100;
    const bool monthly = last_year - first_year < 2;

    // Every period from the first to the last, empty ones too, so gaps show.
    std::vector<Period> periods;
    if (monthly) {
        for (int key = first; key <= last; key = key % 100 == 12 ? key + 89 : key + 1) {
            const auto found = timeline.months.find(key);
            periods.push_back({month_label(key),
                               found == timeline.months.end() ? 0 : found->second});
        }
    } else {
        for (int year = first_year; year <= last_year; ++year) periods.push_back({std::to_string(year), 0});
        for (const auto& [key, count] : timeline.months) periods[key / 100 - first_year].count += count;
    }

    // Too many periods for one line: several to a bar.
    const std::size_t per_bar = std::max<std::size_t>(1, (periods.size() + max_bars - 1) /
                                                             std::max<std::size_t>(1, max_bars));
    std::vector<Xapian::doccount> bars;
    for (std::size_t i = 0; i < periods.size(); i += per_bar) {
        Xapian::doccount sum = 0;
        for (std::size_t j = i; j < std::min(periods.size(), i + per_bar); ++j) sum += periods[j].count;
        bars.push_back(sum);
    }
    const auto peak_bar = *std::max_element(bars.begin(), bars.end());
    const auto peak = std::max_element(periods.begin(), periods.end(),
                                       [](const auto& a, const auto& b) { return a.count < b.count; });

    std::string line = periods.front().label + ' ';
    for (const auto count : bars) {
        if (count == 0) {
            line += ' ';
            continue;
        }
        // Ceiling, so the smallest non-zero count still shows as ▁ and only the peak is █.
        const auto level = (static_cast<std::uint64_t>(count) * 8 + peak_bar - 1) / peak_bar;
        line += levels[std::clamp<std::uint64_t>(level, 1, 8) - 1];
    }
    if (periods.size() > 1) line += ' ' + periods.back().label;
    line += fmt::format(" · peak {} ({})", peak->label, peak->count);
    if (timeline.undated > 0) line += fmt::format(" · {} undated", timeline.undated);
    return line + '\n';
}

}  // namespace morgue::search
