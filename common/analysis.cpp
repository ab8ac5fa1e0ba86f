// One place where stemmer, stemming strategy and field prefixes are decided.
#include "common/analysis.hpp"

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace morgue {

namespace {

/// Longer words are skipped, as by the indexer's TermGenerator.
constexpr std::size_t max_word_bytes = 64;

/// Boolean field whose values are labels: the query text is normalised exactly as the indexer
/// normalised the label, so `source:"New York Times"` finds "new york times".
class LabelFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit LabelFieldProcessor(std::string_view prefix) : m_prefix(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(m_prefix + normalize_label(value));
    }

private:
    std::string m_prefix;
};

/// `id:` matches the record id exactly as written (ids are case-sensitive).
class ExactFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit ExactFieldProcessor(std::string_view prefix) : m_prefix(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(m_prefix + std::string{trim(value)});
    }

private:
    std::string m_prefix;
};

Xapian::TermGenerator::stem_strategy term_strategy(PhraseMode mode) {
    return mode == PhraseMode::stemmed ? Xapian::TermGenerator::STEM_ALL
                                       : Xapian::TermGenerator::STEM_SOME_FULL_POS;
}

Xapian::QueryParser::stem_strategy query_strategy(PhraseMode mode) {
    return mode == PhraseMode::stemmed ? Xapian::QueryParser::STEM_ALL
                                       : Xapian::QueryParser::STEM_SOME_FULL_POS;
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
    Xapian::TermGenerator gen;
    gen.set_stemmer(make_stemmer(cfg));
    gen.set_stemming_strategy(cfg.language == "none" ? Xapian::TermGenerator::STEM_NONE
                                                     : term_strategy(cfg.phrase_mode));
    return gen;
}

Xapian::QueryParser make_query_parser(const AnalysisConfig& cfg, const Xapian::Database& db) {
    Xapian::QueryParser qp;
    qp.set_stemmer(make_stemmer(cfg));
    qp.set_stemming_strategy(cfg.language == "none" ? Xapian::QueryParser::STEM_NONE
                                                    : query_strategy(cfg.phrase_mode));
    qp.set_database(db);
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.add_prefix("title", std::string{schema::title_prefix});
    const auto label_field = [&](const char* name, std::string_view prefix) {
        qp.add_boolean_prefix(name, (new LabelFieldProcessor(prefix))->release(), name);
    };
    label_field("source", schema::source_prefix);
    label_field("topic", schema::topic_prefix);
    label_field("place", schema::place_prefix);
    label_field("byline", schema::byline_prefix);
    label_field("year", schema::year_prefix);
    qp.add_boolean_prefix("id", (new ExactFieldProcessor(schema::id_prefix))->release(), "id");
    return qp;
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
    const std::string stem_prefix = exact_mode ? "Z" + std::string{prefix} : std::string{prefix};

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
