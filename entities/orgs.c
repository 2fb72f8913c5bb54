/* orgs.c: the gazetteer and the organisation recogniser of orgs.h.
 *
 * Names are keyed by the accent-free analysed words joined by one space
 * ("programme nations unies developpement"... with every word kept), which is
 * what the same analysis gives for the text, so the comparison is a hash
 * look-up per candidate. A second map from a name's first word to the length
 * (in words) of its longest name bounds the candidates tried at each word.
 */
#include "orgs.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data_files.h"
#include "strbuf.h"
#include "strmap.h"

#define MAX_NAME_WORDS 40
#define ACRONYM_MAX 24
#define MAX_READINGS 4

typedef struct {
    char acronym[ACRONYM_MAX];
    size_t idx[MAX_READINGS]; /* entries sharing the acronym */
    size_t n;
} shared_acronym_t;

struct cote_gazetteer {
    cote_org_t *v;
    size_t n, cap;
    cote_strmap_t ids;      /* id -> entry index + 1: searches label every facet value by id */
    cote_strmap_t names;    /* name key -> entry index + 1 */
    cote_strmap_t firsts;   /* first word of a name -> longest name, in words */
    cote_strmap_t acronyms; /* acronym as written -> entry index + 1 (0: none) */
    shared_acronym_t *shared;
    size_t n_shared;
    struct series {
        char prefix[32]; /* a symbol series such as E/ESCAP or A/C.3 */
        size_t idx;
    } *series;
    size_t n_series;
    char **keys;            /* per entry: the analysed words of its French name */
};

/* ---- loading ------------------------------------------------------------ */

/* Builds the name key of text into key; returns the number of words. */
static size_t name_key(cote_analyser_t *an, cote_token_list_t *toks, const char *s, size_t n, cote_strbuf_t *key,
                       cote_error_t *err, cote_status_t *st)
{
    cote_strbuf_reset(key);
    *st = cote_analyse(an, s, n, 1, toks, err);
    if (*st)
        return 0;
    for (size_t i = 0; i < toks->n; i++) {
        const char *b = cote_token_bare(toks, &toks->v[i]);
        if ((i && cote_strbuf_putc(key, ' ')) || cote_strbuf_puts(key, b)) {
            *st = cote_error_set(err, COTE_NOMEM, "out of memory");
            return 0;
        }
    }
    return toks->n;
}

static cote_status_t add_name(cote_gazetteer_t *g, cote_analyser_t *an, cote_token_list_t *toks, cote_strbuf_t *key,
                              const char *name, size_t idx, cote_error_t *err)
{
    cote_status_t st;
    size_t words = name_key(an, toks, name, strlen(name), key, err, &st);
    if (st || words == 0 || words > MAX_NAME_WORDS)
        return st;
    if (!cote_strmap_get(&g->names, key->data, key->len) && cote_strmap_put(&g->names, key->data, key->len, idx + 1))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    const char *first = cote_token_bare(toks, &toks->v[0]);
    if (cote_strmap_get(&g->firsts, first, strlen(first)) < words &&
        cote_strmap_put(&g->firsts, first, strlen(first), words))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    return COTE_OK;
}

static cote_status_t add_acronym(cote_gazetteer_t *g, const char *a, size_t idx, cote_error_t *err)
{
    size_t n = strlen(a);
    if (n == 0 || n >= ACRONYM_MAX)
        return COTE_OK;
    unsigned long have = cote_strmap_get(&g->acronyms, a, n);
    if (have == idx + 1)
        return COTE_OK;
    if (!have)
        return cote_strmap_put(&g->acronyms, a, n, idx + 1) ? cote_error_set(err, COTE_NOMEM, "out of memory")
                                                             : COTE_OK;
    /* a second reading: remember every reading of this acronym */
    shared_acronym_t *s = NULL;
    for (size_t i = 0; i < g->n_shared; i++)
        if (strcmp(g->shared[i].acronym, a) == 0)
            s = &g->shared[i];
    if (!s) {
        shared_acronym_t *v = realloc(g->shared, (g->n_shared + 1) * sizeof *v);
        if (!v)
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        g->shared = v;
        s = &g->shared[g->n_shared++];
        memcpy(s->acronym, a, n + 1);
        s->idx[0] = have - 1;
        s->n = 1;
    }
    if (s->n < MAX_READINGS)
        s->idx[s->n++] = idx;
    return COTE_OK;
}

/* An alias is an acronym when it has no space and two capitals or more
 * (UNO, AGNU, C-24, CEE-ONU); one with a '/' is a symbol series (A/C.3): skipped. */
static int alias_kind(const char *a)
{
    if (strchr(a, '/'))
        return 0;
    if (strchr(a, ' '))
        return 2;
    int caps = 0;
    for (const char *p = a; *p; p++)
        caps += *p >= 'A' && *p <= 'Z';
    return caps >= 2 ? 1 : 2;
}

static char *dup_field(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static cote_status_t add_entry(cote_gazetteer_t *g, cote_analyser_t *an, cote_token_list_t *toks, cote_strbuf_t *key,
                               char **f, cote_error_t *err)
{
    /* an existing id: the new names become its aliases */
    unsigned long known = cote_strmap_get(&g->ids, f[0], strlen(f[0]));
    size_t idx = known ? known - 1 : g->n;
    if (idx == g->n) {
        if (g->n == g->cap) {
            size_t cap = g->cap ? g->cap * 2 : 512;
            cote_org_t *v = realloc(g->v, cap * sizeof *v);
            if (!v)
                return cote_error_set(err, COTE_NOMEM, "out of memory");
            g->v = v;
            g->cap = cap;
        }
        char **keys = realloc(g->keys, g->cap * sizeof *keys);
        if (!keys)
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        g->keys = keys;
        cote_status_t kst;
        name_key(an, toks, f[1], strlen(f[1]), key, err, &kst);
        if (kst)
            return kst;
        if (!(g->keys[g->n] = dup_field(key->data ? key->data : "", key->len)))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        if (cote_strmap_put(&g->ids, f[0], strlen(f[0]), g->n + 1))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        cote_org_t *o = &g->v[g->n++];
        o->id = f[0];
        o->fr_name = f[1];
        o->fr_acronym = f[2];
        o->en_name = f[3];
        o->en_acronym = f[4];
        o->kind = f[6];
        f[0] = f[1] = f[2] = f[3] = f[4] = f[6] = NULL; /* now owned by the entry */
    }
    const cote_org_t *o = &g->v[idx];
    cote_status_t st = COTE_OK;
    const char *names[] = {o->fr_name, o->en_name, f[1], f[3]};
    const char *acrs[] = {o->fr_acronym, o->en_acronym, f[2], f[4]};
    for (size_t i = 0; i < 4 && !st; i++) {
        if (names[i] && *names[i])
            st = add_name(g, an, toks, key, names[i], idx, err);
        if (!st && acrs[i] && *acrs[i])
            st = add_acronym(g, acrs[i], idx, err);
    }
    /* other aliases: names and acronyms, `|`-separated */
    const char *a = f[5];
    while (!st && a && *a) {
        const char *bar = strchr(a, '|');
        size_t n = bar ? (size_t)(bar - a) : strlen(a);
        char alias[512];
        if (n > 0 && n < sizeof alias) {
            memcpy(alias, a, n);
            alias[n] = '\0';
            int k = alias_kind(alias);
            if (k == 0 && n < sizeof g->series->prefix) {
                struct series *v = realloc(g->series, (g->n_series + 1) * sizeof *v);
                if (!v) {
                    st = cote_error_set(err, COTE_NOMEM, "out of memory");
                    break;
                }
                g->series = v;
                memcpy(v[g->n_series].prefix, alias, n + 1);
                v[g->n_series++].idx = idx;
            } else if (k == 1)
                st = add_acronym(g, alias, idx, err);
            else if (k == 2)
                st = add_name(g, an, toks, key, alias, idx, err);
        }
        a = bar ? bar + 1 : NULL;
    }
    return st;
}

/* Parses TSV text; origin names it in error messages. */
static cote_status_t load_tsv(cote_gazetteer_t *g, cote_analyser_t *an, const char *text, size_t len,
                              const char *origin, cote_error_t *err)
{
    cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
    cote_strbuf_t key = COTE_STRBUF_INIT;
    cote_status_t st = COTE_OK;
    const char *p = text, *end = text + len;
    unsigned line = 0;
    while (p < end && !st) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        size_t n = (size_t)(le - p);
        if (n && p[n - 1] == '\r')
            n--;
        if (n == 0 || p[0] == '#' || (line == 1 && strncmp(p, "canonical_id\t", 13) == 0)) {
            p = nl ? nl + 1 : end;
            continue;
        }
        char *f[7] = {0};
        size_t k = 0;
        const char *q = p, *qe = p + n;
        while (k < 7) {
            const char *tab = memchr(q, '\t', (size_t)(qe - q));
            const char *fe = tab ? tab : qe;
            if (!(f[k++] = dup_field(q, (size_t)(fe - q)))) {
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
                break;
            }
            if (!tab)
                break;
            q = tab + 1;
        }
        if (!st && (k != 7 || memchr(q, '\t', (size_t)(qe - q)) || !f[0][0] || !f[1][0]))
            st = cote_error_set(err, COTE_BAD_INPUT,
                                "%s, line %u: expected 7 tab-separated fields with an id and a French name", origin,
                                line);
        if (!st)
            st = add_entry(g, an, &toks, &key, f, err);
        for (size_t i = 0; i < 7; i++)
            free(f[i]);
        p = nl ? nl + 1 : end;
    }
    cote_token_list_free(&toks);
    cote_strbuf_free(&key);
    return st;
}

cote_status_t cote_gazetteer_new(cote_analyser_t *an, cote_gazetteer_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_gazetteer_t *g = calloc(1, sizeof *g);
    if (!g)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    const cote_asset_t *a = cote_embedded_find(cote_data_files, "organisations.tsv");
    cote_status_t st = a ? load_tsv(g, an, (const char *)a->data, a->len, "data/organisations.tsv", err)
                         : cote_error_set(err, COTE_INTERNAL, "the gazetteer is missing from the binary");
    if (st) {
        cote_gazetteer_free(g);
        return st;
    }
    *out = g;
    return COTE_OK;
}

cote_status_t cote_gazetteer_add_file(cote_gazetteer_t *g, cote_analyser_t *an, const char *path, cote_error_t *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cote_error_set(err, errno == ENOENT ? COTE_NOT_FOUND : COTE_IO, "%s: %s", path, strerror(errno));
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    char buf[8192];
    size_t got;
    cote_status_t st = COTE_OK;
    while (!st && (got = fread(buf, 1, sizeof buf, f)) > 0)
        if (cote_strbuf_append(&sb, buf, got))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st && ferror(f))
        st = cote_error_set(err, COTE_IO, "%s: read error", path);
    fclose(f);
    if (!st)
        st = load_tsv(g, an, sb.data ? sb.data : "", sb.len, path, err);
    cote_strbuf_free(&sb);
    return st;
}

cote_status_t cote_gazetteer_add_tsv(cote_gazetteer_t *g, cote_analyser_t *an, const char *text, size_t len,
                                     const char *origin, cote_error_t *err)
{
    return load_tsv(g, an, text ? text : "", text ? len : 0, origin, err);
}

void cote_gazetteer_free(cote_gazetteer_t *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        cote_org_t *o = &g->v[i];
        free((void *)(uintptr_t)o->id);
        free((void *)(uintptr_t)o->fr_name);
        free((void *)(uintptr_t)o->fr_acronym);
        free((void *)(uintptr_t)o->en_name);
        free((void *)(uintptr_t)o->en_acronym);
        free((void *)(uintptr_t)o->kind);
    }
    for (size_t i = 0; i < g->n; i++)
        free(g->keys[i]);
    free(g->keys);
    free(g->v);
    cote_strmap_free(&g->ids);
    cote_strmap_free(&g->names);
    cote_strmap_free(&g->firsts);
    cote_strmap_free(&g->acronyms);
    free(g->shared);
    free(g->series);
    free(g);
}

const cote_org_t *cote_gazetteer_series(const cote_gazetteer_t *g, const char *symbol)
{
    /* the longest series the symbol starts with, followed by '/' */
    const cote_org_t *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < g->n_series; i++) {
        size_t n = strlen(g->series[i].prefix);
        if (n > best_len && strncmp(symbol, g->series[i].prefix, n) == 0 && symbol[n] == '/') {
            best = &g->v[g->series[i].idx];
            best_len = n;
        }
    }
    if (best)
        return best;
    /* a series named by the body's acronym: ESCAP/78/29, UNEP/EA.5/... */
    const char *slash = strchr(symbol, '/');
    if (slash && slash - symbol < ACRONYM_MAX) {
        unsigned long idx = cote_strmap_get(&g->acronyms, symbol, (size_t)(slash - symbol));
        if (idx)
            return &g->v[idx - 1];
    }
    /* the principal organs' own letters */
    static const struct {
        const char *letter, *id;
    } organs[] = {{"A/", "assemblee-generale"}, {"S/", "conseil-securite"}, {"E/", "ecosoc"}, {NULL, NULL}};
    for (size_t i = 0; organs[i].letter; i++)
        if (strncmp(symbol, organs[i].letter, 2) == 0)
            return cote_gazetteer_get(g, organs[i].id);
    return NULL;
}

const cote_org_t *cote_gazetteer_get(const cote_gazetteer_t *g, const char *id)
{
    unsigned long i = cote_strmap_get(&g->ids, id, strlen(id));
    return i ? &g->v[i - 1] : NULL;
}

size_t cote_gazetteer_size(const cote_gazetteer_t *g)
{
    return g->n;
}

/* ---- recognition -------------------------------------------------------- */

/* Between two words of one name: spaces, hyphens, commas, and elided
 * articles with their apostrophe (`de l’Asie`: analysis leaves `l’` out of
 * the token). */
static int joins_words(const char *s, size_t from, size_t to)
{
    size_t letters = 0;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '-' || c == ',')
            continue;
        if (c >= 'a' && c <= 'z') {
            if (++letters > 6) /* jusqu, lorsqu... */
                return 0;
            continue;
        }
        if (c == '\'' || (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99)) {
            letters = 0; /* the letters were an elided article */
            i += c == '\'' ? 0 : 2;
            continue;
        }
        return 0;
    }
    return letters == 0;
}

static cote_status_t push_org(cote_entity_list_t *out, size_t start, size_t end, const char *id, unsigned flags)
{
    cote_entity_t e;
    memset(&e, 0, sizeof e);
    e.kind = COTE_ENT_ORG;
    e.flags = flags;
    e.start = start;
    e.end = end;
    snprintf(e.canon, sizeof e.canon, "%s", id);
    return cote_entity_push(out, &e);
}

static int is_acr_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* The acronym in parentheses right after `end` (`Nom (SIGLE)`), if any. */
static size_t definition_after(const char *s, size_t len, size_t end, size_t *a_start)
{
    size_t i = end;
    while (i < len && s[i] == ' ')
        i++;
    if (i >= len || s[i] != '(')
        return 0;
    size_t st = ++i;
    while (i < len && is_acr_char(s[i]))
        i++;
    if (i >= len || s[i] != ')' || i - st < 2 || i - st >= ACRONYM_MAX || !(s[st] >= 'A' && s[st] <= 'Z'))
        return 0;
    *a_start = st;
    return i - st;
}

typedef struct {
    char acronym[ACRONYM_MAX];
    char id[COTE_ENTITY_CANON_MAX];
} learned_t;

typedef struct {
    learned_t *v;
    size_t n, cap;
} learned_list_t;

static cote_status_t learn(learned_list_t *l, const char *acr, size_t n, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i].acronym) == n && memcmp(l->v[i].acronym, acr, n) == 0)
            return COTE_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        learned_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return COTE_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    learned_t *e = &l->v[l->n++];
    memcpy(e->acronym, acr, n);
    e->acronym[n] = '\0';
    snprintf(e->id, sizeof e->id, "%s", id);
    return COTE_OK;
}

static const char *learned_id(const learned_list_t *l, const char *acr, size_t n)
{
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i].acronym) == n && memcmp(l->v[i].acronym, acr, n) == 0)
            return l->v[i].id;
    return NULL;
}

/* Small words that do not count in an acronym's initials. */
static int minor_word(const char *b)
{
    static const char *const minor[] = {"de", "des", "du", "la", "le", "les", "et", "pour", "en", "sur", "a", "au",
                                        "aux", "of", "the", "and", "for", "on", "in", NULL};
    for (const char *const *m = minor; *m; m++)
        if (strcmp(b, *m) == 0)
            return 1;
    return 0;
}

/* For `Nom complet (SIGLE)` with a name the gazetteer lacks: the first token
 * of the longest run of words ending at token `last` whose initials spell the
 * capitals of the acronym, or -1. */
static long defined_name_start(const cote_token_list_t *t, const char *s, size_t last, const char *acr, size_t an)
{
    char caps[ACRONYM_MAX];
    size_t nc = 0;
    for (size_t i = 0; i < an; i++)
        if (acr[i] >= 'A' && acr[i] <= 'Z')
            caps[nc++] = acr[i];
    if (nc < 2)
        return -1;
    size_t k = nc; /* capitals still to match, from the end */
    for (long i = (long)last; i >= 0 && last - (size_t)i < 3 * nc + 6; i--) {
        const cote_token_t *tok = &t->v[i];
        if (i < (long)last && !joins_words(s, tok->end, t->v[i + 1].start))
            return -1;
        const char *b = cote_token_bare(t, tok);
        if (minor_word(b))
            continue;
        char initial = s[tok->start];
        if (initial >= 'a' && initial <= 'z')
            initial = (char)(initial - 32);
        if (initial != caps[k - 1]) {
            /* a capitalised word breaks the match; a lower-case one may be left out (CESAP: sociale) */
            if (s[tok->start] >= 'A' && s[tok->start] <= 'Z')
                return -1;
            continue;
        }
        if (--k == 0)
            return (s[tok->start] >= 'A' && s[tok->start] <= 'Z') || ((unsigned char)s[tok->start] >= 0xC3) ? i : -1;
    }
    return -1;
}

/* ---- names the gazetteer lacks: a capitalised head noun and its complement -- */

/* Words that head the name of a body (`Agence turque de coopération`,
 * `Réseau mondial contre les crises alimentaires`, `Finance Centre for ...`). */
static int head_word(const char *b)
{
    static const char *const heads[] = {
        "agence", "alliance", "association", "banque", "bureau", "centre", "comite", "commission", "communaute",
        "conseil", "departement", "dispositif", "federation", "fondation", "fonds", "forum", "groupe", "institut",
        "mecanisme", "ministere", "organisation", "partenaires", "reseau", "union", "universite", "cour", "tribunal",
        "secretariat", "office", "autorite", "agency", "bank", "centre", "center", "council", "fund", "institute",
        "network", "organization", "system", "thinkers", "university", "foundation", NULL};
    for (const char *const *h = heads; *h; h++)
        if (strcmp(b, *h) == 0)
            return 1;
    return 0;
}

/* Words that may sit inside a name without ending it. */
static int connector(const char *b)
{
    static const char *const words[] = {"de", "des", "du", "la", "le", "les", "et", "pour", "en", "sur", "contre",
                                        "a", "au", "aux", "dans", "entre", "par", "moins", "plus", "of", "for",
                                        "and", "the", "on", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(b, *w) == 0)
            return 1;
    return 0;
}

/* Words after which a name cannot go on: verbs and clause words. */
static int breaker(const char *b)
{
    static const char *const words[] = {
        "a", "ont", "est", "sont", "sera", "seront", "etait", "qui", "que", "dont", "ou", "avec", "afin",
        "ainsi", "notamment", "lors", "selon", "depuis", "vers", "chez", "comme", "mais", "si", "ne", "se",
        "son", "sa", "ses", "leur", "leurs", "ce", "cette", "ces", "il", "elle", "ils", "elles", "y", "on", "tout",
        "tous", "toutes", "tres", "tant", "autre", "autres", "ceux", "celles", "celui", "celle", "cadre", "mesure",
        "relatif", "relative", "relatifs", "relatives", "un", "une", "is", "are", "was", "has", "have", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(b, *w) == 0)
            return 1;
    return 0;
}

static int starts_upper(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    return (c >= 'A' && c <= 'Z') || (c == 0xC3 && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9E);
}

static int is_digit_token(const char *b)
{
    return *b >= '0' && *b <= '9';
}

/* French adjectives by their endings (mondial, turque, tunisienne, agricole,
 * intelligentes...), which verbs and participles in these positions lack
 * (soutient, porte, publié, célébrant). */
static int adjective(const char *b)
{
    static const char *const endings[] = {"al", "ale", "aux", "ales", "ique", "iques", "ain", "aine", "ains",
                                          "aines", "ien", "ienne", "iens", "iennes", "enne", "ennes", "ais",
                                          "aise", "aises", "ois", "oise", "oises", "el", "elle", "els", "elles",
                                          "if", "ive", "ifs", "ives", "aire", "aires", "ier", "iere", "iers",
                                          "ieres", "ere", "eres", "ole", "oles", "ente", "entes", "que", "ques",
                                          "avances", "abe", "abes", "ine", "ines", "ieur", "ieure", "ieurs",
                                          "ieures", NULL};
    size_t n = strlen(b);
    for (const char *const *e = endings; *e; e++) {
        size_t k = strlen(*e);
        if (n >= k + 2 && strcmp(b + n - k, *e) == 0)
            return 1;
    }
    return 0;
}

static int infinitive(const char *b)
{
    size_t n = strlen(b);
    return n > 3 && (strcmp(b + n - 2, "er") == 0 || strcmp(b + n - 2, "ir") == 0 || strcmp(b + n - 3, "tre") == 0);
}

/* Titles of people, which follow `et` in lists of participants. */
static int title_word(const char *b)
{
    static const char *const titles[] = {"directeur", "directrice", "president", "presidente", "secretaire",
                                         "ministre", "representant", "representante", "envoye", "envoyee",
                                         "coordonnateur", "coordonnatrice", "administrateur", "administratrice",
                                         "chef", NULL};
    for (const char *const *w = titles; *w; w++)
        if (strcmp(b, *w) == 0)
            return 1;
    return 0;
}

/* A lower-case head noun (le bureau, un programme) is a reference of its own,
 * not part of the name before it. */
static int generic_reference(const char *b)
{
    return head_word(b) || strcmp(b, "programme") == 0 || strcmp(b, "plan") == 0 || strcmp(b, "projet") == 0 ||
           strcmp(b, "initiative") == 0;
}

/* A past participle used as an adjective (secteur privé, institutions
 * spécialisées): its exact form (with accents) ends in é, ée, és, ées. */
static int participle(const char *exact)
{
    static const char *const endings[] = {"\xc3\xa9", "\xc3\xa9" "e", "\xc3\xa9" "s", "\xc3\xa9" "es", NULL};
    size_t n = strlen(exact);
    for (const char *const *e = endings; *e; e++) {
        size_t k = strlen(*e);
        if (n > k + 2 && strcmp(exact + n - k, *e) == 0)
            return 1;
    }
    return 0;
}

static int has_apostrophe(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] == '\'' || ((unsigned char)s[i] == 0xE2 && i + 2 < to && (unsigned char)s[i + 2] == 0x99))
            return 1;
    return 0;
}

/* A name that starts at token i with a capitalised head noun, read with a
 * small grammar: HEAD (ADJ | Capitalised)* (CONNECTOR+ WORD (ADJ | Capitalised)*)*.
 * `et` continues a name only between lower-case words (la science et la
 * culture); before a capital it joins two names and ends the first.
 * Returns the tokens spanned, or 0 when there is only the head. */
static size_t generic_name(const cote_token_list_t *t, const char *s, size_t i)
{
    const char *head = cote_token_bare(t, &t->v[i]);
    if (!starts_upper(s, t->v[i].start) || !head_word(head))
        return 0;
    /* Country names shaped like bodies. */
    if (i + 2 < t->n && strcmp(head, "federation") == 0 && strcmp(cote_token_bare(t, &t->v[i + 2]), "russie") == 0)
        return 0;
    /* `Forum` names a body when it says what for (Forum pour le développement des
     * îles du Pacifique); otherwise it is a meeting (Forum urbain mondial). */
    if (strcmp(head, "forum") == 0 &&
        (i + 1 >= t->n || strcmp(cote_token_bare(t, &t->v[i + 1]), "pour") != 0))
        return 0;
    size_t last_content = i, k = i + 1;
    int contents = 0, after_connector = 0, prev_adjective = 0;
    while (k < t->n && k - i < 30) {
        size_t gap_from = t->v[k - 1].end, gap_to = t->v[k].start;
        if (memchr(s + gap_from, ',', gap_to - gap_from) || !joins_words(s, gap_from, gap_to))
            break;
        const char *b = cote_token_bare(t, &t->v[k]);
        if (strcmp(cote_token_term(t, &t->v[k], 0), "\xc3\xa0") == 0) {
            /* `à` is a connector (Fonds d’assistance à la coopération), its
             * accent-free form `a` is not the verb; `à l’` (à l’horizon, à
             * l’épidémie) leads out of the name */
            if (k + 1 < t->n && has_apostrophe(s, t->v[k].end, t->v[k + 1].start))
                break;
            b = "de";
        }
        const char *prev_b = cote_token_bare(t, &t->v[k - 1]);
        size_t bl = strlen(b);
        if (strcmp(prev_b, "en") == 0 &&
            ((bl > 4 && strcmp(b + bl - 3, "ant") == 0) || strcmp(b, "date") == 0 || strcmp(b, "vue") == 0))
            break; /* `en créant`, `en date du`, `en vue de`: a clause, not a name */
        int upper = starts_upper(s, t->v[k].start);
        int hyphened = gap_to - gap_from == 1 && s[gap_from] == '-';
        if ((is_digit_token(b) && !hyphened) || (breaker(b) && !upper))
            break;
        if (!upper && generic_reference(b) && k > i + 1)
            break;
        if ((after_connector || has_apostrophe(s, gap_from, gap_to)) && !upper &&
            (infinitive(b) || (strcmp(prev_b, "pour") == 0 && bl > 3 && strcmp(b + bl - 2, "re") == 0)))
            break; /* `Forum pour soutenir`, `Organisation d’intensifier`, `Centre pour faire`: a purpose */
        int domain = strcmp(b, "dans") == 0 && k + 2 < t->n && strcmp(cote_token_bare(t, &t->v[k + 2]), "domaine") == 0;
        if (k == i + 1 && !upper && !has_apostrophe(s, gap_from, gap_to) && !adjective(b) && !domain &&
            strcmp(b, "de") && strcmp(b, "des") && strcmp(b, "du") && strcmp(b, "pour") && strcmp(b, "contre") &&
            strcmp(b, "for") && strcmp(b, "of"))
            break; /* a name goes on with de, pour, an adjective: `Centre dans`, `Centre en vue` do not */
        if ((strcmp(b, "et") == 0 || strcmp(b, "and") == 0) && contents == 0)
            break; /* `Organisation et les organisations`: the head alone, then a list */
        if (strcmp(b, "et") == 0 || strcmp(b, "and") == 0) {
            /* `la science et la culture`, `économiques et sociales` go on;
             * `et l’UIT`, `et le FIDA`, `et publié` end the name */
            size_t n = k + 1;
            while (n < t->n && connector(cote_token_bare(t, &t->v[n])))
                n++;
            if (n >= t->n)
                break;
            const char *nb = cote_token_bare(t, &t->v[n]);
            int article = n > k + 1 || has_apostrophe(s, t->v[k].end, t->v[n].start);
            /* a name of place continues (entre l’Asie de l’Est et l’Amérique latine);
             * a body (et l’UIT, et le Bureau) starts a name of its own */
            int acronym = t->v[n].end - t->v[n].start >= 2 && starts_upper(s, t->v[n].start) &&
                          s[t->v[n].start + 1] >= 'A' && s[t->v[n].start + 1] <= 'Z';
            int elided = !(n > k + 1) && has_apostrophe(s, t->v[k].end, t->v[n].start);
            const char *after_et = cote_token_bare(t, &t->v[k + 1]);
            if (strcmp(after_et, "les") == 0 || strcmp(after_et, "des") == 0 || title_word(nb))
                break; /* `et les entités`, `et des coordonnateurs`, `et Directeur`: a list goes on, not the name */
            if (acronym || head_word(nb) || (!article && !adjective(nb) && !starts_upper(s, t->v[n].start)) ||
                (article && !elided && starts_upper(s, t->v[n].start)) ||
                (elided && !starts_upper(s, t->v[n].start)))
                break; /* `et le Secrétaire général`: a title, another subject */
            after_connector = 1;
        } else if (connector(b) && !upper) {
            after_connector = 1;
        } else if (after_connector || upper || adjective(b) || has_apostrophe(s, gap_from, gap_to) || hyphened ||
                   (contents > 0 && !prev_adjective && participle(cote_token_term(t, &t->v[k], 0))) ||
                   strcmp(cote_token_bare(t, &t->v[k - 1]), "haut") == 0) {
            /* a word after a connector, an elided one (d’éducation) or `haut` (de haut niveau) */
            prev_adjective = !upper && (adjective(b) || participle(cote_token_term(t, &t->v[k], 0)));
            after_connector = 0;
            last_content = k;
            contents++;
        } else {
            break;
        }
        k++;
    }
    return contents ? last_content - i + 1 : 0;
}

/* ---- names in English inside French text: World Green Economy Organization --- */

static int english_head(const char *b)
{
    static const char *const heads[] = {"organization", "organisation", "centre", "center", "system", "thinkers",
                                        "fund", "bank", "institute", "network", "council", "committee", "agency",
                                        "foundation", "alliance", "forum", "programme", "program", "initiative",
                                        "union", "office", "group", "partnership", "facility", "coalition", NULL};
    for (const char *const *h = heads; *h; h++)
        if (strcmp(b, *h) == 0)
            return 1;
    return 0;
}

static int english_connector(const char *b)
{
    return !strcmp(b, "for") || !strcmp(b, "and") || !strcmp(b, "of") || !strcmp(b, "the") || !strcmp(b, "on") ||
           !strcmp(b, "in");
}

/* A capitalised ASCII word (the words of an English name). */
static int ascii_capital(const cote_token_list_t *t, const char *s, size_t k)
{
    const cote_token_t *tok = &t->v[k];
    if (!(s[tok->start] >= 'A' && s[tok->start] <= 'Z'))
        return 0;
    for (size_t i = tok->start; i < tok->end; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* A run of capitalised English words, joined by for/and/of/the/on/in, that
 * holds a head noun such as Organization or Centre: the tokens it spans, or 0. */
static size_t english_name(const cote_token_list_t *t, const char *s, size_t i)
{
    if (!ascii_capital(t, s, i))
        return 0;
    static const char *const french_openers[] = {"le", "la", "les", "un", "une", "nouveau", "nouvelle", NULL};
    for (const char *const *f = french_openers; *f; f++)
        if (strcmp(cote_token_bare(t, &t->v[i]), *f) == 0)
            return 0;
    size_t k = i + 1, last = i, capitals = 1, connectors = 0;
    int head = english_head(cote_token_bare(t, &t->v[i]));
    while (k < t->n) {
        size_t gap_from = t->v[k - 1].end, gap_to = t->v[k].start;
        int space = gap_to - gap_from == 1 && (s[gap_from] == ' ' || s[gap_from] == '-');
        if (!space)
            break;
        const char *b = cote_token_bare(t, &t->v[k]);
        if (ascii_capital(t, s, k)) {
            head |= english_head(b);
            last = k;
            capitals++;
        } else if (english_connector(b)) {
            connectors++;
        } else {
            break;
        }
        k++;
    }
    /* two capitalised French words (Nouveau Programme) are not English: ask for
     * a connector or three capitalised words */
    return head && capitals >= 2 && (connectors > 0 || capitals >= 3) ? last - i + 1 : 0;
}

/* Whether every word of `words` ('-'-separated) appears, in order, among the
 * space-separated words of key, the first ones being equal. */
static int words_within(const char *words, const char *key)
{
    const char *w = words, *k = key;
    int first = 1;
    while (*w) {
        size_t wn = strcspn(w, "-");
        int found = 0;
        while (*k && !found) {
            size_t kn = strcspn(k, " ");
            found = kn == wn && strncmp(k, w, wn) == 0;
            if (!found && first)
                return 0; /* the head must be the same word */
            k += kn;
            while (*k == ' ')
                k++;
        }
        if (!found)
            return 0;
        first = 0;
        w += wn;
        while (*w == '-')
            w++;
    }
    return 1;
}

/* The bodies found in out[from..to) by their full names, each once, in the
 * order of their first mention: what a shorter name is compared with
 * (short_form_of). A long report names a few dozen bodies hundreds of times;
 * comparing every guessed name with every mention made the whole
 * recogniser quadratic. *out is malloc'ed (NULL when none). */
static cote_status_t named_bodies(const cote_gazetteer_t *g, const cote_entity_list_t *out, size_t from, size_t to,
                                  const cote_org_t ***bodies, size_t *n)
{
    *bodies = NULL;
    *n = 0;
    if (to <= from)
        return COTE_OK;
    const cote_org_t **v = malloc((to - from) * sizeof *v);
    if (!v)
        return COTE_NOMEM;
    for (size_t i = from; i < to; i++) {
        const cote_org_t *o = cote_gazetteer_get(g, out->v[i].canon);
        int seen = !o;
        for (size_t k = 0; k < *n && !seen; k++)
            seen = v[k] == o;
        if (!seen)
            v[(*n)++] = o;
    }
    *bodies = v;
    return COTE_OK;
}

/* The id of a body named in full (bodies, from named_bodies) whose name
 * holds the words of a shorter name, or NULL. */
static const char *short_form_of(const cote_gazetteer_t *g, const cote_org_t *const *bodies, size_t n,
                                 const char *words)
{
    for (size_t i = 0; i < n; i++)
        if (words_within(words, g->keys[bodies[i] - g->v]))
            return bodies[i]->id;
    return NULL;
}

static int ids_seen(const cote_entity_list_t *out, size_t from, const char *id)
{
    for (size_t i = from; i < out->n; i++)
        if (strcmp(out->v[i].canon, id) == 0)
            return 1;
    return 0;
}

static int cmp_start(const void *a, const void *b)
{
    const cote_entity_t *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

cote_status_t cote_find_orgs(const cote_gazetteer_t *g, cote_analyser_t *an, cote_token_list_t *t, const char *s,
                             size_t len, cote_entity_list_t *out, cote_error_t *err)
{
    size_t first_out = out->n;
    cote_status_t st = cote_analyse(an, s, len, 1, t, err);
    if (st)
        return st;
    learned_list_t learned = {0};
    cote_strbuf_t key = COTE_STRBUF_INIT;
    /* 1. names, longest first, left to right */
    for (size_t i = 0; i < t->n && !st;) {
        const char *b = cote_token_bare(t, &t->v[i]);
        size_t maxw = cote_strmap_get(&g->firsts, b, strlen(b));
        size_t best = 0;
        unsigned long best_idx = 0;
        cote_strbuf_reset(&key);
        for (size_t k = 0; k < maxw && i + k < t->n; k++) {
            if (k && !joins_words(s, t->v[i + k - 1].end, t->v[i + k].start))
                break;
            const char *w = cote_token_bare(t, &t->v[i + k]);
            if ((k && cote_strbuf_putc(&key, ' ')) || cote_strbuf_puts(&key, w)) {
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
                break;
            }
            unsigned long idx = cote_strmap_get(&g->names, key.data, key.len);
            if (idx) {
                best = k + 1;
                best_idx = idx;
            }
        }
        if (st || !best) {
            i++;
            continue;
        }
        const cote_org_t *o = &g->v[best_idx - 1];
        size_t end = t->v[i + best - 1].end;
        st = push_org(out, t->v[i].start, end, o->id, 0);
        size_t a0;
        size_t an_len = definition_after(s, len, end, &a0);
        if (!st && an_len && learn(&learned, s + a0, an_len, o->id))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        i += best;
    }
    /* 2. names the gazetteer lacks, by their head noun; inside a gazetteer
     * match they are not looked for (`Fonds des Nations Unies pour l’enfance`). */
    size_t first_generic = out->n, n_bodies = 0;
    const cote_org_t **bodies = NULL;
    if (!st && named_bodies(g, out, first_out, first_generic, &bodies, &n_bodies))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    size_t m = first_out; /* the first gazetteer match not ending before token i (they are in order) */
    for (size_t i = 0; i < t->n && !st;) {
        while (m < first_generic && out->v[m].end <= t->v[i].start)
            m++;
        int inside = m < first_generic && t->v[i].start >= out->v[m].start;
        size_t n = inside ? 0 : english_name(t, s, i);
        if (!n && !inside)
            n = generic_name(t, s, i);
        if (!n) {
            i++;
            continue;
        }
        size_t end = t->v[i + n - 1].end;
        /* its id: the words of the name, so that every mention meets */
        char id[COTE_ENTITY_CANON_MAX] = "name-";
        size_t k = strlen(id);
        for (size_t w = i; w < i + n && k + 2 < sizeof id; w++) {
            const char *b = cote_token_bare(t, &t->v[w]);
            if (connector(b))
                continue;
            if (k > 5)
                id[k++] = '-';
            for (const char *c = b; *c && k + 1 < sizeof id; c++)
                id[k++] = *c;
        }
        id[k] = '\0';
        /* a short form of a body named in full earlier in the text (Bureau pour la
         * coopération Sud-Sud for the Bureau des Nations Unies pour la coopération
         * Sud-Sud) takes that body's id */
        const char *full = short_form_of(g, bodies, n_bodies, id + 5);
        st = push_org(out, t->v[i].start, end, full ? full : id, 0);
        size_t a0;
        size_t an_len = definition_after(s, len, end, &a0);
        if (!st && an_len && !cote_strmap_get(&g->acronyms, s + a0, an_len) && learn(&learned, s + a0, an_len, id))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        i += n;
    }
    free(bodies);
    /* 3. definitions of names the gazetteer lacks: `Nom complet (SIGLE)` */
    for (size_t i = 0; i + 1 < t->n && !st; i++) {
        size_t a0;
        size_t an_len = definition_after(s, len, t->v[i].end, &a0);
        if (!an_len || cote_strmap_get(&g->acronyms, s + a0, an_len) || learned_id(&learned, s + a0, an_len))
            continue;
        long from = defined_name_start(t, s, i, s + a0, an_len);
        if (from < 0)
            continue;
        char id[COTE_ENTITY_CANON_MAX] = "sigle-";
        size_t k = strlen(id);
        for (size_t j = 0; j < an_len && k + 1 < sizeof id; j++)
            id[k++] = (s[a0 + j] >= 'A' && s[a0 + j] <= 'Z') ? (char)(s[a0 + j] + 32) : s[a0 + j];
        id[k] = '\0';
        /* the definition's span supersedes a shorter guess by head noun inside it */
        size_t kept = first_generic;
        for (size_t x = first_generic; x < out->n; x++)
            if (!(out->v[x].start >= t->v[from].start && out->v[x].start < t->v[i].end))
                out->v[kept++] = out->v[x];
        out->n = kept;
        if (learn(&learned, s + a0, an_len, id) || push_org(out, t->v[from].start, t->v[i].end, id, 0))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    /* 4. acronyms as written */
    for (size_t i = 0; i < len && !st;) {
        int after_apostrophe = i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 1] == 0x99;
        if (!(s[i] >= 'A' && s[i] <= 'Z') ||
            (i > 0 && (is_acr_char(s[i - 1]) || ((unsigned char)s[i - 1] >= 0x80 && !after_apostrophe)))) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && is_acr_char(s[j]))
            j++;
        if (j < len && (unsigned char)s[j] >= 0x80) { /* a word with accents, not an acronym */
            i = j;
            continue;
        }
        /* the whole run (ONU-Habitat), else each hyphen-separated part (Russie-PNUD) */
        size_t parts[8][2], np = 0;
        parts[np][0] = i;
        parts[np][1] = j;
        np++;
        for (size_t p = i, q = i; q <= j && np < 8; q++)
            if (q == j || s[q] == '-') {
                if (!(p == i && q == j)) {
                    parts[np][0] = p;
                    parts[np][1] = q;
                    np++;
                }
                p = q + 1;
            }
        for (size_t p = 0; p < np && !st; p++) {
            const char *a = s + parts[p][0];
            size_t n = parts[p][1] - parts[p][0];
            int caps = 0;
            for (size_t c = 0; c < n; c++)
                caps += a[c] >= 'A' && a[c] <= 'Z';
            if (n < 2 || n >= ACRONYM_MAX || caps < 2)
                continue;
            const char *id = learned_id(&learned, a, n);
            unsigned flags = 0;
            char amb[COTE_ENTITY_CANON_MAX];
            if (!id) {
                unsigned long idx = cote_strmap_get(&g->acronyms, a, n);
                if (!idx)
                    continue;
                id = g->v[idx - 1].id;
                for (size_t sh = 0; sh < g->n_shared; sh++) {
                    const shared_acronym_t *r = &g->shared[sh];
                    if (strlen(r->acronym) != n || memcmp(r->acronym, a, n) != 0)
                        continue;
                    /* several readings: the one whose full name this text contains */
                    const char *chosen = NULL;
                    for (size_t x = 0; x < r->n; x++)
                        if (ids_seen(out, first_out, g->v[r->idx[x]].id))
                            chosen = chosen ? "" : g->v[r->idx[x]].id;
                    if (chosen && *chosen) {
                        id = chosen;
                    } else {
                        snprintf(amb, sizeof amb, "ambiguous-%.*s", (int)n, a);
                        for (char *c = amb; *c; c++)
                            if (*c >= 'A' && *c <= 'Z')
                                *c = (char)(*c + 32);
                        id = amb;
                        flags = COTE_ENT_AMBIGUOUS;
                    }
                }
            }
            if (push_org(out, parts[p][0], parts[p][1], id, flags))
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
            break; /* the whole run matched, or its first matching part */
        }
        i = j;
    }
    free(learned.v);
    cote_strbuf_free(&key);
    if (!st && out->n - first_out > 1)
        qsort(out->v + first_out, out->n - first_out, sizeof *out->v, cmp_start);
    return st;
}

const cote_org_t *cote_match_org_query(const cote_gazetteer_t *g, cote_analyser_t *an, cote_token_list_t *t,
                                       const char *q, size_t len)
{
    while (len && q[0] == ' ') {
        q++;
        len--;
    }
    while (len && q[len - 1] == ' ')
        len--;
    if (len == 0 || len > 512)
        return NULL;
    /* an acronym as typed, then in capitals (undp -> UNDP) */
    char up[ACRONYM_MAX];
    if (len < ACRONYM_MAX && !memchr(q, ' ', len)) {
        unsigned long idx = cote_strmap_get(&g->acronyms, q, len);
        if (!idx && len >= 3) {
            for (size_t i = 0; i < len; i++)
                up[i] = (q[i] >= 'a' && q[i] <= 'z') ? (char)(q[i] - 32) : q[i];
            idx = cote_strmap_get(&g->acronyms, up, len);
        }
        int shared = 0;
        for (size_t sh = 0; sh < g->n_shared; sh++)
            shared |= strlen(g->shared[sh].acronym) == len && strncasecmp(g->shared[sh].acronym, q, len) == 0;
        if (idx && !shared)
            return &g->v[idx - 1];
    }
    cote_strbuf_t key = COTE_STRBUF_INIT;
    cote_error_t err;
    cote_status_t st;
    name_key(an, t, q, len, &key, &err, &st);
    unsigned long idx = st ? 0 : cote_strmap_get(&g->names, key.data ? key.data : "", key.len);
    cote_strbuf_free(&key);
    return idx ? &g->v[idx - 1] : NULL;
}
