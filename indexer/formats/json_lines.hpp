// What the JSON Lines readers share: the walk over lines, parse failures, problems with line numbers.
#pragma once

#include "indexer/formats/reader.hpp"

#include <simdjson.h>

#include <cstddef>
#include <memory>
#include <string>

namespace morgue::index {

/// Turns the JSON object on one line into a record; `line` (the raw text) and its 1-based
/// `number` are for the problems it reports.
using JsonRecordParser = ParsedRecord (*)(simdjson::dom::object record, const std::string& line,
                                          std::size_t number, const InputContext& ctx);

/// A reader of one JSON object per line: blank lines and a byte-order mark are skipped; a line
/// that is not JSON, or not an object, is a problem with its line number; every object goes
/// through `parse`. One simdjson parser serves the whole input; after a huge line it gives its
/// buffers back, so one such record does not pin hundreds of megabytes for the rest.
std::unique_ptr<FormatReader> make_json_lines_reader(JsonRecordParser parse);

/// The problem of line `number`: where, why, and the line's text (cut short) for --rejects.
RecordProblem json_line_problem(const std::string& line, std::size_t number,
                                const InputContext& ctx, std::string id, std::string reason);


}  // namespace morgue::index
