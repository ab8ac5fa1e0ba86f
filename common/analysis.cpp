// One place where the stemmer and the stemming strategy are decided.
#include "common/analysis.hpp"

#include "common/error.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace morgue {

namespace {

Xapian::TermGenerator::stem_strategy term_strategy(PhraseMode mode) {
    return mode == PhraseMode::stemmed ? Xapian::TermGenerator::STEM_ALL
                                       : Xapian::TermGenerator::STEM_SOME_FULL_POS;
}

}  // namespace

std::vector<std::string> available_languages() {
    std::vector<std::string> names;
    std::istringstream in(Xapian::Stem::get_available_languages());
    for (std::string name; in >> name;) names.push_back(name);
    names.emplace_back("none");
    std::sort(names.begin(), names.end());
    return names;
}

void check_language(std::string_view language) {
    const auto names = available_languages();
    if (std::find(names.begin(), names.end(), language) == names.end())
        throw UsageError(fmt::format("unknown language '{}' (choose from: {})", language,
                                     fmt::join(names, ", ")));
}

std::string_view to_string(PhraseMode mode) noexcept {
    return mode == PhraseMode::stemmed ? "stemmed" : "exact";
}

PhraseMode parse_phrase_mode(std::string_view text) {
    if (text == "stemmed") return PhraseMode::stemmed;
    if (text == "exact") return PhraseMode::exact;
    throw UsageError(fmt::format("unknown phrase mode '{}' (choose from: stemmed, exact)", text));
}

std::span<const std::string_view> english_stop_words() noexcept {
    static constexpr std::string_view words[] = {
        "a",    "an",   "and",  "are",  "as",    "at",    "be",   "but",   "by",
        "for",  "if",   "in",   "into", "is",    "it",    "no",   "not",   "of",
        "on",   "or",   "such", "that", "the",   "their", "then", "there", "these",
        "they", "this", "to",   "was",  "will",  "with"};
    return words;
}

Xapian::Stem make_stemmer(const AnalysisConfig& cfg) {
    if (cfg.language == "none") return Xapian::Stem();
    try {
        return Xapian::Stem(cfg.language);
    } catch (const Xapian::InvalidArgumentError&) {
        check_language(cfg.language);
        throw;
    }
}

Xapian::TermGenerator make_term_generator(const AnalysisConfig& cfg) {
    // Chinese, Japanese and Korean text has no spaces between words: each run of CJK characters
    // becomes its characters (with positions) and their pairs, so a word of any length is found
    // as a phrase of characters without a dictionary (schema version 3).
    Xapian::TermGenerator gen;
    gen.set_stemmer(make_stemmer(cfg));
    gen.set_stemming_strategy(cfg.language == "none" ? Xapian::TermGenerator::STEM_NONE
                                                     : term_strategy(cfg.phrase_mode));
    gen.set_flags(cjk_flags);
    return gen;
}

TermAnalyser::TermAnalyser(const AnalysisConfig& cfg)
    : m_gen(make_term_generator(cfg)),
      m_stemmer(make_stemmer(cfg)),
      m_mode(cfg.phrase_mode),
      m_stems(cfg.language != "none") {
    m_gen.set_max_word_length(max_word_bytes);
}

std::vector<WordTerms> TermAnalyser::analyse(std::string_view text, std::string_view prefix) {
    std::vector<WordTerms> words;
    const bool exact_mode = m_stems && m_mode == PhraseMode::exact;
    std::string stem_prefix = exact_mode ? "Z" : "";
    stem_prefix += prefix;

    // Fast path for the common case, a word of ASCII letters: the TermGenerator would
    // lower-case it and stem it, nothing else.
    const bool letters = !text.empty() && text.size() <= max_word_bytes &&
                         std::all_of(text.begin(), text.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                         });
    if (letters) {
        WordTerms w;
        w.word = to_lower(text);
        const auto stem = m_stems ? m_stemmer(w.word) : w.word;
        w.exact = std::string{prefix} + (exact_mode || !m_stems ? w.word : stem);
        w.ranked = stem_prefix + stem;
        words.push_back(std::move(w));
        return words;
    }

    // Anything else goes through the indexer's own TermGenerator, positions and all.
    Xapian::Document doc;
    m_gen.set_document(doc);
    m_gen.index_text(std::string{text}, 1, std::string{prefix});
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        const bool stem_term = exact_mode && term.compare(0, stem_prefix.size(), stem_prefix) == 0;
        for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos) {
            if (*pos == 0 || *pos > 1000) continue;
            if (words.size() < *pos) words.resize(*pos);
            auto& w = words[*pos - 1];
            if (stem_term) {
                w.ranked = term;
            } else {
                w.exact = term;
                w.word = term.substr(prefix.size());
            }
        }
    }
    std::erase_if(words, [](const WordTerms& w) { return w.exact.empty(); });
    for (auto& w : words)
        if (w.ranked.empty()) w.ranked = w.exact;
    return words;
}

}  // namespace morgue
