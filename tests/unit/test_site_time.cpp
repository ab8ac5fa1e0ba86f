// The civil time of a site's country, for the local day of a UTC timestamp.
#include "indexer/formats/html/site_time.hpp"

#include <doctest/doctest.h>

using morgue::Date;
using morgue::index::html::country_of_locale;
using morgue::index::html::country_utc_offset;
using morgue::index::html::local_day_of_instant;

TEST_CASE("site time: country offsets and European summer time") {
    // Summer time in 2020 began on 29 March and ended on 25 October, at 01:00 UTC.
    CHECK(country_utc_offset("www.faz.de", Date{2020, 1, 13}, 600) == 60);
    CHECK(country_utc_offset("www.faz.de", Date{2020, 3, 29}, 59) == 60);
    CHECK(country_utc_offset("www.faz.de", Date{2020, 3, 29}, 60) == 120);
    CHECK(country_utc_offset("www.faz.de", Date{2020, 10, 25}, 59) == 120);
    CHECK(country_utc_offset("www.faz.de", Date{2020, 10, 25}, 60) == 60);
    CHECK(country_utc_offset("www.bbc.co.uk", Date{2020, 7, 1}, 0) == 60);
    CHECK(country_utc_offset("yle.fi", Date{2020, 7, 1}, 0) == 180);
    CHECK(country_utc_offset("timesofindia.indiatimes.in", Date{2020, 7, 1}, 0) == 330);
    CHECK(country_utc_offset("www.folha.com.br", Date{2020, 7, 1}, 0) == -180);
    // Generic domains and countries of several zones or other rules: not known.
    CHECK_FALSE(country_utc_offset("www.nytimes.com", Date{2020, 7, 1}, 0));
    CHECK_FALSE(country_utc_offset("www.abc.net.au", Date{2020, 7, 1}, 0));
    CHECK_FALSE(country_utc_offset("www.haaretz.co.il", Date{2020, 7, 1}, 0));
    CHECK_FALSE(country_utc_offset("localhost", Date{2020, 7, 1}, 0));
}

TEST_CASE("site time: the local day of a UTC instant") {
    CHECK(local_day_of_instant("2020-01-13T22:30:00Z", "www.faz.de") == Date{2020, 1, 13});
    CHECK(local_day_of_instant("2020-01-13T23:30:00Z", "www.faz.de") == Date{2020, 1, 14});
    CHECK(local_day_of_instant("2020-07-13T22:30:00.000Z", "www.faz.de") == Date{2020, 7, 14});
    CHECK(local_day_of_instant("2020-12-31T23:30:00Z", "www.faz.de") == Date{2021, 1, 1});
    CHECK(local_day_of_instant("Wed, 04 May 2022 02:41:00 GMT", "eldeber.com.bo") == Date{2022, 5, 3});
    CHECK(local_day_of_instant("2021-03-01T01:00:00Z", "www.clarin.com.ar") == Date{2021, 2, 28});
    CHECK(local_day_of_instant("2020-03-01T01:00:00Z", "www.clarin.com.ar") == Date{2020, 2, 29});
    CHECK_FALSE(local_day_of_instant("2020-07-13T22:30:00Z", "www.nytimes.com"));
    CHECK_FALSE(local_day_of_instant("2020-07-13", "www.faz.de"));
}

TEST_CASE("site time: a generic domain's day from the page's locale") {
    CHECK(country_of_locale("en_US") == "us");
    CHECK(country_of_locale("pt-BR") == "br");
    CHECK(country_of_locale("en_GB") == "uk");
    CHECK(country_of_locale("en") == "");
    // The United States: before 04:00 UTC it is the day before in every zone, after 08:00
    // the same day; between, the zones disagree and no day is given.
    CHECK(local_day_of_instant("2016-12-20T00:08:44+00:00", "pagesix.com", "en_US") == Date{2016, 12, 19});
    CHECK(local_day_of_instant("2020-05-02T03:59:00Z", "abc7ny.com", "en_US") == Date{2020, 5, 1});
    CHECK_FALSE(local_day_of_instant("2020-05-02T05:00:00Z", "abc7ny.com", "en_US"));
    CHECK(local_day_of_instant("2020-05-02T08:30:00Z", "abc7ny.com", "en_US") == Date{2020, 5, 2});
    CHECK(local_day_of_instant("2020-02-18T23:30:00Z", "elpais.com", "es_ES") == Date{2020, 2, 19});
    // A country's domain wins over the locale; a domain of a country not listed gives none.
    CHECK(local_day_of_instant("2019-10-18T22:04:00Z", "www.nachrichten.at", "en_US") == Date{2019, 10, 19});
    CHECK_FALSE(local_day_of_instant("2019-10-18T22:04:00Z", "www.abc.net.au", "en_US"));
    CHECK_FALSE(local_day_of_instant("2019-10-18T22:04:00Z", "www.example.com", ""));
}
