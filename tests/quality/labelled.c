/* labelled.c: the walk over the labelled seeds (labelled.h). */
#include "labelled.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_text.h"

int labelled_each(const char *tool, const char *entities_dir, const char *corpus_dir, labelled_fn fn, void *ctx,
                  size_t *docs)
{
    if (docs)
        *docs = 0;
    DIR *d = opendir(entities_dir);
    if (!d) {
        printf("skipped: no labels at %s\n", entities_dir);
        return 77;
    }
    cote_error_t err;
    cote_lexicon_t *lex = NULL;
    if (cote_lexicon_open(NULL, &lex, &err)) {
        fprintf(stderr, "%s: %s\n", tool, err.msg);
        closedir(d);
        return 2;
    }
    cote_clean_doc_t doc = COTE_CLEAN_DOC_INIT;
    int rc = 0;
    for (struct dirent *e; !rc && (e = readdir(d));) {
        size_t nl = strlen(e->d_name);
        if (nl < 6 || strcmp(e->d_name + nl - 5, ".json") != 0)
            continue;
        char path[4096], name[256];
        snprintf(name, sizeof name, "%.*s", (int)(nl - 5), e->d_name);
        snprintf(path, sizeof path, "%s/%s", entities_dir, e->d_name);
        json_error_t jerr;
        json_t *labels = json_load_file(path, 0, &jerr);
        if (!labels) {
            fprintf(stderr, "%s: %s: %s\n", tool, path, jerr.text);
            rc = 2;
            break;
        }
        snprintf(path, sizeof path, "%s/%s.txt", corpus_dir, name);
        char *text = NULL;
        size_t len = 0;
        if (cote_read_text(path, (size_t)1 << 28, &text, &len, &err) || cote_clean(lex, text, len, &doc, &err)) {
            fprintf(stderr, "%s: %s: cannot evaluate (%s)\n", tool, path, err.msg);
            rc = 2;
        } else {
            rc = fn(name, labels, &doc, lex, ctx);
            if (docs)
                (*docs)++;
        }
        free(text);
        json_decref(labels);
    }
    closedir(d);
    cote_clean_doc_free(&doc);
    cote_lexicon_free(lex);
    return rc;
}
