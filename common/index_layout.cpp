// Shard placement and the stub file of a sharded index.
#include "common/index_layout.hpp"

#include "common/error.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace morgue {

namespace fs = std::filesystem;

std::string shard_dir_name(std::size_t k) { return "shard-" + std::to_string(k); }

std::size_t shard_for_id(std::string_view id, std::size_t count) noexcept {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const char c : id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return count <= 1 ? 0 : static_cast<std::size_t>(hash % count);
}

namespace {

bool has_any_stub(const std::string& dir) {
    std::error_code ec;
    return fs::is_regular_file(fs::path(dir) / stub_file_name, ec);
}

/// Writes `text` as `dir`'s stub file through a temporary file renamed over it.
void replace_stub(const std::string& dir, const std::string& text, std::string_view what) {
    const auto stub = fs::path(dir) / stub_file_name;
    const auto temporary = fs::path(dir) / (std::string{stub_file_name} + ".tmp");
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw IndexError(temporary.string(), "cannot write the " + std::string{what});
    }
    std::error_code ec;
    fs::rename(temporary, stub, ec);
    if (ec) throw IndexError(stub.string(), "cannot write the " + std::string{what} + ": " + ec.message());
}

}  // namespace

bool has_segment_stub(const std::string& shard_dir) {
    // A version file beside it: the segments were merged into the directory itself, and Xapian
    // opens the glass database (a directory's iamglass comes before its stub).
    std::error_code ec;
    if (!has_any_stub(shard_dir) || fs::exists(fs::path(shard_dir) / glass_version_file, ec))
        return false;
    std::ifstream in(fs::path(shard_dir) / stub_file_name);
    std::string first;
    std::getline(in, first);
    return first == segment_stub_header;
}

bool holds_database(const std::string& dir) {
    std::error_code ec;
    return fs::exists(fs::path(dir) / glass_version_file, ec) || has_segment_stub(dir);
}

bool has_stub(const std::string& index_dir) {
    return has_any_stub(index_dir) && !has_segment_stub(index_dir);
}

std::vector<StubEntry> read_stub(const std::string& index_dir) {
    const auto stub = fs::path(index_dir) / stub_file_name;
    std::ifstream in(stub);
    if (!in) throw IndexError(stub.string(), "cannot read the shard list");
    std::vector<StubEntry> entries;
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string kind, location;
        if (!(words >> kind) || kind.starts_with("#")) continue;
        std::getline(words >> std::ws, location);
        while (!location.empty() && (location.back() == ' ' || location.back() == '\r'))
            location.pop_back();
        if (location.empty())
            throw IndexError(stub.string(), "shard line without a location: '" + line + "'");
        if ((kind == "auto" || kind == "glass" || kind == "chert") && fs::path(location).is_relative())
            location = (fs::path(index_dir) / location).string();
        entries.push_back({kind, location});
    }
    return entries;
}

void write_stub(const std::string& index_dir, std::size_t count) {
    std::string text = "# Morgue index: " + std::to_string(count) + " shards, searched as one\n";
    for (std::size_t k = 0; k < count; ++k) text += "auto " + shard_dir_name(k) + '\n';
    replace_stub(index_dir, text, "shard list");
}

void write_segment_stub(const std::string& shard_dir, const std::vector<std::string>& names) {
    std::string text{segment_stub_header};
    text += '\n';
    for (const auto& name : names) text += "auto " + name + '\n';
    replace_stub(shard_dir, text, "segment list");
}

}  // namespace morgue
