// Putting a directory built beside a live one in its place, so a crash leaves one or the other.
#pragma once

#include <filesystem>
#include <string>

namespace morgue::index {

/// The sibling directories used to replace `live`: `LIVE.TAG-tmp` (where the replacement is
/// built) and `LIVE.TAG-old` (where the old one waits when the file system cannot exchange two
/// names in one step).
class DirectorySwap {
public:
    DirectorySwap(const std::string& live, const std::string& tag);

    const std::filesystem::path& live() const noexcept { return m_live; }
    const std::filesystem::path& built() const noexcept { return m_built; }

    /// Clears what a swap that died left: puts `LIVE.TAG-old` back when `live` is missing, and
    /// removes the tmp and old directories (neither is ever the live one). Throws IndexError
    /// when the old directory cannot be put back.
    void clean_leftovers() const;

    /// Swaps built() into live()'s place: renameat2 RENAME_EXCHANGE, or two renames where the
    /// file system cannot. Syncs the parent directory. Returns the directory that now holds the
    /// old contents (for the caller to remove once nothing uses it). Throws IndexError.
    std::filesystem::path swap() const;

private:
    std::filesystem::path m_live;
    std::filesystem::path m_built;
    std::filesystem::path m_old;
};

}  // namespace morgue::index
