// The local day of a UTC timestamp, in the time zone of the country a site's domain names.
#pragma once

#include "common/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace morgue::index::html {

/// The offset from UTC, in minutes, of the civil time of the country whose code ends `host`
/// ("www.faz.de" -> Germany), at the UTC moment `day` + `minute_of_day`: European summer time
/// from the last Sunday of March to the last Sunday of October, 01:00 UTC. nullopt for
/// generic domains (.com, .org) and for countries of several zones or of other summer-time
/// rules (the United States, Australia, Chile, Israel).
std::optional<int> country_utc_offset(std::string_view host, const Date& day, int minute_of_day);

/// The country code of a locale ("en_US" -> "us", "pt-BR" -> "br", "en_GB" -> "uk"); ""
/// when it names no region.
std::string country_of_locale(std::string_view locale);

/// The day that a UTC instant ("2019-10-18T22:04:00Z", "Wed, 04 May 2022 02:41:00 GMT") falls
/// on in the site's country: the one its domain names (country_utc_offset()), else, for a
/// generic domain, the region of the page's `locale` (og:locale), where the continental
/// United States gives a day only when all its zones agree (an instant before 04:00 UTC is
/// the day before everywhere, one after 08:00 the same day). nullopt when the country or the
/// time of day is not known.
std::optional<Date> local_day_of_instant(std::string_view instant, std::string_view host,
                                         std::string_view locale = {});

}  // namespace morgue::index::html
