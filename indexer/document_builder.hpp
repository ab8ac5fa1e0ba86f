// Article -> Xapian::Document: every term, value and stored field the schema promises.
#pragma once

#include "common/analysis.hpp"
#include "common/article.hpp"
#include "common/stem_cache.hpp"

#include <xapian.h>

#include <string>

namespace morgue::index {

/// Builds documents for one index. Holds a TermGenerator (not thread-safe): one builder per
/// writer thread.
class DocumentBuilder {
public:
    /// With `cache_stems`, each distinct word is stemmed once (see stem_cache.hpp).
    explicit DocumentBuilder(const AnalysisConfig& cfg, bool cache_stems = true);

    /// The document for `article`, with its unique id term. When `spelling_db` is given, body
    /// and title words are added to its spelling table; with `count_spelling` too, they are
    /// counted instead wherever the analysis allows (every word is stemmed), for
    /// add_counted_spelling() to add later with one add_spelling(word, count) per distinct
    /// word: the same table, built with far fewer lookups.
    Xapian::Document build(const Article& article, Xapian::WritableDatabase* spelling_db = nullptr,
                           bool count_spelling = false);

    /// Adds the words build() counted since the last call to `db`'s spelling table. Call it
    /// before each commit of `db`. Throws Xapian::Error.
    void add_counted_spelling(Xapian::WritableDatabase& db);

private:
    Xapian::TermGenerator m_gen;
    CachingStem* m_stem = nullptr;  ///< owned by m_gen's stemmer; null for language "none"
    const std::string m_title_prefix;
};

/// Hash of the normalised title and lead paragraph: equal for wire copies of one story, empty
/// when there is too little text to tell.
std::string duplicate_key(const Article& article);

}  // namespace morgue::index
