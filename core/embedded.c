/* embedded.c: look-up in a table of embedded files. */
#include "embedded.h"

#include <string.h>

const cote_asset_t *cote_embedded_find(const cote_asset_t *table, const char *name)
{
    for (const cote_asset_t *a = table; a->name; a++)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}
