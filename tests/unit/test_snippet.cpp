// Unit tests: snippets find the query's words by stem, pick the best passage and cut it cleanly.
#include "searcher/snippet.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

using morgue::search::join_snippet;
using morgue::search::SnippetMaker;

namespace {

Xapian::Query terms(std::initializer_list<std::string> list) {
    return Xapian::Query(Xapian::Query::OP_OR, list.begin(), list.end());
}

std::string marked(SnippetMaker& maker, std::string_view text, std::size_t bytes = 200) {
    return join_snippet(maker.make(text, bytes), "[", "]");
}

}  // namespace

TEST_CASE("a short body is shown whole, its query words marked by stem") {
    const Xapian::Stem english("english");
    // A stemmed-mode query: terms are stems; "title:" terms mark body words too; filters not.
    SnippetMaker stemmed(terms({"disput", "Sisland", "XSreuters", "K"}), english, "english");
    REQUIRE(stemmed.has_words());
    CHECK(marked(stemmed, "Territorial disputes over the island chain: a dispute, not islands.") ==
          "Territorial [disputes] over the [island] chain: a [dispute], not [islands].");
    // Exact mode: the word as written and the Z stem.
    SnippetMaker exact(terms({"disputes", "Zdisput"}), english, "english");
    CHECK(marked(exact, "Disputes, disputed; DISPUTE.") == "[Disputes], [disputed]; [DISPUTE].");
    // Apostrophes inside words, and letters beyond ASCII.
    SnippetMaker names(terms({"brazil", "café"}), english, "english");
    CHECK(marked(names, "Brazil's crop; the Café's owner; brazil.") ==
          "[Brazil's] crop; the [Café's] owner; [brazil].");
    // Without a stemmer only the words as written match.
    SnippetMaker plain(terms({"island"}), Xapian::Stem(), "none");
    CHECK(marked(plain, "island islands") == "[island] islands");
}

TEST_CASE("a long body shows the passage with the most distinct query words") {
    const Xapian::Stem english("english");
    SnippetMaker maker(terms({"cocoa", "export"}), english, "english");
    std::string text;
    for (int i = 0; i < 30; ++i) text += "Filler words about nothing much. ";
    text += "Cocoa prices rose. ";
    for (int i = 0; i < 5; ++i) text += "More filler here. ";
    text += "Ghana said cocoa exports would rise as the cocoa crop grew. ";
    for (int i = 0; i < 30; ++i) text += "Trailing filler text. ";
    const auto snippet = marked(maker, text, 120);
    CAPTURE(snippet);
    CHECK(snippet.starts_with("…"));
    CHECK(snippet.ends_with("…"));
    CHECK(snippet.find("[cocoa] [exports]") != std::string::npos);
    // Cut at word boundaries, about the asked length.
    CHECK(snippet.find("… ") == std::string::npos);
    CHECK(snippet.size() <= 120 + 2 * std::string("…").size() + 8);
    const auto inner = snippet.substr(std::string("…").size());
    CHECK(text.find(inner.substr(0, 10)) != std::string::npos);
}

TEST_CASE("a body without query words shows its lead") {
    const Xapian::Stem english("english");
    SnippetMaker maker(terms({"zebra"}), english, "english");
    std::string text;
    for (int i = 0; i < 20; ++i) text += "Nothing to see here at all. ";
    const auto snippet = marked(maker, text, 60);
    CHECK(snippet.starts_with("Nothing to see"));
    CHECK(snippet.ends_with("…"));
    CHECK(snippet.find('[') == std::string::npos);
    CHECK_FALSE(SnippetMaker(terms({"XSreuters"}), english, "english").has_words());
}

TEST_CASE("words are skipped unstemmed only where English stems keep their first letters") {
    // "ran" does not stem to "run": no match either way, but "running" must.
    const Xapian::Stem english("english");
    SnippetMaker maker(terms({"run"}), english, "english");
    CHECK(marked(maker, "He ran; she runs; they are running.") ==
          "He ran; she [runs]; they are [running].");
    SnippetMaker lie(terms({"lie"}), english, "english");
    CHECK(marked(lie, "Lying, he lied about the lies.") == "[Lying], he [lied] about the [lies].");
    // A one-letter stem turns the shortcut off rather than miss words.
    SnippetMaker short_stem(terms({"a"}), english, "english");
    CHECK(marked(short_stem, "a b") == "[a] b");
}

TEST_CASE("a passage cut inside a long run of text keeps whole UTF-8 characters") {
    const Xapian::Stem english("english");
    SnippetMaker maker(terms({"cocoa"}), english, "english");
    std::string run;
    for (int i = 0; i < 100; ++i) run += "\xc3\xa9";  // "é" a hundred times, no space
    const std::string text = std::string(300, 'x') + " cocoa," + run + " tail";
    for (const std::size_t bytes : {std::size_t{40}, std::size_t{41}, std::size_t{120}}) {
        CAPTURE(bytes);
        const auto snippet = join_snippet(maker.make(text, bytes), "[", "]");
        CHECK(snippet.find("[cocoa]") != std::string::npos);
        // Every multi-byte character is whole: no lead byte without its continuation.
        for (std::size_t i = 0; i < snippet.size(); ++i) {
            const auto c = static_cast<unsigned char>(snippet[i]);
            if (c == 0xC3) {
                REQUIRE(i + 1 < snippet.size());
                CHECK((static_cast<unsigned char>(snippet[i + 1]) & 0xC0) == 0x80);
            }
        }
    }
}

TEST_CASE("stored bodies keep their line breaks; snippets show single spaces") {
    const Xapian::Stem english("english");
    SnippetMaker maker(terms({"cocoa"}), english, "english");
    CHECK(marked(maker, "\n  Cocoa\n\n   prices rose.\n") == "[Cocoa] prices rose.");
    std::string text = "Lead  line\n\n";
    for (int i = 0; i < 40; ++i) text += "filler\n\t words ";
    text += "\n\ncocoa   at the end\n";
    const auto snippet = marked(maker, text, 60);
    CAPTURE(snippet);
    CHECK(snippet.find("[cocoa] at the end") != std::string::npos);
    CHECK(snippet.find_first_of("\n\t") == std::string::npos);
    CHECK(snippet.find("  ") == std::string::npos);
    // The lead of a body without query words is collapsed the same way.
    SnippetMaker none(terms({"zebra"}), english, "english");
    CHECK(marked(none, text, 30) == "Lead line filler words filler…");
    CHECK(marked(none, "  short\n\nbody  ", 30) == "short body");
}

