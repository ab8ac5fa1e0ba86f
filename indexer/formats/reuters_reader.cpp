// Placeholder: the reuters reader is being written.
#include "indexer/formats/reader.hpp"

namespace morgue::index {

namespace {
class Placeholder : public FormatReader {
public:
    void read(ByteSource&, const InputContext& ctx, const RecordSink& sink) const override {
        sink(RecordProblem{{ctx.display_path, 0, {}}, "format not implemented yet", {}});
    }
};
}  // namespace

std::unique_ptr<FormatReader> make_reuters_reader() { return std::make_unique<Placeholder>(); }

}  // namespace morgue::index
