// Opening an index for reading, with errors that name the index.
#include "common/index_open.hpp"

#include "common/error.hpp"
#include "common/index_meta.hpp"

#include <filesystem>

namespace morgue {

OpenIndex open_index(const std::string& location) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(location, ec)) throw IndexError(location, "no such index");
    try {
        OpenIndex index{Xapian::Database(location), {}, location};
        index.analysis = read_index_meta(index.db, location);
        return index;
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexError(location, "cannot open index: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexError(location, e.get_description());
    }
}

}  // namespace morgue
