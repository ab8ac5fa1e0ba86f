// The interactive prompt: one query or :command per line, results and messages to streams.
#pragma once

#include "searcher/engine.hpp"
#include "searcher/render/text.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

/// Where the prompt's lines come from: a line editor on a terminal, or a stream in tests.
class LineSource {
public:
    virtual ~LineSource() = default;

    /// The next line without its '\n' after showing `prompt` (where that makes sense);
    /// nullopt at the end of input (Ctrl-D). A line abandoned with Ctrl-C comes back empty.
    virtual std::optional<std::string> read_line(std::string_view prompt) = 0;

    /// Records a line the user ran, for recall and for :history.
    virtual void remember(const std::string& line) = 0;

    /// Lines remembered so far, oldest first (a line editor includes earlier sessions').
    virtual std::vector<std::string> history() const = 0;
};

/// Lines from a stream (tests, or anything that is not a terminal); history kept in memory.
class StreamLineSource final : public LineSource {
public:
    explicit StreamLineSource(std::istream& in) : m_in(in) {}

    std::optional<std::string> read_line(std::string_view prompt) override;
    void remember(const std::string& line) override { m_history.push_back(line); }
    std::vector<std::string> history() const override { return m_history; }

private:
    std::istream& m_in;
    std::vector<std::string> m_history;
};

/// A terminal's size in character cells; 0 where unknown.
struct ScreenSize {
    std::size_t rows = 0;
    std::size_t columns = 0;
};

/// How the prompt starts out; the :commands change it as the session goes on.
struct PromptSettings {
    SearchRequest request;  ///< limit, sort, facets and the rest; query and offset ignored
    bool json = false;      ///< one JSON line per page instead of text
    bool timeline = true;   ///< the timeline above each text page
    TextStyle style = TextStyle::plain();
    std::string version;    ///< shown in the banner
    /// The terminal's size now; an article taller than it goes through `pager`. Unset or 0
    /// rows: never page.
    std::function<ScreenSize()> screen_size;
    /// Shows long text page by page; returns false when it could not (then it is printed).
    std::function<bool(const std::string& text)> pager;
    /// Set (by a SIGINT handler) when the user presses Ctrl-C while a command runs. With it,
    /// searches run beside the prompt, which gives up waiting for one when this is set.
    std::atomic<bool>* interrupted = nullptr;
};

/// The :commands, as completion offers them.
const std::vector<std::string>& prompt_commands();

/// The field prefixes completion offers ("title:", "source:", …).
const std::vector<std::string>& prompt_fields();

/// What Tab completion knows beyond the fixed commands and fields.
struct CompletionValues {
    std::vector<std::string> sources;  ///< normalised source labels, as source: takes them
    std::vector<std::string> topics;   ///< topic labels, as topic: takes them
};

/// The distinct labels of boolean terms with `prefix` (schema::source_prefix, topic_prefix),
/// without the prefix and without terms of longer prefixes that start with it. Throws
/// IndexError when the index cannot be read.
std::vector<std::string> read_field_values(const OpenIndex& index, std::string_view prefix);

/// Source and topic labels of `index`, for completion. Throws IndexError.
CompletionValues read_completion_values(const OpenIndex& index);

/// Completing the word before the cursor: the replacements offered for it, and where it starts.
struct Completion {
    std::size_t word_start = 0;          ///< byte offset in the line of the word being completed
    std::vector<std::string> candidates; ///< whole replacements for that word, sorted
    bool final = false;                  ///< a single candidate is a whole word: add a space
};

/// Completes `before_cursor` (the line up to the cursor): a :command as the first word, the
/// argument of :sort/:facets/:json/:timeline, a field prefix ("tit" -> "title:"), or a source or
/// topic value after "source:" / "topic:" (quoted when it holds a space).
Completion complete_line(std::string_view before_cursor, const CompletionValues& values);

/// The longest common prefix of `words` (empty for none).
std::string common_prefix(const std::vector<std::string>& words);

/// The banner: index name, article count, date range, language; then the hint line.
void render_banner(const IndexStats& stats, std::string_view version, std::ostream& out);

/// Runs the prompt until end of input or :quit: each line is a query (results as in one-shot
/// mode, with the timeline above them) or a :command. Starts with the banner. A bad query or
/// command, or an index that cannot be read, prints one line to `err` and the prompt goes on.
/// Returns the exit code, 0.
int run_prompt(Engine& engine, LineSource& lines, std::ostream& out, std::ostream& err,
               PromptSettings settings);

}  // namespace morgue::search
