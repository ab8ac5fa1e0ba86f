// Directory swaps by renameat2(RENAME_EXCHANGE), with a two-rename fallback.
#include "indexer/dir_swap.hpp"

#include "common/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace morgue::index {

namespace fs = std::filesystem;

namespace {

/// `dir` as a path without a trailing separator, so siblings can be named.
fs::path normalized(const std::string& dir) {
    auto path = fs::path(dir).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path;
}

fs::path sibling(const fs::path& dir, const std::string& suffix) {
    return dir.parent_path() / (dir.filename().string() + suffix);
}

/// Swaps two directories in one step; false when the file system cannot.
bool exchange(const fs::path& a, const fs::path& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
    if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
    throw IndexError(b.string(), std::string{"cannot swap in the rebuilt database: "} +
                                     std::strerror(errno));
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) throw IndexError(from.string(), "cannot rename to " + to.string() + ": " + ec.message());
}

void sync_parent(const fs::path& dir) {
    const auto parent = dir.parent_path();
    const int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

DirectorySwap::DirectorySwap(const std::string& live, const std::string& tag)
    : m_live(normalized(live)),
      m_built(sibling(m_live, "." + tag + "-tmp")),
      m_old(sibling(m_live, "." + tag + "-old")) {}

void DirectorySwap::clean_leftovers() const {
    std::error_code ec;
    fs::remove_all(m_built, ec);
    if (!fs::exists(m_live, ec) && fs::exists(m_old, ec)) rename_or_throw(m_old, m_live);
    fs::remove_all(m_old, ec);
}

fs::path DirectorySwap::swap() const {
    fs::path retired = m_built;
    if (!exchange(m_built, m_live)) {
        // Two renames; a crash between them leaves the old directory at LIVE.TAG-old and no
        // LIVE: clean_leftovers() puts it back.
        rename_or_throw(m_live, m_old);
        rename_or_throw(m_built, m_live);
        retired = m_old;
    }
    sync_parent(m_live);
    return retired;
}

}  // namespace morgue::index
