// Writing and checking the schema record every Morgue index carries.
#include "common/index_meta.hpp"

#include "common/error.hpp"
#include "common/schema.hpp"

#include <fmt/format.h>

namespace morgue {

namespace {

std::string key(std::string_view k) { return std::string{k}; }

void check_version(const std::string& stored, const std::string& path) {
    if (stored.empty())
        throw IndexError(path, "not a Morgue index (no schema version in its metadata)");
    if (stored != std::to_string(schema::version))
        throw IndexError(path, fmt::format("index has schema version {}, this Morgue reads version "
                                           "{}: rebuild it with this morgue-index",
                                           stored, schema::version));
}

}  // namespace

void write_or_check_index_meta(Xapian::WritableDatabase& db, const AnalysisConfig& cfg,
                               const std::string& path) {
    const auto stored_version = db.get_metadata(key(schema::meta_schema_version));
    if (stored_version.empty() && db.get_doccount() == 0) {
        db.set_metadata(key(schema::meta_schema_version), std::to_string(schema::version));
        db.set_metadata(key(schema::meta_language), cfg.language);
        db.set_metadata(key(schema::meta_phrase_mode), std::string{to_string(cfg.phrase_mode)});
        db.set_metadata(key(schema::meta_created_by), "morgue " MORGUE_VERSION);
        return;
    }
    const auto stored = read_index_meta(db, path);
    if (stored.language != cfg.language)
        throw IndexError(path, fmt::format("index was built with language '{}', not '{}' (use "
                                           "--language {} or a new index)",
                                           stored.language, cfg.language, stored.language));
    if (stored.phrase_mode != cfg.phrase_mode)
        throw IndexError(path, fmt::format("index was built with phrase mode '{}', not '{}'",
                                           to_string(stored.phrase_mode),
                                           to_string(cfg.phrase_mode)));
}

void write_or_check_shard_meta(Xapian::WritableDatabase& db, std::size_t shard, std::size_t count,
                               const std::string& path) {
    const auto stored_count = db.get_metadata(key(schema::meta_shard_count));
    if (stored_count.empty()) {
        if (db.get_doccount() != 0 && !(shard == 0 && count == 1))
            throw IndexError(path, fmt::format("shard {} of {} holds articles but no shard record",
                                               shard, count));
        db.set_metadata(key(schema::meta_shard_count), std::to_string(count));
        db.set_metadata(key(schema::meta_shard), std::to_string(shard));
        return;
    }
    const auto stored_shard = db.get_metadata(key(schema::meta_shard));
    if (stored_count != std::to_string(count) || stored_shard != std::to_string(shard))
        throw IndexError(path, fmt::format("database is shard {} of {}, expected shard {} of {} "
                                           "(was the shard list edited?)",
                                           stored_shard, stored_count, shard, count));
}

std::size_t read_shard_count(const Xapian::Database& db) {
    const auto stored = db.get_metadata(key(schema::meta_shard_count));
    try {
        return stored.empty() ? 0 : std::stoul(stored);
    } catch (const std::exception&) {
        return 0;
    }
}

AnalysisConfig read_index_meta(const Xapian::Database& db, const std::string& path) {
    check_version(db.get_metadata(key(schema::meta_schema_version)), path);
    AnalysisConfig cfg;
    cfg.language = db.get_metadata(key(schema::meta_language));
    try {
        cfg.phrase_mode = parse_phrase_mode(db.get_metadata(key(schema::meta_phrase_mode)));
        check_language(cfg.language);
    } catch (const UsageError& e) {
        throw IndexError(path, fmt::format("damaged schema metadata: {}", e.what()));
    }
    return cfg;
}

}  // namespace morgue
