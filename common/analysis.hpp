// Text analysis settings shared by the indexer and the searcher, and the objects built from them.
#pragma once

#include <xapian.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace morgue {

/// What phrase and proximity queries match.
enum class PhraseMode {
    stemmed,  ///< one stemmed term per word with positions: "territorial dispute" also finds
              ///< "territorial disputes" (as in Lucene); the faster, smaller index
    exact,    ///< exact word forms carry positions as well: quoted phrases match the words as
              ///< written, for archives where verbatim quotes matter
};

/// Everything that decides which terms a piece of text becomes. Stored in the index metadata
/// so the searcher analyses queries exactly as the indexer analysed articles.
struct AnalysisConfig {
    std::string language = "english";  ///< a Snowball stemmer name Xapian knows, or "none"
    PhraseMode phrase_mode = PhraseMode::stemmed;

    bool operator==(const AnalysisConfig&) const = default;
};

/// The stemmer languages this Xapian build offers, plus "none".
std::vector<std::string> available_languages();

/// Throws UsageError listing the valid names when `language` is not a known stemmer.
void check_language(std::string_view language);

std::string_view to_string(PhraseMode mode) noexcept;
/// Throws UsageError for anything but "stemmed" or "exact".
PhraseMode parse_phrase_mode(std::string_view text);

/// The TermGenerator flags every generator of terms carries, whatever else it sets: CJK text
/// split into character n-grams.
inline constexpr auto cjk_flags = Xapian::TermGenerator::FLAG_CJK_NGRAM;

/// A TermGenerator with the configured stemmer and stemming strategy, CJK n-grams on.
Xapian::TermGenerator make_term_generator(const AnalysisConfig& cfg);

/// Lucene's English stop set: left out of ranked queries (not of phrases, and not of a query
/// made only of them), which measured better on the judged collections (README, "Ranking").
std::span<const std::string_view> english_stop_words() noexcept;

/// The stemmer for `cfg` (an empty stemmer for "none").
Xapian::Stem make_stemmer(const AnalysisConfig& cfg);

/// One word position of analysed text: the terms the indexer gives that position.
struct WordTerms {
    std::string word;    ///< lower-case word as written ("u.s" stays "us", as Xapian writes it)
    std::string exact;   ///< positional term phrases use (prefix + word, or + stem when stemmed)
    std::string ranked;  ///< term free words use: the stem ("Z…" in exact phrase mode)
};

/// Splits query text into words with the very TermGenerator the indexer uses, so a query word
/// becomes the terms the article's text became: "Japan-Russia", "al-Qaeda" and "COVID-19" are
/// two words at adjacent positions, "U.S." is one word "us", "1,260" stays "1,260". Reuse one
/// analyser; not thread-safe.
class TermAnalyser {
public:
    explicit TermAnalyser(const AnalysisConfig& cfg);

    /// The words of `text` in order, their terms carrying `prefix` (e.g. the title prefix);
    /// empty when `text` has no word characters.
    std::vector<WordTerms> analyse(std::string_view text, std::string_view prefix = {});

    PhraseMode phrase_mode() const noexcept { return m_mode; }

private:
    Xapian::TermGenerator m_gen;
    Xapian::Stem m_stemmer;
    PhraseMode m_mode;
    bool m_stems;
};

}  // namespace morgue
