// A move-only temporary directory for tests, removed with everything in it.
#pragma once

#include <filesystem>
#include <random>
#include <string>
#include <utility>

namespace morgue::test {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        const auto base = std::filesystem::temp_directory_path();
        for (int attempt = 0; attempt < 100; ++attempt) {
            auto candidate = base / ("morgue-test-" + std::to_string(rd()));
            if (std::filesystem::create_directory(candidate)) {
                m_path = std::move(candidate);
                return;
            }
        }
        throw std::runtime_error("cannot create a temporary directory");
    }
    ~TempDir() {
        if (!m_path.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(m_path, ec);
        }
    }
    TempDir(TempDir&& other) noexcept : m_path(std::exchange(other.m_path, {})) {}
    TempDir& operator=(TempDir&& other) noexcept {
        std::swap(m_path, other.m_path);
        return *this;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const noexcept { return m_path; }
    std::string operator/(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

}  // namespace morgue::test
