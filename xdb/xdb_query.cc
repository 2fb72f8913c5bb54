// xdb_query.cc: composing Xapian queries from C. Each handle owns a copy of a
// Xapian::Query (internally reference-counted, so copies are cheap).
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "xdb_guard.hh"
#include "xdb_private.hh"

static cote_status_t wrap(const Xapian::Query &q, cote_xquery_t **out)
{
    *out = new cote_xquery{q};
    return COTE_OK;
}

extern "C" {

cote_status_t cote_xquery_term(const char *term, unsigned wqf, unsigned pos, cote_xquery_t **out,
                               cote_error_t *err)
{
    *out = nullptr;
    if (!term || !*term)
        return cote_error_set(err, COTE_INVALID_ARG, "empty query term");
    XDB_TRY {
        return wrap(Xapian::Query(term, wqf ? wqf : 1, pos), out);
    }
    XDB_CATCH(err)
}

cote_status_t cote_xquery_any_term(const char *prefix, const char *values, size_t n, cote_xquery_t **out,
                                   cote_error_t *err)
{
    *out = nullptr;
    if (!prefix || !values || n == 0)
        return cote_error_set(err, COTE_INVALID_ARG, "a set of terms needs a term");
    XDB_TRY {
        std::vector<std::string> terms;
        terms.reserve(n);
        for (size_t i = 0; i < n; i++, values += std::strlen(values) + 1)
            terms.push_back(std::string(prefix) + values);
        return wrap(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), out);
    }
    XDB_CATCH(err)
}

cote_status_t cote_xquery_combine(cote_xquery_op_t op, cote_xquery_t *const *subs, size_t n,
                                  unsigned window, cote_xquery_t **out, cote_error_t *err)
{
    *out = nullptr;
    if (!subs || n == 0)
        return cote_error_set(err, COTE_INVALID_ARG, "a combined query needs sub-queries");
    Xapian::Query::op xop;
    switch (op) {
    case COTE_XQ_AND: xop = Xapian::Query::OP_AND; break;
    case COTE_XQ_OR: xop = Xapian::Query::OP_OR; break;
    case COTE_XQ_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
    case COTE_XQ_FILTER: xop = Xapian::Query::OP_FILTER; break;
    case COTE_XQ_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
    case COTE_XQ_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
    case COTE_XQ_NEAR: xop = Xapian::Query::OP_NEAR; break;
    case COTE_XQ_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
    case COTE_XQ_MAX: xop = Xapian::Query::OP_MAX; break;
    default: return cote_error_set(err, COTE_INVALID_ARG, "unknown query operator %d", (int)op);
    }
    XDB_TRY {
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                return cote_error_set(err, COTE_INVALID_ARG, "sub-query %zu is NULL", i);
            v.push_back(subs[i]->q);
        }
        // AND_NOT, FILTER and AND_MAYBE are binary in Xapian: fold the rest into one OR
        // so that "first op (rest...)" reads as documented.
        if ((op == COTE_XQ_AND_NOT || op == COTE_XQ_FILTER || op == COTE_XQ_AND_MAYBE) && n > 2) {
            Xapian::Query rest(op == COTE_XQ_FILTER ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                               v.begin() + 1, v.end());
            return wrap(Xapian::Query(xop, v[0], rest), out);
        }
        if ((op == COTE_XQ_AND_NOT || op == COTE_XQ_FILTER || op == COTE_XQ_AND_MAYBE) && n == 1)
            return wrap(v[0], out);
        return wrap(Xapian::Query(xop, v.begin(), v.end(), window), out);
    }
    XDB_CATCH(err)
}

cote_status_t cote_xquery_value_range(unsigned slot, const char *lo, const char *hi,
                                      cote_xquery_t **out, cote_error_t *err)
{
    *out = nullptr;
    XDB_TRY {
        if (lo && hi)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi), out);
        if (lo)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo), out);
        if (hi)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi), out);
        return wrap(Xapian::Query::MatchAll, out);
    }
    XDB_CATCH(err)
}

cote_status_t cote_xquery_scale(const cote_xquery_t *q, double factor, cote_xquery_t **out,
                                cote_error_t *err)
{
    *out = nullptr;
    if (!q || !(factor >= 0))
        return cote_error_set(err, COTE_INVALID_ARG, "a scale factor must be >= 0");
    XDB_TRY {
        return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor), out);
    }
    XDB_CATCH(err)
}

cote_status_t cote_xquery_wildcard(const char *prefix, unsigned max_expansion, cote_xwildcard_limit_t limit,
                                   int as_synonym, cote_xquery_t **out, cote_error_t *err)
{
    *out = nullptr;
    if (!prefix || !*prefix)
        return cote_error_set(err, COTE_INVALID_ARG, "empty wildcard");
    int max_type;
    switch (limit) {
    case COTE_XWILDCARD_ERROR: max_type = Xapian::Query::WILDCARD_LIMIT_ERROR; break;
    case COTE_XWILDCARD_FIRST: max_type = Xapian::Query::WILDCARD_LIMIT_FIRST; break;
    case COTE_XWILDCARD_MOST_FREQUENT: max_type = Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT; break;
    default: return cote_error_set(err, COTE_INVALID_ARG, "unknown wildcard limit %d", (int)limit);
    }
    XDB_TRY {
        return wrap(Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, max_expansion, max_type,
                                  as_synonym ? Xapian::Query::OP_SYNONYM : Xapian::Query::OP_OR),
                    out);
    }
    XDB_CATCH(err)
}

cote_status_t cote_xquery_match_all(cote_xquery_t **out, cote_error_t *err)
{
    *out = nullptr;
    XDB_TRY {
        return wrap(Xapian::Query::MatchAll, out);
    }
    XDB_CATCH(err)
}

cote_status_t cote_xquery_describe(const cote_xquery_t *q, char **out, cote_error_t *err)
{
    *out = nullptr;
    XDB_TRY {
        std::string s = q->q.get_description();
        char *p = static_cast<char *>(std::malloc(s.size() + 1));
        if (!p)
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        std::memcpy(p, s.c_str(), s.size() + 1);
        *out = p;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

void cote_xquery_free(cote_xquery_t *q)
{
    delete q;
}

} // extern "C"
