/* read_input.c: picks the reader for a file by its suffix. */
#include "read_input.h"

#include <string.h>

#include "read_pdf.h"
#include "read_text.h"

/* ASCII-only case folding: suffixes are ASCII, and the locale plays no part. */
static bool has_suffix_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n <= k)
        return false; /* the suffix alone is no name */
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

cote_input_kind_t cote_input_kind(const char *path)
{
    if (has_suffix_ci(path, ".txt"))
        return COTE_INPUT_TEXT;
    if (has_suffix_ci(path, ".pdf"))
        return COTE_INPUT_PDF;
    return COTE_INPUT_NONE;
}

const char *cote_input_kinds_text(void)
{
    return "a .txt or .pdf file";
}

cote_status_t cote_read_input(const char *path, size_t max_bytes, char **out, size_t *len, cote_error_t *err)
{
    *out = NULL;
    *len = 0;
    switch (cote_input_kind(path)) {
    case COTE_INPUT_TEXT: return cote_read_text(path, max_bytes, out, len, err);
    case COTE_INPUT_PDF: return cote_read_pdf(path, max_bytes, out, len, err);
    case COTE_INPUT_NONE: break;
    }
    return cote_error_set(err, COTE_UNSUPPORTED, "not %s", cote_input_kinds_text());
}
