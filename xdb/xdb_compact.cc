// xdb_compact.cc: a compacted copy of a database (Xapian::Database::compact).
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

} // extern "C"
