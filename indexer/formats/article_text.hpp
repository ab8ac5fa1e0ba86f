// What scraped news pages share, whatever their markup: page junk, datelines, bylines, date lines.
#pragma once

#include "common/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index {

/// True when `line` (one line or paragraph of page text) is page furniture rather than article
/// text: skip links, tracking-pixel names, share/follow/subscribe buttons, "Advertisement",
/// "Sponsored", cookie notices, newsletter prompts, "Read more"/"Related:" teasers, lone photo
/// credits and captions ending in one ("(AP Photo/...)"), a reporter's address alone on its
/// line ("kokobj@yna.co.kr"), copyright and "may not be published"
/// footers, "Click here". Long lines are junk only when they are cookie notices or wire
/// footers, so a body paragraph that merely mentions a newsletter is kept.
bool is_junk_line(std::string_view line);

/// The place named by a dateline at the start of `paragraph`, as written: "NAGATO, Japan" for
/// "NAGATO, Japan — Japanese ...", "WASHINGTON" for "WASHINGTON (AP) — ...", "LONDON" for
/// "LONDON, Dec 15 (Reuters) - ...". The date and the news agency are not part of the place.
/// nullopt when the paragraph does not open with a dateline. The paragraph itself is not
/// changed: the dateline stays in the body.
std::optional<std::string> parse_dateline(std::string_view paragraph);

/// The names of a byline line ("By Jane Doe" -> "Jane Doe", "By JANE DOE and JOHN ROE,
/// Associated Press" -> "JANE DOE and JOHN ROE, Associated Press"; a date after the names
/// is cut: "By Jane Doe Dec 15, 2016" -> "Jane Doe"); nullopt for anything else,
/// including sentences that merely begin with "By".
std::optional<std::string> parse_byline(std::string_view line);

/// The date a short date line states: "December 15, 2016", "Published 10:02 AM EST Dec 15,
/// 2016", "Updated 2016-12-15", "Thursday 15 December 2016", after a label of three words or
/// fewer and a bar ("Ann Lee | Dec 15, 2016"). nullopt for anything longer or
/// wordier than a date line (a body sentence that mentions a date is not a date line).
std::optional<Date> parse_date_line(std::string_view line);

/// True for a weekday's name or abbreviation, any case, a trailing comma or period allowed
/// ("Wed", "Thurs.", "Wednesday,").
bool is_weekday_word(std::string_view word);

/// True for a line that says when the article was updated rather than published.
bool is_update_line(std::string_view line);

/// True when `line` reads like a headline: has letters, at most 250 bytes and 40 words, and is
/// not a long sentence ending with a period.
bool looks_like_headline(std::string_view line);

/// The parts of an article that the shared cleanup finds in its body.
struct ArticleText {
    std::string body;                ///< paragraphs separated by one blank line
    std::string dateline;            ///< place of the dateline in the first paragraph, if any
    std::string byline;              ///< from a "By ..." paragraph near the top, if any
    std::optional<Date> published;   ///< from a date paragraph near the top, if any
};

/// Cleans the body paragraphs of one article: collapses whitespace inside each, drops empty
/// ones, page junk, a repeat of `title` and consecutive duplicates; takes byline and date
/// paragraphs from the lead (before the first real paragraph) out of the body; finds the
/// dateline in the first remaining paragraph. Quotes and dashes are kept as written.
ArticleText assemble_article(const std::vector<std::string>& paragraphs, std::string_view title);

}  // namespace morgue::index
