// The one place where an article's fields become Xapian terms, values and data.
#include "indexer/document_builder.hpp"

#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"
#include "common/stem_cache.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <set>

namespace morgue::index {

namespace {

std::string prefixed(std::string_view prefix, std::string_view value) {
    std::string term{prefix};
    term += value;
    return term;
}

/// Adds a boolean term for a label unless it normalises to nothing.
void add_label(Xapian::Document& doc, std::string_view prefix, std::string_view label) {
    if (auto term = label_term(prefix, label); !term.empty()) doc.add_boolean_term(term);
}

/// Splits "Jane Doe and John Roe, Associated Press" into names.
std::vector<std::string> byline_names(std::string_view byline) {
    std::string text = normalize_label(byline, 1000);
    if (text.starts_with("by ")) text.erase(0, 3);
    std::vector<std::string> names;
    std::string current;
    const auto flush = [&] {
        auto name = std::string{trim(current)};
        if (!name.empty()) names.push_back(name);
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ',' || text[i] == ';' || text[i] == '/' || text[i] == '&') {
            flush();
        } else if (text.compare(i, 5, " and ") == 0) {
            flush();
            i += 4;
        } else {
            current.push_back(text[i]);
        }
    }
    flush();
    return names;
}

/// Words of a name, for `byline:smith`.
std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : text) {
        if (c == ' ' || c == '.' || c == '-' || c == '\'') {
            if (word.size() > 1) out.push_back(word);
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (word.size() > 1) out.push_back(word);
    return out;
}

/// Letters and digits only, lower case: what survives re-typing and re-wrapping of a story.
/// The first `max_chars` bytes of what folding the whole text would give, found by folding only
/// as far as needed: lower-casing one character at a time as Xapian::Unicode::tolower() does,
/// since a lead is a few hundred bytes of a body many times longer.
std::string fold_for_duplicates(std::string_view text, std::size_t max_chars) {
    std::string out;
    out.reserve(max_chars);
    char utf8[4];
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const auto lower = Xapian::Unicode::tolower(*it);
        const auto bytes = Xapian::Unicode::to_utf8(lower, utf8);
        for (unsigned i = 0; i < bytes; ++i) {
            if (out.size() >= max_chars) return out;
            const auto byte = static_cast<unsigned char>(utf8[i]);
            if (std::isalnum(byte) || byte >= 0x80) out.push_back(utf8[i]);
        }
    }
    return out;
}

}  // namespace

std::string duplicate_key(const Article& article) {
    const auto title = fold_for_duplicates(article.title, 200);
    const auto lead = fold_for_duplicates(article.body, 300);
    if (title.size() + lead.size() < 24) return {};
    return fmt::format("{:016x}", fnv1a(lead, fnv1a(title + "\n")));
}

DocumentBuilder::DocumentBuilder(const AnalysisConfig& cfg, bool cache_stems)
    : m_gen(make_term_generator(cfg)), m_title_prefix(schema::title_prefix) {
    m_gen.set_max_word_length(max_word_bytes);
    if (auto stemmer = make_stemmer(cfg); !stemmer.is_none()) {
        m_stem = new CachingStem(stemmer, cache_stems ? 200000 : 0);
        m_gen.set_stemmer(Xapian::Stem(m_stem));
    }
}

Xapian::Document DocumentBuilder::build(const Article& article,
                                        Xapian::WritableDatabase* spelling_db,
                                        bool count_spelling) {
    Xapian::Document doc;
    m_gen.set_document(doc);
    // The stemming strategies make_term_generator() uses (STEM_ALL, STEM_SOME_FULL_POS) stem
    // every word, so the stemmer sees exactly the words FLAG_SPELLING would add.
    const bool counts = spelling_db != nullptr && m_stem != nullptr && count_spelling;
    if (counts) {
        m_gen.set_flags(cjk_flags);
    } else if (spelling_db != nullptr) {
        m_gen.set_database(*spelling_db);
        m_gen.set_flags(Xapian::TermGenerator::flags(cjk_flags | Xapian::TermGenerator::FLAG_SPELLING));
    } else {
        m_gen.set_flags(cjk_flags);
    }

    // Title: under its prefix for title: queries, and in the general text with extra weight so
    // that BM25 ranks title matches above body matches. A position gap keeps phrases from
    // running from the title into the body.
    if (!article.title.empty()) {
        m_gen.index_text(article.title, 1, m_title_prefix);
        m_gen.increase_termpos();
        if (counts) m_stem->set_counting(true);
        m_gen.index_text(article.title, schema::title_wdf);
        m_gen.increase_termpos(100);
    }
    if (counts) m_stem->set_counting(true);
    m_gen.index_text(article.body);
    if (m_stem != nullptr) m_stem->set_counting(false);

    doc.add_boolean_term(id_term(article.id));
    if (!article.source.empty()) add_label(doc, schema::source_prefix, article.source);
    for (const auto& topic : article.topics) add_label(doc, schema::topic_prefix, topic);
    for (const auto& place : article.places) add_label(doc, schema::place_prefix, place);
    if (!article.dateline.empty()) {
        // "NAGATO, Japan": the whole place and each part, so place:japan and place:nagato match.
        add_label(doc, schema::place_prefix, article.dateline);
        std::string part;
        for (const char c : article.dateline + ",") {
            if (c == ',') {
                add_label(doc, schema::place_prefix, part);
                part.clear();
            } else {
                part.push_back(c);
            }
        }
    }
    if (!article.byline.empty()) {
        for (const auto& name : byline_names(article.byline)) {
            add_label(doc, schema::byline_prefix, name);
            for (const auto& word : words(name)) add_label(doc, schema::byline_prefix, word);
        }
    }
    if (article.published) {
        const auto compact = article.published->compact();
        doc.add_boolean_term(prefixed(schema::year_prefix, compact.substr(0, 4)));
        doc.add_boolean_term(prefixed(schema::month_prefix, compact.substr(0, 6)));
        doc.add_boolean_term(prefixed(schema::day_prefix, compact));
        doc.add_boolean_term(std::string{schema::has_date_term});
        doc.add_value(schema::date_slot, compact);
        doc.add_value(schema::year_slot, compact.substr(0, 4));
    }
    if (!article.source.empty())
        doc.add_value(schema::source_slot, label_value(schema::source_prefix, article.source));
    if (auto key = duplicate_key(article); !key.empty()) doc.add_value(schema::dupkey_slot, key);

    store_article(article, doc);
    return doc;
}

void DocumentBuilder::add_counted_spelling(Xapian::WritableDatabase& db, SpellingWords which) {
    if (m_stem == nullptr) return;
    m_stem->take_counts([&](const std::string& word, Xapian::termcount count) {
        if (which == SpellingWords::new_only && !m_spelled.insert(word).second)
            m_held_counts[word] += count;
        else
            db.add_spelling(word, count);
    });
    if (which == SpellingWords::new_only) return;
    for (const auto& [word, count] : m_held_counts) db.add_spelling(word, count);
    m_held_counts.clear();
}

}  // namespace morgue::index
