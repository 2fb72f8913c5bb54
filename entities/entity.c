/* entity.c: the entity list. */
#include "entity.h"

#include <stdlib.h>

cote_status_t cote_entity_push(cote_entity_list_t *l, const cote_entity_t *e)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        cote_entity_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return COTE_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *e;
    return COTE_OK;
}

void cote_entity_list_reset(cote_entity_list_t *l)
{
    l->n = 0;
}

void cote_entity_list_free(cote_entity_list_t *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

const char *cote_entity_kind_name(cote_entity_kind_t k)
{
    switch (k) {
    case COTE_ENT_SYMBOL: return "symbol";
    case COTE_ENT_DATE: return "date";
    case COTE_ENT_ORG: return "org";
    }
    return "symbol";
}
