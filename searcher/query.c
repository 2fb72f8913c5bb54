/* query.c: the query language of query.h.
 *
 * Three passes, none of which can fail on what a person types:
 *
 * 1. Parse. A tokenizer (lex) cuts the text into words, "phrases" (a missing
 *    closing quote closes at the end), prefixes*, parentheses and operators
 *    (AND ET && / OR OU | || / NOT SAUF, in capitals only), each word or group
 *    with an optional +/- mark. A recursive-descent parser reads
 *        or   := and (OR and)*
 *        and  := run ((AND | NOT | AND NOT) run)*
 *        run  := item+            item := [+|-] (word | '(' or ')')
 *    into a tree of nodes held in one array (children linked by index, so
 *    freeing is one call). What does not fit the grammar is repaired and
 *    noted in `repairs`: an operator without an operand is dropped, a
 *    missing ')' is added at the end, a stray ')' ignored, an empty group
 *    dropped, and '(' deeper than COTE_QUERY_MAX_DEPTH read as nothing (with
 *    its ')'), which bounds the recursion. A group of plain words inside a
 *    run, `résolution 1809 (2008)`, is spliced into the run: parentheses
 *    around words side by side change nothing.
 *
 * 2. Build. Each word is analysed like a document (analysis.h), then, in
 *    Xapian's terms:
 *      free word       Zstem AND_MAYBE bare        (word_query)
 *      code (PM2,5)    (Zstem OR Zjoinedstem) AND_MAYBE bare
 *      "one word"      bare                        (quotes: no stemming)
 *      several tokens  (bare1 PHRASE bare2 ...)    (phrase_query; window = n)
 *      compound        ((part1 PHRASE part2 ...) OR joined)  for Sud-Sud, COVID-19
 *      prefix*         WILDCARD SYNONYM bareprefix (the most frequent
 *                      COTE_QUERY_PREFIX_MAX words: a broad prefix is cut,
 *                      never an error)
 *      run             (required AND_MAYBE (optional OR clause)) AND_NOT excluded
 *      a AND b NOT c   (a AND b) AND_NOT c
 *      NOT c           <every passage> AND_NOT c
 *      a OR b          a OR b
 *    where bare is a token's accent-free unstemmed term, so "securite" and
 *    "sécurité" find the same documents, Zstem its stem term (searched as
 *    the SYNONYM of the index's words of that stem when the caller's stem
 *    hook says so: stem_forms.h, since the index holds none), and clause what
 *    the caller's callback adds for the clause (entity_query.c: the UN
 *    entities it names). An excluded word excludes its stem. French stop
 *    words typed as free words (unquoted, unmarked, in no marked group) are
 *    left out unless nothing else is searched. A prefix* of fewer than
 *    COTE_QUERY_PREFIX_MIN characters, or of several tokens, is such a word.
 *    Words, groups or operands that come out empty are left out of their
 *    parent, so `le ET paix` is `paix`.
 *
 * 3. Render. The nodes that search something, as canonical text (the
 *    reading): French operators, a run's marks, the words as typed (invalid
 *    UTF-8 as U+FFFD), parentheses around composite operands (not around
 *    what came down to words side by side in a run, which parse_run would
 *    splice anyway). It reads back without repair to the same query, up to
 *    the nesting of ORs (test_query.c checks it, on random text too).
 *
 * The positive terms are remembered for highlighting: a free word's Z term,
 * a phrase's bare terms, a compound's joined term (snippet.c matches a token
 * when any of its terms is among them). Words under NOT or '-' are not.
 */
#include "query.h"

#include "schema.h"
#include "utf8.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { MARK_NONE, MARK_REQUIRED, MARK_EXCLUDED } mark_t;

/* ---- query lists ---------------------------------------------------------- */

typedef struct {
    cote_xquery_t **v;
    size_t n, cap;
} qlist_t;

static cote_status_t qlist_push(qlist_t *l, cote_xquery_t *q)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        cote_xquery_t **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return COTE_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = q;
    return COTE_OK;
}

static void qlist_free(qlist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        cote_xquery_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Combines the list into one query (the list is emptied), or NULL if empty. */
static cote_status_t qlist_fold(qlist_t *l, cote_xquery_op_t op, unsigned window, cote_xquery_t **out,
                                cote_error_t *err)
{
    *out = NULL;
    if (l->n == 0)
        return COTE_OK;
    if (l->n == 1) {
        *out = l->v[0];
        l->n = 0;
        return COTE_OK;
    }
    cote_status_t st = cote_xquery_combine(op, l->v, l->n, window, out, err);
    qlist_free(l);
    return st;
}

/* Pushes q (NULL: nothing) onto l; q is l's or freed. */
static cote_status_t push_or_free(qlist_t *l, cote_xquery_t *q, cote_error_t *err)
{
    if (!q)
        return COTE_OK;
    if (qlist_push(l, q)) {
        cote_xquery_free(q);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return COTE_OK;
}

int cote_parsed_query_has_term(const cote_parsed_query_t *q, const char *term)
{
    const char *p = q->terms.data;
    for (size_t i = 0; i < q->n_terms; i++) {
        if (strcmp(p, term) == 0)
            return 1;
        p += strlen(p) + 1;
    }
    return 0;
}

static cote_status_t remember_term(cote_parsed_query_t *pq, const char *term)
{
    if (cote_parsed_query_has_term(pq, term))
        return COTE_OK;
    if (cote_strbuf_puts(&pq->terms, term) || cote_strbuf_putc(&pq->terms, '\0'))
        return COTE_NOMEM;
    pq->n_terms++;
    return COTE_OK;
}

static cote_status_t term_query(const char *term, unsigned pos, cote_xquery_t **out, cote_error_t *err)
{
    return cote_xquery_term(term, 1, pos, out, err);
}

/* Combines two queries into *out; a and b are freed either way. Either may
 * be NULL, in which case the other is *out. */
static cote_status_t pair_query(cote_xquery_op_t op, cote_xquery_t *a, cote_xquery_t *b, cote_xquery_t **out,
                                cote_error_t *err)
{
    *out = NULL;
    if (!a || !b) {
        *out = a ? a : b;
        return COTE_OK;
    }
    cote_xquery_t *pair[2] = {a, b};
    cote_status_t st = cote_xquery_combine(op, pair, 2, 0, out, err);
    cote_xquery_free(a);
    cote_xquery_free(b);
    return st;
}

/* ---- words and phrases ---------------------------------------------------- */

/* A stem term's query: what the caller's hook makes of it (its words), else
 * the term itself. */
static cote_status_t stem_query(const cote_query_hooks_t *h, const char *stem, unsigned pos, cote_xquery_t **out,
                                cote_error_t *err)
{
    *out = NULL;
    if (h && h->stem) {
        cote_status_t st = h->stem(h->ctx, stem, pos, out, err);
        if (st || *out)
            return st;
    }
    return term_query(stem, pos, out, err);
}

/* A free word: documents with any word of its stem, those with the word
 * itself (accents aside) first:
 *     Zstem AND_MAYBE bare
 * AND_MAYBE rather than OR because every document holding `bare` holds a
 * word of its stem (`bare` itself), so the stem alone decides what matches
 * and the exact form only adds weight: "coopération" finds "coopérer"
 * (both Zcooper) but ranks texts saying "coopération" first. A code with a
 * joined form (PM2,5 -> pm25) matches that form's stem too, so PM2.5, PM2,5
 * and PM25 find each other:
 *     (Zstem OR Zjoinedstem) AND_MAYBE bare
 * An excluded word excludes its stem (and joined stem) only. */
static cote_status_t word_query(const cote_query_hooks_t *h, const cote_token_list_t *toks, const cote_token_t *t,
                                int excluded, cote_parsed_query_t *pq, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    const char *bare = cote_token_bare(toks, t), *stem = cote_token_stem(toks, t);
    const char *jstem = cote_token_find(toks, t, COTE_TERM_JOINED_STEM);
    if (!stem) { /* stemming could not fit the term: the word alone */
        if (!excluded && remember_term(pq, bare))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        return term_query(bare, t->position, out, err);
    }
    cote_xquery_t *zq = NULL, *bq = NULL;
    cote_status_t st = stem_query(h, stem, t->position, &zq, err);
    if (!st && !excluded && remember_term(pq, stem))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st && jstem) {
        cote_xquery_t *jq = NULL;
        st = stem_query(h, jstem, t->position, &jq, err);
        if (!st) {
            cote_xquery_t *stems = zq;
            zq = NULL;
            st = pair_query(COTE_XQ_OR, stems, jq, &zq, err);
        }
        if (!st && !excluded && remember_term(pq, jstem))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    if (!st && excluded) {
        *out = zq;
        return COTE_OK;
    }
    if (!st)
        st = term_query(bare, t->position, &bq, err);
    if (!st)
        return pair_query(COTE_XQ_AND_MAYBE, zq, bq, out, err);
    cote_xquery_free(zq);
    return st;
}

/* Several tokens: a phrase of their unstemmed accent-free terms. When the
 * tokens are exactly one hyphenated compound (Sud-Sud, COVID-19), the
 * compound written as one word matches too:
 *     (part1 PHRASE part2 ...) OR joined */
static cote_status_t phrase_query(const cote_token_list_t *toks, int positive, cote_parsed_query_t *pq,
                                  cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    qlist_t terms = {0};
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < toks->n && !st; i++) {
        const cote_token_t *t = &toks->v[i];
        const char *term = cote_token_bare(toks, t);
        cote_xquery_t *q = NULL;
        st = term_query(term, t->position, &q, err);
        if (!st)
            st = push_or_free(&terms, q, err);
        if (!st && positive && remember_term(pq, term))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    if (!st)
        st = qlist_fold(&terms, COTE_XQ_PHRASE, 0, out, err); /* window: the phrase's length */
    qlist_free(&terms);
    const char *joined = toks->n > 1 && toks->v[0].run == toks->n ? cote_token_joined(toks, &toks->v[0]) : NULL;
    if (!st && joined) {
        cote_xquery_t *jq = NULL;
        st = term_query(joined, toks->v[0].position, &jq, err);
        if (!st) {
            cote_xquery_t *phrase = *out;
            *out = NULL;
            st = pair_query(COTE_XQ_OR, phrase, jq, out, err);
        }
        if (!st && positive && remember_term(pq, joined))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return st;
}

/* One word's tokens -> its query: a free word (unquoted, one token), the bare
 * term of a quoted single word (quotes turn stemming off), or a phrase. */
static cote_status_t chunk_query(const cote_query_hooks_t *h, const cote_token_list_t *toks, int quoted,
                                 int excluded, cote_parsed_query_t *pq, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    if (toks->n == 0)
        return COTE_OK;
    if (toks->n == 1 && !quoted)
        return word_query(h, toks, &toks->v[0], excluded, pq, out, err);
    return phrase_query(toks, !excluded, pq, out, err);
}

/* Builds a run from its three groups (each list is emptied):
 * required AND_MAYBE optional, AND_NOT excluded; a run of only exclusions
 * excludes from every passage. */
static cote_status_t assemble(qlist_t *req, qlist_t *opt, qlist_t *excl, cote_xquery_t **out,
                              cote_error_t *err)
{
    *out = NULL;
    cote_xquery_t *r = NULL, *o = NULL, *x = NULL, *pos = NULL;
    cote_status_t st = qlist_fold(req, COTE_XQ_AND, 0, &r, err);
    if (!st)
        st = qlist_fold(opt, COTE_XQ_OR, 0, &o, err);
    if (!st)
        st = qlist_fold(excl, COTE_XQ_OR, 0, &x, err);
    if (!st) {
        st = pair_query(COTE_XQ_AND_MAYBE, r, o, &pos, err);
        r = o = NULL; /* pair_query took them */
    }
    if (!st && !pos && x)
        st = cote_query_all_passages(&pos, err);
    if (!st) {
        st = pair_query(COTE_XQ_AND_NOT, pos, x, out, err);
        pos = x = NULL;
    }
    cote_xquery_free(r);
    cote_xquery_free(o);
    cote_xquery_free(x);
    cote_xquery_free(pos);
    return st;
}

/* ---- tokens --------------------------------------------------------------- */

typedef enum { T_END, T_WORD, T_OPEN, T_CLOSE, T_AND, T_OR, T_NOT } tok_kind_t;

typedef struct {
    tok_kind_t kind;
    mark_t mark;
    int quoted, prefix;
    size_t start, end;           /* a word's text: quotes, mark and trailing '*' excluded */
    size_t mark_start;           /* where the token begins, its mark included */
    size_t span_start, span_end; /* the token as typed, quotes included, mark excluded */
} tok_t;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

cote_query_op_t cote_query_operator(const char *s, size_t n)
{
    static const struct {
        const char *word;
        cote_query_op_t op;
    } ops[] = {
        {"AND", COTE_QOP_AND}, {"ET", COTE_QOP_AND},  {"&&", COTE_QOP_AND},  {"OR", COTE_QOP_OR},
        {"OU", COTE_QOP_OR},   {"|", COTE_QOP_OR},    {"||", COTE_QOP_OR},   {"NOT", COTE_QOP_NOT},
        {"SAUF", COTE_QOP_NOT},
    };
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strlen(ops[i].word) == n && memcmp(ops[i].word, s, n) == 0)
            return ops[i].op;
    return COTE_QOP_NONE;
}

static tok_kind_t operator_kind(const char *s, size_t n)
{
    switch (cote_query_operator(s, n)) {
    case COTE_QOP_AND: return T_AND;
    case COTE_QOP_OR: return T_OR;
    case COTE_QOP_NOT: return T_NOT;
    default: return T_WORD;
    }
}

/* ---- the tree ------------------------------------------------------------- */

typedef enum { N_LEAF, N_RUN, N_AND, N_OR } node_kind_t;

typedef struct {
    unsigned char kind;    /* node_kind_t */
    unsigned char mark;    /* in a run: + or -; under AND: MARK_EXCLUDED after NOT */
    unsigned char quoted;  /* leaf: "quoted" */
    unsigned char prefix;  /* leaf: prefix* */
    unsigned char kept;    /* build: it searches something */
    unsigned char guarded; /* leaf: marked, or inside a marked group: never a stop word */
    size_t start, end;     /* leaf: its text */
    size_t span_start, span_end; /* leaf: as typed without its mark; run: every token it read */
    int first, last, next; /* children and next sibling, -1 for none */
} node_t;

typedef struct {
    const char *s;
    size_t len, i;
    unsigned open;     /* '(' read and not yet closed, ignored ones included */
    unsigned closes;   /* ')' split off the end of the last word, still to give */
    size_t close_at;   /* where the next of them is */
    unsigned ignored;  /* '(' beyond the depth limit, still open */
    tok_t tok;         /* the current token */
    node_t *v;
    size_t n, cap;
    unsigned repairs;
    int nomem;
} parser_t;

/* Reads the next token into p->tok. */
static void lex(parser_t *p)
{
    tok_t *t = &p->tok;
    memset(t, 0, sizeof *t);
    if (p->closes) { /* a ')' that ended the last word */
        p->closes--;
        p->open--;
        t->kind = T_CLOSE;
        t->mark_start = t->span_start = p->close_at;
        t->span_end = ++p->close_at;
        return;
    }
    const char *s = p->s;
    size_t len = p->len, i = p->i;
    while (i < len && is_space(s[i]))
        i++;
    t->mark_start = t->span_start = t->span_end = i;
    if (i >= len) {
        p->i = i;
        t->kind = T_END;
        return;
    }
    if ((s[i] == '+' || s[i] == '-') && i + 1 < len && !is_space(s[i + 1]) && s[i + 1] != ')') {
        t->mark = s[i] == '+' ? MARK_REQUIRED : MARK_EXCLUDED;
        t->span_start = ++i;
    }
    if (s[i] == '"') {
        size_t k = i + 1;
        while (k < len && s[k] != '"')
            k++;
        t->kind = T_WORD;
        t->quoted = 1;
        t->start = i + 1;
        t->end = k;
        if (k < len)
            k++;
        else
            p->repairs |= COTE_QUERY_REPAIR_QUOTE;
        size_t j = t->start;
        while (j < t->end && is_space(s[j]))
            j++;
        if (j == t->end)
            p->repairs |= COTE_QUERY_REPAIR_EMPTY; /* "" */
        t->span_end = p->i = k;
        return;
    }
    if (s[i] == '(') {
        p->open++;
        t->kind = T_OPEN;
        t->span_end = p->i = i + 1;
        return;
    }
    if (s[i] == ')') {
        if (p->open)
            p->open--;
        t->kind = T_CLOSE;
        t->span_end = p->i = i + 1;
        return;
    }
    /* A run of other bytes. Parentheses inside it belong to it
     * (S/RES/1809(2008)); the ')' ending it that it did not open close open
     * groups, and those no group is open for are stray. */
    size_t k = i;
    unsigned opened = 0, shut = 0, trailing = 0;
    for (; k < len && !is_space(s[k]) && s[k] != '"'; k++) {
        opened += s[k] == '(';
        shut += s[k] == ')';
    }
    size_t end = k;
    while (end > i && s[end - 1] == ')') {
        end--;
        trailing++;
    }
    unsigned unmatched = shut > opened ? shut - opened : 0;
    if (unmatched > trailing)
        unmatched = trailing;
    unsigned closing = unmatched < p->open ? unmatched : p->open;
    if (unmatched > closing)
        p->repairs |= COTE_QUERY_REPAIR_PAREN;
    end += trailing - unmatched; /* the matched ones stay in the word */
    p->i = k;
    p->closes = closing;
    p->close_at = end;
    t->kind = T_WORD;
    t->start = i;
    t->span_end = end;
    while (end > i && s[end - 1] == '*') {
        end--;
        t->prefix = 1;
    }
    t->end = end;
    if (t->mark == MARK_NONE && !t->prefix) {
        tok_kind_t op = operator_kind(s + i, end - i);
        if (op != T_WORD) {
            t->kind = op;
            return;
        }
        if (end - i == 1 && (s[i] == '+' || s[i] == '-')) { /* a mark marking nothing */
            t->end = t->start;
            p->repairs |= COTE_QUERY_REPAIR_OPERATOR;
        }
    }
    if (t->end == t->start && t->prefix) /* a star alone */
        p->repairs |= COTE_QUERY_REPAIR_OPERATOR;
}

static int new_node(parser_t *p, node_kind_t kind)
{
    if (p->n >= (size_t)INT_MAX) { /* indexes are ints */
        p->nomem = 1;
        return -1;
    }
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        node_t *v = realloc(p->v, cap * sizeof *v);
        if (!v) {
            p->nomem = 1;
            return -1;
        }
        p->v = v;
        p->cap = cap;
    }
    node_t *n = &p->v[p->n];
    memset(n, 0, sizeof *n);
    n->kind = (unsigned char)kind;
    n->first = n->last = n->next = -1;
    return (int)p->n++;
}

static void add_child(parser_t *p, int parent, int child)
{
    node_t *n = &p->v[parent];
    p->v[child].next = -1;
    if (n->last >= 0)
        p->v[n->last].next = child;
    else
        n->first = child;
    n->last = child;
}

/* A node that adds nothing but words side by side: an unmarked word, or a
 * run of unmarked words. */
static int plain(const parser_t *p, int idx)
{
    const node_t *n = &p->v[idx];
    if (n->kind == N_LEAF)
        return n->mark == MARK_NONE;
    if (n->kind != N_RUN)
        return 0;
    for (int c = n->first; c >= 0; c = p->v[c].next)
        if (p->v[c].kind != N_LEAF || p->v[c].mark != MARK_NONE)
            return 0;
    return 1;
}

static int parse_or(parser_t *p, unsigned depth);

/* A run collects its items lazily: the first unmarked item alone is returned
 * as is, a second (or a marked one) makes the run node. */
typedef struct {
    int node, only;
} collect_t;

static void collect(parser_t *p, collect_t *c, node_kind_t kind, int item)
{
    if (item < 0)
        return;
    if (c->node < 0 && c->only < 0 && p->v[item].mark == MARK_NONE) {
        c->only = item;
        return;
    }
    if (c->node < 0) {
        if ((c->node = new_node(p, kind)) < 0)
            return;
        if (c->only >= 0)
            add_child(p, c->node, c->only);
        c->only = -1;
    }
    add_child(p, c->node, item);
}

static int collected(const collect_t *c)
{
    return c->node >= 0 ? c->node : c->only;
}

/* run := item+ ; stops at an operator, the end, or the ')' of its group. */
static int parse_run(parser_t *p, unsigned depth)
{
    collect_t c = {-1, -1};
    size_t span_start = p->tok.mark_start, span_end = span_start;
    while (!p->nomem) {
        tok_t *t = &p->tok;
        if (t->kind == T_WORD) {
            span_end = t->span_end;
            if (t->end > t->start) {
                int leaf = new_node(p, N_LEAF);
                if (leaf < 0)
                    break;
                node_t *n = &p->v[leaf];
                n->mark = (unsigned char)t->mark;
                n->quoted = (unsigned char)t->quoted;
                n->prefix = (unsigned char)t->prefix;
                n->start = t->start;
                n->end = t->end;
                n->span_start = t->span_start;
                n->span_end = t->span_end;
                collect(p, &c, N_RUN, leaf);
            }
            lex(p);
        } else if (t->kind == T_OPEN) {
            mark_t mark = t->mark;
            span_end = t->span_end;
            lex(p);
            if (depth >= COTE_QUERY_MAX_DEPTH) { /* read as if the '(' were not there */
                p->ignored++;
                p->repairs |= COTE_QUERY_REPAIR_DEPTH;
                continue;
            }
            int inner = parse_or(p, depth + 1);
            if (p->tok.kind == T_CLOSE) {
                span_end = p->tok.span_end;
                lex(p);
            } else {
                p->repairs |= COTE_QUERY_REPAIR_PAREN; /* closed at the end */
            }
            if (inner < 0) {
                p->repairs |= COTE_QUERY_REPAIR_EMPTY;
                continue;
            }
            if (mark == MARK_NONE && plain(p, inner)) {
                if (p->v[inner].kind == N_LEAF) {
                    collect(p, &c, N_RUN, inner);
                } else {
                    for (int k = p->v[inner].first, next; k >= 0; k = next) {
                        next = p->v[k].next;
                        collect(p, &c, N_RUN, k);
                    }
                }
                continue;
            }
            p->v[inner].mark = (unsigned char)mark;
            collect(p, &c, N_RUN, inner);
        } else if (t->kind == T_CLOSE) {
            if (p->ignored) {
                p->ignored--;
            } else if (depth > 0) {
                break; /* the end of this group */
            } else {
                p->repairs |= COTE_QUERY_REPAIR_PAREN; /* a ')' no group is open for */
            }
            span_end = t->span_end;
            lex(p);
        } else {
            break;
        }
    }
    if (c.node >= 0) {
        p->v[c.node].span_start = span_start;
        p->v[c.node].span_end = span_end;
    }
    return collected(&c);
}

/* and := run ((AND | NOT | AND NOT) run)* ; a leading NOT excludes from
 * every passage. */
static int parse_and(parser_t *p, unsigned depth)
{
    collect_t c = {-1, -1};
    int left = parse_run(p, depth), any = left >= 0;
    collect(p, &c, N_AND, left);
    while (!p->nomem && (p->tok.kind == T_AND || p->tok.kind == T_NOT)) {
        int and_seen = 0, not_seen = 0, odd = 0;
        while (p->tok.kind == T_AND || p->tok.kind == T_NOT) {
            if (p->tok.kind == T_AND) {
                odd |= and_seen || not_seen; /* AND AND, NOT AND */
                and_seen = 1;
            } else {
                odd |= not_seen; /* NOT NOT */
                not_seen = 1;
            }
            lex(p);
        }
        int right = parse_run(p, depth);
        if (odd || right < 0 || (!any && and_seen))
            p->repairs |= COTE_QUERY_REPAIR_OPERATOR;
        if (right < 0)
            continue;
        any = 1;
        if (not_seen)
            p->v[right].mark = MARK_EXCLUDED;
        collect(p, &c, N_AND, right);
    }
    return collected(&c);
}

/* or := and (OR and)* */
static int parse_or(parser_t *p, unsigned depth)
{
    collect_t c = {-1, -1};
    int left = parse_and(p, depth), any = left >= 0;
    collect(p, &c, N_OR, left);
    while (!p->nomem && p->tok.kind == T_OR) {
        while (p->tok.kind == T_OR) {
            if (!any)
                p->repairs |= COTE_QUERY_REPAIR_OPERATOR; /* OR with nothing before */
            lex(p);
            if (p->tok.kind == T_OR)
                p->repairs |= COTE_QUERY_REPAIR_OPERATOR; /* OR OR */
        }
        int right = parse_and(p, depth);
        if (right < 0) {
            p->repairs |= COTE_QUERY_REPAIR_OPERATOR;
            continue;
        }
        any = 1;
        collect(p, &c, N_OR, right);
    }
    return collected(&c);
}

/* ---- build ---------------------------------------------------------------- */

typedef struct {
    cote_analyser_t *an;
    parser_t *p;
    cote_token_list_t toks;
    cote_parsed_query_t *pq;
    const cote_query_hooks_t *hooks; /* NULL: none */
    int drop_stop;       /* stop words are left out: something else is searched */
    cote_strbuf_t text;  /* a clause's text */
    cote_error_t *err;
} builder_t;

static cote_status_t analyse_leaf(builder_t *b, const node_t *n)
{
    return cote_analyse(b->an, b->p->s + n->start, n->end - n->start, 1, &b->toks, b->err);
}

/* Sets `guarded` on the words that are marked or inside a marked group
 * (+(le la) asks for its words as much as +le does). */
static void guard_words(parser_t *p, int idx, int guarded)
{
    node_t *n = &p->v[idx];
    guarded |= n->mark != MARK_NONE;
    n->guarded = (unsigned char)guarded;
    for (int c = n->first; c >= 0; c = p->v[c].next)
        guard_words(p, c, guarded);
}

/* A word that may be left out as a stop word: positive, unguarded, unquoted,
 * one token whose accent-free form is on the list (analysis/stopwords.c).
 * Call after analyse_leaf. */
static int is_stop_leaf(const builder_t *b, const node_t *n, int negated)
{
    if (negated || n->guarded || n->quoted || n->prefix || b->toks.n != 1)
        return 0;
    const char *bare = cote_token_bare(&b->toks, &b->toks.v[0]);
    return cote_stopword(bare, strlen(bare));
}

/* Sets b->drop_stop when some positive word other than a stop word is
 * searched. */
static cote_status_t scan_stop(builder_t *b, int idx, int negated)
{
    const node_t *n = &b->p->v[idx];
    if (n->kind == N_LEAF) {
        if (negated)
            return COTE_OK;
        cote_status_t st = analyse_leaf(b, n);
        if (!st && b->toks.n > 0 && !is_stop_leaf(b, n, 0))
            b->drop_stop = 1;
        return st;
    }
    for (int c = n->first; c >= 0 && !b->drop_stop; c = b->p->v[c].next) {
        cote_status_t st = scan_stop(b, c, negated || b->p->v[c].mark == MARK_EXCLUDED);
        if (st)
            return st;
    }
    return COTE_OK;
}

static size_t code_points(const char *s)
{
    size_t k = 0;
    for (; *s; s++)
        k += ((unsigned char)*s & 0xC0) != 0x80;
    return k;
}

/* Asks the caller's callback what text[start..end) adds, ORed into *q. */
static cote_status_t add_clause(builder_t *b, const char *text, size_t len, int negated, cote_xquery_t **q)
{
    if (!b->hooks || !b->hooks->clause || len == 0)
        return COTE_OK;
    cote_xquery_t *extra = NULL, *words = *q;
    cote_status_t st = b->hooks->clause(b->hooks->ctx, text, len, negated, &extra, b->err);
    if (st) {
        cote_xquery_free(extra);
        return st;
    }
    *q = NULL;
    return pair_query(COTE_XQ_OR, words, extra, q, b->err);
}

static cote_status_t leaf_query(builder_t *b, node_t *n, int negated, int clause, cote_xquery_t **out)
{
    *out = NULL;
    cote_status_t st = analyse_leaf(b, n);
    if (st || (b->drop_stop && is_stop_leaf(b, n, negated)))
        return st;
    if (n->prefix) /* one token of COTE_QUERY_PREFIX_MIN characters or more (resolve_prefixes) */
        return cote_xquery_wildcard(cote_token_bare(&b->toks, &b->toks.v[0]), COTE_QUERY_PREFIX_MAX,
                                    COTE_XWILDCARD_MOST_FREQUENT, 1, out, b->err);
    st = chunk_query(b->hooks, &b->toks, n->quoted, negated, b->pq, out, b->err);
    if (!st && clause && !n->prefix)
        st = add_clause(b, b->p->s + n->span_start, n->span_end - n->span_start, negated, out);
    return st;
}

/* A prefix* that is not one token of COTE_QUERY_PREFIX_MIN characters
 * (ab*, A/75*) becomes a plain word, stop word rules included. */
static cote_status_t resolve_prefixes(builder_t *b)
{
    for (size_t i = 0; i < b->p->n; i++) {
        node_t *n = &b->p->v[i];
        if (n->kind != N_LEAF || !n->prefix)
            continue;
        cote_status_t st = analyse_leaf(b, n);
        if (st)
            return st;
        if (b->toks.n == 1 && code_points(cote_token_bare(&b->toks, &b->toks.v[0])) >= COTE_QUERY_PREFIX_MIN)
            continue;
        n->prefix = 0;
        if (b->toks.n > 0)
            b->p->repairs |= COTE_QUERY_REPAIR_PREFIX;
        /* what the star hid at the end of the word goes with it: more
         * stars, and ')' the word does not open, which are stray (ab)*) */
        const char *w = b->p->s;
        unsigned opened = 0, shut = 0;
        for (size_t k = n->start; k < n->end; k++) {
            opened += w[k] == '(';
            shut += w[k] == ')';
        }
        while (n->end > n->start && (w[n->end - 1] == '*' || (w[n->end - 1] == ')' && shut > opened))) {
            if (w[--n->end] == ')') {
                shut--;
                b->p->repairs |= COTE_QUERY_REPAIR_PAREN;
            }
        }
    }
    return COTE_OK;
}

static cote_status_t build(builder_t *b, int idx, int negated, int clause, cote_xquery_t **out);

/* The text of a run for its clause: as typed when it is only words (a group
 * of words spliced into it keeps its parentheses: `1325 (2000)`), else its
 * positive words joined by spaces. */
static cote_status_t run_clause_text(builder_t *b, const node_t *run)
{
    const parser_t *p = b->p;
    cote_strbuf_reset(&b->text);
    int whole = 1;
    for (int c = run->first; c >= 0; c = p->v[c].next)
        if (p->v[c].kind != N_LEAF || p->v[c].mark == MARK_EXCLUDED || p->v[c].prefix)
            whole = 0;
    if (whole)
        return cote_strbuf_append(&b->text, p->s + run->span_start, run->span_end - run->span_start);
    for (int c = run->first; c >= 0; c = p->v[c].next) {
        const node_t *n = &p->v[c];
        if (n->kind != N_LEAF || n->mark == MARK_EXCLUDED || n->prefix)
            continue;
        if ((b->text.len && cote_strbuf_putc(&b->text, ' ')) ||
            cote_strbuf_append(&b->text, p->s + n->span_start, n->span_end - n->span_start))
            return COTE_NOMEM;
    }
    return COTE_OK;
}

static cote_status_t run_query(builder_t *b, int idx, int negated, cote_xquery_t **out)
{
    qlist_t req = {0}, opt = {0}, excl = {0};
    cote_status_t st = COTE_OK;
    for (int c = b->p->v[idx].first; c >= 0 && !st; c = b->p->v[c].next) {
        int mark = b->p->v[c].mark, leaf = b->p->v[c].kind == N_LEAF;
        cote_xquery_t *q = NULL;
        /* an excluded word is its own clause; the others are the run's */
        st = build(b, c, negated || mark == MARK_EXCLUDED, !leaf || mark == MARK_EXCLUDED, &q);
        if (!st)
            st = push_or_free(mark == MARK_REQUIRED ? &req : mark == MARK_EXCLUDED ? &excl : &opt, q, b->err);
    }
    if (!st && b->hooks && b->hooks->clause) {
        cote_xquery_t *extra = NULL;
        if (run_clause_text(b, &b->p->v[idx]))
            st = cote_error_set(b->err, COTE_NOMEM, "out of memory");
        if (!st && b->text.len)
            st = b->hooks->clause(b->hooks->ctx, b->text.data, b->text.len, negated, &extra, b->err);
        if (!st)
            st = push_or_free(&opt, extra, b->err);
        else
            cote_xquery_free(extra);
    }
    if (!st)
        st = assemble(&req, &opt, &excl, out, b->err);
    qlist_free(&req);
    qlist_free(&opt);
    qlist_free(&excl);
    return st;
}

/* AND: the operands after NOT (marked excluded) are taken from the AND of
 * the others, or from every passage when there is none. OR: the union. */
static cote_status_t bool_query(builder_t *b, int idx, int negated, cote_xquery_t **out)
{
    const node_t *n = &b->p->v[idx];
    qlist_t pos = {0}, neg = {0};
    cote_status_t st = COTE_OK;
    for (int c = n->first; c >= 0 && !st; c = b->p->v[c].next) {
        int excluded = b->p->v[c].mark == MARK_EXCLUDED;
        cote_xquery_t *q = NULL;
        st = build(b, c, negated || excluded, 1, &q);
        if (!st)
            st = push_or_free(excluded ? &neg : &pos, q, b->err);
    }
    cote_xquery_t *a = NULL, *x = NULL;
    if (!st)
        st = qlist_fold(&pos, n->kind == N_AND ? COTE_XQ_AND : COTE_XQ_OR, 0, &a, b->err);
    if (!st)
        st = qlist_fold(&neg, COTE_XQ_OR, 0, &x, b->err);
    if (!st && !a && x)
        st = cote_query_all_passages(&a, b->err);
    if (!st) {
        st = pair_query(COTE_XQ_AND_NOT, a, x, out, b->err);
        a = x = NULL;
    }
    cote_xquery_free(a);
    cote_xquery_free(x);
    qlist_free(&pos);
    qlist_free(&neg);
    return st;
}

/* The query of node idx into *out (NULL when it searches nothing). negated:
 * it is under NOT or '-'; clause: a word standing for its own clause. */
static cote_status_t build(builder_t *b, int idx, int negated, int clause, cote_xquery_t **out)
{
    *out = NULL;
    cote_status_t st;
    switch ((node_kind_t)b->p->v[idx].kind) {
    case N_LEAF: st = leaf_query(b, &b->p->v[idx], negated, clause, out); break;
    case N_RUN: st = run_query(b, idx, negated, out); break;
    default: st = bool_query(b, idx, negated, out); break;
    }
    if (st) { /* a callback's failure may leave the words built */
        cote_xquery_free(*out);
        *out = NULL;
    }
    b->p->v[idx].kept = *out != NULL;
    return st;
}

/* ---- render --------------------------------------------------------------- */

/* Appends s[0..n) with every invalid UTF-8 sequence as U+FFFD. */
static cote_status_t put_valid(cote_strbuf_t *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = cote_utf8_decode(s + i, n - i, &cp);
        cote_status_t st = k ? cote_strbuf_append(out, s + i, k) : cote_strbuf_puts(out, "\xEF\xBF\xBD");
        if (st)
            return st;
        i += k ? k : 1;
    }
    return COTE_OK;
}

/* Shown in the reading: it searches something, and words of its own do
 * (not only what a clause callback added). Bounded by the tree's depth. */
static int shown(const parser_t *p, int idx)
{
    const node_t *n = &p->v[idx];
    if (!n->kept)
        return 0;
    if (n->kind == N_LEAF)
        return 1;
    for (int c = n->first; c >= 0; c = p->v[c].next)
        if (shown(p, c))
            return 1;
    return 0;
}

static size_t kept_children(const parser_t *p, const node_t *n)
{
    size_t k = 0;
    for (int c = n->first; c >= 0; c = p->v[c].next)
        k += (size_t)shown(p, c);
    return k;
}

static cote_status_t render(const parser_t *p, int idx, cote_strbuf_t *out);

/* What node idx comes down to in the reading: through groups whose only
 * shown part is unmarked, the node shown. */
static int sole(const parser_t *p, int idx)
{
    while (p->v[idx].kind != N_LEAF && kept_children(p, &p->v[idx]) == 1) {
        int c = p->v[idx].first;
        while (!shown(p, c))
            c = p->v[c].next;
        if (p->v[c].mark != MARK_NONE)
            break;
        idx = c;
    }
    return idx;
}

/* True when node idx comes down to unmarked words side by side. */
static int wordy(const parser_t *p, int idx)
{
    const node_t *n = &p->v[sole(p, idx)];
    if (n->kind == N_LEAF)
        return 1;
    if (n->kind != N_RUN)
        return 0;
    for (int c = n->first; c >= 0; c = p->v[c].next)
        if (shown(p, c) && (p->v[c].mark != MARK_NONE || !wordy(p, c)))
            return 0;
    return 1;
}

/* An operand: in parentheses unless it comes down to a word, or (in_run: an
 * unmarked item of a run) to words side by side, which would be read back as
 * part of the run anyway. */
static cote_status_t render_operand(const parser_t *p, int idx, int in_run, cote_strbuf_t *out)
{
    idx = sole(p, idx);
    if (p->v[idx].kind == N_LEAF || (in_run && wordy(p, idx)))
        return render(p, idx, out);
    size_t start = out->len + 1;
    cote_status_t st = cote_strbuf_putc(out, '(');
    if (!st)
        st = render(p, idx, out);
    /* a last word holding a '(' of its own (OU-() would take the ')' */
    int depth = 0;
    for (size_t i = out->len; !st && i > start && out->data[i - 1] != ' ' && out->data[i - 1] != '"'; i--)
        depth += out->data[i - 1] == '(' ? 1 : out->data[i - 1] == ')' ? -1 : 0;
    if (!st && depth > 0)
        st = cote_strbuf_putc(out, ' ');
    return st ? st : cote_strbuf_putc(out, ')');
}

static cote_status_t render(const parser_t *p, int idx, cote_strbuf_t *out)
{
    const node_t *n = &p->v[idx];
    cote_status_t st = COTE_OK;
    if (n->kind == N_LEAF) {
        if (n->quoted)
            st = cote_strbuf_putc(out, '"');
        const char *w = p->s + n->start;
        size_t len = n->end - n->start;
        if (!st && !n->quoted && operator_kind(w, len) != T_WORD) {
            /* ET* read as a word: lower case, so that it is not read back as
             * the operator (analysis folds case anyway) */
            for (size_t i = 0; i < len && !st; i++)
                st = cote_strbuf_putc(out, (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]));
        } else if (!st) {
            st = put_valid(out, w, len);
        }
        if (!st && n->quoted)
            st = cote_strbuf_putc(out, '"');
        if (!st && n->prefix)
            st = cote_strbuf_putc(out, '*');
        return st;
    }
    if (kept_children(p, n) == 1) { /* no operator left to show */
        for (int c = n->first; c >= 0; c = p->v[c].next)
            if (shown(p, c) && p->v[c].mark == MARK_NONE)
                return render(p, c, out);
    }
    int first = 1;
    /* AND: the operands, then what NOT excludes */
    for (int pass = 0; pass < (n->kind == N_AND ? 2 : 1) && !st; pass++) {
        for (int c = n->first; c >= 0 && !st; c = p->v[c].next) {
            const node_t *k = &p->v[c];
            if (!shown(p, c) || (n->kind == N_AND && (k->mark == MARK_EXCLUDED) != pass))
                continue;
            const char *sep = n->kind == N_OR ? " OU " : n->kind == N_AND ? (pass ? " SAUF " : " ET ") : " ";
            if (first && pass)
                sep = "SAUF ";
            else if (first)
                sep = "";
            first = 0;
            st = cote_strbuf_puts(out, sep);
            if (!st && n->kind == N_RUN && k->mark != MARK_NONE)
                st = cote_strbuf_putc(out, k->mark == MARK_REQUIRED ? '+' : '-');
            if (!st)
                st = render_operand(p, c, n->kind == N_RUN && k->mark == MARK_NONE, out);
        }
    }
    return st;
}

/* ---- the whole ------------------------------------------------------------ */

cote_status_t cote_query_build_with(cote_analyser_t *an, const char *text, size_t len,
                                    const cote_query_hooks_t *hooks, cote_parsed_query_t *out, cote_error_t *err)
{
    cote_xquery_free(out->query);
    out->query = NULL;
    out->n_terms = 0;
    out->n_entities = 0;
    out->repairs = 0;
    cote_strbuf_reset(&out->terms);
    cote_strbuf_reset(&out->entities);
    cote_strbuf_reset(&out->reading);
    parser_t p;
    memset(&p, 0, sizeof p);
    p.s = text ? text : "";
    p.len = text ? len : 0;
    lex(&p);
    int root = parse_or(&p, 0);
    if (p.ignored || p.open)
        p.repairs |= COTE_QUERY_REPAIR_PAREN;
    builder_t b = {an, &p, COTE_TOKEN_LIST_INIT, out, hooks, 0, COTE_STRBUF_INIT, err};
    cote_status_t st = p.nomem ? cote_error_set(err, COTE_NOMEM, "out of memory") : COTE_OK;
    if (root >= 0)
        guard_words(&p, root, 0);
    if (!st)
        st = resolve_prefixes(&b);
    if (!st && root >= 0)
        st = scan_stop(&b, root, p.v[root].mark == MARK_EXCLUDED);
    if (!st && root >= 0)
        st = build(&b, root, p.v[root].mark == MARK_EXCLUDED, 1, &out->query);
    if (!st && root >= 0 && shown(&p, root) && render(&p, root, &out->reading))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st && cote_strbuf_append(&out->reading, "", 0)) /* data is never NULL */
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st)
        out->repairs = p.repairs;
    if (st) {
        cote_xquery_free(out->query);
        out->query = NULL;
    }
    cote_token_list_free(&b.toks);
    cote_strbuf_free(&b.text);
    free(p.v);
    return st;
}

cote_status_t cote_query_build_ex(cote_analyser_t *an, const char *text, size_t len,
                                  cote_query_clause_fn clause, void *ctx, cote_parsed_query_t *out,
                                  cote_error_t *err)
{
    cote_query_hooks_t hooks = {clause, NULL, ctx};
    return cote_query_build_with(an, text, len, &hooks, out, err);
}

cote_status_t cote_query_build(cote_analyser_t *an, const char *text, size_t len,
                               cote_parsed_query_t *out, cote_error_t *err)
{
    return cote_query_build_with(an, text, len, NULL, out, err);
}

cote_status_t cote_parsed_query_note(const cote_parsed_query_t *q, cote_strbuf_t *out)
{
    static const struct {
        unsigned bit;
        const char *why;
    } reasons[] = {
        {COTE_QUERY_REPAIR_QUOTE, "guillemet fermé"},
        {COTE_QUERY_REPAIR_PAREN, "parenthèse fermée ou ignorée"},
        {COTE_QUERY_REPAIR_OPERATOR, "opérateur sans opérande ignoré"},
        {COTE_QUERY_REPAIR_EMPTY, "groupe vide ignoré"},
        {COTE_QUERY_REPAIR_DEPTH, "parenthèses trop imbriquées ignorées"},
        {COTE_QUERY_REPAIR_PREFIX, "préfixe trop court lu comme un mot"},
    };
    const char *reading = q->reading.len ? q->reading.data : "(rien)";
    if (cote_strbuf_puts(out, "requête lue comme : ") || cote_strbuf_puts(out, reading))
        return COTE_NOMEM;
    const char *sep = " (";
    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
        if (!(q->repairs & reasons[i].bit))
            continue;
        if (cote_strbuf_puts(out, sep) || cote_strbuf_puts(out, reasons[i].why))
            return COTE_NOMEM;
        sep = " ; ";
    }
    return q->repairs && cote_strbuf_putc(out, ')') ? COTE_NOMEM : COTE_OK;
}

cote_status_t cote_query_all_passages(cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_xquery_t *t = NULL;
    cote_status_t st = cote_xquery_term(COTE_PREFIX_KIND COTE_KIND_PASSAGE, 1, 0, &t, err);
    if (!st)
        st = cote_xquery_scale(t, 0.0, out, err);
    cote_xquery_free(t);
    return st;
}

void cote_parsed_query_free(cote_parsed_query_t *q)
{
    cote_xquery_free(q->query);
    q->query = NULL;
    cote_strbuf_free(&q->terms);
    cote_strbuf_free(&q->entities);
    cote_strbuf_free(&q->reading);
    q->n_terms = 0;
    q->n_entities = 0;
    q->repairs = 0;
}
