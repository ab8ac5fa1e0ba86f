// The line walk and parse-failure messages of the JSON Lines readers (generic JSON, TREC WaPo).
#include "indexer/formats/json_lines.hpp"

#include "common/text.hpp"
#include "indexer/input_source.hpp"

#include <fmt/format.h>

namespace morgue::index {

namespace {

constexpr std::size_t max_raw_bytes = std::size_t{64} << 10;

/// After a record this large the parser gives its buffers back.
constexpr std::size_t parser_shrink_bytes = std::size_t{64} << 20;

bool is_blank(std::string_view line) noexcept {
    return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

std::string describe_json_error(simdjson::error_code code) {
    using simdjson::error_code;
    switch (code) {
    case error_code::UNCLOSED_STRING: return "unclosed string";
    case error_code::UNESCAPED_CHARS: return "control character inside a string";
    case error_code::STRING_ERROR: return "bad string escape";
    case error_code::NUMBER_ERROR: return "bad number";
    case error_code::NUMBER_OUT_OF_RANGE: return "number out of range";
    case error_code::T_ATOM_ERROR:
    case error_code::F_ATOM_ERROR:
    case error_code::N_ATOM_ERROR: return "unknown literal (not true, false or null)";
    case error_code::DEPTH_ERROR: return "nested too deeply";
    case error_code::CAPACITY: return "record too large";
    case error_code::MEMALLOC: return "out of memory";
    case error_code::INCOMPLETE_ARRAY_OR_OBJECT: return "unclosed object or array";
    case error_code::TRAILING_CONTENT: return "text after the end of the object";
    case error_code::EMPTY: return "no JSON value";
    default: return "syntax error";
    }
}

/// Why simdjson refused `line`: "invalid UTF-8 at byte 12", "invalid JSON: unclosed string".
std::string describe_json_failure(simdjson::error_code code, std::string_view line) {
    if (code == simdjson::UTF8_ERROR) {
        const auto at = find_invalid_utf8(line);
        return at == std::string::npos ? std::string{"invalid UTF-8"}
                                       : fmt::format("invalid UTF-8 at byte {}", at + 1);
    }
    return "invalid JSON: " + describe_json_error(code);
}

class JsonLinesReader : public FormatReader {
public:
    explicit JsonLinesReader(JsonRecordParser parse) : m_parse(parse) {}

    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        simdjson::dom::parser parser;
        LineReader lines(in);
        std::string line;
        while (lines.next(line)) {
            const auto number = lines.line_number();
            if (number == 1 && std::string_view{line}.starts_with("\xEF\xBB\xBF")) line = line.substr(3);
            if (is_blank(line)) continue;
            const bool keep_going = sink(parse_line(parser, line, number, ctx));
            if (line.size() > parser_shrink_bytes) {
                parser = simdjson::dom::parser{};
                std::string{}.swap(line);
            }
            if (!keep_going) return;
        }
    }

private:
    ParsedRecord parse_line(simdjson::dom::parser& parser, std::string& line, std::size_t number,
                            const InputContext& ctx) const {
        // simdjson reads up to SIMDJSON_PADDING bytes past the end: give it the room in place
        // rather than letting it copy the line.
        line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
        simdjson::dom::element root;
        if (const auto code = parser.parse(line).get(root); code != simdjson::SUCCESS)
            return json_line_problem(line, number, ctx, {}, describe_json_failure(code, line));
        simdjson::dom::object object;
        if (root.get_object().get(object) != simdjson::SUCCESS)
            return json_line_problem(line, number, ctx, {}, "not a JSON object");
        return m_parse(object, line, number, ctx);
    }

    JsonRecordParser m_parse;
};

}  // namespace

std::unique_ptr<FormatReader> make_json_lines_reader(JsonRecordParser parse) {
    return std::make_unique<JsonLinesReader>(parse);
}

RecordProblem json_line_problem(const std::string& line, std::size_t number,
                                const InputContext& ctx, std::string id, std::string reason) {
    return RecordProblem{{ctx.display_path, number, std::move(id)}, std::move(reason),
                         line.substr(0, max_raw_bytes)};
}

}  // namespace morgue::index
