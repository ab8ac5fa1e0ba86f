// The names of sort orders and facets, as users type them and as results show them.
#include "searcher/request.hpp"

#include "common/error.hpp"
#include "common/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace morgue::search {

namespace {

constexpr std::pair<SortOrder, std::string_view> sort_names[] = {
    {SortOrder::relevance, "relevance"}, {SortOrder::newest, "newest"}, {SortOrder::oldest, "oldest"}};

constexpr std::pair<Facet, std::string_view> facet_names[] = {
    {Facet::source, "source"}, {Facet::year, "year"}, {Facet::topic, "topic"}, {Facet::place, "place"}};

/// "relevance, newest, oldest": the names of a table, for a message.
template <typename Table>
std::string names_of(const Table& table) {
    std::vector<std::string_view> names;
    for (const auto& entry : table) names.push_back(entry.second);
    return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

std::string_view to_string(QueryMode mode) noexcept {
    return mode == QueryMode::ranked ? "ranked" : "boolean";
}

std::string_view to_string(SortOrder order) noexcept {
    for (auto [value, name] : sort_names)
        if (value == order) return name;
    return "relevance";
}

SortOrder parse_sort_order(std::string_view text) {
    for (auto [value, name] : sort_names)
        if (name == text) return value;
    throw UsageError(
        fmt::format("unknown sort order '{}' (choose from: {})", text, names_of(sort_names)));
}

std::vector<std::string_view> sort_order_names() {
    std::vector<std::string_view> names;
    for (const auto& entry : sort_names) names.push_back(entry.second);
    return names;
}

std::string_view to_string(Facet facet) noexcept {
    for (auto [value, name] : facet_names)
        if (value == facet) return name;
    return "source";
}

std::vector<Facet> parse_facets(std::string_view list) {
    std::vector<Facet> facets;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const auto comma = std::min(list.find(',', pos), list.size());
        const auto name = trim(list.substr(pos, comma - pos));
        pos = comma + 1;
        if (name.empty()) continue;
        const auto* found = std::find_if(std::begin(facet_names), std::end(facet_names),
                                         [&](const auto& entry) { return entry.second == name; });
        if (found == std::end(facet_names))
            throw UsageError(fmt::format("unknown facet '{}' (choose from: {})", name,
                                         names_of(facet_names)));
        if (std::find(facets.begin(), facets.end(), found->first) == facets.end())
            facets.push_back(found->first);
    }
    return facets;
}

}  // namespace morgue::search
