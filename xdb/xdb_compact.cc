// xdb_compact.cc: whole-database maintenance: a compacted copy
// (Xapian::Database::compact) and the integrity check (Database::check, as
// xapian-check does).
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

#include "xdb_guard.hh"
#include "xdb_private.hh"

extern "C" {

cote_status_t cote_xdb_compact(const char *src, const char *dst, cote_error_t *err)
{
    if (!src || !*src || !dst || !*dst)
        return cote_error_set(err, COTE_INVALID_ARG, "compaction needs a source and a destination");
    XDB_TRY {
        Xapian::Database db(src);
        // FULL: blocks packed full, items split wherever that helps. FULLER
        // (merged posting chunks) saves a little more but makes the next
        // incremental run rewrite whole chunks.
        db.compact(dst, Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_check(const char *path, int stats, unsigned long *errors, char **report, cote_error_t *err)
{
    *errors = 0;
    *report = nullptr;
    if (!path || !*path)
        return cote_error_set(err, COTE_INVALID_ARG, "no database to check");
    XDB_TRY {
        std::ostringstream out;
        *errors = Xapian::Database::check(path, stats ? Xapian::DBCHECK_SHOW_STATS : 0, &out);
        const std::string text = out.str();
        char *r = static_cast<char *>(std::malloc(text.size() + 1));
        if (!r)
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        std::memcpy(r, text.c_str(), text.size() + 1);
        *report = r;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

} // extern "C"
