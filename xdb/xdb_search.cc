// xdb_search.cc: running an Enquire: weighting, collapsing, sorting, facets
// (ValueCountMatchSpy), and reading the MSet.
#include <cstring>
#include <ctime>
#include <memory>
#include <string>

#include "xdb_guard.hh"
#include "xdb_private.hh"

namespace {

// Thrown out of Xapian's matcher by DeadlineSpy: Xapian's match holds its
// state in RAII objects, so an exception from a spy unwinds it cleanly, as a
// DatabaseModifiedError from deep inside it would.
struct deadline_passed {};

unsigned long long monotonic_ns()
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<unsigned long long>(ts.tv_sec) * 1000000000ull + static_cast<unsigned long long>(ts.tv_nsec);
}

// Xapian 1.4 has no way to end a match early (Enquire::set_time_limit only
// lowers check_at_least), but it calls match spies on the candidates as it
// goes: this one looks at the clock every CHECK_EVERY of them (the first
// included), which costs nothing next to weighing them.
class DeadlineSpy : public Xapian::MatchSpy {
    static constexpr unsigned CHECK_EVERY = 64;
    unsigned long long deadline_ns;
    unsigned seen = 0;

  public:
    explicit DeadlineSpy(unsigned long long d) : deadline_ns(d) {}
    void operator()(const Xapian::Document &, double) override
    {
        if (seen++ % CHECK_EVERY == 0 && monotonic_ns() >= deadline_ns)
            throw deadline_passed();
    }
};

// The spies of one run: fresh facet counters (they accumulate across runs),
// and the deadline's spy unless the database cannot take it.
void attach_spies(cote_xenquire_t *e, DeadlineSpy *deadline)
{
    e->enq.clear_matchspies();
    for (auto &s : e->spies) {
        s.second = std::make_unique<Xapian::ValueCountMatchSpy>(s.first);
        e->enq.add_matchspy(s.second.get());
    }
    if (deadline)
        e->enq.add_matchspy(deadline);
}

} // namespace

extern "C" {

cote_status_t cote_xenquire_new(cote_xdb_t *db, cote_xenquire_t **out, cote_error_t *err)
{
    *out = nullptr;
    if (!db)
        return cote_error_set(err, COTE_INVALID_ARG, "no database");
    XDB_TRY {
        *out = new cote_xenquire(db);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

void cote_xenquire_free(cote_xenquire_t *e)
{
    delete e;
}

cote_status_t cote_xenquire_set_query(cote_xenquire_t *e, const cote_xquery_t *q, cote_error_t *err)
{
    if (!q)
        return cote_error_set(err, COTE_INVALID_ARG, "no query");
    XDB_TRY {
        e->enq.set_query(q->q);
        e->has_query = true;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xenquire_set_bm25(cote_xenquire_t *e, const cote_bm25_t *p, cote_error_t *err)
{
    XDB_TRY {
        e->enq.set_weighting_scheme(Xapian::BM25Weight(p->k1, p->k2, p->k3, p->b, p->min_normlen));
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xenquire_set_collapse_key(cote_xenquire_t *e, unsigned slot,
                                             unsigned max_per_key, cote_error_t *err)
{
    XDB_TRY {
        if (max_per_key == 0)
            e->enq.set_collapse_key(Xapian::BAD_VALUENO);
        else
            e->enq.set_collapse_key(slot, max_per_key);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xenquire_set_sort_by_value(cote_xenquire_t *e, unsigned slot, int reverse,
                                              cote_error_t *err)
{
    XDB_TRY {
        e->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xenquire_set_deadline(cote_xenquire_t *e, unsigned long long deadline_ns, cote_error_t *err)
{
    (void)err;
    e->deadline_ns = deadline_ns;
    return COTE_OK;
}

cote_status_t cote_xenquire_add_facet(cote_xenquire_t *e, unsigned slot, cote_error_t *err)
{
    XDB_TRY {
        if (e->spies.count(slot))
            return COTE_OK;
        auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        e->enq.add_matchspy(spy.get());
        e->spies[slot] = std::move(spy);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xenquire_facet(cote_xenquire_t *e, unsigned slot, unsigned max,
                                  cote_xdb_term_fn fn, void *ctx, cote_error_t *err)
{
    auto it = e->spies.find(slot);
    if (it == e->spies.end())
        return cote_error_set(err, COTE_NOT_FOUND, "no facet on value slot %u", slot);
    XDB_TRY {
        Xapian::ValueCountMatchSpy &spy = *it->second;
        for (Xapian::TermIterator t = spy.top_values_begin(max ? max : spy.get_total() + 1);
             t != spy.top_values_end(max ? max : spy.get_total() + 1); ++t) {
            const std::string v = *t;
            if (fn(v.data(), v.size(), t.get_termfreq(), ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xenquire_run(cote_xenquire_t *e, unsigned first, unsigned max,
                                unsigned check_at_least, cote_xmset_t **out, cote_error_t *err)
{
    *out = nullptr;
    XDB_TRY {
        if (!e->has_query)
            return cote_error_set(err, COTE_INVALID_ARG, "no query set");
        DeadlineSpy deadline(e->deadline_ns);
        bool timed = e->deadline_ns && !e->xdb->no_deadline;
        auto *ms = new cote_xmset;
        try {
            attach_spies(e, timed ? &deadline : nullptr);
            try {
                ms->mset = e->enq.get_mset(first, max, check_at_least);
            } catch (const Xapian::UnimplementedError &) {
                if (!timed)
                    throw;
                // a remote shard: its spies must be ones xapian-tcpsrv knows
                e->xdb->no_deadline = true;
                attach_spies(e, nullptr);
                ms->mset = e->enq.get_mset(first, max, check_at_least);
            }
        } catch (const deadline_passed &) {
            delete ms;
            e->enq.clear_matchspies();
            return cote_error_set(err, COTE_TIMEOUT, "the search was stopped after its time limit");
        } catch (...) {
            delete ms;
            e->enq.clear_matchspies();
            throw;
        }
        e->enq.clear_matchspies(); // the deadline's spy lives on this stack
        *out = ms;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xenquire_matching_terms(cote_xenquire_t *e, const cote_xmset_t *ms, size_t i,
                                           cote_xdb_term_fn fn, void *ctx, cote_error_t *err)
{
    if (i >= ms->mset.size())
        return cote_error_set(err, COTE_INVALID_ARG, "hit %zu out of range", i);
    XDB_TRY {
        Xapian::MSetIterator m = ms->mset[static_cast<Xapian::doccount>(i)];
        for (Xapian::TermIterator t = e->enq.get_matching_terms_begin(m);
             t != e->enq.get_matching_terms_end(m); ++t) {
            const std::string term = *t;
            if (fn(term.data(), term.size(), 0, ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

namespace {
// Lets the caller's C predicate choose the expand terms.
class KeepDecider : public Xapian::ExpandDecider {
  public:
    KeepDecider(cote_xdb_term_keep_fn keep, void *ctx) : keep_(keep), ctx_(ctx) {}
    bool operator()(const std::string &term) const override
    {
        return keep_(term.data(), term.size(), ctx_) != 0;
    }

  private:
    cote_xdb_term_keep_fn keep_;
    void *ctx_;
};
} // namespace

cote_status_t cote_xenquire_expand(cote_xenquire_t *e, const cote_docid_t *docids, size_t n,
                                   unsigned max_terms, cote_xdb_term_keep_fn keep, void *keep_ctx,
                                   cote_xdb_weighted_term_fn fn, void *ctx, cote_error_t *err)
{
    if (n == 0)
        return cote_error_set(err, COTE_INVALID_ARG, "no document to expand from");
    XDB_TRY {
        Xapian::RSet rset;
        for (size_t i = 0; i < n; i++)
            rset.add_document(docids[i]);
        KeepDecider decider(keep, keep_ctx);
        Xapian::ESet eset = e->enq.get_eset(max_terms, rset, keep ? &decider : nullptr);
        for (Xapian::ESetIterator t = eset.begin(); t != eset.end(); ++t) {
            const std::string term = *t;
            if (fn(term.data(), term.size(), t.get_weight(), ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

void cote_xmset_free(cote_xmset_t *ms)
{
    delete ms;
}

size_t cote_xmset_size(const cote_xmset_t *ms)
{
    return ms->mset.size();
}

unsigned long cote_xmset_estimate(const cote_xmset_t *ms, unsigned long *lower, unsigned long *upper)
{
    if (lower)
        *lower = ms->mset.get_matches_lower_bound();
    if (upper)
        *upper = ms->mset.get_matches_upper_bound();
    return ms->mset.get_matches_estimated();
}

cote_status_t cote_xmset_hit(const cote_xmset_t *ms, size_t i, cote_xhit_t *out, cote_error_t *err)
{
    if (i >= ms->mset.size())
        return cote_error_set(err, COTE_INVALID_ARG, "hit %zu out of range", i);
    XDB_TRY {
        Xapian::MSetIterator m = ms->mset[static_cast<Xapian::doccount>(i)];
        out->docid = *m;
        out->rank = m.get_rank();
        out->weight = m.get_weight();
        out->collapse_count = m.get_collapse_count();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xmset_collapse_key(const cote_xmset_t *ms, size_t i, char *out, size_t cap, size_t *len,
                                      cote_error_t *err)
{
    *len = 0;
    if (i >= ms->mset.size())
        return cote_error_set(err, COTE_INVALID_ARG, "hit %zu out of range", i);
    if (cap == 0)
        return cote_error_set(err, COTE_INVALID_ARG, "no room for a collapse key");
    out[0] = '\0';
    XDB_TRY {
        const std::string key = ms->mset[static_cast<Xapian::doccount>(i)].get_collapse_key();
        if (key.size() >= cap)
            return cote_error_set(err, COTE_TOO_LARGE, "collapse key of %zu bytes", key.size());
        std::memcpy(out, key.data(), key.size());
        out[key.size()] = '\0';
        *len = key.size();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xmset_document(const cote_xmset_t *ms, size_t i, cote_xdoc_t **out,
                                  cote_error_t *err)
{
    *out = nullptr;
    if (i >= ms->mset.size())
        return cote_error_set(err, COTE_INVALID_ARG, "hit %zu out of range", i);
    XDB_TRY {
        auto *d = new cote_xdoc;
        try {
            d->doc = ms->mset[static_cast<Xapian::doccount>(i)].get_document();
        } catch (...) {
            delete d;
            throw;
        }
        *out = d;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

} // extern "C"
