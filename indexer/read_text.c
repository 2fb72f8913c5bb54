/* read_text.c: bounded whole-file read, encoding checks and conversion.
 *
 * The order of the checks matters: a byte order mark decides the encoding
 * before anything else (UTF-16 text is full of NUL bytes), then NUL bytes
 * mean binary, then valid UTF-8 is taken as is (the usual case, one pass),
 * and only what is left goes to ICU's detector. */
#include "read_text.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "utf8.h"

/* How many bytes around the first bad one the detector reads: enough for its
 * statistics, and a bounded cost whatever the file's size. */
#define DETECT_WINDOW ((size_t)1 << 20)

cote_status_t cote_read_file(const char *path, size_t max_bytes, char **out, size_t *len, cote_error_t *err)
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
    *out = buf;
    *len = size;
    return COTE_OK;
}

/* Converts data[0..n) from charset `from` to UTF-8, stopping at the first
 * byte sequence that is not valid in `from` (no silent substitution). */
static cote_status_t convert(const char *from, const char *data, size_t n, size_t max_bytes, char **out,
                             size_t *len, cote_error_t *err)
{
    *out = NULL;
    *len = 0;
    UErrorCode ue = U_ZERO_ERROR;
    UConverter *src = ucnv_open(from, &ue);
    UConverter *dst = U_SUCCESS(ue) ? ucnv_open("UTF-8", &ue) : NULL;
    if (U_SUCCESS(ue))
        ucnv_setToUCallBack(src, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &ue);
    if (U_FAILURE(ue)) {
        ucnv_close(src);
        ucnv_close(dst);
        return cote_error_set(err, COTE_INTERNAL, "ICU cannot convert from %s: %s", from, u_errorName(ue));
    }
    /* 1.5 times the input holds UTF-16 and most 8-bit text; grown on demand */
    size_t cap = n + n / 2 + 16;
    char *buf = malloc(cap);
    const char *s = data, *se = data + n;
    UChar pivot[4096], *ps = pivot, *pt = pivot;
    size_t used = 0;
    cote_status_t st = buf ? COTE_OK : cote_error_set(err, COTE_NOMEM, "out of memory");
    bool first = true;
    while (!st) {
        char *t = buf + used, *te = buf + cap - 1;
        ue = U_ZERO_ERROR;
        ucnv_convertEx(dst, src, &t, te, &s, se, pivot, &ps, &pt, pivot + sizeof pivot / sizeof *pivot, first, true,
                       &ue);
        first = false;
        used = (size_t)(t - buf);
        if (ue == U_BUFFER_OVERFLOW_ERROR) {
            if (used > max_bytes) {
                st = cote_error_set(err, COTE_TOO_LARGE, "converted to UTF-8, the text is over the %zu-byte limit",
                                    max_bytes);
                break;
            }
            size_t ncap = cap + cap / 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
                break;
            }
            buf = nb;
            cap = ncap;
            continue;
        }
        if (U_FAILURE(ue)) {
            char bad[8];
            int8_t blen = sizeof bad;
            UErrorCode e2 = U_ZERO_ERROR;
            ucnv_getInvalidChars(src, bad, &blen, &e2);
            size_t at = (size_t)(s - data);
            at = U_SUCCESS(e2) && (size_t)blen <= at ? at - (size_t)blen : at;
            st = cote_error_set(err, COTE_BAD_INPUT, "not valid %s: invalid byte 0x%02x at offset %zu", from,
                                (unsigned char)data[at < n ? at : n - 1], at);
        }
        break;
    }
    ucnv_close(src);
    ucnv_close(dst);
    if (!st && used > max_bytes)
        st = cote_error_set(err, COTE_TOO_LARGE, "converted to UTF-8, the text is over the %zu-byte limit", max_bytes);
    if (st) {
        free(buf);
        return st;
    }
    buf[used] = '\0';
    *out = buf;
    *len = used;
    return COTE_OK;
}

/* What ICU's detector makes of the bytes around `at`: a charset name (static)
 * and a confidence, or NULL. */
static const char *detect(const char *data, size_t n, size_t at, int32_t *confidence)
{
    size_t from = at > DETECT_WINDOW / 2 ? at - DETECT_WINDOW / 2 : 0;
    size_t len = n - from < DETECT_WINDOW ? n - from : DETECT_WINDOW;
    UErrorCode ue = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&ue);
    const char *name = NULL;
    *confidence = 0;
    if (U_SUCCESS(ue))
        ucsdet_setText(d, data + from, (int32_t)len, &ue);
    const UCharsetMatch *m = U_SUCCESS(ue) ? ucsdet_detect(d, &ue) : NULL;
    if (m && U_SUCCESS(ue)) {
        name = ucsdet_getName(m, &ue); /* static strings in ICU's recognisers */
        *confidence = ucsdet_getConfidence(m, &ue);
    }
    ucsdet_close(d);
    return U_SUCCESS(ue) ? name : NULL;
}

/* Valid multi-byte UTF-8 sequences in data: a file that has some is UTF-8
 * with stray bytes, not text in a single-byte charset. */
static size_t utf8_sequences(const char *data, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)data[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = cote_utf8_decode(data + i, n - i, &cp);
        if (k > 1)
            count++;
        i += k ? k : 1;
    }
    return count;
}

/* The checks every text passes: no line longer than COTE_READ_TEXT_MAX_LINE;
 * and after a conversion (how is not ""), no C0 control but tab, line feed,
 * vertical tab, form feed and carriage return: a binary file that happened
 * to pass the detector. */
static cote_status_t check_text(const char *s, size_t n, const char *how, cote_error_t *err)
{
    for (size_t line = 0; line < n;) {
        const char *nl = memchr(s + line, '\n', n - line);
        size_t end = nl ? (size_t)(nl - s) : n;
        if (end - line > COTE_READ_TEXT_MAX_LINE)
            return cote_error_set(err, COTE_TOO_LARGE,
                                  "a line of %zu bytes at offset %zu: over the %zu-byte line limit (a dump, not a "
                                  "document?)",
                                  end - line, line, COTE_READ_TEXT_MAX_LINE);
        line = end + 1;
    }
    for (size_t i = 0; how[0] && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && !(c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'))
            return cote_error_set(err, COTE_BAD_INPUT, "%scontrol character 0x%02x at offset %zu: binary file?", how, c,
                                  i);
    }
    return COTE_OK;
}

cote_status_t cote_read_text_data(const char *data, size_t n, size_t max_bytes, char **out, size_t *len,
                                  cote_error_t *err)
{
    *out = NULL;
    *len = 0;
    if (n > max_bytes)
        return cote_error_set(err, COTE_TOO_LARGE, "file of %zu bytes is over the %zu-byte limit", n, max_bytes);
    const unsigned char *u = (const unsigned char *)data;
    const char *from = NULL;
    const char *how = "";
    size_t skip = 0;
    if (n >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                   (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)))
        from = "UTF-32", how = "UTF-32 text: ";
    else if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        from = "UTF-16", how = "UTF-16 text: ";
    else if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    if (!from) {
        if (n == skip)
            return cote_error_set(err, COTE_BAD_INPUT, "empty file");
        const char *nul = memchr(data, '\0', n);
        if (nul)
            return cote_error_set(err, COTE_BAD_INPUT, "NUL byte at offset %zu: binary file?", (size_t)(nul - data));
        size_t bad = 0;
        if (!cote_utf8_valid(data + skip, n - skip, &bad)) {
            bad += skip;
            int32_t conf = 0;
            const char *guess = detect(data, n, bad, &conf);
            bool latin = guess && (strcmp(guess, "ISO-8859-1") == 0 || strcmp(guess, "windows-1252") == 0);
            if (skip || utf8_sequences(data, n))
                return cote_error_set(err, COTE_BAD_INPUT,
                                      "not UTF-8: invalid byte 0x%02x at offset %zu in text that is UTF-8 elsewhere "
                                      "(mixed encodings?)",
                                      u[bad], bad);
            if (!latin || conf < COTE_READ_TEXT_MIN_CONFIDENCE) {
                if (guess)
                    return cote_error_set(err, COTE_BAD_INPUT,
                                          "not UTF-8: invalid byte 0x%02x at offset %zu (%s? confidence %d/100, too "
                                          "unsure to convert: convert the file to UTF-8)",
                                          u[bad], bad, guess, (int)conf);
                return cote_error_set(err, COTE_BAD_INPUT, "not UTF-8: invalid byte 0x%02x at offset %zu", u[bad],
                                      bad);
            }
            /* windows-1252 is ISO-8859-1 plus printable characters (’, €, œ) in
             * 0x80-0x9F, where ISO-8859-1 has C1 controls nobody writes */
            from = "windows-1252", how = "windows-1252 text: ";
        }
    }
    char *buf = NULL;
    size_t blen = 0;
    cote_status_t st;
    if (from) {
        st = convert(from, data, n, max_bytes, &buf, &blen, err);
        if (!st && blen == 0)
            st = cote_error_set(err, COTE_BAD_INPUT, "empty file");
        if (!st && memchr(buf, '\0', blen))
            st = cote_error_set(err, COTE_BAD_INPUT, "%sNUL character at offset %zu: binary file?", how,
                                (size_t)((char *)memchr(buf, '\0', blen) - buf));
        if (!st && blen >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) { /* a BOM converted, not consumed */
            memmove(buf, buf + 3, blen - 2);
            blen -= 3;
        }
    } else {
        blen = n - skip;
        st = (buf = malloc(blen + 1)) ? COTE_OK : cote_error_set(err, COTE_NOMEM, "out of memory for %zu bytes", blen);
        if (!st) {
            memcpy(buf, data + skip, blen);
            buf[blen] = '\0';
        }
    }
    if (!st)
        st = check_text(buf, blen, how, err);
    if (st) {
        free(buf);
        return st;
    }
    *out = buf;
    *len = blen;
    return COTE_OK;
}

cote_status_t cote_read_text(const char *path, size_t max_bytes, char **out, size_t *len, cote_error_t *err)
{
    char *raw = NULL;
    size_t n = 0;
    *out = NULL;
    *len = 0;
    cote_status_t st = cote_read_file(path, max_bytes, &raw, &n, err);
    if (st)
        return st;
    /* valid UTF-8 with no BOM, no NUL: the buffer read is the answer, no copy */
    size_t bad = 0;
    bool plain = n > 0 && (unsigned char)raw[0] != 0xEF && (unsigned char)raw[0] != 0xFF &&
                 (unsigned char)raw[0] != 0xFE && raw[0] != 0 && !memchr(raw, '\0', n) && cote_utf8_valid(raw, n, &bad);
    if (plain) {
        st = check_text(raw, n, "", err);
        if (st) {
            free(raw);
            return st;
        }
        *out = raw;
        *len = n;
        return COTE_OK;
    }
    st = cote_read_text_data(raw, n, max_bytes, out, len, err);
    free(raw);
    return st;
}
