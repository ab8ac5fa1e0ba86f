// Indexes for unit tests, written the way morgue-index writes them. The searcher's tests reach
// the indexer only through this, so they do not depend on its interface.
#pragma once

#include "common/analysis.hpp"
#include "common/article.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace morgue::test {

struct TestIndexOptions {
    std::size_t shards = 1;  ///< of a new index
    PhraseMode phrase_mode = PhraseMode::stemmed;
    bool threads = false;  ///< one writer thread per shard, as morgue-index runs them
};

/// Writes `articles` into the index at `path` (created when missing, else added to and
/// replaced by id) and commits.
void write_test_index(const std::string& path, const std::vector<Article>& articles,
                      const TestIndexOptions& options = {});

}  // namespace morgue::test
