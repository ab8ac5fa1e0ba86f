// Article -> Xapian::Document: every term, value and stored field the schema promises.
#pragma once

#include "common/analysis.hpp"
#include "common/article.hpp"
#include "common/stem_cache.hpp"

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

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

    /// Which counted words add_counted_spelling() adds.
    enum class SpellingWords {
        all,       ///< every word counted since the last call, and the counts held back
        new_only,  ///< words no earlier new_only call gave; the others' counts are held back
    };

    /// Adds the words build() counted since the last call to `db`'s spelling table. Call it
    /// before each commit of `db`. With `new_only`, a word an earlier new_only call gave the
    /// table has its count held back for a later call with `all`: adding a known word costs
    /// Xapian a lookup and a write of its frequency, a new word only what it must (the word and
    /// its fragments, so that suggestions find it at once). Only `new_only` calls remember the
    /// words they give, so a shard written directly (`all` only) keeps no set of words. Use
    /// one `db` for every call.
    /// Throws Xapian::Error.
    void add_counted_spelling(Xapian::WritableDatabase& db,
                              SpellingWords which = SpellingWords::all);

private:
    Xapian::TermGenerator m_gen;
    std::unordered_set<std::string> m_spelled;  ///< words new_only calls gave the table
    std::unordered_map<std::string, Xapian::termcount> m_held_counts;  ///< of spelled words
    CachingStem* m_stem = nullptr;  ///< owned by m_gen's stemmer; null for language "none"
    const std::string m_title_prefix;
};

/// Hash of the normalised title and lead paragraph: equal for wire copies of one story, empty
/// when there is too little text to tell.
std::string duplicate_key(const Article& article);

}  // namespace morgue::index
