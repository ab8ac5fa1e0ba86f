// Calendar dates as Morgue stores and compares them (YYYYMMDD in a value slot).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace morgue {

struct Date {
    int year = 0;
    int month = 0;  ///< 1..12
    int day = 0;    ///< 1..31

    auto operator<=>(const Date&) const = default;

    /// "2016-12-15"
    std::string iso() const;
    /// "20161215": the sortable form kept in the date value slot.
    std::string compact() const;
};

/// True for a real calendar day (leap years included) in years 1..9999.
bool is_valid_date(int year, int month, int day) noexcept;

/// Parses the date forms found in news records: ISO 8601 ("2016-12-15",
/// "2016-12-15T09:30:00Z", "20161215"), Reuters ("26-FEB-1987 15:01:01.79"),
/// RFC 822 ("Thu, 15 Dec 2016 10:00:00 GMT", "Sun, 17 Dec 2023 10:00:00 -0500", with a
/// two-digit year "Thu, 15 Dec 16 10:00:00 GMT"; the date as written, not moved to UTC),
/// "December 15, 2016", "15 December 2016", "Dec. 15, 2016", the day-month order in other
/// languages ("17 de febrero de 2020", "6. Dezember 2020", "07 أكتوبر 2020", "20 septembrie
/// 2020", "13 января 2020"), slashes with the year last when only one order makes a day
/// ("23/06/2020", "9/21/2016"; "06/07/2020" is not read), day first with
/// dots ("08.04.2015"), Chinese and Japanese "2019年4月13日", and TREC's "890103" /
/// "January 3, 1989". Returns nullopt when no valid date is found.
std::optional<Date> parse_date(std::string_view text);

/// Finds a date in a file path: ".../2016/12/15/...", "2016-12-15" or "20161215" inside a name.
std::optional<Date> parse_date_in_path(std::string_view path);

/// Reads the compact "YYYYMMDD" form back.
std::optional<Date> parse_compact_date(std::string_view text);

/// The UTC calendar day of a Unix time in seconds (negative before 1970); nullopt outside
/// years 1..9999.
std::optional<Date> date_from_unix_seconds(std::int64_t seconds) noexcept;

}  // namespace morgue
