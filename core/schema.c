/* schema.c: the field table and the stable id scheme. */
#include "schema.h"

#include <stdio.h>
#include <string.h>

const cote_field_t cote_schema_fields[] = {
    {"id", COTE_PREFIX_ID, COTE_FIELD_BOOLEAN, -1, "unique id of an indexed record"},
    {"doc", COTE_PREFIX_DOC, COTE_FIELD_BOOLEAN, COTE_SLOT_DOC, "stable id of the source document"},
    {"symbol", COTE_PREFIX_SYMBOL, COTE_FIELD_BOOLEAN, -1, "a UN symbol named or cited (A/RES/74/239)"},
    {"own", COTE_PREFIX_OWN, COTE_FIELD_BOOLEAN, -1, "one of the document's own symbols"},
    {"org", COTE_PREFIX_ORG, COTE_FIELD_BOOLEAN, -1, "an organisation mentioned in the passage (gazetteer id)"},
    {NULL, COTE_PREFIX_DOC_ORG, COTE_FIELD_BOOLEAN, -1, "an organisation the document mentions (filter org:)"},
    {NULL, COTE_PREFIX_DOC_SYMBOL, COTE_FIELD_BOOLEAN, -1, "a symbol the document names or cites (filter symbol:)"},
    {NULL, COTE_PREFIX_KIND, COTE_FIELD_BOOLEAN, -1, "what a record is: doc or passage"},
    {"job", COTE_PREFIX_JOB, COTE_FIELD_BOOLEAN, -1, "the document's job number (20-12800)"},
    {"type", COTE_PREFIX_TYPE, COTE_FIELD_BOOLEAN, COTE_SLOT_TYPE, "document type"},
    {"organ", COTE_PREFIX_ORGAN, COTE_FIELD_BOOLEAN, COTE_SLOT_ORGAN, "the organ the document belongs to"},
    {"date", COTE_PREFIX_DAY, COTE_FIELD_BOOLEAN, COTE_SLOT_DATE, "dates mentioned (XY/XYP/XM/XMP/XD terms)"},
    {"year", COTE_PREFIX_YEAR, COTE_FIELD_BOOLEAN, COTE_SLOT_YEAR, "year of the document's date"},
    {NULL, NULL, COTE_FIELD_FREE, -1, NULL},
};

const cote_field_t *cote_schema_field(const char *name)
{
    for (const cote_field_t *f = cote_schema_fields; f->prefix; f++)
        if (f->name && strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

unsigned cote_section_words_parse(const char *v, size_t n)
{
    unsigned long words = 0;
    if (n == 0 || v[0] == '0')
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return 0;
        words = words * 10 + (unsigned long)(v[i] - '0');
        if (words > COTE_SECTION_WORDS_MAX)
            return 0;
    }
    return (unsigned)words;
}

uint64_t cote_hash64(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void cote_doc_id(const char *canonical_path, char out[COTE_DOC_ID_LEN + 1])
{
    uint64_t h = cote_hash64(canonical_path, strlen(canonical_path));
    snprintf(out, COTE_DOC_ID_LEN + 1, "%016llx", (unsigned long long)h);
}
