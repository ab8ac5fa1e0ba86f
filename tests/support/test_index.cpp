// Test indexes through the real index writer.
#include "test_index.hpp"

#include "indexer/index_writer.hpp"

namespace morgue::test {

void write_test_index(const std::string& path, const std::vector<Article>& articles,
                      const TestIndexOptions& options) {
    index::WriterOptions writer_options;
    writer_options.path = path;
    writer_options.shards = options.shards;
    writer_options.analysis.phrase_mode = options.phrase_mode;
    index::IndexWriter writer(writer_options);
    if (options.threads) {
        writer.start();
        for (const auto& article : articles) writer.submit(Article{article});
    } else {
        for (const auto& article : articles) writer.write(article);
    }
    writer.finish();
}

}  // namespace morgue::test
