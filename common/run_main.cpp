// Error-to-exit-code mapping for the programs' main().
#include "common/run_main.hpp"

#include "common/error.hpp"
#include "common/exit_code.hpp"

#include <fmt/core.h>
#include <xapian.h>

#include <cstdio>
#include <new>

namespace morgue {

std::string SourceLocation::describe() const {
    return line > 0 ? fmt::format("{}:{}", path, line) : path;
}

InputError::InputError(SourceLocation where, const std::string& what)
    : Error(fmt::format("{}: {}", where.describe(), what)), m_where(std::move(where)), m_reason(what) {}

QueryError::QueryError(std::string query, const std::string& what, std::size_t column)
    : Error(fmt::format("query: {}", what)), m_query(std::move(query)), m_column(column) {}

IndexError::IndexError(std::string path, const std::string& what)
    : Error(fmt::format("{}: {}", path, what)), m_path(std::move(path)) {}

std::string xapian_reason(const Xapian::Error& e) {
    const char* reason = e.get_error_string();
    return reason != nullptr && *reason != '\0' ? fmt::format("{} ({})", e.get_msg(), reason)
                                                 : e.get_msg();
}

int run_main(std::string_view program, const std::function<int()>& body) {
    const auto fail = [&](std::string_view message, ExitCode code) {
        std::fflush(stdout);
        fmt::print(stderr, "{}: error: {}\n", program, message);
        return to_int(code);
    };
    try {
        return body();
    } catch (const UsageError& e) {
        return fail(e.what(), ExitCode::usage);
    } catch (const QueryError& e) {
        return fail(e.what(), ExitCode::bad_query);
    } catch (const InputError& e) {
        return fail(e.what(), ExitCode::input_rejected);
    } catch (const IndexError& e) {
        return fail(e.what(), ExitCode::index_failure);
    } catch (const Error& e) {
        return fail(e.what(), ExitCode::index_failure);
    } catch (const Xapian::Error& e) {
        return fail(e.get_description(), ExitCode::index_failure);
    } catch (const std::bad_alloc&) {
        return fail("out of memory", ExitCode::index_failure);
    } catch (const std::exception& e) {
        return fail(e.what(), ExitCode::index_failure);
    }
}

}  // namespace morgue
