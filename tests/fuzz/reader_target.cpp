// libFuzzer target: one input format's reader (MORGUE_FUZZ_FORMAT) plus document building.
#include "indexer/document_builder.hpp"
#include "indexer/formats/registry.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#ifndef MORGUE_FUZZ_FORMAT
#error "define MORGUE_FUZZ_FORMAT as a Format enumerator name (jsonl, text, html, trec, reuters, feed, wapo, nitf, newsml)"
#endif

using namespace morgue;
using namespace morgue::index;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static DocumentBuilder builder{AnalysisConfig{}};
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    const InputContext ctx{"fuzz.in", "fuzz/in", std::nullopt};
    // Readers must turn any bytes into articles or problems: an exception escaping here is a
    // bug, and so is an article the document builder (Xapian) refuses.
    for (const auto& record : read_records(Format::MORGUE_FUZZ_FORMAT, content, ctx)) {
        if (const auto* article = std::get_if<Article>(&record)) builder.build(*article);
    }
    return 0;
}
