// xdb_guard.hh: the one funnel through which every extern "C" function in xdb/
// turns C++ exceptions into statuses. Use it as
//     XDB_TRY { ...Xapian calls... } XDB_CATCH(err)
// which returns the mapped status from the enclosing function. Order matters:
// most derived Xapian classes first, then bad_alloc, then anything.
#ifndef COTE_XDB_GUARD_HH
#define COTE_XDB_GUARD_HH

#include <xapian.h>

#include <new>

#include "error.h"

#define XDB_TRY try

#define XDB_CATCH(err)                                                              \
    catch (const Xapian::DatabaseLockError &e_) {                                   \
        return xdb_fail(err, COTE_DB_LOCKED, e_);                                   \
    } catch (const Xapian::DatabaseModifiedError &e_) {                             \
        return xdb_fail(err, COTE_DB_MODIFIED, e_);                                 \
    } catch (const Xapian::DatabaseCorruptError &e_) {                              \
        return xdb_fail(err, COTE_DB_CORRUPT, e_);                                  \
    } catch (const Xapian::DatabaseNotFoundError &e_) {                             \
        return xdb_fail(err, COTE_DB_OPEN, e_);                                     \
    } catch (const Xapian::DatabaseVersionError &e_) {                              \
        return xdb_fail(err, COTE_DB_OPEN, e_);                                     \
    } catch (const Xapian::DatabaseOpeningError &e_) {                              \
        return xdb_fail(err, COTE_DB_OPEN, e_);                                     \
    } catch (const Xapian::DocNotFoundError &e_) {                                  \
        return xdb_fail(err, COTE_NOT_FOUND, e_);                                   \
    } catch (const Xapian::QueryParserError &e_) {                                  \
        return xdb_fail(err, COTE_QUERY_SYNTAX, e_);                                \
    } catch (const Xapian::WildcardError &e_) {                                     \
        return xdb_fail(err, COTE_QUERY_TOO_BROAD, e_);                             \
    } catch (const Xapian::NetworkError &e_) {                                      \
        return xdb_fail(err, COTE_REMOTE, e_);                                      \
    } catch (const Xapian::InvalidArgumentError &e_) {                              \
        return xdb_fail(err, COTE_INVALID_ARG, e_);                                 \
    } catch (const Xapian::InvalidOperationError &e_) {                             \
        return xdb_fail(err, COTE_INVALID_ARG, e_);                                 \
    } catch (const Xapian::DatabaseError &e_) {                                     \
        return xdb_fail_db(err, e_);                                                \
    } catch (const Xapian::Error &e_) {                                             \
        return xdb_fail(err, COTE_INTERNAL, e_);                                    \
    } catch (const std::bad_alloc &) {                                              \
        return cote_error_set(err, COTE_NOMEM, "out of memory");                    \
    } catch (const std::exception &e_) {                                            \
        return cote_error_set(err, COTE_INTERNAL, "%s", e_.what());                 \
    } catch (...) {                                                                 \
        return cote_error_set(err, COTE_INTERNAL, "unknown C++ exception");         \
    }

cote_status_t xdb_fail(cote_error_t *err, cote_status_t st, const Xapian::Error &e);
// A plain DatabaseError: a full disk or a read-only directory shows up here;
// the message decides between DB_READONLY and IO.
cote_status_t xdb_fail_db(cote_error_t *err, const Xapian::DatabaseError &e);

#endif
