/* lexicon.c: hunspell behind a bounded cache.
 *
 * The cache is an open-addressing table of (hash, verdict) with the word's
 * bytes kept in a side arena; when it fills, it is simply emptied (the
 * vocabulary of a corpus is Zipfian: the frequent words come straight back).
 */
#include "lexicon.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

#include "data_files.h"
#include "schema.h"
#include "strbuf.h"
#include "strmap.h"

#define CACHE_SLOTS (1u << 17) /* 131072 slots; emptied at 3/4 full */
#define WORD_MAX 100

typedef struct {
    uint64_t hash;  /* 0: empty slot */
    uint32_t off;   /* word bytes in the arena */
    uint16_t len;
    uint8_t verdict;
    uint32_t usage; /* count in the UN French word list, capped */
} slot_t;

struct cote_lexicon {
    Hunhandle *hs;
    slot_t *slots;
    size_t used;
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
    if (!lex || !(lex->slots = calloc(CACHE_SLOTS, sizeof *lex->slots))) {
        free(lex);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    lex->hs = Hunspell_create(aff, dic);
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
    if (lex->hs)
        Hunspell_destroy(lex->hs);
    free(lex->slots);
    cote_strbuf_free(&lex->arena);
    cote_strmap_free(&lex->usage);
    free(lex);
}

static void cache_clear(cote_lexicon_t *lex)
{
    memset(lex->slots, 0, CACHE_SLOTS * sizeof *lex->slots);
    lex->used = 0;
    cote_strbuf_reset(&lex->arena);
}

bool cote_lexicon_lookup(cote_lexicon_t *lex, const char *w, size_t n, unsigned long *usage)
{
    if (usage)
        *usage = 0;
    if (n == 0 || n > WORD_MAX)
        return false;
    uint64_t h = cote_hash64(w, n) | 1; /* never 0: 0 marks an empty slot */
    size_t i = (size_t)(h & (CACHE_SLOTS - 1));
    for (;;) {
        slot_t *s = &lex->slots[i];
        if (s->hash == 0)
            break;
        if (s->hash == h && s->len == n && memcmp(lex->arena.data + s->off, w, n) == 0) {
            if (usage)
                *usage = s->usage;
            return s->verdict;
        }
        i = (i + 1) & (CACHE_SLOTS - 1);
    }
    char buf[WORD_MAX + 1];
    memcpy(buf, w, n);
    buf[n] = '\0';
    bool verdict = Hunspell_spell(lex->hs, buf) != 0;
    unsigned long u = cote_lexicon_usage(lex, w, n);
    if (usage)
        *usage = u;
    if (lex->used >= CACHE_SLOTS / 4 * 3) {
        cache_clear(lex);
        i = (size_t)(h & (CACHE_SLOTS - 1));
    }
    if (lex->arena.len + n > UINT32_MAX || cote_strbuf_append(&lex->arena, w, n) != COTE_OK)
        return verdict; /* no room to remember: still a correct answer */
    slot_t *s = &lex->slots[i];
    s->hash = h;
    s->off = (uint32_t)(lex->arena.len - n);
    s->len = (uint16_t)n;
    s->verdict = verdict;
    s->usage = u > UINT32_MAX ? UINT32_MAX : (uint32_t)u;
    lex->used++;
    return verdict;
}

bool cote_lexicon_is_word(cote_lexicon_t *lex, const char *w, size_t n)
{
    return cote_lexicon_lookup(lex, w, n, NULL);
}
