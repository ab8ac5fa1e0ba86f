// The query fields: each one's name, term prefix, kind and help, read by the query parser,
// the query builder, the prompt's Tab completion and --help (and the README's syntax table is
// checked against it).
#pragma once

#include "common/schema.hpp"

#include <string_view>

namespace morgue {

/// Where a query item looks.
enum class Field { text, title, source, topic, place, byline, year, id, date };

/// What a field's values are.
enum class FieldKind {
    words,  ///< words of the article text, analysed and ranked (the text itself and title:)
    label,  ///< a normalised label, a boolean filter (label_term())
    id,     ///< the article id exactly as written (id_term())
    year,   ///< four digits
    date,   ///< a day, month, year or range, on the date value
};

struct FieldInfo {
    Field field;
    std::string_view name;    ///< as typed before ':'
    std::string_view prefix;  ///< of its terms; empty for the text and date:
    FieldKind kind;
    std::string_view example;  ///< a value as a user would type it
    std::string_view help;     ///< what it matches, one line
};

/// The named fields, in the order they are listed to users.
inline constexpr FieldInfo query_fields[] = {
    {Field::title, "title", schema::title_prefix, FieldKind::words, "title:\"crude oil\"",
     "a word, phrase, wildcard or group in the title"},
    {Field::source, "source", schema::source_prefix, FieldKind::label, "source:\"new york times\"",
     "the source, case-insensitive"},
    {Field::byline, "byline", schema::byline_prefix, FieldKind::label, "byline:doe",
     "an author's full name or one of their names"},
    {Field::topic, "topic", schema::topic_prefix, FieldKind::label, "topic:cocoa",
     "a topic label"},
    {Field::place, "place", schema::place_prefix, FieldKind::label, "place:japan",
     "a place label or a part of the dateline"},
    {Field::id, "id", schema::id_prefix, FieldKind::id, "id:12793",
     "the article's id, exactly as written"},
    {Field::year, "year", schema::year_prefix, FieldKind::year, "year:1987",
     "the year of publication"},
    {Field::date, "date", {}, FieldKind::date, "date:2016-12-01..2016-12-31",
     "a day, month or year, or a range FROM..TO (either end open)"},
};

/// The entry for a named field; nullptr for an unknown name (names are lower case).
const FieldInfo* find_field(std::string_view name) noexcept;

/// The entry for `field`; nullptr for Field::text, which has no name.
const FieldInfo* field_info(Field field) noexcept;

/// "title", "text", …: the field's name in messages.
std::string_view to_string(Field field) noexcept;

/// The prefix of the field's terms (empty for the text and date:).
std::string_view prefix_of(Field field) noexcept;

/// True for the fields whose values are words of the article text (text, title:).
bool is_text_field(Field field) noexcept;

}  // namespace morgue
