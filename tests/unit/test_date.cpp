// Unit tests: the date forms news records use, and dates found in paths.
#include "common/date.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <span>
#include <string>
#include <utility>

using namespace morgue;

namespace {

using DayCase = std::pair<std::string_view, std::string_view>;

/// Checks that `parse` reads each case's text as its ISO day ("" where it finds none).
void check_days(std::optional<Date> (*parse)(std::string_view), std::span<const DayCase> cases) {
    for (const auto& [input, expected] : cases) {
        CAPTURE(input);
        const auto date = parse(input);
        CHECK((date ? date->iso() : std::string{}) == expected);
    }
}

}  // namespace

TEST_CASE("parse_date") {
    const DayCase cases[] = {
        {"2016-12-15", "2016-12-15"},
        {"2016-12-15T09:30:00Z", "2016-12-15"},
        {"2016/12/15", "2016-12-15"},
        {"26-FEB-1987 15:01:01.79", "1987-02-26"},
        {"27-MAR-1987 00:02:59.13RM", "1987-03-27"},
        {" 5-MAR-1987  09:10:00.00", "1987-03-05"},
        {"Thu, 15 Dec 2016 10:00:00 GMT", "2016-12-15"},
        {"Sun, 17 Dec 2023 23:00:00 -0500", "2023-12-17"},  // as written, not moved to UTC
        {"Sat, 06 Feb 2021 23:01:00 +0000", "2021-02-06"},
        {"Thu, 15 Dec 16 10:00:00 GMT", "2016-12-15"},
        {"Mon, 1 Mar 99 8:05 EST", "1999-03-01"},
        {"Sat, Dec 16 2023 02:02:33 PM", "2023-12-16"},
        {"December 15, 2016", "2016-12-15"},
        {"Dec. 15, 2016", "2016-12-15"},
        {"Sept 3, 2001", "2001-09-03"},
        {"15 December 2016", "2016-12-15"},
        {"Sunday 20th September 2020", "2020-09-20"},
        {"the 1st of May, 2020", "2020-05-01"},
        // Other languages write the day before the month, some with "de" between.
        {"| 17 de Febrero 2020", "2020-02-17"},
        {"11 de Outubro de 2020, 8:34", "2020-10-11"},
        {"Domenica 06 Dicembre 2020 | 00:36", "2020-12-06"},
        {"6. Dezember 2020", "2020-12-06"},
        {"Publi\u00e9 le 3 f\u00e9vrier 2021 \u00e0 10h", "2021-02-03"},
        {"12 mei 2019", "2019-05-12"},
        {"duminic\u0103, 20 septembrie 2020", "2020-09-20"},
        {"2020. 06. 04. 11:27", "2020-06-04"},
        {"23 Mar\u00e7 2020", "2020-03-23"},
        {"5 de juliol de 2021", "2021-07-05"},
        {"13 \u044f\u043d\u0432\u0430\u0440\u044f 2020 \u0433.", "2020-01-13"},
        {"13 \u042f\u043d\u0432\u0430\u0440\u044f 2020", "2020-01-13"},
        {"5 pa\u017adziernika 2019", "2019-10-05"},
        {"3. b\u0159ezna 2021", "2021-03-03"},
        {"7 Kas\u0131m 2020", "2020-11-07"},
        {"17 augusti 2020", "2020-08-17"},
        {"\u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621\u060c 07 \u0623\u0643\u062a\u0648\u0628\u0631 2020 - 12:09", "2020-10-07"},
        {"08.04.2015 12:46", "2015-04-08"},
        // Slashes with the year last, read when only one order makes a day.
        {"9/21/2016", "2016-09-21"},
        {"23/06/2020 - 10:00", "2020-06-23"},
        {"06/07/2020", ""},
        {"Stand: 13.1.2020", "2020-01-13"},
        {"version 1.2.3.2020", ""},
        {"14 dinner 2016", ""},
        {"\u516c\u958b\u65e5 2019\u5e744\u670813\u65e5 09\u664200\u5206", "2019-04-13"},
        {"890103", "1989-01-03"},
        {"20161215", "2016-12-15"},
        {"2015-02-29", ""},  // not a leap year
        {"2016-02-29", "2016-02-29"},
        {"2016-13-01", ""},
        {"no date here", ""},
        {"", ""},
    };
    check_days(parse_date, cases);
}

TEST_CASE("date_from_unix_seconds") {
    const std::pair<std::int64_t, std::string_view> cases[] = {
        {0, "1970-01-01"},
        {-1, "1969-12-31"},
        {951782400, "2000-02-29"},
        {1472713234, "2016-09-01"},
        {1469199451, "2016-07-22"},
        {253402300799, "9999-12-31"},
        {253402300800, ""},
        {-62135596800, "0001-01-01"},
        {-62135596801, ""},
        {INT64_MAX, ""},
        {INT64_MIN, ""},
    };
    for (const auto& [seconds, expected] : cases) {
        CAPTURE(seconds);
        const auto date = date_from_unix_seconds(seconds);
        CHECK((date ? date->iso() : std::string{}) == expected);
    }
}

TEST_CASE("parse_date_in_path") {
    const DayCase cases[] = {
        {"2016/12/15/putin-abe.txt", "2016-12-15"},
        {"archive/2016/12/15/story.html", "2016-12-15"},
        {"story-2016-12-15.txt", "2016-12-15"},
        {"ap20161215.txt", "2016-12-15"},
        {"putin-abe-nagato.txt", ""},
        {"1234/56/78/x.txt", ""},
    };
    check_days(parse_date_in_path, cases);
}

TEST_CASE("compact form round-trips and sorts") {
    const Date d{1987, 2, 26};
    CHECK(d.compact() == "19870226");
    CHECK(parse_compact_date(d.compact()) == d);
    CHECK(Date{1987, 2, 26} < Date{1987, 10, 1});
    CHECK_FALSE(parse_compact_date("1987022"));
}
