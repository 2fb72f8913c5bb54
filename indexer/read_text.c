/* read_text.c: bounded whole-file read with encoding checks. */
#include "read_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "utf8.h"

cote_status_t cote_read_text(const char *path, size_t max_bytes, char **out, size_t *len,
                             cote_error_t *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return cote_error_set(err, errno == ENOENT ? COTE_NOT_FOUND : COTE_IO, "cannot open: %s",
                              strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        return cote_error_set(err, COTE_IO, "not a regular file");
    }
    if ((unsigned long long)sb.st_size > max_bytes) {
        fclose(f);
        return cote_error_set(err, COTE_TOO_LARGE, "file of %lld bytes is over the %zu-byte limit",
                              (long long)sb.st_size, max_bytes);
    }
    size_t size = (size_t)sb.st_size;
    char *buf = malloc(size + 1);
    if (!buf) {
        fclose(f);
        return cote_error_set(err, COTE_NOMEM, "out of memory for %zu bytes", size);
    }
    size_t got = fread(buf, 1, size, f);
    int rerr = ferror(f);
    fclose(f);
    if (rerr || got != size) {
        free(buf);
        return cote_error_set(err, COTE_IO, "read error (file changed while read?)");
    }
    buf[size] = '\0';
    cote_status_t st = COTE_OK;
    size_t bad = 0;
    const char *nul = memchr(buf, '\0', size);
    size_t start = (size >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0; /* BOM */
    if (size == start)
        st = cote_error_set(err, COTE_BAD_INPUT, "empty file");
    else if (nul)
        st = cote_error_set(err, COTE_BAD_INPUT, "NUL byte at offset %zu: binary file?",
                            (size_t)(nul - buf));
    else if (!cote_utf8_valid(buf, size, &bad))
        st = cote_error_set(err, COTE_BAD_INPUT, "not UTF-8: invalid byte 0x%02x at offset %zu",
                            (unsigned char)buf[bad], bad);
    if (st != COTE_OK) {
        free(buf);
        return st;
    }
    if (start)
        memmove(buf, buf + start, size - start + 1);
    *out = buf;
    *len = size - start;
    return COTE_OK;
}
