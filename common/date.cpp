// Recognising the date forms news records use, and the compact form the index keeps.
#include "common/date.hpp"

#include "common/text.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <regex>
#include <utility>

namespace morgue {

namespace {

constexpr std::array<std::string_view, 12> month_names = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

/// The month names of the languages whose news pages write the day before the month
/// ("17 de febrero de 2020", "06 Dicembre 2020", "6. Dezember 2020", "11 de Outubro de 2020",
/// "07 أكتوبر 2020", "20 septembrie 2020", "13 января 2020"): Spanish, Portuguese, Italian,
/// French, Catalan, German, Dutch, Arabic as Egypt and the Gulf write it, Romanian, the Scandinavian
/// languages, Indonesian, Turkish, and Russian, Ukrainian, Polish and Czech in the genitive a
/// date puts them in; lower case, with their month.
constexpr std::pair<std::string_view, int> other_month_names[] = {
    {"enero", 1}, {"janeiro", 1}, {"gennaio", 1}, {"janvier", 1}, {"januar", 1},
    {"januari", 1}, {"j\u00e4nner", 1},
    {"febrero", 2}, {"fevereiro", 2}, {"febbraio", 2}, {"f\u00e9vrier", 2}, {"fevrier", 2},
    {"februar", 2}, {"februari", 2},
    {"marzo", 3}, {"mar\u00e7o", 3}, {"marco", 3}, {"mars", 3}, {"m\u00e4rz", 3}, {"maerz", 3},
    {"maart", 3},
    {"abril", 4}, {"aprile", 4}, {"avril", 4},
    {"mayo", 5}, {"maio", 5}, {"maggio", 5}, {"mai", 5}, {"mei", 5},
    {"junio", 6}, {"junho", 6}, {"giugno", 6}, {"juin", 6}, {"juni", 6},
    {"julio", 7}, {"julho", 7}, {"luglio", 7}, {"juillet", 7}, {"juli", 7},
    {"agosto", 8}, {"ao\u00fbt", 8}, {"aout", 8}, {"augustus", 8},
    {"septiembre", 9}, {"setiembre", 9}, {"setembro", 9}, {"settembre", 9}, {"septembre", 9},
    {"octubre", 10}, {"outubro", 10}, {"ottobre", 10}, {"octobre", 10}, {"oktober", 10},
    {"noviembre", 11}, {"novembro", 11}, {"novembre", 11},
    {"diciembre", 12}, {"dezembro", 12}, {"dicembre", 12}, {"d\u00e9cembre", 12},
    {"decembre", 12}, {"dezember", 12},
    {"\u064a\u0646\u0627\u064a\u0631", 1}, {"\u0641\u0628\u0631\u0627\u064a\u0631", 2},
    {"\u0645\u0627\u0631\u0633", 3}, {"\u0623\u0628\u0631\u064a\u0644", 4},
    {"\u0627\u0628\u0631\u064a\u0644", 4}, {"\u0645\u0627\u064a\u0648", 5},
    {"\u064a\u0648\u0646\u064a\u0648", 6}, {"\u064a\u0648\u0646\u064a\u0647", 6},
    {"\u064a\u0648\u0644\u064a\u0648", 7}, {"\u064a\u0648\u0644\u064a\u0647", 7},
    {"\u0623\u063a\u0633\u0637\u0633", 8}, {"\u0633\u0628\u062a\u0645\u0628\u0631", 9},
    {"\u0623\u0643\u062a\u0648\u0628\u0631", 10}, {"\u0627\u0643\u062a\u0648\u0628\u0631", 10},
    {"\u0646\u0648\u0641\u0645\u0628\u0631", 11}, {"\u062f\u064a\u0633\u0645\u0628\u0631", 12},
    // Romanian
    {"ianuarie", 1}, {"februarie", 2}, {"martie", 3}, {"aprilie", 4}, {"iunie", 6},
    {"iulie", 7}, {"septembrie", 9}, {"octombrie", 10}, {"noiembrie", 11}, {"decembrie", 12},
    // Catalan (those not above)
    {"gener", 1}, {"febrer", 2}, {"mar\u00e7", 3}, {"maig", 5}, {"juny", 6}, {"juliol", 7},
    {"agost", 8}, {"setembre", 9}, {"desembre", 12},
    // Swedish, Danish, Norwegian, Indonesian (those not above)
    {"augusti", 8}, {"marts", 3}, {"maj", 5}, {"desember", 12}, {"maret", 3}, {"agustus", 8},
    // Turkish
    {"ocak", 1}, {"\u015fubat", 2}, {"mart", 3}, {"nisan", 4}, {"may\u0131s", 5},
    {"haziran", 6}, {"temmuz", 7}, {"a\u011fustos", 8}, {"eyl\u00fcl", 9}, {"ekim", 10},
    {"kas\u0131m", 11}, {"aral\u0131k", 12},
    // Russian (genitive)
    {"\u044f\u043d\u0432\u0430\u0440\u044f", 1}, {"\u0444\u0435\u0432\u0440\u0430\u043b\u044f", 2},
    {"\u043c\u0430\u0440\u0442\u0430", 3}, {"\u0430\u043f\u0440\u0435\u043b\u044f", 4},
    {"\u043c\u0430\u044f", 5}, {"\u0438\u044e\u043d\u044f", 6}, {"\u0438\u044e\u043b\u044f", 7},
    {"\u0430\u0432\u0433\u0443\u0441\u0442\u0430", 8},
    {"\u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044f", 9},
    {"\u043e\u043a\u0442\u044f\u0431\u0440\u044f", 10}, {"\u043d\u043e\u044f\u0431\u0440\u044f", 11},
    {"\u0434\u0435\u043a\u0430\u0431\u0440\u044f", 12},
    // Ukrainian (genitive)
    {"\u0441\u0456\u0447\u043d\u044f", 1}, {"\u043b\u044e\u0442\u043e\u0433\u043e", 2},
    {"\u0431\u0435\u0440\u0435\u0437\u043d\u044f", 3}, {"\u043a\u0432\u0456\u0442\u043d\u044f", 4},
    {"\u0442\u0440\u0430\u0432\u043d\u044f", 5}, {"\u0447\u0435\u0440\u0432\u043d\u044f", 6},
    {"\u043b\u0438\u043f\u043d\u044f", 7}, {"\u0441\u0435\u0440\u043f\u043d\u044f", 8},
    {"\u0432\u0435\u0440\u0435\u0441\u043d\u044f", 9}, {"\u0436\u043e\u0432\u0442\u043d\u044f", 10},
    {"\u043b\u0438\u0441\u0442\u043e\u043f\u0430\u0434\u0430", 11},
    {"\u0433\u0440\u0443\u0434\u043d\u044f", 12},
    // Polish (genitive)
    {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5},
    {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"wrze\u015bnia", 9},
    {"pa\u017adziernika", 10}, {"listopada", 11}, {"grudnia", 12},
    // Czech (genitive)
    {"ledna", 1}, {"\u00fanora", 2}, {"b\u0159ezna", 3}, {"dubna", 4}, {"kv\u011btna", 5},
    {"\u010dervna", 6}, {"\u010dervence", 7}, {"srpna", 8}, {"z\u00e1\u0159\u00ed", 9},
    {"\u0159\u00edjna", 10}, {"listopadu", 11}, {"prosince", 12}};

/// 1..12 for a month name or abbreviation ("Dec", "dec.", "December", "Sept", "Dicembre",
/// "février", "Января"), else 0: compared in Unicode lower case, ASCII punctuation ignored.
int month_from_name(std::string_view word) {
    std::string lower;
    for (const char c : to_lower(word)) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalpha(u) || u >= 0x80) lower.push_back(c);
    }
    if (lower.size() < 3) return 0;
    static constexpr std::array<std::string_view, 12> full = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (int m = 0; m < 12; ++m) {
        const auto idx = static_cast<std::size_t>(m);
        if (lower == full[idx] || lower == month_names[idx] || (m == 8 && lower == "sept"))
            return m + 1;
    }
    for (const auto& [name, month] : other_month_names)
        if (lower == name) return month;
    return 0;
}

int to_int(std::string_view digits) {
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

std::optional<Date> make_date(int y, int m, int d) {
    if (!is_valid_date(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

/// Two-digit years as TREC collections use them (1980s-1990s newswire): 00-29 -> 20xx.
int widen_year(int yy) { return yy < 30 ? 2000 + yy : 1900 + yy; }

}  // namespace

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::string Date::compact() const { return fmt::format("{:04}{:02}{:02}", year, month, day); }

bool is_valid_date(int year, int month, int day) noexcept {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int limit = days[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= limit;
}

std::optional<Date> parse_compact_date(std::string_view text) {
    if (text.size() != 8) return std::nullopt;
    for (const char c : text)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    return make_date(to_int(text.substr(0, 4)), to_int(text.substr(4, 2)),
                     to_int(text.substr(6, 2)));
}

std::optional<Date> parse_date(std::string_view text) {
    const std::string s{text.substr(0, 200)};
    std::smatch m;
    // ISO 8601 and its relatives: 2016-12-15, 2016/12/15, 2016-12-15T09:30:00Z, and the
    // year-first dots of Hungarian and Korean with a space after each ("2020. 06. 04.")
    static const std::regex iso(R"((\d{4})(?:[-/]|\. ?)(\d{1,2})(?:[-/]|\. ?)(\d{1,2}))");
    if (std::regex_search(s, m, iso))
        if (auto d = make_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]))) return d;
    // Day first with dots, as most of Europe writes it: 08.04.2015, 13.1.2020 (never month
    // first: the American order uses slashes)
    static const std::regex dotted(R"((?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[^\d]|$))");
    if (std::regex_search(s, m, dotted))
        if (auto d = make_date(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]))) return d;
    // Slashes with the year last: Europe writes 23/06/2020, America 06/23/2020; read only
    // when one of the two numbers cannot be a month.
    static const std::regex slashed(R"((?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?:[^\d/]|$))");
    if (std::regex_search(s, m, slashed)) {
        const int a = std::stoi(m[1]);
        const int b = std::stoi(m[2]);
        if (a > 12 && b <= 12)
            if (auto d = make_date(std::stoi(m[3]), b, a)) return d;
        if (b > 12 && a <= 12)
            if (auto d = make_date(std::stoi(m[3]), a, b)) return d;
    }
    // Reuters: 26-FEB-1987 15:01:01.79; also "15 December 2016", "Thu, 15 Dec 2016 10:00 GMT"
    // and the day-month order of other languages: "17 de febrero de 2020", "6. Dezember 2020";
    // an English ordinal: "20th September 2020", "1st of May 2020"
    static const std::regex dmy(R"((\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+de|\s+of)?[-\s]+)"
                                R"(([A-Za-z\x80-\xff]{3,24})\.?(?:\s+de)?[-\s,]+(\d{4}))");
    if (std::regex_search(s, m, dmy))
        if (const int mon = month_from_name(m[2].str()))
            if (auto d = make_date(std::stoi(m[3]), mon, std::stoi(m[1]))) return d;
    // "December 15, 2016", "Dec. 15, 2016", "January 3, 1989"
    static const std::regex mdy(R"(([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))");
    if (std::regex_search(s, m, mdy))
        if (const int mon = month_from_name(m[1].str()))
            if (auto d = make_date(std::stoi(m[3]), mon, std::stoi(m[2]))) return d;
    // Chinese and Japanese: 2019年4月13日
    static const std::regex cjk("(\\d{4})\\s*\u5e74\\s*(\\d{1,2})\\s*\u6708\\s*(\\d{1,2})\\s*\u65e5");
    if (std::regex_search(s, m, cjk))
        if (auto d = make_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]))) return d;
    // RFC 822 with a two-digit year: "Thu, 15 Dec 16 10:00:00 GMT"
    static const std::regex rfc822_short(R"((?:^|[^\d])(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2})\s+\d{1,2}:\d{2})");
    if (std::regex_search(s, m, rfc822_short))
        if (const int mon = month_from_name(m[2].str()))
            if (auto d = make_date(widen_year(std::stoi(m[3])), mon, std::stoi(m[1]))) return d;
    // Compact 20161215, or TREC's six-digit 890103 (YYMMDD), standing alone.
    static const std::regex digits(R"((?:^|[^\d])(\d{8}|\d{6})(?:[^\d]|$))");
    if (std::regex_search(s, m, digits)) {
        const auto g = m[1].str();
        if (g.size() == 8) return parse_compact_date(g);
        return make_date(widen_year(to_int(std::string_view(g).substr(0, 2))),
                         to_int(std::string_view(g).substr(2, 2)),
                         to_int(std::string_view(g).substr(4, 2)));
    }
    return std::nullopt;
}

std::optional<Date> date_from_unix_seconds(std::int64_t seconds) noexcept {
    constexpr std::int64_t seconds_per_day = 86400;
    // Days 1..9999 years around the epoch fit easily; beyond that no calendar day is valid.
    constexpr std::int64_t max_days = std::int64_t{10000} * 366;
    auto days = seconds / seconds_per_day - (seconds % seconds_per_day < 0 ? 1 : 0);
    if (days > max_days || days < -max_days) return std::nullopt;
    // Howard Hinnant's civil_from_days: the proleptic Gregorian calendar in 400-year eras.
    days += 719468;
    const auto era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = days - era * 146097;
    const auto year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const auto day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const auto shifted_month = (5 * day_of_year + 2) / 153;
    const auto day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    const auto month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    const auto year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return make_date(year, month, day);
}

std::optional<Date> parse_date_in_path(std::string_view path) {
    const std::string s{path};
    std::smatch m;
    static const std::regex dirs(R"((?:^|/)((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$))");
    if (std::regex_search(s, m, dirs))
        if (auto d = make_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]))) return d;
    static const std::regex dashed(R"(((?:19|20)\d{2})[-_](\d{2})[-_](\d{2}))");
    if (std::regex_search(s, m, dashed))
        if (auto d = make_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]))) return d;
    static const std::regex compact(R"((?:^|[^\d])((?:19|20)\d{6})(?:[^\d]|$))");
    if (std::regex_search(s, m, compact)) return parse_compact_date(m[1].str());
    return std::nullopt;
}

}  // namespace morgue
