/* test_read_input.c: what the indexer reads (read_input.h, read_text.h,
 * read_pdf.h): UTF-8 as is, other encodings converted or refused with the
 * offset of the first bad byte, binary and empty files refused, PDFs read
 * page by page, damaged, encrypted and text-less PDFs refused.
 *
 * The text cases run on bytes in memory (cote_read_text_data), a few through
 * files under $COTE_TEST_TMP/test_read_input; the PDFs are the fixtures of
 * tests/data/pdf (made by tests/data/pdf/make-pdfs.py, see tests/data/README.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assert.h"
#include "read_input.h"
#include "read_pdf.h"
#include "read_text.h"

#define MAX ((size_t)4 << 20)

static char tmpdir[1024];
static char pdfdir[1024];

/* Reads n bytes as text: the status, and the text (static) on success. */
static cote_status_t text_of(const char *data, size_t n, const char **out, cote_error_t *err)
{
    static char *last = NULL;
    free(last);
    last = NULL;
    size_t len = 0;
    cote_error_clear(err);
    cote_status_t st = cote_read_text_data(data, n, MAX, &last, &len, err);
    if (!st) {
        ASSERT_EQ_INT(strlen(last), len);
    } else {
        ASSERT(last == NULL);
        ASSERT_EQ_INT(len, 0);
    }
    *out = last ? last : "";
    return st;
}

static void test_read__utf8_as_is(void)
{
    const char *t;
    cote_error_t err;
    const char *s = "Résolution 74/239 de l’Assemblée générale\n";
    ASSERT_OK_ERR(text_of(s, strlen(s), &t, &err), err);
    ASSERT_EQ_STR(t, s);
}

static void test_read__utf8_bom_stripped(void)
{
    const char *t;
    cote_error_t err;
    const char *s = "\xEF\xBB\xBF" "Coopération Sud-Sud\n";
    ASSERT_OK_ERR(text_of(s, strlen(s), &t, &err), err);
    ASSERT_EQ_STR(t, "Coopération Sud-Sud\n");
    ASSERT_EQ_STATUS(text_of("\xEF\xBB\xBF", 3, &t, &err), COTE_BAD_INPUT);
    ASSERT(strstr(err.msg, "empty file"));
}

static void test_read__latin1_french_converted(void)
{
    const char *t;
    cote_error_t err;
    /* ISO-8859-1 / windows-1252 French, with ’ (0x92) and œ (0x9C) from windows-1252 */
    const char *s = "Le Secr\xe9taire g\xe9n\xe9ral pr\xe9sente \xe0 l\x92" "Assembl\xe9" "e g\xe9n\xe9rale son "
                    "rapport sur la coop\xe9ration Sud-Sud et les \x9c" "uvres des \xc9tats Membres, "
                    "conform\xe9ment \xe0 la r\xe9solution 74/239 sur le d\xe9veloppement durable.\n";
    ASSERT_OK_ERR(text_of(s, strlen(s), &t, &err), err);
    ASSERT(strstr(t, "Le Secrétaire général présente à l’Assemblée générale"));
    ASSERT(strstr(t, "les œuvres des États Membres"));
}

static void test_read__utf16_bom_converted(void)
{
    const char *t;
    cote_error_t err;
    /* "Paix é\n" in UTF-16LE and UTF-16BE, each with its BOM */
    static const char le[] = "\xFF\xFEP\0a\0i\0x\0 \0\xE9\0\n\0";
    static const char be[] = "\xFE\xFF\0P\0a\0i\0x\0 \0\xE9\0\n";
    ASSERT_OK_ERR(text_of(le, sizeof le - 1, &t, &err), err);
    ASSERT_EQ_STR(t, "Paix é\n");
    ASSERT_OK_ERR(text_of(be, sizeof be - 1, &t, &err), err);
    ASSERT_EQ_STR(t, "Paix é\n");
    /* an unpaired surrogate is not text: refused with its offset */
    static const char bad[] = "\xFF\xFEP\0\x00\xD8x\0";
    ASSERT_EQ_STATUS(text_of(bad, sizeof bad - 1, &t, &err), COTE_BAD_INPUT);
    ASSERT(strstr(err.msg, "UTF-16"));
}

static void test_read__nul_and_empty_refused(void)
{
    const char *t;
    cote_error_t err;
    ASSERT_EQ_STATUS(text_of("abc\0def\n", 8, &t, &err), COTE_BAD_INPUT);
    ASSERT_EQ_STR(err.msg, "NUL byte at offset 3: binary file?");
    ASSERT_EQ_STATUS(text_of("", 0, &t, &err), COTE_BAD_INPUT);
    ASSERT_EQ_STR(err.msg, "empty file");
}

static void test_read__unsure_encoding_refused(void)
{
    const char *t;
    cote_error_t err;
    /* bytes no charset makes sense of: refused, with the offset of the first bad byte */
    static const char junk[] = "ok \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d";
    ASSERT_EQ_STATUS(text_of(junk, sizeof junk - 1, &t, &err), COTE_BAD_INPUT);
    ASSERT(strstr(err.msg, "not UTF-8: invalid byte 0x81 at offset 3"));
    /* UTF-8 with one stray Latin-1 byte: converting would garble the rest */
    const char *mixed = "Coopération Sud-Sud et d\xe9veloppement\n";
    ASSERT_EQ_STATUS(text_of(mixed, strlen(mixed), &t, &err), COTE_BAD_INPUT);
    ASSERT(strstr(err.msg, "invalid byte 0xe9 at offset 25"));
    ASSERT(strstr(err.msg, "mixed encodings"));
}

static void test_read__long_line_refused(void)
{
    const char *t;
    cote_error_t err;
    size_t n = COTE_READ_TEXT_MAX_LINE + 10;
    char *s = malloc(n);
    ASSERT(s);
    for (size_t i = 0; i < n; i++)
        s[i] = "paix "[i % 5];
    ASSERT_EQ_STATUS(text_of(s, n, &t, &err), COTE_TOO_LARGE);
    ASSERT(strstr(err.msg, "line limit"));
    s[n / 2] = '\n'; /* two lines of half a megabyte: text */
    ASSERT_OK_ERR(text_of(s, n, &t, &err), err);
    free(s);
}

/* Writes data to tmpdir/name and returns the path (static). */
static const char *write_file(const char *name, const char *data, size_t n)
{
    static char path[2048];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    ASSERT(f);
    ASSERT_EQ_INT(fwrite(data, 1, n, f), n);
    ASSERT_EQ_INT(fclose(f), 0);
    return path;
}

static void test_read__dispatch_by_suffix(void)
{
    ASSERT_EQ_INT(cote_input_kind("a/b.txt"), COTE_INPUT_TEXT);
    ASSERT_EQ_INT(cote_input_kind("a/B.TXT"), COTE_INPUT_TEXT);
    ASSERT_EQ_INT(cote_input_kind("a/b.Pdf"), COTE_INPUT_PDF);
    ASSERT_EQ_INT(cote_input_kind("a/b.pdf.png"), COTE_INPUT_NONE);
    ASSERT_EQ_INT(cote_input_kind("pdf"), COTE_INPUT_NONE);
    char *text = NULL;
    size_t len = 0;
    cote_error_t err;
    cote_error_clear(&err);
    const char *p = write_file("Note.TXT", "Paix et sécurité\n", strlen("Paix et sécurité\n"));
    ASSERT_OK_ERR(cote_read_input(p, MAX, &text, &len, &err), err);
    ASSERT_EQ_STR(text, "Paix et sécurité\n");
    free(text);
    p = write_file("image.png", "\x89PNG", 4);
    ASSERT_EQ_STATUS(cote_read_input(p, MAX, &text, &len, &err), COTE_UNSUPPORTED);
    ASSERT(text == NULL);
    char missing[2048];
    snprintf(missing, sizeof missing, "%s/missing.txt", tmpdir);
    ASSERT_EQ_STATUS(cote_read_input(missing, MAX, &text, &len, &err), COTE_NOT_FOUND);
    p = write_file("big.txt", "0123456789\n", 11);
    ASSERT_EQ_STATUS(cote_read_input(p, 10, &text, &len, &err), COTE_TOO_LARGE);
}

/* Reads tests/data/pdf/name through the dispatcher. */
static cote_status_t pdf(const char *name, char **text, size_t *len, cote_error_t *err)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", pdfdir, name);
    cote_error_clear(err);
    return cote_read_input(path, MAX, text, len, err);
}

static void test_read__pdf_pages(void)
{
    char *text = NULL;
    size_t len = 0;
    cote_error_t err;
    ASSERT_OK_ERR(pdf("two-pages.pdf", &text, &len, &err), err);
    ASSERT_EQ_INT(strlen(text), len);
    /* accents through WinAnsiEncoding, one form feed after each page, the
     * running header at the top of the second page, a blank line where the
     * page leaves a line empty and none inside a paragraph */
    ASSERT(strncmp(text, "A/75/371\n\nAssemblée générale\n\n", 33) == 0);
    ASSERT(strstr(text, "\nRapport du Secrétaire général sur la coopération Sud-Sud\n\n1. "));
    ASSERT(strstr(text, "au cœur\ndu développement"));
    ASSERT(strstr(text, "Membres.\n\n20-12800 (F)\n\fA/75/371\n\n2. Le Programme"));
    ASSERT(strstr(text, "20-12800 2/2\n\f") == text + len - strlen("20-12800 2/2\n\f"));
    size_t ff = 0;
    for (size_t i = 0; i < len; i++)
        ff += text[i] == '\f';
    ASSERT_EQ_INT(ff, 2);
    free(text);
}

static void test_read__pdf_refusals(void)
{
    char *text = NULL;
    size_t len = 0;
    cote_error_t err;
    ASSERT_EQ_STATUS(pdf("truncated.pdf", &text, &len, &err), COTE_BAD_INPUT);
    ASSERT(text == NULL);
    ASSERT(strstr(err.msg, "damaged"));
    ASSERT_EQ_STATUS(pdf("damaged.pdf", &text, &len, &err), COTE_BAD_INPUT);
    ASSERT(strstr(err.msg, "damaged"));
    ASSERT_EQ_STATUS(pdf("encrypted.pdf", &text, &len, &err), COTE_BAD_INPUT);
    ASSERT_EQ_STR(err.msg, "encrypted PDF: it needs a password to be read");
    ASSERT_EQ_STATUS(pdf("scanned.pdf", &text, &len, &err), COTE_BAD_INPUT);
    ASSERT_EQ_STR(err.msg, "no text in 1 page: a scanned PDF? cote does not OCR");
    /* text with a .pdf name, and an empty one */
    const char *p = write_file("fake.pdf", "Paix\n", 5);
    ASSERT_EQ_STATUS(cote_read_input(p, MAX, &text, &len, &err), COTE_BAD_INPUT);
    ASSERT(strstr(err.msg, "not a PDF"));
    p = write_file("empty.pdf", "", 0);
    ASSERT_EQ_STATUS(cote_read_input(p, MAX, &text, &len, &err), COTE_BAD_INPUT);
    ASSERT_EQ_STR(err.msg, "empty file");
    /* the size bound holds for PDFs too */
    char path[2048];
    snprintf(path, sizeof path, "%s/two-pages.pdf", pdfdir);
    ASSERT_EQ_STATUS(cote_read_pdf(path, 100, &text, &len, &err), COTE_TOO_LARGE);
}

int main(void)
{
    const char *tmp = getenv("COTE_TEST_TMP");
    const char *src = getenv("COTE_SOURCE_DIR");
    snprintf(tmpdir, sizeof tmpdir, "%s", tmp && *tmp ? tmp : "/tmp");
    mkdir(tmpdir, 0777);
    snprintf(tmpdir + strlen(tmpdir), sizeof tmpdir - strlen(tmpdir), "/test_read_input");
    if (mkdir(tmpdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "cannot create %s\n", tmpdir);
        return 1;
    }
    snprintf(pdfdir, sizeof pdfdir, "%s/tests/data/pdf", src && *src ? src : ".");
    RUN(test_read__utf8_as_is);
    RUN(test_read__utf8_bom_stripped);
    RUN(test_read__latin1_french_converted);
    RUN(test_read__utf16_bom_converted);
    RUN(test_read__nul_and_empty_refused);
    RUN(test_read__unsure_encoding_refused);
    RUN(test_read__long_line_refused);
    RUN(test_read__dispatch_by_suffix);
    RUN(test_read__pdf_pages);
    RUN(test_read__pdf_refusals);
    return DONE();
}
