// The small index every fuzz target searches: a few articles covering every field a query
// can name, written once into a temporary directory that goes with the object.
#pragma once

#include "test_index.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdlib.h>
#include <string>
#include <vector>

namespace morgue::test {

class FuzzIndex {
public:
    FuzzIndex() {
        auto pattern = (std::filesystem::temp_directory_path() / "morgue-fuzz-XXXXXX").string();
        const char* made = ::mkdtemp(pattern.data());
        if (made == nullptr) std::abort();
        m_dir = made;
        const char* bodies[] = {
            "Cocoa prices rose in Bahia as the prime minister met exporters.",
            "Oil production fell; the central bank held interest rates steady.",
            "Territorial disputes over islands dominated talks in Nagato, Japan.",
            "Coffee export quotas were suspended after a drought cut Brazil's crop.",
            "Wire copy: COFFEE QUOTA TALKS CONTINUE, NO ACCORD SEEN LIKELY.",
        };
        std::vector<Article> articles;
        int n = 0;
        for (const char* body : bodies) {
            Article a;
            a.id = "a" + std::to_string(++n);
            a.title = std::string(body).substr(0, 30);
            a.body = body;
            a.source = n % 2 ? "Reuters" : "AP";
            a.published = Date{1987, 2, n};
            a.topics = {"cocoa", "coffee"};
            a.places = {"japan", "brazil"};
            a.byline = "Jane Doe";
            a.dateline = "NAGATO, Japan";
            articles.push_back(a);
        }
        write_test_index(path(), articles);
    }
    ~FuzzIndex() {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    FuzzIndex(const FuzzIndex&) = delete;
    FuzzIndex& operator=(const FuzzIndex&) = delete;

    std::string path() const { return (m_dir / "index").string(); }

private:
    std::filesystem::path m_dir;
};

}  // namespace morgue::test
