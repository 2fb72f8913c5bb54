// xdb_db.cc: opening databases (local, stub, remote), writing, metadata,
// spelling and synonyms.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xdb_guard.hh"
#include "xdb_private.hh"

cote_status_t xdb_fail(cote_error_t *err, cote_status_t st, const Xapian::Error &e)
{
    return cote_error_set(err, st, "%s", e.get_description().c_str());
}

// Why a write failed, from the errno text Xapian puts in its message: a
// read-only folder or file system, or a full one (a full disk, a file size
// or quota limit). Either way the index cannot be written, and the run must
// stop rather than count the next files as indexed (tests/e2e/T140-faults.sh).
static bool cannot_write(const Xapian::Error &e)
{
    static const char *const why[] = {"Permission denied", "Read-only file system",
                                      "No space left on device", "File too large",
                                      "Disk quota exceeded"};
    const char *es = e.get_error_string();
    std::string all = e.get_description();
    for (const char *w : why)
        if ((es && std::strstr(es, w)) || all.find(w) != std::string::npos)
            return true;
    return false;
}

cote_status_t xdb_fail_db(cote_error_t *err, const Xapian::DatabaseError &e)
{
    return cote_error_set(err, cannot_write(e) ? COTE_DB_READONLY : COTE_IO, "%s",
                          e.get_description().c_str());
}

// A duplicate of s that C can free(); NULL on allocation failure.
static char *dup_for_c(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

static cote_status_t need_writable(const cote_xdb_t *db, cote_error_t *err)
{
    if (!db || !db->writable)
        return cote_error_set(err, COTE_INVALID_ARG, "the index was opened read-only");
    return COTE_OK;
}

extern "C" {

const char *cote_xdb_version(void)
{
    return Xapian::version_string();
}

cote_status_t cote_xdb_open(const char *path, cote_xdb_t **out, cote_error_t *err)
{
    *out = nullptr;
    if (!path || !*path)
        return cote_error_set(err, COTE_INVALID_ARG, "no index path given");
    XDB_TRY {
        cote_xdb_t *h = new cote_xdb;
        try {
            h->db = Xapian::Database(path);
        } catch (const Xapian::DatabaseNotFoundError &e) {
            delete h;
            // Xapian says "Couldn't detect type of database" for a folder it
            // may not read as for one that holds no index: tell them apart.
            struct stat sb;
            if (stat(path, &sb) == 0 && access(path, R_OK | X_OK) != 0)
                return cote_error_set(err, COTE_DB_OPEN, "the index folder cannot be read: %s",
                                      std::strerror(errno));
            throw;
        } catch (...) {
            delete h;
            throw;
        }
        *out = h;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                   cote_xdb_t **out, cote_error_t *err)
{
    *out = nullptr;
    if (!host || !*host || port == 0 || port > 65535)
        return cote_error_set(err, COTE_INVALID_ARG, "invalid remote address");
    XDB_TRY {
        cote_xdb_t *h = new cote_xdb;
        try {
            if (timeout_ms)
                h->db = Xapian::Remote::open(host, port, timeout_ms, timeout_ms);
            else
                h->db = Xapian::Remote::open(host, port);
        } catch (...) {
            delete h;
            throw;
        }
        *out = h;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_add_shard(cote_xdb_t *db, const cote_xdb_t *shard, cote_error_t *err)
{
    if (!db || !shard || db->writable)
        return cote_error_set(err, COTE_INVALID_ARG, "shards combine only into a read-only index");
    XDB_TRY {
        db->db.add_database(shard->db);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

// A glass database is born when its revision file `iamglass` is written,
// last. A writer killed before that (seen with kill -9 a few milliseconds
// into `cote index`) leaves a folder with the lock, empty tables and `v.tmp`,
// which Xapian will neither open nor create over. It holds nothing: such a
// folder, with a `flintlock` and without `iamglass`, is created anew.
static bool creation_interrupted(const char *path)
{
    struct stat sb;
    std::string dir(path);
    // a folder whose data lives in a generation (indexer/generation.h) has a
    // stub and no iamglass by design
    return stat((dir + "/flintlock").c_str(), &sb) == 0 && stat((dir + "/iamglass").c_str(), &sb) != 0 &&
           errno == ENOENT && stat((dir + "/XAPIANDB").c_str(), &sb) != 0;
}

cote_status_t cote_xdb_open_writable(const char *path, cote_xdb_mode_t mode, cote_xdb_t **out,
                                     cote_error_t *err)
{
    *out = nullptr;
    if (!path || !*path)
        return cote_error_set(err, COTE_INVALID_ARG, "no index path given");
    int action;
    const int no_sync = (static_cast<int>(mode) & COTE_XDB_NO_SYNC) ? Xapian::DB_NO_SYNC : 0;
    mode = static_cast<cote_xdb_mode_t>(static_cast<int>(mode) & ~COTE_XDB_NO_SYNC);
    switch (mode) {
    case COTE_XDB_CREATE_OR_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE; break;
    case COTE_XDB_OPEN: action = Xapian::DB_OPEN; break;
    default: action = Xapian::DB_CREATE_OR_OPEN; break;
    }
    if (action == Xapian::DB_CREATE_OR_OPEN && creation_interrupted(path))
        action = Xapian::DB_CREATE_OR_OVERWRITE;
    XDB_TRY {
        cote_xdb_t *h = new cote_xdb;
        try {
            h->wdb = Xapian::WritableDatabase(path, action | no_sync);
            h->db = h->wdb;
            h->writable = true;
        } catch (const Xapian::DatabaseLockError &e) {
            delete h;
            // A lock file that cannot be created is a read-only index, not
            // another writer.
            if (cannot_write(e))
                return cote_error_set(err, COTE_DB_READONLY, "the index cannot be written: %s",
                                      e.get_description().c_str());
            throw;
        } catch (...) {
            delete h;
            throw;
        }
        *out = h;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

void cote_xdb_close(cote_xdb_t *db)
{
    if (!db)
        return;
    // Only a writer is closed explicitly, so that its lock goes even while an
    // enquire still holds a copy. A read-only handle is just released:
    // Database::close() would close the shared shard objects under any handle
    // they were added to with cote_xdb_add_shard (and under live enquires).
    try {
        if (db->writable)
            db->wdb.close();
    } catch (...) {
        // Closing never fails the caller; commit first to learn of errors.
    }
    delete db;
}

cote_status_t cote_xdb_reopen(cote_xdb_t *db, int *changed, cote_error_t *err)
{
    if (changed)
        *changed = 0;
    XDB_TRY {
        bool moved = db->db.reopen();
        if (changed)
            *changed = moved ? 1 : 0;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_commit(cote_xdb_t *db, cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    XDB_TRY {
        db->wdb.commit();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_begin_transaction(cote_xdb_t *db, int flushed, cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    XDB_TRY {
        db->wdb.begin_transaction(flushed != 0);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_commit_transaction(cote_xdb_t *db, cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    XDB_TRY {
        db->wdb.commit_transaction();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_cancel_transaction(cote_xdb_t *db, cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    XDB_TRY {
        db->wdb.cancel_transaction();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_replace_by_term(cote_xdb_t *db, const char *unique, const cote_xdoc_t *doc,
                                       cote_docid_t *docid, cote_error_t *err)
{
    if (docid)
        *docid = 0;
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    if (!unique || !*unique || !doc)
        return cote_error_set(err, COTE_INVALID_ARG, "replace needs a unique term and a document");
    XDB_TRY {
        Xapian::docid id = db->wdb.replace_document(unique, doc->doc);
        if (docid)
            *docid = id;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_add_document(cote_xdb_t *db, const cote_xdoc_t *doc, cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    if (!doc)
        return cote_error_set(err, COTE_INVALID_ARG, "add needs a document");
    XDB_TRY {
        db->wdb.add_document(doc->doc);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_delete_by_term(cote_xdb_t *db, const char *unique, cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    if (!unique || !*unique)
        return cote_error_set(err, COTE_INVALID_ARG, "delete needs a unique term");
    XDB_TRY {
        db->wdb.delete_document(unique);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_doc_count(cote_xdb_t *db, unsigned long *out, cote_error_t *err)
{
    *out = 0;
    XDB_TRY {
        *out = db->db.get_doccount();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_term_freq(cote_xdb_t *db, const char *term, unsigned long *out,
                                 cote_error_t *err)
{
    *out = 0;
    XDB_TRY {
        *out = db->db.get_termfreq(term);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_collection_freq(cote_xdb_t *db, const char *term, unsigned long *out,
                                       cote_error_t *err)
{
    *out = 0;
    XDB_TRY {
        *out = db->db.get_collection_freq(term);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_find_by_term(cote_xdb_t *db, const char *term, cote_docid_t *out,
                                    cote_error_t *err)
{
    *out = 0;
    XDB_TRY {
        Xapian::PostingIterator it = db->db.postlist_begin(term);
        if (it == db->db.postlist_end(term))
            return cote_error_set(err, COTE_NOT_FOUND, "no document has the term %s", term);
        *out = *it;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_postings(cote_xdb_t *db, const char *term, cote_xdb_term_fn fn, void *ctx, cote_error_t *err)
{
    XDB_TRY {
        const std::string t = term ? term : "";
        for (Xapian::PostingIterator p = db->db.postlist_begin(t); p != db->db.postlist_end(t); ++p)
            if (fn(t.data(), t.size(), *p, ctx))
                break;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_get_document(cote_xdb_t *db, cote_docid_t docid, cote_xdoc_t **out,
                                    cote_error_t *err)
{
    *out = nullptr;
    XDB_TRY {
        cote_xdoc_t *d = new cote_xdoc;
        try {
            d->doc = db->db.get_document(docid);
        } catch (...) {
            delete d;
            throw;
        }
        *out = d;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_allterms(cote_xdb_t *db, const char *prefix, cote_xdb_term_fn fn, void *ctx,
                                cote_error_t *err)
{
    XDB_TRY {
        const std::string p = prefix ? prefix : "";
        for (Xapian::TermIterator t = db->db.allterms_begin(p); t != db->db.allterms_end(p); ++t) {
            const std::string term = *t;
            if (fn(term.data(), term.size(), t.get_termfreq(), ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_values(cote_xdb_t *db, unsigned slot, cote_xdb_term_fn fn, void *ctx, cote_error_t *err)
{
    XDB_TRY {
        for (Xapian::ValueIterator v = db->db.valuestream_begin(slot); v != db->db.valuestream_end(slot); ++v) {
            const std::string value = *v;
            if (fn(value.data(), value.size(), v.get_docid(), ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_values_of(cote_xdb_t *db, unsigned slot, cote_docid_t *docids, size_t n, cote_xdb_term_fn fn,
                                 void *ctx, cote_error_t *err)
{
    XDB_TRY {
        std::sort(docids, docids + n);
        Xapian::ValueIterator v = db->db.valuestream_begin(slot);
        const Xapian::ValueIterator end = db->db.valuestream_end(slot);
        for (size_t i = 0; i < n && v != end; i++) {
            if (i && docids[i] == docids[i - 1])
                continue;
            v.skip_to(docids[i]);
            if (v == end)
                break;
            if (v.get_docid() != docids[i])
                continue;
            const std::string value = *v;
            if (fn(value.data(), value.size(), docids[i], ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_get_metadata(cote_xdb_t *db, const char *key, char **out, size_t *len,
                                    cote_error_t *err)
{
    *out = nullptr;
    if (len)
        *len = 0;
    XDB_TRY {
        std::string v = db->db.get_metadata(key);
        char *p = dup_for_c(v);
        if (!p)
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        *out = p;
        if (len)
            *len = v.size();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_set_metadata(cote_xdb_t *db, const char *key, const char *value, size_t len,
                                    cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    XDB_TRY {
        db->wdb.set_metadata(key, std::string(value ? value : "", value ? len : 0));
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_add_spelling(cote_xdb_t *db, const char *word, unsigned freq, cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    XDB_TRY {
        db->wdb.add_spelling(word, freq ? freq : 1);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_spelling_suggestion(cote_xdb_t *db, const char *word, unsigned max_edit,
                                           char **out, cote_error_t *err)
{
    *out = nullptr;
    XDB_TRY {
        char *p = dup_for_c(db->db.get_spelling_suggestion(word, max_edit ? max_edit : 2));
        if (!p)
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        *out = p;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_add_synonym(cote_xdb_t *db, const char *term, const char *synonym,
                                   cote_error_t *err)
{
    cote_status_t st = need_writable(db, err);
    if (st)
        return st;
    XDB_TRY {
        db->wdb.add_synonym(term, synonym);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdb_synonyms(cote_xdb_t *db, const char *term, cote_xdb_term_fn fn, void *ctx,
                                cote_error_t *err)
{
    XDB_TRY {
        for (Xapian::TermIterator t = db->db.synonyms_begin(term); t != db->db.synonyms_end(term); ++t) {
            const std::string s = *t;
            if (fn(s.data(), s.size(), 0, ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

} // extern "C"
