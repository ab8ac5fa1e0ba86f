// The interface every input format implements, and what a reader hands back per record.
#pragma once

#include "common/article.hpp"
#include "common/error.hpp"
#include "indexer/input_source.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace morgue::index {

/// A record that could not be turned into an article: where, why, and its raw text (for
/// --rejects; may be cut short for huge records).
struct RecordProblem {
    SourceLocation where;
    std::string reason;
    std::string raw;
};

/// A record that is rightly not an article (a WARC request or revisit record, a page that is
/// not HTML): not an error, counted in the run's summary by `kind`.
struct PassedOver {
    SourceLocation where;
    std::string kind;  ///< what it was, as the summary names it: "WARC request record"
};

using ParsedRecord = std::variant<Article, RecordProblem, PassedOver>;

/// What a reader knows about the input besides its bytes.
struct InputContext {
    std::string display_path;         ///< for messages: the path as given, or "-" for stdin
    std::string relative_id;          ///< fallback article id: path relative to the input root,
                                      ///< without a .gz suffix ("2016/12/15/putin.txt")
    std::optional<Date> fallback_date;  ///< from the path, else --date; for records without one
    std::string charset = {};  ///< encoding of the bytes when nothing inside them declares one
                               ///< (--encoding, a WARC record's HTTP header); "" = the format's rule
};

/// Receives each record in input order; returns false to stop reading (interrupted run).
using RecordSink = std::function<bool(ParsedRecord&&)>;

/// Turns the bytes of one input into articles. Implementations are stateless and const, so one
/// reader may serve many inputs. A reader never throws for bad records: it passes a
/// RecordProblem to the sink and goes on with the next record it can find.
class FormatReader {
public:
    virtual ~FormatReader() = default;
    virtual void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const = 0;
};

std::unique_ptr<FormatReader> make_jsonl_reader();
std::unique_ptr<FormatReader> make_text_reader();
std::unique_ptr<FormatReader> make_html_reader();

/// The reason the HTML reader gives for a page with no article text in it (a section front, a
/// search page), so readers that hold pages (WARC) can tell such pages from damaged ones.
inline constexpr std::string_view no_article_text_reason = "no article text found";
std::unique_ptr<FormatReader> make_trec_reader();
std::unique_ptr<FormatReader> make_reuters_reader();
std::unique_ptr<FormatReader> make_feed_reader();
std::unique_ptr<FormatReader> make_wapo_reader();
std::unique_ptr<FormatReader> make_nitf_reader();
std::unique_ptr<FormatReader> make_newsml_reader();
std::unique_ptr<FormatReader> make_warc_reader();

}  // namespace morgue::index
