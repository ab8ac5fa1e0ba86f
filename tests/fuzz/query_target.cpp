// libFuzzer target: the query front end (parse + run) on a small index built once, and the
// snippet maker on the same bytes taken as an article body.
#include "common/error.hpp"
#include "common/index_open.hpp"
#include "searcher/engine.hpp"
#include "searcher/snippet.hpp"
#include "fuzz_index.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace morgue;

namespace {

struct Fixture {
    test::FuzzIndex index;  // destroyed after the engine that reads it
    std::unique_ptr<search::Engine> engine =
        std::make_unique<search::Engine>(open_index(index.path()));
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
