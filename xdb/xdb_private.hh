// xdb_private.hh: the structs behind xdb.h's opaque handles. C++ only.
#ifndef COTE_XDB_PRIVATE_HH
#define COTE_XDB_PRIVATE_HH

#include <xapian.h>

#include <map>
#include <memory>
#include <string>

#include "xdb.h"

struct cote_xdb {
    Xapian::Database db;             // for a writable handle, a copy of wdb
    Xapian::WritableDatabase wdb;
    bool writable = false;
    // Learned on the first run with a deadline: a remote shard refused the
    // deadline's match spy (xdb_search.cc), so runs go without it.
    bool no_deadline = false;
};

struct cote_xdoc {
    Xapian::Document doc;
    std::string scratch; // backs pointers handed out by cote_xdoc_data/value
};

struct cote_xquery {
    Xapian::Query q;
};

struct cote_xenquire {
    explicit cote_xenquire(cote_xdb *x) : xdb(x), db(x->db), enq(x->db) {}
    cote_xdb *xdb; // borrowed: outlives the enquire (xdb.h)
    Xapian::Database db;
    Xapian::Enquire enq;
    std::map<unsigned, std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    // Set by cote_xenquire_set_query. Not the same as !get_query().empty(): a
    // query that matches nothing (an empty value range) is empty too.
    bool has_query = false;
    unsigned long long deadline_ns = 0; // CLOCK_MONOTONIC; 0: none
};

struct cote_xmset {
    Xapian::MSet mset;
};

struct cote_xstem {
    explicit cote_xstem(const std::string &lang) : stem(lang) {}
    Xapian::Stem stem;
    std::string word; // reused input buffer: no allocation once warm
};

#endif
