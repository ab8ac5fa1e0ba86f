// libedit behind the prompt's LineSource, the pager, and SIGINT handling on a terminal.
#include "searcher/line_editor.hpp"

#include "common/error.hpp"

#include <histedit.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace morgue::search {

namespace {

std::atomic<bool> sigint_seen{false};

extern "C" void on_sigint(int) { sigint_seen.store(true); }

/// Installs the SIGINT handler for the prompt's lifetime and restores the old one after.
class SigintGuard {
public:
    SigintGuard() {
        struct sigaction action {};
        action.sa_handler = on_sigint;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_old);
    }
    ~SigintGuard() { sigaction(SIGINT, &m_old, nullptr); }
    SigintGuard(const SigintGuard&) = delete;
    SigintGuard& operator=(const SigintGuard&) = delete;

private:
    struct sigaction m_old {};
};

ScreenSize terminal_size() {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return {};
    return {size.ws_row, size.ws_col};
}

/// Writes `text` to $PAGER (else `less -R`); false when no pager could be started.
bool run_pager(const std::string& text) {
    const char* pager = std::getenv("PAGER");
    const std::string command = pager && *pager ? pager : "less -R";
    // The pager gets Ctrl-C; the prompt must not die of SIGPIPE when it quits early.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    struct sigaction old_pipe {};
    sigaction(SIGPIPE, &ignore, &old_pipe);
    std::fflush(stdout);
    FILE* pipe = popen(command.c_str(), "w");
    bool ok = pipe != nullptr;
    if (pipe) {
        std::fwrite(text.data(), 1, text.size(), pipe);
        ok = pclose(pipe) != -1;
    }
    sigaction(SIGPIPE, &old_pipe, nullptr);
    return ok;
}

}  // namespace

std::string default_history_path() {
    std::filesystem::path dir;
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state == '/')
        dir = state;
    else if (const char* home = std::getenv("HOME"); home && *home)
        dir = std::filesystem::path(home) / ".local" / "state";
    else
        return {};
    return (dir / "morgue" / "history").string();
}

struct EditLineSource::State {
    EditLine* el = nullptr;
    History* history = nullptr;
    std::string history_path;
    CompletionValues values;
    std::ostream* err = nullptr;
    std::string prompt;
    bool abandoned = false;
    bool history_problem_reported = false;
    std::vector<std::string> lines;  ///< history, oldest first

    void history_problem(const std::string& what) {
        if (history_problem_reported) return;
        history_problem_reported = true;
        *err << "warning: history: " << what << '\n';
    }

    static State& of(EditLine* el) {
        void* data = nullptr;
        el_get(el, EL_CLIENTDATA, &data);
        return *static_cast<State*>(data);
    }

    static char* prompt_text(EditLine* el) { return of(el).prompt.data(); }

    /// Ctrl-C while typing: show ^C, drop the line, start a fresh one.
    static unsigned char abandon(EditLine* el, int) {
        auto& state = of(el);
        const LineInfo* line = el_line(el);
        el_cursor(el, static_cast<int>(line->lastchar - line->cursor));
        el_insertstr(el, "^C");
        state.abandoned = true;
        // The queued newline ends the line through the editor's own newline, which moves the
        // cursor below the ^C before the next prompt.
        el_push(el, "\n");
        return CC_REFRESH;
    }

    static unsigned char complete(EditLine* el, int) {
        auto& state = of(el);
        const LineInfo* line = el_line(el);
        const std::string before(line->buffer, line->cursor);
        const auto completion = complete_line(before, state.values);
        if (completion.candidates.empty()) return CC_REFRESH_BEEP;
        const auto word_length = before.size() - completion.word_start;
        auto replacement = common_prefix(completion.candidates);
        if (completion.candidates.size() == 1 && completion.final) replacement += ' ';
        if (replacement.size() > word_length ||
            (replacement.size() == word_length && replacement != before.substr(completion.word_start))) {
            el_deletestr(el, static_cast<int>(word_length));
            el_insertstr(el, replacement.c_str());
            return CC_REFRESH;
        }
        // Nothing more to add: list what it could be.
        std::string list = "\n";
        std::size_t shown = 0;
        for (const auto& candidate : completion.candidates) {
            if (++shown > 200) {
                list += "…";
                break;
            }
            list += candidate + "  ";
        }
        list += '\n';
        std::fwrite(list.data(), 1, list.size(), stdout);
        std::fflush(stdout);
        return CC_REDISPLAY;
    }
};

EditLineSource::EditLineSource(std::string history_path, CompletionValues values, std::ostream& err)
    : m_state(std::make_unique<State>()) {
    auto& s = *m_state;
    s.history_path = std::move(history_path);
    s.values = std::move(values);
    s.err = &err;

    HistEvent event;
    s.history = history_init();
    ::history(s.history, &event, H_SETSIZE, 2000);
    ::history(s.history, &event, H_SETUNIQUE, 1);
    if (!s.history_path.empty() && std::filesystem::exists(s.history_path)) {
        if (::history(s.history, &event, H_LOAD, s.history_path.c_str()) < 0)
            s.history_problem("cannot read " + s.history_path);
        // H_LAST is the oldest entry; H_PREV walks towards the newest.
        for (int rc = ::history(s.history, &event, H_LAST); rc >= 0;
             rc = ::history(s.history, &event, H_PREV)) {
            std::string line = event.str;
            while (!line.empty() && line.back() == '\n') line.pop_back();
            s.lines.push_back(std::move(line));
        }
    }

    s.el = el_init("morgue-search", stdin, stdout, stderr);
    el_set(s.el, EL_CLIENTDATA, &s);
    el_set(s.el, EL_EDITOR, "emacs");
    el_set(s.el, EL_PROMPT, &State::prompt_text);
    el_set(s.el, EL_HIST, ::history, s.history);
    // Ctrl-C reaches the editor as a key while a line is typed (no SIGINT), so it can abandon
    // the line without leaving the prompt.
    el_set(s.el, EL_SETTY, "-d", "-isig", nullptr);
    el_set(s.el, EL_ADDFN, "morgue-abandon", "abandon the line", &State::abandon);
    el_set(s.el, EL_BIND, "^C", "morgue-abandon", nullptr);
    el_set(s.el, EL_ADDFN, "morgue-complete", "complete a command, field or value",
           &State::complete);
    el_set(s.el, EL_BIND, "^I", "morgue-complete", nullptr);
    el_source(s.el, nullptr);  // the user's ~/.editrc, if any
}

EditLineSource::~EditLineSource() {
    el_end(m_state->el);
    history_end(m_state->history);
}

std::optional<std::string> EditLineSource::read_line(std::string_view prompt) {
    auto& s = *m_state;
    s.prompt = prompt;
    s.abandoned = false;
    int count = 0;
    const char* line = el_gets(s.el, &count);
    if (line == nullptr || count <= 0) {
        // Ctrl-D: end the prompt's line so the shell's starts on its own.
        std::fputs("\n", stdout);
        std::fflush(stdout);
        return std::nullopt;
    }
    if (s.abandoned) return std::string{};
    std::string text(line, static_cast<std::size_t>(count));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

void EditLineSource::remember(const std::string& line) {
    auto& s = *m_state;
    HistEvent event;
    ::history(s.history, &event, H_ENTER, line.c_str());
    s.lines.push_back(line);
    if (s.history_path.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(s.history_path).parent_path(), ec);
    if (ec) return s.history_problem(ec.message());
    // Saved after every line, so a session that is killed keeps its history.
    if (::history(s.history, &event, H_SAVE, s.history_path.c_str()) < 0)
        s.history_problem("cannot write " + s.history_path);
}

std::vector<std::string> EditLineSource::history() const { return m_state->lines; }

int run_terminal_prompt(Engine& engine, PromptSettings settings, std::ostream& out,
                        std::ostream& err) {
    // libedit decodes UTF-8 input only under a UTF-8 character-type locale.
    std::setlocale(LC_CTYPE, "");
    CompletionValues values;
    try {
        values = read_completion_values(engine.index());
    } catch (const Error&) {
        // Completion of values is a convenience; the prompt works without it.
    }
    EditLineSource lines(default_history_path(), std::move(values), err);
    SigintGuard guard;
    settings.interrupted = &sigint_seen;
    settings.screen_size = terminal_size;
    // Snippet lines are `width` wide after an indent of up to 7 columns; a line exactly as
    // wide as the terminal wraps on some terminals, so one more column stays free.
    if (const auto columns = terminal_size().columns; columns > 40)
        settings.style.width = std::min(settings.style.width, columns - 8);
    settings.pager = run_pager;
    return run_prompt(engine, lines, out, err, std::move(settings));
}

}  // namespace morgue::search
