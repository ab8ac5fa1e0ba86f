// libFuzzer target: the query front end (parse + run) on a small index built once, and the
// snippet maker on the same bytes taken as an article body.
#include "common/error.hpp"
#include "common/index_open.hpp"
#include "indexer/index_writer.hpp"
#include "searcher/engine.hpp"
#include "searcher/snippet.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdlib.h>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace morgue;

namespace {

/// A few articles covering every field a query can name.
void write_articles(const std::string& path) {
    index::WriterOptions options;
    options.path = path;
    index::IndexWriter writer(options);
    const char* bodies[] = {
        "Cocoa prices rose in Bahia as the prime minister met exporters.",
        "Oil production fell; the central bank held interest rates steady.",
        "Territorial disputes over islands dominated talks in Nagato, Japan.",
        "Coffee export quotas were suspended after a drought cut Brazil's crop.",
        "Wire copy: COFFEE QUOTA TALKS CONTINUE, NO ACCORD SEEN LIKELY.",
    };
    int n = 0;
    for (const char* body : bodies) {
        Article a;
        a.id = "a" + std::to_string(++n);
        a.title = std::string(body).substr(0, 30);
        a.body = body;
        a.source = n % 2 ? "Reuters" : "AP";
        a.published = Date{1987, 2, n};
        a.topics = {"cocoa", "coffee"};
        a.places = {"japan", "brazil"};
        a.byline = "Jane Doe";
        a.dateline = "NAGATO, Japan";
        writer.write(a);
    }
    writer.commit();
}

struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<search::Engine> engine;

    Fixture() {
        auto pattern = (std::filesystem::temp_directory_path() / "morgue-fuzz-XXXXXX").string();
        const char* made = ::mkdtemp(pattern.data());
        if (made == nullptr) std::abort();
        dir = made;
        write_articles((dir / "index").string());
        engine = std::make_unique<search::Engine>(open_index((dir / "index").string()));
    }
    ~Fixture() {
        engine.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture fixture;
    search::SearchRequest request;
    request.query.assign(reinterpret_cast<const char*>(data), size);
    request.limit = 5;
    // A bad query is a QueryError; anything else escaping (an IndexError on a healthy index,
    // a Xapian exception, a crash) is a bug.
    try {
        fixture.engine->search(request);
    } catch (const QueryError&) {
    }
    // Any bytes as a body: the snippet must come out whole, whatever the text.
    static const std::vector<std::string> words{"cocoa", "pric", "\xc3\xa9t\xc3\xa9"};
    static search::SnippetMaker snippets(
        Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()), Xapian::Stem("english"),
        "english");
    for (const std::size_t bytes : {std::size_t{1}, std::size_t{24}, std::size_t{200}}) {
        const auto snippet = snippets.make(request.query, bytes);
        std::size_t length = 0;
        for (const auto& part : snippet) length += part.text.size();
        if (length > request.query.size() + 2 * std::string_view("…").size()) std::abort();
    }
    return 0;
}
