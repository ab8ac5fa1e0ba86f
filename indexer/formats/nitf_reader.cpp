// NITF reader: one article per News Industry Text Format document (IPTC NITF 2.5-3.6, the NYT
// Annotated Corpus flavour included).
#include "indexer/formats/nitf.hpp"
#include "indexer/formats/reader.hpp"
#include "indexer/formats/xml.hpp"

#include <fmt/format.h>

#include <string>
#include <variant>

namespace morgue::index {

namespace {

constexpr std::size_t max_raw_bytes = std::size_t{64} << 10;

class NitfReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        const auto content = read_all(in);
        SourceLocation where{ctx.display_path, 0, ctx.relative_id};
        const auto problem = [&](std::string reason) {
            sink(RecordProblem{where, std::move(reason), content.substr(0, max_raw_bytes)});
        };
        auto parsed = xml::parse_document(content, ctx.charset);
        if (const auto* error = std::get_if<xml::ParseError>(&parsed)) {
            where.line = error->line;
            return problem(error->reason);
        }
        const auto root = std::get<0>(parsed)->document_element();
        if (xml::local_name(root) != "nitf")
            return problem(fmt::format("not an NITF document (root element <{}>)", root.name()));

        auto article = nitf::read_article(root);
        if (article.id.empty()) article.id = ctx.relative_id;
        where.record = article.id;
        if (article.title.empty() && article.body.empty())
            return problem("NITF document without headline or text");
        if (!article.published) article.published = ctx.fallback_date;
        sink(std::move(article));
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_nitf_reader() { return std::make_unique<NitfReader>(); }

}  // namespace morgue::index
