/* stopwords.c: the French stop words the query builder leaves out of
 * free-word queries (analysis.h, cote_stopword).
 *
 * Why so few: BM25 already gives frequent words little weight, so the list
 * only needs the function words that are in nearly every document and would
 * otherwise make "Organisation internationale pour les migrations" match
 * every text through "pour" and "les". They are never removed at index time
 * (every word keeps its term and its position, so phrases such as "Document
 * final de Buenos Aires" still match exactly), never from a "phrase" or a
 * compound, and a query made of nothing but stop words searches them.
 *
 * The words are accent-free (the check is on a token's BARE term), so `à`
 * is "a" and `été` is "ete"; elided forms appear as the analysis leaves them
 * after removing the apostrophe ("l", "d", "qu"... only when typed alone).
 *
 *   articles      le la les l un une des du de d au aux
 *   prepositions  a (à) en dans par pour sur sous avec sans entre vers chez
 *   conjunctions  et ou (où) mais donc ni car que qu
 *   pronouns      il elle ils elles on se sa son ses leur leurs ce cet cette
 *                 ces ci qui dont lui y
 *   negation      ne n pas
 *   être, avoir   est sont ete etre a ont
 *   adverbs       plus tres aussi
 *
 * Left out on purpose: "or" (also the metal), "etat" (a state), "pays",
 * "nations" and every other content word, however frequent.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

/* Sorted in byte order (bsearch). */
static const char *const stop[] = {
    "a",     "au",    "aussi", "aux",  "avec", "ce",   "ces",   "cet",  "cette", "chez", "ci",
    "d",     "dans",  "de",    "des",  "donc", "dont", "du",    "elle", "elles", "en",   "entre",
    "est",   "et",    "ete",   "etre", "il",   "ils",  "l",     "la",   "le",    "les",  "leur",
    "leurs", "lui",   "mais",  "n",    "ne",   "ni",   "on",    "ont",  "ou",    "par",  "pas",
    "plus",  "pour",  "qu",    "que",  "qui",  "sa",   "sans",  "se",   "ses",   "son",  "sont",
    "sous",  "sur",   "tres",  "un",   "une",  "vers", "y",
};

typedef struct {
    const char *s;
    size_t n;
} stop_key_t;

static int compare(const void *k, const void *e)
{
    const stop_key_t *key = k;
    const char *w = *(const char *const *)e;
    size_t wn = strlen(w);
    int c = memcmp(key->s, w, key->n < wn ? key->n : wn);
    if (c)
        return c;
    return key->n < wn ? -1 : key->n > wn;
}

int cote_stopword(const char *bare, size_t len)
{
    if (!bare || len == 0 || len > 5)
        return 0;
    stop_key_t k = {bare, len};
    return bsearch(&k, stop, sizeof stop / sizeof *stop, sizeof *stop, compare) != NULL;
}
