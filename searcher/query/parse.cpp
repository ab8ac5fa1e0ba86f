// Parsing user queries with the shared QueryParser, and translating its errors.
#include "searcher/query/parse.hpp"

#include "common/error.hpp"

#include <fmt/format.h>

#include <cctype>
#include <string>
#include <vector>

namespace morgue::search {

namespace {

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
    throw QueryError(std::string{text}, fmt::format("{} in \"{}\"", reason, text));
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
        const auto start = pos;
        while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
        if (pos > start) words.push_back(text.substr(start, pos - start));
    }
    return words;
}

/// The words of a query made only of -terms ("-a -b"), without their '-'; empty otherwise.
/// Xapian 1.4 treats a lone -term as a plain term, which would return exactly the articles
/// the user wanted excluded. Quoted -phrases are left to Xapian.
std::vector<std::string> excluded_words(std::string_view text) {
    std::vector<std::string> excluded;
    for (auto word : split_words(text)) {
        if (word.size() < 2 || word[0] != '-' || word.find('"') != std::string_view::npos)
            return {};
        excluded.emplace_back(word.substr(1));
    }
    return excluded;
}

Xapian::Query parse_checked(std::string_view text, const std::string& input,
                            Xapian::QueryParser& parser) {
    try {
        return parser.parse_query(input, query_parser_flags());
    } catch (const Xapian::QueryParserError& e) {
        auto message = e.get_msg();
        if (message.rfind("Syntax: ", 0) == 0) message = "syntax: expected " + message.substr(8);
        fail(text, message);
    } catch (const Xapian::Error& e) {
        fail(text, e.get_msg());
    }
}

}  // namespace

unsigned query_parser_flags() noexcept {
    using QP = Xapian::QueryParser;
    return QP::FLAG_PHRASE | QP::FLAG_BOOLEAN | QP::FLAG_LOVEHATE | QP::FLAG_PURE_NOT |
           QP::FLAG_WILDCARD;
}

Xapian::QueryParser make_search_parser(const OpenIndex& index) {
    auto parser = make_query_parser(index.analysis, index.db);
    parser.set_max_expansion(max_wildcard_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                             Xapian::QueryParser::FLAG_WILDCARD);
    return parser;
}

void check_balance(std::string_view text) {
    int depth = 0;
    bool in_quote = false;
    for (char c : text) {
        if (c == '"') {
            in_quote = !in_quote;
        } else if (!in_quote && c == '(') {
            ++depth;
        } else if (!in_quote && c == ')') {
            if (depth == 0) fail(text, "unmatched ')'");
            --depth;
        }
    }
    if (in_quote) fail(text, "unmatched '\"'");
    if (depth > 0) fail(text, "unmatched '('");
}

Xapian::Query parse_user_query(std::string_view text, Xapian::QueryParser& parser) {
    if (split_words(text).empty()) fail(text, "empty query");
    check_balance(text);
    if (const auto words = excluded_words(text); !words.empty()) {
        std::vector<Xapian::Query> excluded;
        for (const auto& word : words) {
            excluded.push_back(parse_checked(text, word, parser));
            if (excluded.back().empty()) fail(text, "no searchable words");
        }
        return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                             Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    const auto query = parse_checked(text, std::string{text}, parser);
    if (query.empty()) fail(text, "no searchable words");
    return query;
}

bool has_relevance(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return true;
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::OP_VALUE_RANGE:
        case Xapian::Query::OP_VALUE_GE:
        case Xapian::Query::OP_VALUE_LE:
            return false;
        case Xapian::Query::OP_SCALE_WEIGHT:
            // The QueryParser wraps boolean-prefix filters as "0 * filter"; it has no other
            // weight syntax, but check the factor rather than assume it.
            return query.get_description().rfind("Query(0 * ", 0) != 0 &&
                   has_relevance(query.get_subquery(0));
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
            return has_relevance(query.get_subquery(0));
        default:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
                if (has_relevance(query.get_subquery(i))) return true;
            return query.get_num_subqueries() == 0;
    }
}

}  // namespace morgue::search
