// Country time zones of news sites, for the day a UTC timestamp was on their readers' clocks.
#include "indexer/formats/html/site_time.hpp"

#include <chrono>
#include <string>

namespace morgue::index::html {

namespace {

enum class SummerTime { none, european };

struct CountryZone {
    std::string_view code;
    int standard_offset;  ///< minutes east of UTC (the westernmost zone's, for several)
    SummerTime summer;
    int eastmost_offset = 0;  ///< for a country of several zones, the easternmost's in summer
};

// Countries of one civil time (or one that most of their press keeps: Moscow, Brasília,
// Jakarta), by their domain's code.
constexpr CountryZone zones[] = {
    {"uk", 0, SummerTime::european},    {"ie", 0, SummerTime::european},
    {"pt", 0, SummerTime::european},    {"de", 60, SummerTime::european},
    {"at", 60, SummerTime::european},   {"ch", 60, SummerTime::european},
    {"fr", 60, SummerTime::european},   {"es", 60, SummerTime::european},
    {"it", 60, SummerTime::european},   {"nl", 60, SummerTime::european},
    {"be", 60, SummerTime::european},   {"lu", 60, SummerTime::european},
    {"dk", 60, SummerTime::european},   {"se", 60, SummerTime::european},
    {"no", 60, SummerTime::european},   {"pl", 60, SummerTime::european},
    {"cz", 60, SummerTime::european},   {"sk", 60, SummerTime::european},
    {"hu", 60, SummerTime::european},   {"si", 60, SummerTime::european},
    {"hr", 60, SummerTime::european},   {"rs", 60, SummerTime::european},
    {"ba", 60, SummerTime::european},   {"me", 60, SummerTime::european},
    {"mk", 60, SummerTime::european},   {"al", 60, SummerTime::european},
    {"mt", 60, SummerTime::european},   {"fi", 120, SummerTime::european},
    {"ee", 120, SummerTime::european},  {"lv", 120, SummerTime::european},
    {"lt", 120, SummerTime::european},  {"ro", 120, SummerTime::european},
    {"bg", 120, SummerTime::european},  {"gr", 120, SummerTime::european},
    {"ua", 120, SummerTime::european},  {"md", 120, SummerTime::european},
    {"cy", 120, SummerTime::european},  {"tr", 180, SummerTime::none},
    {"ru", 180, SummerTime::none},      {"by", 180, SummerTime::none},
    {"za", 120, SummerTime::none},      {"ng", 60, SummerTime::none},
    {"ke", 180, SummerTime::none},      {"gh", 0, SummerTime::none},
    {"in", 330, SummerTime::none},      {"pk", 300, SummerTime::none},
    {"bd", 360, SummerTime::none},      {"lk", 330, SummerTime::none},
    {"np", 345, SummerTime::none},      {"th", 420, SummerTime::none},
    {"vn", 420, SummerTime::none},      {"id", 420, SummerTime::none},
    {"my", 480, SummerTime::none},      {"sg", 480, SummerTime::none},
    {"ph", 480, SummerTime::none},      {"cn", 480, SummerTime::none},
    {"hk", 480, SummerTime::none},      {"tw", 480, SummerTime::none},
    {"jp", 540, SummerTime::none},      {"kr", 540, SummerTime::none},
    {"ar", -180, SummerTime::none},     {"br", -180, SummerTime::none},
    {"uy", -180, SummerTime::none},     {"bo", -240, SummerTime::none},
    {"ve", -240, SummerTime::none},     {"pe", -300, SummerTime::none},
    {"co", -300, SummerTime::none},     {"ec", -300, SummerTime::none},
    {"mx", -360, SummerTime::none},
    // The continental United States, Pacific standard to Eastern summer time: a day only
    // where all its zones agree.
    {"us", -480, SummerTime::none, -240},
};

const CountryZone* zone_of(std::string_view code) {
    for (const auto& zone : zones)
        if (zone.code == code) return &zone;
    return nullptr;
}

int days_since_epoch(const Date& d) {
    const std::chrono::sys_days day{std::chrono::year{d.year} / d.month / d.day};
    return static_cast<int>(day.time_since_epoch().count());
}

Date date_of_days(int days) {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

/// The day of the last Sunday of `month` in `year`.
int last_sunday(int year, unsigned month) {
    const std::chrono::year_month_weekday_last last{
        std::chrono::year{year} / std::chrono::month{month} /
        std::chrono::weekday_last{std::chrono::Sunday}};
    return static_cast<int>(static_cast<unsigned>(std::chrono::year_month_day{last}.day()));
}

bool in_european_summer(const Date& day, int minute_of_day) {
    const auto starts = Date{day.year, 3, last_sunday(day.year, 3)};
    const auto ends = Date{day.year, 10, last_sunday(day.year, 10)};
    const auto after = [&](const Date& change) {
        return day > change || (day == change && minute_of_day >= 60);
    };
    return after(starts) && !after(ends);
}

/// The offset of a country of one zone at that UTC moment, summer time included.
int civil_offset(const CountryZone& zone, const Date& day, int minute_of_day) {
    const bool summer = zone.summer == SummerTime::european && in_european_summer(day, minute_of_day);
    return zone.standard_offset + (summer ? 60 : 0);
}

/// The code of the country `host` ends with ("www.tagblatt.ch" -> "ch", "bbc.co.uk" -> "uk").
std::string_view country_code(std::string_view host) {
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);
    const auto dot = host.rfind('.');
    const auto code = dot == std::string_view::npos ? host : host.substr(dot + 1);
    return code.size() == 2 ? code : std::string_view{};
}

/// The UTC time of day, in minutes, of the first "HH:MM" in `text`.
std::optional<int> minute_of_day(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto digit = [&](std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
        if (!digit(i) || (i > 0 && digit(i - 1))) continue;
        std::size_t n = i;
        while (digit(n)) ++n;
        if (n - i > 2 || n >= text.size() || text[n] != ':' || !digit(n + 1) || !digit(n + 2)) continue;
        const int hour = std::stoi(std::string{text.substr(i, n - i)});
        const int minute = std::stoi(std::string{text.substr(n + 1, 2)});
        if (hour < 24 && minute < 60) return hour * 60 + minute;
    }
    return std::nullopt;
}

}  // namespace

std::optional<int> country_utc_offset(std::string_view host, const Date& day, int minute_of_day) {
    const auto code = country_code(host);
    const auto* zone = code.empty() ? nullptr : zone_of(code);
    if (!zone || zone->eastmost_offset != 0) return std::nullopt;
    return civil_offset(*zone, day, minute_of_day);
}

std::string country_of_locale(std::string_view locale) {
    // "en_US", "pt-BR": the region after the language; Britain's domain is .uk.
    if (locale.size() != 5 || (locale[2] != '_' && locale[2] != '-')) return {};
    std::string code{locale.substr(3)};
    for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return code == "gb" ? "uk" : code;
}

std::optional<Date> local_day_of_instant(std::string_view instant, std::string_view host,
                                         std::string_view locale) {
    const auto day = parse_date(instant);
    const auto minute = minute_of_day(instant);
    if (!day || !minute) return std::nullopt;
    const auto shifted = [&](int offset) {
        const auto local_minutes = *minute + offset;
        const int shift = local_minutes < 0 ? -1 : local_minutes >= 24 * 60 ? 1 : 0;
        return date_of_days(days_since_epoch(*day) + shift);
    };
    const auto* zone = zone_of(country_code(host));
    if (!zone && !country_code(host).empty()) return std::nullopt;  // a country not listed
    if (!zone) zone = zone_of(country_of_locale(locale));
    if (!zone) return std::nullopt;
    if (zone->eastmost_offset != 0) {
        const auto west = shifted(zone->standard_offset);
        return west == shifted(zone->eastmost_offset) ? std::optional<Date>{west} : std::nullopt;
    }
    return shifted(civil_offset(*zone, *day, *minute));
}

}  // namespace morgue::index::html
