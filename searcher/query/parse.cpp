// Recursive-descent parser for Morgue's query syntax; every error names its column.
#include "searcher/query/parse.hpp"

#include "common/date.hpp"
#include "common/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace morgue::search {

namespace {

// Precedence, loosest first: OR and XOR; AND, AND NOT and NOT; items side by side (a group);
// NEAR/ADJ chains; single items. This is Xapian's QueryParser order: `a b AND c` is
// `(a OR b) AND c`.

constexpr unsigned max_near_distance = 1000;


/// "title, source, … or date": the field names for a message.
std::string field_list() {
    std::string out;
    const auto count = std::size(query_fields);
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out += i + 1 == count ? " or " : ", ";
        out += query_fields[i].name;
    }
    return out;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool ends_bare(char c) { return is_space(c) || c == '(' || c == ')' || c == '"'; }

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

/// An operator token: AND OR XOR NOT NEAR ADJ, NEAR/n, ADJ/n.
struct Operator {
    NodeKind kind = NodeKind::and_op;
    bool is_not = false;  ///< NOT (AND NOT is AND followed by NOT)
    unsigned distance = 0;
    std::size_t start = 0;
    std::size_t end = 0;
    std::string_view text;
};

/// Deepest bracket nesting a query may have.
constexpr std::size_t max_bracket_depth = 100;

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    QueryNode parse() {
        skip_space();
        if (at_end()) fail_plain("empty query");
        auto node = parse_or(Field::text);
        skip_space();
        if (!at_end()) fail(m_pos, "unmatched ')'");
        return node;
    }

private:
    [[noreturn]] void fail_plain(std::string_view reason) const {
        throw QueryError(std::string{m_text}, std::string{reason});
    }

    /// "REASON at column N[: ADVICE]"
    [[noreturn]] void fail(std::size_t byte, std::string_view reason,
                           std::string_view advice = {}) const {
        throw QueryError(std::string{m_text},
                         fmt::format("{} at column {}{}{}", reason, column(byte),
                                     advice.empty() ? "" : ": ", advice),
                         column(byte));
    }

    /// 1-based column in characters (UTF-8 continuation bytes do not count).
    std::size_t column(std::size_t byte) const {
        std::size_t col = 1;
        for (std::size_t i = 0; i < byte && i < m_text.size(); ++i)
            if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++col;
        return col;
    }

    /// Byte offset of a 1-based character column.
    std::size_t byte_of(std::size_t col) const {
        std::size_t chars = 0;
        for (std::size_t i = 0; i < m_text.size(); ++i)
            if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80 && ++chars == col) return i;
        return m_text.size();
    }

    bool at_end() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text[m_pos]; }

    void skip_space() {
        while (!at_end() && is_space(peek())) ++m_pos;
    }

    std::size_t bare_end(std::size_t from) const {
        while (from < m_text.size() && !ends_bare(m_text[from])) ++from;
        return from;
    }

    /// The operator at the current position (after spaces), if any; does not consume it.
    std::optional<Operator> peek_operator() {
        skip_space();
        if (at_end()) return std::nullopt;
        const auto end = bare_end(m_pos);
        const auto token = m_text.substr(m_pos, end - m_pos);
        Operator op;
        op.start = m_pos;
        op.end = end;
        op.text = token;
        if (token == "AND") {
            op.kind = NodeKind::and_op;
        } else if (token == "OR") {
            op.kind = NodeKind::or_op;
        } else if (token == "XOR") {
            op.kind = NodeKind::xor_op;
        } else if (token == "NOT") {
            op.kind = NodeKind::and_not;
            op.is_not = true;
        } else if (token.starts_with("NEAR") || token.starts_with("ADJ")) {
            const bool near = token.starts_with("NEAR");
            const auto name = near ? std::string_view{"NEAR"} : std::string_view{"ADJ"};
            op.kind = near ? NodeKind::near : NodeKind::adj;
            op.distance = default_near_distance;
            if (token.size() > name.size()) {
                if (token[name.size()] != '/') return std::nullopt;  // "NEARBY" is a word
                const auto digits = token.substr(name.size() + 1);
                if (!all_digits(digits) || digits.size() > 4 || to_int(digits) == 0 ||
                    static_cast<unsigned>(to_int(digits)) > max_near_distance)
                    fail(m_pos, fmt::format("bad '{}'", token),
                         fmt::format("{}/n needs a number of words from 1 to {}, as in {}/5", name,
                                     max_near_distance, name));
                op.distance = static_cast<unsigned>(to_int(digits));
            }
        } else {
            return std::nullopt;
        }
        return op;
    }

    static bool is_binary(const Operator& op) {
        return op.kind == NodeKind::and_op || op.kind == NodeKind::or_op ||
               op.kind == NodeKind::xor_op || op.is_not;
    }

    /// After an operator: something must follow before the end, ')' or another binary operator.
    void need_operand_after(const Operator& op) {
        skip_space();
        bool missing = at_end() || peek() == ')';
        if (!missing) {
            const auto next = peek_operator();
            missing = next && (next->kind == NodeKind::and_op || next->kind == NodeKind::or_op ||
                               next->kind == NodeKind::xor_op || next->kind == NodeKind::near ||
                               next->kind == NodeKind::adj);
        }
        if (missing) fail(op.start, fmt::format("nothing after '{}'", op.text));
    }

    static QueryNode binary(NodeKind kind, QueryNode left, QueryNode right, std::size_t column) {
        QueryNode node;
        node.kind = kind;
        node.column = column;
        // Flatten chains of the same operator: a OR b OR c is one OR of three.
        if (left.kind == kind && kind != NodeKind::and_not && left.sign == Sign::none)
            node.children = std::move(left.children);
        else
            node.children.push_back(std::move(left));
        node.children.push_back(std::move(right));
        return node;
    }

    QueryNode parse_or(Field field) {
        auto left = parse_and(field);
        for (;;) {
            const auto op = peek_operator();
            if (!op || (op->kind != NodeKind::or_op && op->kind != NodeKind::xor_op)) break;
            m_pos = op->end;
            need_operand_after(*op);
            auto right = parse_and(field);
            left = binary(op->kind, std::move(left), std::move(right), column(op->start));
        }
        return left;
    }

    QueryNode parse_and(Field field) {
        QueryNode left;
        if (const auto op = peek_operator(); op && op->is_not) {
            // A leading NOT: everything except.
            m_pos = op->end;
            need_operand_after(*op);
            left.kind = NodeKind::all;
            left.column = column(op->start);
            left = binary(NodeKind::and_not, std::move(left), parse_group(field), column(op->start));
        } else {
            left = parse_group(field);
        }
        for (;;) {
            auto op = peek_operator();
            if (!op || (op->kind != NodeKind::and_op && !op->is_not)) break;
            m_pos = op->end;
            auto kind = op->is_not ? NodeKind::and_not : NodeKind::and_op;
            if (!op->is_not) {
                if (const auto next = peek_operator(); next && next->is_not) {
                    kind = NodeKind::and_not;  // AND NOT
                    op->end = next->end;
                    op->text = m_text.substr(op->start, next->end - op->start);
                    m_pos = next->end;
                }
            }
            need_operand_after(*op);
            auto right = parse_group(field);
            left = binary(kind, std::move(left), std::move(right), column(op->start));
        }
        return left;
    }

    /// Items side by side, up to an operator, ')' or the end.
    QueryNode parse_group(Field field) {
        QueryNode group;
        group.kind = NodeKind::group;
        group.column = column(m_pos);
        for (;;) {
            skip_space();
            if (at_end() || peek() == ')') break;
            if (const auto op = peek_operator()) {
                if (is_binary(*op) && !group.children.empty()) break;
                fail(op->start, fmt::format("nothing before '{}'", op->text));
            }
            auto item = parse_item(field);
            if (!item) continue;
            if (const auto op = peek_operator();
                op && (op->kind == NodeKind::near || op->kind == NodeKind::adj))
                item = parse_proximity(std::move(*item), field);
            group.children.push_back(std::move(*item));
        }
        if (group.children.empty()) {
            if (at_end()) fail_plain("empty query");
            fail(m_pos, "unmatched ')'");
        }
        if (group.children.size() == 1 && group.children[0].sign == Sign::none)
            return std::move(group.children[0]);
        return group;
    }

    QueryNode parse_proximity(QueryNode first, Field field) {
        QueryNode chain;
        chain.column = first.column;
        const auto check_operand = [&](const QueryNode& node, const Operator& op) {
            if (node.sign != Sign::none || node.kind != NodeKind::word)
                fail(byte_of(node.column),
                     fmt::format("'{}' needs single words on both sides", op.text),
                     "not phrases, wildcards, fields, signs or brackets");
        };
        std::optional<Operator> first_op;
        for (;;) {
            const auto op = peek_operator();
            if (!op || (op->kind != NodeKind::near && op->kind != NodeKind::adj)) break;
            if (!first_op) {
                first_op = op;
                chain.kind = op->kind;
                check_operand(first, *op);
                chain.children.push_back(std::move(first));
            } else if (op->kind != chain.kind) {
                fail(op->start, "NEAR and ADJ cannot be mixed in one chain");
            }
            chain.distance = std::max(chain.distance, op->distance);
            m_pos = op->end;
            need_operand_after(*op);
            auto next = parse_item(field);
            if (!next) fail(op->start, fmt::format("nothing after '{}'", op->text));
            check_operand(*next, *op);
            chain.children.push_back(std::move(*next));
        }
        return chain;
    }

    /// One item: [+|-] ( "phrase" | ( … ) | field:value | word | word* ). Empty for a lone
    /// sign.
    std::optional<QueryNode> parse_item(Field field) {
        const auto start = m_pos;
        Sign sign = Sign::none;
        if (peek() == '+' || peek() == '-') {
            const bool lone = m_pos + 1 >= m_text.size() || is_space(m_text[m_pos + 1]) ||
                              m_text[m_pos + 1] == ')';
            sign = peek() == '+' ? Sign::must : Sign::must_not;
            ++m_pos;
            if (lone) return std::nullopt;  // "a - b": a dash between words, not a sign
        }
        auto node = parse_unsigned(field, start);
        node.sign = sign;
        node.column = column(start);
        return node;
    }

    QueryNode parse_unsigned(Field field, std::size_t item_start) {
        if (peek() == '"') return parse_quoted(field);
        if (peek() == '(') return parse_brackets(field);
        const auto start = m_pos;
        const auto end = bare_end(m_pos);
        const auto token = m_text.substr(start, end - start);

        // field:value
        std::size_t name_end = 0;
        while (name_end < token.size() && is_ascii_letter(token[name_end])) ++name_end;
        if (name_end > 0 && name_end < token.size() && token[name_end] == ':') {
            std::string name{token.substr(0, name_end)};
            std::transform(name.begin(), name.end(), name.begin(),
                           [](char c) { return static_cast<char>(c | 0x20); });
            const auto* found = find_field(name);
            if (found == nullptr)
                fail(start, fmt::format("unknown field '{}:'", token.substr(0, name_end)),
                     "use " + field_list());
            if (field != Field::text)
                fail(item_start, fmt::format("'{}:' inside '{}:( … )'", name, to_string(field)));
            m_pos = start + name_end + 1;
            if (m_pos >= end) {
                if (!at_end() && peek() == '"') return parse_quoted(found->field);
                if (!at_end() && peek() == '(') return parse_brackets(found->field);
                fail(start, fmt::format("'{}:' needs a value", name));
            }
            return parse_value(found->field, m_pos, end);
        }
        return parse_value(field, start, end);
    }

    /// A bare value in `field`, bytes [start, end).
    QueryNode parse_value(Field field, std::size_t start, std::size_t end) {
        m_pos = end;
        const auto value = m_text.substr(start, end - start);
        QueryNode node;
        node.field = field;
        node.column = column(start);
        node.text = std::string{value};
        const auto star = value.find('*');
        if (field == Field::date) {
            set_date(node, value, start);
        } else if (!is_text_field(field)) {
            if (star != std::string_view::npos)
                fail(start + star, fmt::format("wildcards work on words, not on '{}:' values",
                                               to_string(field)));
            node.kind = NodeKind::label;
        } else if (star != std::string_view::npos) {
            if (star + 1 != value.size() || star == 0)
                fail(start + star, star == 0 ? "'*' needs letters before it"
                                             : "'*' only at the end of a word");
            node.kind = NodeKind::wildcard;
            node.text.pop_back();
        } else {
            node.kind = NodeKind::word;
        }
        return node;
    }

    QueryNode parse_quoted(Field field) {
        const auto open = m_pos;
        const auto close = m_text.find('"', open + 1);
        if (close == std::string_view::npos) fail(open, "unmatched '\"'");
        m_pos = close + 1;
        const auto inside = m_text.substr(open + 1, close - open - 1);
        QueryNode node;
        node.field = field;
        node.column = column(open);
        node.text = std::string{inside};
        if (field == Field::date)
            set_date(node, inside, open + 1);
        else
            node.kind = is_text_field(field) ? NodeKind::phrase : NodeKind::label;
        return node;
    }

    QueryNode parse_brackets(Field field) {
        const auto open = m_pos;
        // Each level recurses through the grammar: a limit keeps hostile input off the stack's end.
        if (++m_depth > max_bracket_depth) fail(open, "brackets nested too deep");
        ++m_pos;
        skip_space();
        if (at_end()) fail(open, "unmatched '('");
        if (peek() == ')') fail(open, "empty brackets");
        auto inner = parse_or(field);
        skip_space();
        if (at_end() || peek() != ')') fail(open, "unmatched '('");
        ++m_pos;
        --m_depth;
        if (inner.sign != Sign::none) {
            QueryNode group;
            group.kind = NodeKind::group;
            group.column = inner.column;
            group.children.push_back(std::move(inner));
            return group;
        }
        return inner;
    }

    void set_date(QueryNode& node, std::string_view value, std::size_t start) {
        node.kind = NodeKind::date;
        const auto bad = [&] {
            fail(start, fmt::format("bad date '{}'", value),
                 "use YYYY, YYYY-MM, YYYY-MM-DD or a range FROM..TO, ..TO, FROM..");
        };
        const auto dots = value.find("..");
        if (dots == std::string_view::npos) {
            const auto bound = parse_date_bound(value);
            if (!bound) bad();
            node.from = node.to = *bound;
            return;
        }
        const auto from = value.substr(0, dots);
        const auto to = value.substr(dots + 2);
        if (from.empty() && to.empty()) bad();
        if (!from.empty()) {
            const auto bound = parse_date_bound(from);
            if (!bound) bad();
            node.from = *bound;
        }
        if (!to.empty()) {
            const auto bound = parse_date_bound(to);
            if (!bound) bad();
            node.to = *bound;
        }
        if (!node.from.empty() && !node.to.empty() && node.from.substr(0, node.to.size()) >
                                                          node.to.substr(0, node.from.size()))
            fail(start, fmt::format("date range '{}' ends before it starts", value));
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_depth = 0;  ///< brackets open around m_pos
};

void describe_into(const QueryNode& node, std::string& out) {
    if (node.sign == Sign::must) out += '+';
    if (node.sign == Sign::must_not) out += '-';
    const auto field = node.field == Field::text ? std::string{}
                                                 : std::string{to_string(node.field)} + ":";
    switch (node.kind) {
        case NodeKind::word: out += field + node.text; return;
        case NodeKind::phrase: out += field + "\"" + node.text + "\""; return;
        case NodeKind::wildcard: out += field + node.text + "*"; return;
        case NodeKind::label: out += field + "\"" + node.text + "\""; return;
        case NodeKind::date: out += "date:" + node.from + ".." + node.to; return;
        case NodeKind::all: out += "ALL"; return;
        default: break;
    }
    static constexpr std::array<std::pair<NodeKind, std::string_view>, 7> names{{
        {NodeKind::group, "GROUP"},
        {NodeKind::and_op, "AND"},
        {NodeKind::or_op, "OR"},
        {NodeKind::xor_op, "XOR"},
        {NodeKind::and_not, "AND_NOT"},
        {NodeKind::near, "NEAR"},
        {NodeKind::adj, "ADJ"},
    }};
    for (auto [kind, name] : names)
        if (kind == node.kind) out += name;
    if (node.kind == NodeKind::near || node.kind == NodeKind::adj)
        out += "/" + std::to_string(node.distance);
    out += '(';
    for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += ", ";
        describe_into(node.children[i], out);
    }
    out += ')';
}

}  // namespace

std::string describe(const QueryNode& node) {
    std::string out;
    describe_into(node, out);
    return out;
}

std::optional<std::string> parse_date_bound(std::string_view text) {
    std::string digits;
    if (text.size() == 4 && all_digits(text)) {
        digits = std::string{text};
    } else if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(0, 4)) &&
               all_digits(text.substr(5, 2))) {
        digits = std::string{text.substr(0, 4)} + std::string{text.substr(5, 2)};
    } else if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
               all_digits(text.substr(0, 4)) && all_digits(text.substr(5, 2)) &&
               all_digits(text.substr(8, 2))) {
        digits = std::string{text.substr(0, 4)} + std::string{text.substr(5, 2)} +
                 std::string{text.substr(8, 2)};
    } else if (text.size() == 8 && all_digits(text)) {
        digits = std::string{text};
    } else {
        return std::nullopt;
    }
    const int year = to_int(std::string_view{digits}.substr(0, 4));
    const int month = digits.size() >= 6 ? to_int(std::string_view{digits}.substr(4, 2)) : 1;
    const int day = digits.size() == 8 ? to_int(std::string_view{digits}.substr(6, 2)) : 1;
    if (!is_valid_date(year, month, day)) return std::nullopt;
    return digits;
}

QueryNode parse_query_tree(std::string_view text) { return Parser(text).parse(); }

QueryBuilder make_search_parser(const OpenIndex& index, bool collection_weights) {
    // Remote shards weigh with Xapian's BM25: their servers share the statistics themselves
    // and know no other scheme.
    return QueryBuilder(index.analysis, index.db, collection_weights && !index.has_remote());
}

Xapian::Query parse_user_query(std::string_view text, QueryBuilder& builder) {
    return build_user_query(text, parse_query_tree(text), builder);
}

Xapian::Query build_user_query(std::string_view text, const QueryNode& tree,
                               QueryBuilder& builder) {
    Xapian::Query query;
    try {
        query = builder.build(tree, text);
    } catch (const Xapian::UnimplementedError& e) {
        // Combinations the builder did not foresee; database errors go to the caller.
        throw QueryError(std::string{text}, "not supported: " + e.get_msg());
    } catch (const Xapian::InvalidArgumentError& e) {
        throw QueryError(std::string{text}, "not supported: " + e.get_msg());
    }
    if (query.empty()) throw QueryError(std::string{text}, "no searchable words");
    return query;
}

}  // namespace morgue::search
