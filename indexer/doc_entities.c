/* doc_entities.c: a document's own facts and the entities it mentions.
 *
 * How each fact is told, in order of trust:
 *   own symbols   symbols on the page furniture (running headers)
 *   job number    a furniture piece shaped like one (20-12800, B22-00257)
 *   organ         the series of the own symbol (E/ESCAP -> CESAP, A/ -> the
 *                 General Assembly), else the body speaking in the text
 *                 (a block that reads "L’Assemblée générale,")
 *   type          the own symbol (/RES/ résolution, /L. projet de
 *                 résolution, /PRST/ déclaration, /DEC/ décision), else the
 *                 title or opening (Rapport..., Note..., Lettre datée...), else
 *                 the resolution form of the text (a draft when sponsors are
 *                 named in a footnote "Au nom des ...")
 *   date          the year of the job number (20-12800: 2020)
 */
#include "doc_entities.h"

#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "symbols.h"

static int has_canon(const cote_entity_list_t *l, const char *canon)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].canon, canon) == 0)
            return 1;
    return 0;
}

/* Own symbols and job number from the furniture lines. */
static cote_status_t from_furniture(const cote_clean_doc_t *c, cote_doc_entities_t *out)
{
    cote_entity_list_t found = COTE_ENTITY_LIST_INIT;
    cote_status_t st = COTE_OK;
    const char *p = c->furniture.data;
    for (size_t i = 0; i < c->n_furniture && !st; i++, p += strlen(p) + 1) {
        /* pieces: a job number, or symbols */
        size_t n = strlen(p);
        for (size_t a = 0; a < n;) {
            while (a < n && p[a] == ' ')
                a++;
            size_t b = a;
            while (b < n && p[b] != ' ')
                b++;
            if (b > a && !out->job_number[0] && b - a < sizeof out->job_number && cote_is_job_number(p + a, b - a)) {
                memcpy(out->job_number, p + a, b - a);
                out->job_number[b - a] = '\0';
            }
            a = b;
        }
        cote_entity_list_reset(&found);
        st = cote_find_symbols(p, n, &found);
        for (size_t k = 0; k < found.n && !st; k++)
            if (!has_canon(&out->own, found.v[k].canon))
                st = cote_entity_push(&out->own, &found.v[k]);
    }
    cote_entity_list_free(&found);
    return st;
}

static cote_status_t from_links(const cote_clean_doc_t *c, cote_doc_entities_t *out)
{
    const char *p = c->links.data;
    for (size_t i = 0; i < c->n_links; i++, p += strlen(p) + 1) {
        cote_entity_t e;
        if (cote_symbol_from_link(p, strlen(p), &e) == COTE_OK && cote_entity_push(&out->citations, &e))
            return COTE_NOMEM;
    }
    return COTE_OK;
}

static void set(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

static const char *block_text(const cote_clean_doc_t *c, size_t i, size_t *n)
{
    *n = c->blocks[i].end - c->blocks[i].start;
    return c->text.data + c->blocks[i].start;
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* The organ speaking in a resolution-form text ("L’Assemblée générale,"). */
static const char *speaking_organ(const cote_clean_doc_t *c)
{
    static const struct {
        const char *opening, *id;
    } bodies[] = {
        {"L’Assemblée générale,", "assemblee-generale"},
        {"L'Assemblée générale,", "assemblee-generale"},
        {"Le Conseil de sécurité,", "conseil-securite"},
        {"Le Conseil économique et social,", "ecosoc"},
        {"Le Conseil des droits de l’homme,", "conseil-droits-homme"},
        {NULL, NULL},
    };
    for (size_t i = 0; i < c->n_blocks && i < 6; i++) {
        size_t n;
        const char *t = block_text(c, i, &n);
        for (size_t b = 0; bodies[b].opening; b++)
            if (n == strlen(bodies[b].opening) && starts_with(t, n, bodies[b].opening))
                return bodies[b].id;
    }
    return NULL;
}

static void decide_type(const cote_clean_doc_t *c, cote_doc_entities_t *out)
{
    for (size_t i = 0; i < out->own.n; i++) {
        const char *s = out->own.v[i].canon;
        const char *how = "its symbol";
        if (strstr(s, "/RES/"))
            set(out->type, sizeof out->type, "résolution");
        else if (strstr(s, "/L."))
            set(out->type, sizeof out->type, "projet de résolution");
        else if (strstr(s, "/PRST/"))
            set(out->type, sizeof out->type, "déclaration");
        else if (strstr(s, "/DEC/"))
            set(out->type, sizeof out->type, "décision");
        else
            continue;
        set(out->type_how, sizeof out->type_how, how);
        return;
    }
    for (size_t i = 0; i < c->n_blocks && i < 4; i++) {
        size_t n;
        const char *t = block_text(c, i, &n);
        static const struct {
            const char *opening, *type;
        } openings[] = {
            {"Rapport", "rapport"}, {"Note du", "note"}, {"Note de", "note"}, {"Lettre datée", "lettre"},
            {"Projet de résolution", "projet de résolution"}, {"Résolution adoptée", "résolution"}, {NULL, NULL},
        };
        for (size_t k = 0; openings[k].opening; k++)
            if (starts_with(t, n, openings[k].opening)) {
                set(out->type, sizeof out->type, openings[k].type);
                set(out->type_how, sizeof out->type_how, "its title");
                return;
            }
    }
    if (speaking_organ(c)) {
        /* resolution form; sponsors named in a footnote make it a draft */
        int draft = 0;
        for (size_t i = 0; i < c->n_blocks && !draft; i++) {
            size_t n;
            const char *t = block_text(c, i, &n);
            draft = c->blocks[i].kind == COTE_BLOCK_FOOTNOTE && starts_with(t, n, "Au nom des");
        }
        set(out->type, sizeof out->type, draft ? "projet de résolution" : "résolution");
        set(out->type_how, sizeof out->type_how, draft ? "resolution form, sponsors named" : "resolution form");
        return;
    }
    /* a numbered report with an own symbol of the plain series: a report */
    for (size_t i = 0; i < c->n_blocks; i++)
        if (c->blocks[i].kind == COTE_BLOCK_PARAGRAPH && strcmp(c->blocks[i].label, "1") == 0 && out->own.n) {
            set(out->type, sizeof out->type, "rapport");
            set(out->type_how, sizeof out->type_how, "numbered paragraphs under its symbol");
            return;
        }
}

static void decide_organ(const cote_gazetteer_t *g, const cote_clean_doc_t *c, cote_doc_entities_t *out)
{
    for (size_t i = 0; i < out->own.n; i++) {
        const cote_org_t *o = cote_gazetteer_series(g, out->own.v[i].canon);
        if (o) {
            set(out->organ, sizeof out->organ, o->id);
            snprintf(out->organ_how, sizeof out->organ_how, "symbol %.30s", out->own.v[i].canon);
            return;
        }
    }
    const char *id = speaking_organ(c);
    if (id) {
        set(out->organ, sizeof out->organ, id);
        set(out->organ_how, sizeof out->organ_how, "the body speaking in the text");
    }
}

static void decide_date(cote_doc_entities_t *out)
{
    /* job numbers start with the last two digits of the year they were given */
    const char *j = out->job_number;
    if (j[0] >= 'A' && j[0] <= 'Z')
        j++;
    if (j[0] >= '0' && j[0] <= '9' && j[1] >= '0' && j[1] <= '9' && j[2] == '-') {
        unsigned year = 2000 + (unsigned)(j[0] - '0') * 10 + (unsigned)(j[1] - '0');
        if (year > 2060)
            year -= 100;
        out->date = year * 10000 + 101;
        snprintf(out->date_iso, sizeof out->date_iso, "%u", year);
        snprintf(out->date_how, sizeof out->date_how, "job number %.30s", out->job_number);
    }
}

cote_status_t cote_doc_entities(const cote_gazetteer_t *g, cote_analyser_t *an, cote_token_list_t *scratch,
                                const cote_clean_doc_t *c, cote_doc_entities_t *out, cote_error_t *err)
{
    cote_entity_list_reset(&out->own);
    cote_entity_list_reset(&out->citations);
    cote_entity_list_reset(&out->dates);
    cote_entity_list_reset(&out->orgs);
    out->job_number[0] = out->type[0] = out->type_how[0] = out->organ[0] = out->organ_how[0] = '\0';
    out->date = 0;
    out->date_iso[0] = out->date_how[0] = '\0';
    const char *text = c->text.data ? c->text.data : "";
    cote_status_t st = from_furniture(c, out);
    if (!st)
        st = cote_find_symbols(text, c->text.len, &out->citations);
    if (!st)
        st = from_links(c, out);
    if (!st)
        st = cote_find_dates(text, c->text.len, &out->dates);
    if (st)
        return cote_error_set(err, st, "out of memory while reading entities");
    st = cote_find_orgs(g, an, scratch, text, c->text.len, &out->orgs, err);
    if (st)
        return st;
    decide_type(c, out);
    decide_organ(g, c, out);
    decide_date(out);
    return COTE_OK;
}

void cote_doc_entities_free(cote_doc_entities_t *e)
{
    cote_entity_list_free(&e->own);
    cote_entity_list_free(&e->citations);
    cote_entity_list_free(&e->dates);
    cote_entity_list_free(&e->orgs);
}
