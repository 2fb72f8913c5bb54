/* lexicon.c: hunspell behind a bounded cache.
 *
 * The cache is an open-addressing table of (hash, verdict, usage, word); when
 * it fills, it is simply emptied (the vocabulary of a corpus is Zipfian: the
 * frequent words come straight back). The repair asks it about nearly every
 * word of every document, so a look-up is kept to one cache line: 32-byte
 * entries holding words of up to KEY_INLINE bytes themselves (longer ones sit
 * in a side arena), a table that starts small and doubles when 3/4 full (a
 * few thousand words stay in the processor's caches instead of being spread
 * over megabytes), a small direct-mapped front for the most frequent words,
 * and a hash that reads eight bytes at a time.
 */
#include "lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

#include "data_files.h"
#include "fasthash.h"
#include "strbuf.h"
#include "strmap.h"

/* Hunspell 1.7 builds and frees a process-wide UTF-8 table, counted by a
 * plain global, when a Hunspell object is created and destroyed: two
 * threads doing it at once race on the count (seen as a leaked table under
 * LeakSanitizer with `cote index --shards 2`). Creation and destruction are
 * therefore serialised; lookups on separate objects need no lock. */
static pthread_mutex_t hunspell_lifecycle = PTHREAD_MUTEX_INITIALIZER;

#define CACHE_MIN (1u << 12)   /* first size of the table */
#define CACHE_SLOTS (1u << 17) /* at most 131072 slots (4 MB); emptied at 3/4 full */
#define WORD_MAX 100
#define KEY_INLINE 20

typedef struct {
    uint32_t hash;  /* 0: empty slot */
    uint32_t usage; /* count in the UN French word list, capped */
    uint8_t len;
    uint8_t verdict;
    union {
        char key[KEY_INLINE]; /* the word, zero-padded, when len <= KEY_INLINE */
        uint32_t off;         /* else its bytes in the arena */
    } w;
} slot_t;

/* The front: a direct-mapped copy of recently asked words (64 KB), which
 * stays in the processor's nearest caches where the table (up to megabytes)
 * cannot; the frequent words of French are nearly all found there. */
#define FRONT_SLOTS 2048

struct cote_lexicon {
    Hunhandle *hs;
    slot_t *slots;
    size_t cap, used;
    slot_t front[FRONT_SLOTS];
    cote_strbuf_t arena;
    cote_strmap_t usage; /* word -> count in real UN French */
};

/* Lower-cases the letters French uses (ASCII, Latin-1 capitals, Œ) into out,
 * with ’ written ' as in the word list; returns the length written (<= n). */
static size_t fold_lower(const char *w, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++, k++) {
        unsigned char c = (unsigned char)w[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 && (unsigned char)w[i + 2] == 0x99) {
            out[k] = '\'';
            i += 2;
        } else if (c >= 'A' && c <= 'Z') {
            out[k] = (char)(c + 32);
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0x80 &&
                   (unsigned char)w[i + 1] <= 0x9E && (unsigned char)w[i + 1] != 0x97) {
            out[k++] = (char)c;
            out[k] = (char)((unsigned char)w[i + 1] + 0x20);
            i++;
        } else if (c == 0xC5 && i + 1 < n && (unsigned char)w[i + 1] == 0x92) {
            out[k++] = (char)c;
            out[k] = (char)0x93;
            i++;
        } else {
            out[k] = (char)c;
        }
    }
    return k;
}

/* Loads "word<TAB>count" lines (# comments) from the embedded word list. */
static cote_status_t load_usage(cote_lexicon_t *lex, cote_error_t *err)
{
    const cote_asset_t *a = cote_embedded_find(cote_data_files, "fr-un-words.txt");
    if (!a)
        return cote_error_set(err, COTE_INTERNAL, "the UN French word list is missing from the binary");
    const char *p = (const char *)a->data, *end = p + a->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(le - p));
        if (p < le && *p != '#' && tab) {
            unsigned long count = strtoul(tab + 1, NULL, 10);
            if (cote_strmap_add(&lex->usage, p, (size_t)(tab - p), count))
                return cote_error_set(err, COTE_NOMEM, "out of memory");
        }
        p = nl ? nl + 1 : end;
    }
    return COTE_OK;
}

unsigned long cote_lexicon_usage(const cote_lexicon_t *lex, const char *w, size_t n)
{
    char buf[WORD_MAX];
    if (n == 0 || n > WORD_MAX)
        return 0;
    return cote_strmap_get(&lex->usage, buf, fold_lower(w, n, buf));
}

cote_status_t cote_lexicon_open(const char *dic_base, cote_lexicon_t **out, cote_error_t *err)
{
    *out = NULL;
    if (!dic_base) {
        const char *env = getenv("COTE_DICTIONARY");
        dic_base = env && *env ? env : COTE_LEXICON_DEFAULT_DIC;
    }
    char aff[4096], dic[4096];
    snprintf(aff, sizeof aff, "%s.aff", dic_base);
    snprintf(dic, sizeof dic, "%s.dic", dic_base);
    if (access(aff, R_OK) != 0 || access(dic, R_OK) != 0)
        return cote_error_set(err, COTE_NOT_FOUND,
                              "no French dictionary at %s.{aff,dic} (install Debian's hunspell-fr-comprehensive, "
                              "or set COTE_DICTIONARY)", dic_base);
    cote_lexicon_t *lex = calloc(1, sizeof *lex);
    if (!lex || !(lex->slots = calloc(CACHE_MIN, sizeof *lex->slots))) {
        free(lex);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    lex->cap = CACHE_MIN;
    pthread_mutex_lock(&hunspell_lifecycle);
    lex->hs = Hunspell_create(aff, dic);
    pthread_mutex_unlock(&hunspell_lifecycle);
    cote_status_t st = COTE_OK;
    if (!lex->hs)
        st = cote_error_set(err, COTE_IO, "hunspell could not load %s", dic);
    else if (strcmp(Hunspell_get_dic_encoding(lex->hs), "UTF-8") != 0)
        st = cote_error_set(err, COTE_UNSUPPORTED, "%s is not a UTF-8 dictionary", dic);
    if (!st)
        st = load_usage(lex, err);
    if (st) {
        cote_lexicon_free(lex);
        return st;
    }
    *out = lex;
    return COTE_OK;
}

void cote_lexicon_free(cote_lexicon_t *lex)
{
    if (!lex)
        return;
    if (lex->hs) {
        pthread_mutex_lock(&hunspell_lifecycle);
        Hunspell_destroy(lex->hs);
        pthread_mutex_unlock(&hunspell_lifecycle);
    }
    free(lex->slots);
    cote_strbuf_free(&lex->arena);
    cote_strmap_free(&lex->usage);
    free(lex);
}

static void cache_clear(cote_lexicon_t *lex)
{
    memset(lex->slots, 0, lex->cap * sizeof *lex->slots);
    memset(lex->front, 0, sizeof lex->front); /* it may point into the arena */
    lex->used = 0;
    cote_strbuf_reset(&lex->arena);
}

/* Doubles the table (keeping its entries); false without memory. */
static bool cache_grow(cote_lexicon_t *lex)
{
    size_t cap = lex->cap * 2;
    slot_t *v = calloc(cap, sizeof *v);
    if (!v)
        return false;
    for (size_t i = 0; i < lex->cap; i++) {
        const slot_t *e = &lex->slots[i];
        if (!e->hash)
            continue;
        size_t j = e->hash & (cap - 1);
        while (v[j].hash)
            j = (j + 1) & (cap - 1);
        v[j] = *e;
    }
    free(lex->slots);
    lex->slots = v;
    lex->cap = cap;
    return true;
}


bool cote_lexicon_lookup(cote_lexicon_t *lex, const char *w, size_t n, unsigned long *usage)
{
    if (usage)
        *usage = 0;
    if (n == 0 || n > WORD_MAX)
        return false;
    uint32_t h = cote_fast_hash(w, n, 0x9E3779B97F4A7C15ull ^ n);
    slot_t *f = &lex->front[(h >> 16) % FRONT_SLOTS];
    if (f->hash == h && f->len == n &&
        (n <= KEY_INLINE ? cote_bytes_equal(f->w.key, w, n)
                         : memcmp(lex->arena.data + f->w.off, w, n) == 0)) {
        if (usage)
            *usage = f->usage;
        return f->verdict;
    }
    size_t mask = lex->cap - 1, i = h & mask;
    for (;;) {
        const slot_t *s = &lex->slots[i];
        if (s->hash == 0)
            break;
        if (s->hash == h && s->len == n &&
            (n <= KEY_INLINE ? cote_bytes_equal(s->w.key, w, n)
                             : memcmp(lex->arena.data + s->w.off, w, n) == 0)) {
            *f = *s;
            if (usage)
                *usage = s->usage;
            return s->verdict;
        }
        i = (i + 1) & mask;
    }
    char buf[WORD_MAX + 1];
    memcpy(buf, w, n);
    buf[n] = '\0';
    bool verdict = Hunspell_spell(lex->hs, buf) != 0;
    unsigned long u = cote_lexicon_usage(lex, w, n);
    if (usage)
        *usage = u;
    if (lex->used + 1 > lex->cap / 4 * 3 && lex->cap < CACHE_SLOTS && !cache_grow(lex))
        return verdict; /* no room to remember: still a correct answer */
    if (lex->used + 1 > lex->cap / 4 * 3)
        cache_clear(lex);
    slot_t e = {h, u > UINT32_MAX ? UINT32_MAX : (uint32_t)u, (uint8_t)n, verdict, {{0}}};
    if (n <= KEY_INLINE) {
        memcpy(e.w.key, w, n);
    } else {
        if (lex->arena.len + n > UINT32_MAX || cote_strbuf_append(&lex->arena, w, n) != COTE_OK)
            return verdict;
        e.w.off = (uint32_t)(lex->arena.len - n);
    }
    mask = lex->cap - 1;
    i = h & mask;
    while (lex->slots[i].hash)
        i = (i + 1) & mask;
    lex->slots[i] = e;
    lex->front[(h >> 16) % FRONT_SLOTS] = e;
    lex->used++;
    return verdict;
}

bool cote_lexicon_is_word(cote_lexicon_t *lex, const char *w, size_t n)
{
    return cote_lexicon_lookup(lex, w, n, NULL);
}
