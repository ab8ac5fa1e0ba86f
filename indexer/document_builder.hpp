// Article -> Xapian::Document: every term, value and stored field the schema promises.
#pragma once

#include "common/analysis.hpp"
#include "common/article.hpp"

#include <xapian.h>

#include <string>

namespace morgue::index {

/// Builds documents for one index. Holds a TermGenerator (not thread-safe): one builder per
/// writer thread.
class DocumentBuilder {
public:
    explicit DocumentBuilder(const AnalysisConfig& cfg);

    /// The document for `article`, with its unique id term. When `spelling_db` is given, body
    /// and title words are added to its spelling table.
    Xapian::Document build(const Article& article, Xapian::WritableDatabase* spelling_db = nullptr);

private:
    Xapian::TermGenerator m_gen;
};

/// The unique id term of an article id (cut to Xapian's term length limit, with a hash of the
/// whole id to stay unique).
std::string id_term(std::string_view id);

/// Hash of the normalised title and lead paragraph: equal for wire copies of one story, empty
/// when there is too little text to tell.
std::string duplicate_key(const Article& article);

}  // namespace morgue::index
