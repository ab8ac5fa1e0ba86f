// The search page, embedded in the binary (server/page/index.html): nothing is fetched at run
// time, nothing but the API is served.
#pragma once

#include <string_view>

namespace morgue::serve {

/// The whole page: HTML with its style and script inline.
std::string_view search_page() noexcept;

}  // namespace morgue::serve
