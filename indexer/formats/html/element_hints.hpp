// What marks an element as page furniture or as an article container: junk tags, hidden
// elements, class, id and role hints.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace morgue::index::html {

/// Elements whose content is never article text.
bool is_junk_tag(const GumboNode* node);

/// True for elements hidden by the hidden attribute, aria-hidden="true", or an inline style
/// with display:none or visibility:hidden.
bool is_hidden(const GumboNode* node);

/// class and id, lower-cased, as one string for hint matching.
std::string class_and_id(const GumboNode* node);

/// Class or id names of page furniture, and roles that mark it.
bool has_negative_hint(const GumboNode* node);

/// Class or id names of lists of other stories (related, recommended, trending, teasers).
bool marks_other_stories(const GumboNode* node);

/// Class or id names of article containers; `hints` as class_and_id() gives them.
bool has_positive_hint(std::string_view hints);

/// Containers that typical news markup gives the article body.
bool has_body_class(const GumboNode* node);

/// Class names of an article's lead, the paragraph set above its text ("article__lead",
/// "standfirst", "story-intro"): one part of a class name, split at "-" and "_", is the word,
/// so "leaderboard" (an advert's slot) is not one.
bool has_lead_class(const GumboNode* node);

/// Whether an element inside `node` is marked as the article or its body (an <article>,
/// itemprop articleBody, a body class, or an id such as "article_content"): furniture by its
/// name, such as a header left unclosed, that holds the story is not furniture.
bool holds_article_body(const GumboNode* node);

}  // namespace morgue::index::html
