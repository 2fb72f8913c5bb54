// xapian_qp: query latency of plain Xapian over an index built by Omega's
// omindex, the peer of bench_query (bench/run-query.sh runs both).
//
//   xapian_qp DB QUERIES.tsv [--rounds N] [--limit N]
//
// Opens DB once and reads the xapian column of QUERIES.tsv (id, kind, cote,
// xapian, fts5). Each query is parsed by Xapian::QueryParser as a search
// front end would set it up for French text indexed by omindex --stemmer=french:
// French stemmer, STEM_SOME, the database for wildcards, and FLAG_DEFAULT |
// FLAG_PHRASE | FLAG_BOOLEAN | FLAG_LOVEHATE | FLAG_WILDCARD. Then Enquire gets
// the top 10 (--limit) by BM25 (Xapian's default weighting), and for each hit
// reads the document data and calls MSet::snippet() on the text sample omindex
// stored there (the "sample=" line, 512 bytes by default): omindex keeps no
// more of the text, so this is all the snippet a peer front end can show.
//
// Timing, rounds and output are those of bench_query.c: one warm-up round
// not counted, N rounds (default 20) of every query in file order, each call
// timed with CLOCK_MONOTONIC from parsing the query to the last snippet, and
//   id  kind  hits  total  median_ms  p99_ms  max_ms
// per query, then an ALL line over every timed call (p99 nearest-rank).
//
// Not a test. Exit status 0 when every query ran, 1 when a query failed,
// 2 on bad usage or an unreadable database or query file.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>

namespace {

struct Query {
    std::string id, kind, text;
    std::vector<double> ms;
    size_t hits = 0;
    unsigned long total = 0;
};

struct Work {
    unsigned long long hits = 0, snippet_bytes = 0;
};

void usage(FILE *f)
{
    std::fputs("Usage: xapian_qp DB QUERIES.tsv [--rounds N] [--limit N]\n"
               "Runs the xapian column of QUERIES.tsv through Xapian::QueryParser over an\n"
               "omindex database, N rounds (default 20) after one warm-up round; prints\n"
               "per-query and overall median and p99 latency in ms.\n",
               f);
}

bool parse_count(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = std::strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

std::vector<std::string> split_tabs(const std::string &line)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos)
            return out;
        start = tab + 1;
    }
}

bool load_queries(const char *path, std::vector<Query> &qs)
{
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "xapian_qp: %s: cannot read\n", path);
        return false;
    }
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        std::vector<std::string> f = split_tabs(line);
        if (f.size() < 4 || f[3].empty()) {
            std::fprintf(stderr, "xapian_qp: %s: query %zu has no xapian column\n", path, qs.size() + 1);
            return false;
        }
        Query q;
        q.id = f[0];
        q.kind = f[1];
        q.text = f[3];
        qs.push_back(q);
    }
    if (qs.empty()) {
        std::fprintf(stderr, "xapian_qp: %s: no query\n", path);
        return false;
    }
    return true;
}

double now_ms()
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

// The "sample=" line of omindex's document data.
std::string sample_of(const std::string &data)
{
    size_t at = data.compare(0, 7, "sample=") == 0 ? 0 : data.find("\nsample=");
    if (at == std::string::npos)
        return std::string();
    if (at)
        at++;
    at += 7;
    size_t end = data.find('\n', at);
    return data.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

const unsigned qp_flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                          Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE |
                          Xapian::QueryParser::FLAG_WILDCARD;

// One query, timed from parsing to the last snippet.
double run_one(Xapian::Database &db, const Xapian::Stem &stem, Query &q, unsigned limit, Work &w)
{
    double t0 = now_ms();
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query query = qp.parse_query(q.text, qp_flags);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    Xapian::MSet ms = enquire.get_mset(0, limit);
    for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it) {
        std::string snip = ms.snippet(sample_of(it.get_document().get_data()), 200, stem);
        w.snippet_bytes += snip.size();
    }
    double t = now_ms() - t0;
    q.hits = ms.size();
    q.total = ms.get_matches_estimated();
    w.hits += ms.size();
    return t;
}

void stats(std::vector<double> v, double *median, double *p99, double *max)
{
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    *median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    size_t rank = (99 * n + 99) / 100; // ceil(0.99 n), nearest rank
    *p99 = v[rank ? rank - 1 : 0];
    *max = v[n - 1];
}

} // namespace

int main(int argc, char **argv)
{
    const char *dbpath = nullptr, *qpath = nullptr;
    long rounds = 20, limit = 10;
    for (int i = 1; i < argc; i++) {
        if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            if (!parse_count(argv[++i], 1, 10000, &rounds)) {
                usage(stderr);
                return 2;
            }
        } else if (std::strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            if (!parse_count(argv[++i], 1, 100, &limit)) {
                usage(stderr);
                return 2;
            }
        } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] != '-' && !dbpath) {
            dbpath = argv[i];
        } else if (argv[i][0] != '-' && !qpath) {
            qpath = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!dbpath || !qpath) {
        usage(stderr);
        return 2;
    }
    std::vector<Query> qs;
    if (!load_queries(qpath, qs))
        return 2;
    Xapian::Database db;
    try {
        db = Xapian::Database(dbpath);
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian_qp: %s: %s\n", dbpath, e.get_description().c_str());
        return 2;
    }
    Xapian::Stem stem("french");
    Work warm, w;
    std::vector<double> all;
    try {
        for (Query &q : qs)
            run_one(db, stem, q, (unsigned)limit, warm);
        for (long r = 0; r < rounds; r++)
            for (Query &q : qs) {
                double t = run_one(db, stem, q, (unsigned)limit, w);
                q.ms.push_back(t);
                all.push_back(t);
            }
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian_qp: %s\n", e.get_description().c_str());
        return 1;
    }

    std::printf("# xapian_qp: Xapian %s QueryParser + Enquire + MSet::snippet, index %s, %zu queries, "
                "limit %ld, %ld rounds after 1 warm-up round\n",
                Xapian::version_string(), dbpath, qs.size(), limit, rounds);
    std::printf("id\tkind\thits\ttotal\tmedian_ms\tp99_ms\tmax_ms\n");
    for (const Query &q : qs) {
        double med, p99, max;
        stats(q.ms, &med, &p99, &max);
        std::printf("%s\t%s\t%zu\t%lu\t%.3f\t%.3f\t%.3f\n", q.id.c_str(), q.kind.c_str(), q.hits, q.total, med,
                    p99, max);
    }
    double med, p99, max;
    stats(all, &med, &p99, &max);
    std::printf("ALL\t-\t%llu\t-\t%.3f\t%.3f\t%.3f\n", w.hits, med, p99, max);
    std::printf("# work: %llu hits, %llu snippet bytes\n", w.hits, w.snippet_bytes);
    return 0;
}
