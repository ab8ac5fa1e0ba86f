// The prompt on a real terminal: libedit line editing, history file, Tab completion, Ctrl-C.
#pragma once

#include "searcher/engine.hpp"
#include "searcher/prompt.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace morgue::search {

/// $XDG_STATE_HOME/morgue/history, else ~/.local/state/morgue/history; empty when neither
/// XDG_STATE_HOME nor HOME is set (then history is not kept).
std::string default_history_path();

/// Lines from the terminal through libedit: emacs-style editing, history recalled with the
/// arrow keys and saved to a file after each line, Tab completing with complete_line(), and
/// Ctrl-C abandoning the line being typed (read_line() gives an empty line).
class EditLineSource final : public LineSource {
public:
    /// Uses stdin and stdout, which must be a terminal. `history_path` may be empty (no file);
    /// its directory is created when missing. Problems with the history file are not fatal:
    /// they are reported once on `err`.
    EditLineSource(std::string history_path, CompletionValues values, std::ostream& err);
    ~EditLineSource() override;
    EditLineSource(const EditLineSource&) = delete;
    EditLineSource& operator=(const EditLineSource&) = delete;

    std::optional<std::string> read_line(std::string_view prompt) override;
    void remember(const std::string& line) override;
    std::vector<std::string> history() const override;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// The prompt on the terminal: libedit lines, the pager ($PAGER, else `less -R`) for long
/// articles, Ctrl-C abandoning a running search. Returns the exit code.
int run_terminal_prompt(Engine& engine, PromptSettings settings, std::ostream& out,
                        std::ostream& err);

}  // namespace morgue::search
