// The one error hierarchy of Morgue: what went wrong, and where.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace Xapian {
class Error;
}

namespace morgue {

/// Where in the input a problem sits: file (or "-" for stdin), 1-based line (0 = unknown),
/// and the record's id when one was read.
struct SourceLocation {
    std::string path;
    std::size_t line = 0;
    std::string record;

    /// "path:line" or "path" when the line is unknown.
    std::string describe() const;
};

/// Base of every error Morgue reports; what() is the message without the program name.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Bad command line: unknown option, unknown format or language, missing argument.
class UsageError : public Error {
public:
    using Error::Error;
};

/// Input that cannot be read or parsed; carries its location.
class InputError : public Error {
public:
    InputError(SourceLocation where, const std::string& what);
    const SourceLocation& where() const noexcept { return m_where; }
    /// The message without the location.
    const std::string& reason() const noexcept { return m_reason; }

private:
    SourceLocation m_where;
    std::string m_reason;
};

/// A query the user typed that cannot be understood or run.
class QueryError : public Error {
public:
    /// `column`: the 1-based character column the problem is at, 0 when it is the whole query.
    QueryError(std::string query, const std::string& what, std::size_t column = 0);
    const std::string& query() const noexcept { return m_query; }
    std::size_t column() const noexcept { return m_column; }

private:
    std::string m_query;
    std::size_t m_column = 0;
};

/// A query for an article by id (show, like) when the index holds no article with that id.
class NotFoundError : public QueryError {
public:
    using QueryError::QueryError;
};

/// An index that cannot be opened, written, or is of another schema.
class IndexError : public Error {
public:
    IndexError(std::string path, const std::string& what);
    const std::string& path() const noexcept { return m_path; }

private:
    std::string m_path;
};

/// Xapian's message with the system's reason when it gave one: "Error writing to file (No space
/// left on device)".
std::string xapian_reason(const Xapian::Error& e);

}  // namespace morgue
