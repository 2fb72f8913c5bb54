/* bench_analysis: throughput of the repair and analysis of text (MB/s), next
 * to raw ICU word segmentation on the same bytes, in the same process.
 *
 *   bench_analysis DIR|FILE... [--repeat N]
 *
 * Every .txt file under the given folders (and every file named) is read into
 * memory first; reading is never timed. Then, on this one thread, four phases
 * run in turn, A B C D A B C D ... (interleaved, so a slower minute on this
 * shared machine hits every phase alike), N rounds (default 3):
 *
 *   A  raw ICU, the baseline of the issue: per document, u_strFromUTF8 to
 *      UTF-16, a "fr" word break iterator, and u_strFoldCase of every word
 *      (rule status >= UBRK_WORD_NONE_LIMIT) into a buffer;
 *   B  cote_clean alone, with the hunspell lexicon (cote_lexicon_open(NULL));
 *   C  cote_analyse alone, on the text B produces (cleaned once before the
 *      rounds), making the calls indexer/record.c makes: each block on its
 *      own, then each page furniture line and each undocs.org link symbol;
 *   D  clean + analyse per document: the chain the indexer runs on a file,
 *      short of entity recognition and building the Xapian documents.
 *
 * Every phase is charged for the same input: the bytes of the files as read
 * (MB = 10^6 bytes). Each figure is the median of the rounds, in wall time
 * and in the thread's CPU time (less disturbed by other processes). The
 * ratios D/A (the target: at least 0.5) and C/A are medians of the
 * per-round ratios (A, C and D of one round ran seconds apart).
 * Results are consumed (counts and byte sums printed at the end, C and D
 * checked to do the same work), and the libraries are separate translation
 * units, so nothing can be optimised away.
 *
 * Not a test: it asserts no speed. The exit status is 0 when every phase ran,
 * 1 when a phase failed or C and D disagree, 2 on bad usage or unreadable input.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#include "analysis.h"
#include "clean.h"
#include "indexer.h"
#include "lexicon.h"
#include "read_text.h"
#include "record.h"

#ifndef COTE_BENCH_BUILD_TYPE
#define COTE_BENCH_BUILD_TYPE "unknown"
#endif

#define REPEAT_DEFAULT 3
#define REPEAT_MAX 99
#define TARGET_RATIO 0.5

enum { PH_A, PH_B, PH_C, PH_D, N_PHASES };

static const char *const phase_what[N_PHASES] = {
    "raw ICU: UTF-8 to UTF-16, word breaks (\"fr\"), u_strFoldCase per word",
    "cote_clean (hunspell lexicon)",
    "cote_analyse on the cleaned blocks, furniture, link symbols",
    "clean + analyse per document (the indexer's chain)",
};

typedef struct {
    char *path;
    char *raw;
    size_t len;
    cote_clean_doc_t clean; /* B's output, kept as C's input (text, blocks, furniture, links) */
} doc_t;

typedef struct {
    doc_t *v;
    size_t n, cap;
    size_t bytes;
} corpus_t;

/* What a phase produced: printed at the end, so none of it is dead. */
typedef struct {
    uint64_t tokens;     /* A: ICU words; C, D: cote tokens */
    uint64_t terms;      /* C, D: terms */
    uint64_t out_bytes;  /* A: UTF-16 units folded; B: cleaned bytes; C, D: term pool bytes */
    uint64_t check;      /* a sum over the output, to use every result */
} work_t;

/* Each phase stays a function of its own, so a profiler can isolate it
 * (valgrind --tool=callgrind --toggle-collect=phase_chain ...). */
#if defined(__GNUC__)
#define PHASE __attribute__((noinline))
#else
#define PHASE
#endif

/* ---- reading the corpus ------------------------------------------------ */

static int add_path(corpus_t *c, const char *path)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        doc_t *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    doc_t *d = &c->v[c->n];
    memset(d, 0, sizeof *d);
    if (!(d->path = strdup(path)))
        return -1;
    c->n++;
    return 0;
}

static int ends_with_txt(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Every .txt file under dir, recursively (order fixed later by sorting). */
static int walk(corpus_t *c, const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "bench_analysis: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dp))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rc = walk(c, p);
        else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && ends_with_txt(e->d_name))
            rc = add_path(c, p);
        free(p);
    }
    closedir(dp);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const doc_t *)a)->path, ((const doc_t *)b)->path);
}

static int load(corpus_t *c)
{
    qsort(c->v, c->n, sizeof *c->v, by_path);
    for (size_t i = 0; i < c->n; i++) {
        cote_error_t err;
        cote_error_clear(&err);
        doc_t *d = &c->v[i];
        if (cote_read_text(d->path, COTE_INDEX_MAX_FILE_BYTES, &d->raw, &d->len, &err)) {
            fprintf(stderr, "bench_analysis: %s: %s\n", d->path, cote_error_text(&err));
            return -1;
        }
        c->bytes += d->len;
    }
    return 0;
}

static void corpus_free(corpus_t *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].path);
        free(c->v[i].raw);
        cote_clean_doc_free(&c->v[i].clean);
    }
    free(c->v);
}

/* ---- phase A: raw ICU -------------------------------------------------- */

typedef struct {
    UBreakIterator *words;
    UChar *u16;
    size_t u16_cap;
    UChar *fold;
    int32_t fold_cap;
} icu_t;

static int grow_u16(UChar **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    UChar *p = realloc(*buf, need * sizeof *p);
    if (!p)
        return -1;
    *buf = p;
    *cap = need;
    return 0;
}

PHASE static int phase_icu(icu_t *x, const corpus_t *c, work_t *w)
{
    for (size_t i = 0; i < c->n; i++) {
        const doc_t *d = &c->v[i];
        /* A UTF-8 byte yields at most one UTF-16 unit. */
        if (d->len + 1 > INT32_MAX || grow_u16(&x->u16, &x->u16_cap, d->len + 1))
            return -1;
        UErrorCode ec = U_ZERO_ERROR;
        int32_t ulen = 0;
        u_strFromUTF8(x->u16, (int32_t)x->u16_cap, &ulen, d->raw, (int32_t)d->len, &ec);
        if (U_SUCCESS(ec))
            ubrk_setText(x->words, x->u16, ulen, &ec);
        if (U_FAILURE(ec)) {
            fprintf(stderr, "bench_analysis: ICU: %s\n", u_errorName(ec));
            return -1;
        }
        int32_t start = ubrk_first(x->words);
        for (int32_t end = ubrk_next(x->words); end != UBRK_DONE; start = end, end = ubrk_next(x->words)) {
            if (ubrk_getRuleStatus(x->words) < UBRK_WORD_NONE_LIMIT)
                continue;
            int32_t n = end - start;
            ec = U_ZERO_ERROR;
            int32_t fn = u_strFoldCase(x->fold, x->fold_cap, x->u16 + start, n, U_FOLD_CASE_DEFAULT, &ec);
            if (ec == U_BUFFER_OVERFLOW_ERROR) { /* a very long "word": grow and fold again */
                size_t cap = (size_t)x->fold_cap;
                if (grow_u16(&x->fold, &cap, (size_t)fn + 1))
                    return -1;
                x->fold_cap = (int32_t)cap;
                ec = U_ZERO_ERROR;
                fn = u_strFoldCase(x->fold, x->fold_cap, x->u16 + start, n, U_FOLD_CASE_DEFAULT, &ec);
            }
            if (U_FAILURE(ec)) {
                fprintf(stderr, "bench_analysis: u_strFoldCase: %s\n", u_errorName(ec));
                return -1;
            }
            w->tokens++;
            w->out_bytes += (uint64_t)fn;
            w->check += fn > 0 ? x->fold[0] + x->fold[fn - 1] : 0;
        }
    }
    return 0;
}

/* ---- phases B, C, D ---------------------------------------------------- */

static void count_clean(const cote_clean_doc_t *cd, work_t *w)
{
    w->out_bytes += cd->text.len;
    w->check += cd->n_blocks + cd->n_furniture + cd->n_links + cd->n_repairs;
}

static int clean_doc(cote_lexicon_t *lex, const doc_t *d, cote_clean_doc_t *out)
{
    cote_error_t err;
    cote_error_clear(&err);
    if (cote_clean(lex, d->raw, d->len, out, &err)) {
        fprintf(stderr, "bench_analysis: clean %s: %s\n", d->path, cote_error_text(&err));
        return -1;
    }
    return 0;
}

PHASE static int phase_clean(cote_lexicon_t *lex, cote_clean_doc_t *scratch, const corpus_t *c, work_t *w)
{
    for (size_t i = 0; i < c->n; i++) {
        if (clean_doc(lex, &c->v[i], scratch))
            return -1;
        count_clean(scratch, w);
    }
    return 0;
}

static void count_tokens(const cote_token_list_t *l, work_t *w)
{
    w->tokens += l->n;
    w->out_bytes += l->pool.len;
    for (size_t i = 0; i < l->n; i++) {
        w->terms += l->v[i].n_terms;
        w->check += l->v[i].position + (unsigned char)l->pool.data[l->v[i].terms];
    }
}

static int analyse_piece(cote_analyser_t *an, cote_token_list_t *toks, const char *text, size_t n,
                         unsigned *pos, work_t *w)
{
    cote_error_t err;
    cote_error_clear(&err);
    if (cote_analyse(an, text, n, *pos, toks, &err)) {
        fprintf(stderr, "bench_analysis: analyse: %s\n", cote_error_text(&err));
        return -1;
    }
    count_tokens(toks, w);
    if (toks->n)
        *pos = toks->v[toks->n - 1].position + COTE_BLOCK_POSITION_GAP;
    return 0;
}

/* The cote_analyse calls of indexer/record.c, without the Xapian document
 * and the entities: each block on its own (positions leave a gap between
 * blocks), then the furniture lines and the symbols of undocs.org links. */
static int analyse_doc(cote_analyser_t *an, cote_token_list_t *toks, const cote_clean_doc_t *cd, work_t *w)
{
    unsigned pos = 1;
    for (size_t i = 0; i < cd->n_blocks; i++) {
        const cote_block_t *b = &cd->blocks[i];
        if (analyse_piece(an, toks, cd->text.data + b->start, b->end - b->start, &pos, w))
            return -1;
    }
    cote_metadata_iter_t it = {0};
    const char *text;
    size_t n;
    while (cote_record_metadata_next(cd, &it, &text, &n))
        if (analyse_piece(an, toks, text, n, &pos, w))
            return -1;
    return 0;
}

PHASE static int phase_analyse(cote_analyser_t *an, cote_token_list_t *toks, const corpus_t *c, work_t *w)
{
    for (size_t i = 0; i < c->n; i++)
        if (analyse_doc(an, toks, &c->v[i].clean, w))
            return -1;
    return 0;
}

PHASE static int phase_chain(cote_lexicon_t *lex, cote_clean_doc_t *scratch, cote_analyser_t *an,
                       cote_token_list_t *toks, const corpus_t *c, work_t *w)
{
    for (size_t i = 0; i < c->n; i++) {
        if (clean_doc(lex, &c->v[i], scratch))
            return -1;
        if (analyse_doc(an, toks, scratch, w))
            return -1;
    }
    return 0;
}

/* ---- timing and report ------------------------------------------------- */

static double now(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
    double s[REPEAT_MAX];
    memcpy(s, v, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, by_value);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static double min_of(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        m = v[i] < m ? v[i] : m;
    return m;
}

static double max_of(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        m = v[i] > m ? v[i] : m;
    return m;
}

static void cpu_model(char *out, size_t cap)
{
    snprintf(out, cap, "unknown CPU");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) != 0)
            continue;
        const char *v = strchr(line, ':');
        if (!v)
            break;
        v++;
        while (*v == ' ' || *v == '\t')
            v++;
        snprintf(out, cap, "%s", v);
        out[strcspn(out, "\n")] = '\0';
        break;
    }
    fclose(f);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: bench_analysis DIR|FILE... [--repeat N]\n"
            "  Loads every .txt file under each DIR (and each FILE) into memory, then times on one\n"
            "  thread, interleaved A B C D per round, N rounds (default %d, at most %d):\n"
            "  A raw ICU segmentation + case folding, B cote_clean, C cote_analyse on the cleaned\n"
            "  text, D clean + analyse. Prints MB/s of input bytes (median) and the ratio D/A.\n",
            REPEAT_DEFAULT, REPEAT_MAX);
}

int main(int argc, char **argv)
{
    int repeat = REPEAT_DEFAULT;
    corpus_t c = {NULL, 0, 0, 0};
    int inputs = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > REPEAT_MAX) {
                fprintf(stderr, "bench_analysis: --repeat takes 1 to %d\n", REPEAT_MAX);
                return 2;
            }
            repeat = (int)v;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            usage(stderr);
            return 2;
        } else {
            struct stat st;
            inputs++;
            if (stat(argv[i], &st) != 0) {
                fprintf(stderr, "bench_analysis: %s: %s\n", argv[i], strerror(errno));
                return 2;
            }
            if ((S_ISDIR(st.st_mode) ? walk(&c, argv[i]) : add_path(&c, argv[i])) != 0)
                return 2;
        }
    }
    if (!inputs) {
        usage(stderr);
        return 2;
    }
    if (load(&c))
        return 2;
    if (c.n == 0 || c.bytes == 0) {
        fprintf(stderr, "bench_analysis: no .txt input\n");
        return 2;
    }

    cote_error_t err;
    cote_error_clear(&err);
    cote_lexicon_t *lex = NULL;
    cote_analyser_t *an = NULL;
    if (cote_lexicon_open(NULL, &lex, &err) || cote_analyser_new(&an, &err)) {
        fprintf(stderr, "bench_analysis: %s\n", cote_error_text(&err));
        return 2;
    }
    icu_t icu = {NULL, NULL, 0, NULL, 0};
    UErrorCode ec = U_ZERO_ERROR;
    icu.words = ubrk_open(UBRK_WORD, "fr", NULL, 0, &ec);
    if (U_FAILURE(ec)) {
        fprintf(stderr, "bench_analysis: ubrk_open: %s\n", u_errorName(ec));
        return 2;
    }
    cote_clean_doc_t scratch = COTE_CLEAN_DOC_INIT;
    cote_token_list_t toks = COTE_TOKEN_LIST_INIT;

    /* C's input: every document cleaned once, untimed. This also warms the
     * lexicon's cache, as the first documents of a real run do. */
    size_t cleaned = 0;
    for (size_t i = 0; i < c.n; i++) {
        doc_t *d = &c.v[i];
        cote_clean_doc_t cd = COTE_CLEAN_DOC_INIT;
        if (clean_doc(lex, d, &cd))
            return 1;
        /* keep only what the analysis reads */
        cote_clean_doc_t keep = COTE_CLEAN_DOC_INIT;
        keep.text = cd.text;
        keep.blocks = cd.blocks;
        keep.n_blocks = keep.cap_blocks = cd.n_blocks;
        keep.furniture = cd.furniture;
        keep.n_furniture = cd.n_furniture;
        keep.links = cd.links;
        keep.n_links = cd.n_links;
        cote_clean_doc_t empty = COTE_CLEAN_DOC_INIT;
        cd.text = cd.furniture = cd.links = empty.text;
        cd.blocks = NULL;
        cote_clean_doc_free(&cd);
        d->clean = keep;
        cleaned += keep.text.len;
    }

    double wall[N_PHASES][REPEAT_MAX], cpu[N_PHASES][REPEAT_MAX], ratio[REPEAT_MAX], cratio[REPEAT_MAX],
        aratio[REPEAT_MAX];
    work_t work[N_PHASES][REPEAT_MAX];
    memset(work, 0, sizeof work);
    for (int r = 0; r < repeat; r++) {
        for (int p = 0; p < N_PHASES; p++) {
            work_t *w = &work[p][r];
            double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_THREAD_CPUTIME_ID);
            int rc = p == PH_A   ? phase_icu(&icu, &c, w)
                     : p == PH_B ? phase_clean(lex, &scratch, &c, w)
                     : p == PH_C ? phase_analyse(an, &toks, &c, w)
                                 : phase_chain(lex, &scratch, an, &toks, &c, w);
            cpu[p][r] = now(CLOCK_THREAD_CPUTIME_ID) - c0;
            wall[p][r] = now(CLOCK_MONOTONIC) - t0;
            if (rc) {
                fprintf(stderr, "bench_analysis: phase %c failed\n", 'A' + p);
                return 1;
            }
            fprintf(stderr, "round %d/%d phase %c: %.2f s\n", r + 1, repeat, 'A' + p, wall[p][r]);
        }
        ratio[r] = wall[PH_A][r] / wall[PH_D][r]; /* (bytes/D) / (bytes/A) */
        cratio[r] = cpu[PH_A][r] / cpu[PH_D][r];
        aratio[r] = wall[PH_A][r] / wall[PH_C][r];
    }

    /* D must do B's and C's work, every round the same. */
    int same = 1;
    for (int r = 0; r < repeat; r++)
        same &= work[PH_D][r].tokens == work[PH_C][r].tokens && work[PH_D][r].terms == work[PH_C][r].terms &&
                work[PH_D][r].out_bytes == work[PH_C][r].out_bytes && work[PH_B][r].out_bytes == cleaned &&
                work[PH_A][r].tokens == work[PH_A][0].tokens;

    char model[256];
    cpu_model(model, sizeof model);
    UVersionInfo uv;
    char icu_version[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(uv);
    u_versionToString(uv, icu_version);
    double mb = (double)c.bytes / 1e6;

    printf("Input: %zu files, %.1f MB (MB = 10^6 bytes; %.1f MB after cleaning), loaded before timing.\n", c.n,
           mb, (double)cleaned / 1e6);
    printf("Machine: %ld CPUs online (nproc), %s; ICU %s; compiler %s; build %s; one thread.\n",
           sysconf(_SC_NPROCESSORS_ONLN), model, icu_version, __VERSION__, COTE_BENCH_BUILD_TYPE);
    printf("Rounds: %d, phases interleaved A B C D per round; figures are medians over rounds, "
           "MB/s of input bytes in wall time (CPU time: the thread's own).\n\n",
           repeat);
    printf("| phase | what | MB/s | MB/s min-max | MB/s CPU time | tokens/s | s (median) |\n");
    printf("|---|---|---:|---:|---:|---:|---:|\n");
    for (int p = 0; p < N_PHASES; p++) {
        double rate[REPEAT_MAX], crate[REPEAT_MAX];
        for (int r = 0; r < repeat; r++) {
            rate[r] = mb / wall[p][r];
            crate[r] = mb / cpu[p][r];
        }
        double s = median(wall[p], repeat);
        char tps[32] = "-";
        if (work[p][0].tokens)
            snprintf(tps, sizeof tps, "%.2f M", (double)work[p][0].tokens / s / 1e6);
        printf("| %c | %s | %.1f | %.1f-%.1f | %.1f | %s | %.2f |\n", 'A' + p, phase_what[p], median(rate, repeat),
               min_of(rate, repeat), max_of(rate, repeat), median(crate, repeat), tps, s);
    }
    double rd = median(ratio, repeat);
    double rc = median(cratio, repeat);
    printf("\nD/A = %.2f in wall time (median of per-round ratios, range %.2f-%.2f), %.2f in CPU time "
           "(range %.2f-%.2f); target >= %.2f: %s.\n",
           rd, min_of(ratio, repeat), max_of(ratio, repeat), rc, min_of(cratio, repeat), max_of(cratio, repeat),
           TARGET_RATIO, rd >= TARGET_RATIO ? "met" : "NOT met");
    printf("C/A = %.2f in wall time (the analysis alone, for comparison).\n", median(aratio, repeat));
    printf("Work per round: A %llu ICU words; B %zu cleaned bytes; C and D %llu tokens, %llu terms, "
           "%llu term bytes (checksums %llu %llu %llu %llu).\n",
           (unsigned long long)work[PH_A][0].tokens, cleaned, (unsigned long long)work[PH_C][0].tokens,
           (unsigned long long)work[PH_C][0].terms, (unsigned long long)work[PH_C][0].out_bytes,
           (unsigned long long)work[PH_A][0].check, (unsigned long long)work[PH_B][0].check,
           (unsigned long long)work[PH_C][0].check, (unsigned long long)work[PH_D][0].check);
    if (!same)
        fprintf(stderr, "bench_analysis: the phases did not do the same work in every round\n");

    ubrk_close(icu.words);
    free(icu.u16);
    free(icu.fold);
    cote_clean_doc_free(&scratch);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    cote_lexicon_free(lex);
    corpus_free(&c);
    return same ? 0 : 1;
}
