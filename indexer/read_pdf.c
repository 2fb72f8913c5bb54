/* read_pdf.c: PDF -> UTF-8 text, page by page, through poppler-glib.
 *
 * Why this text and not `pdftotext -layout`'s: measured on the 122 UN General
 * Assembly PDFs of ../shared/corpus-external (English, typeset like the
 * French ones), text in reading order lets the cleaner find each document's
 * own symbol in 110 of them, the -layout text in 15. -layout keeps the page's
 * columns, so a running footer comes out as one line, `2/12   <spaces>
 * 23-20100`, a line the cleaner cannot read as page furniture, and
 * paragraphs are cut by runs of spaces. poppler_page_get_text() gives the
 * reading-order text (what pdftotext writes without -layout): one line per
 * line of type, the header and footer pieces on lines of their own.
 *
 * It has no blank lines, though, where pdftotext has some between its text
 * blocks, and the cleaner tells paragraphs apart by them: without, a draft
 * resolution's preamble and operative paragraphs (no numbers, no indent)
 * became one block. append_page() puts a blank line where the page leaves
 * vertical space between two lines, from poppler's character boxes: on
 * A/C.3/80/L.2, 93 paragraphs, one per paragraph of the document (pdftotext
 * without -layout: 16 blocks).
 *
 * Pages end with a form feed, as pdftotext's do; the cleaner reads it as white
 * space at the start of the next page's first line.
 */
#include "read_pdf.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "read_text.h"
#include "strbuf.h"
#include "utf8.h"

/* Fewer non-blank bytes than this in the whole text layer: no text layer. */
#define MIN_TEXT_BYTES 16

/* poppler reports syntax problems of damaged files through g_log in its own
 * domain (and GLib warnings for misuse); the caller gets a status and one
 * message instead, so nothing goes to stderr. */
static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain, (void)level, (void)msg, (void)data;
}

static void silence_poppler(void)
{
    static gsize once = 0;
    if (g_once_init_enter(&once)) {
        g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK & ~G_LOG_LEVEL_ERROR) | G_LOG_FLAG_FATAL |
                                         G_LOG_FLAG_RECURSION,
                          quiet, NULL);
        g_once_init_leave(&once, 1);
    }
}

static cote_status_t open_error(GError *ge, cote_error_t *err)
{
    cote_status_t st;
    if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
        st = cote_error_set(err, COTE_BAD_INPUT, "encrypted PDF: it needs a password to be read");
    else
        st = cote_error_set(err, COTE_BAD_INPUT, "damaged or not a PDF (%s)", ge && ge->message ? ge->message : "");
    if (ge)
        g_error_free(ge);
    return st;
}

/* Appends the text t of one page, a line per line of type as poppler gives
 * it, with a blank line where the page leaves vertical space between two
 * lines (more than half a line's height) or jumps back up (a new column).
 * pdftotext writes such blank lines between its text blocks, and the cleaner
 * learns the paragraph gap from them; poppler_page_get_text() has none. The
 * geometry is that of poppler_page_get_text_layout(): one rectangle per
 * character of t. Without it (n_rects too small) the text goes as is. */
static cote_status_t append_page(cote_strbuf_t *out, const char *t, size_t tn, const PopplerRectangle *rects,
                                 guint n_rects)
{
    double prev_top = 0, prev_bottom = 0;
    bool have_prev = false;
    size_t ci = 0; /* character index into rects */
    for (size_t i = 0; i < tn;) {
        const char *nl = memchr(t + i, '\n', tn - i);
        size_t end = nl ? (size_t)(nl - t) : tn;
        double top = 0, bottom = 0;
        bool ink_seen = false;
        for (size_t k = i; k < end;) {
            uint32_t cp;
            size_t step = cote_utf8_decode(t + k, end - k, &cp);
            if (!step)
                step = 1;
            if (ci < n_rects && cp != ' ') {
                const PopplerRectangle *r = &rects[ci];
                double y1 = r->y1 < r->y2 ? r->y1 : r->y2, y2 = r->y1 < r->y2 ? r->y2 : r->y1;
                top = ink_seen && top < y1 ? top : y1;
                bottom = ink_seen && bottom > y2 ? bottom : y2;
                ink_seen = true;
            }
            ci++;
            k += step;
        }
        ci++; /* the newline */
        if (ink_seen && n_rects >= ci - 1) {
            double height = prev_bottom - prev_top;
            if (have_prev && height > 0 && (top - prev_bottom > height / 2 || bottom < prev_top) &&
                out->len && out->data[out->len - 1] == '\n' && cote_strbuf_putc(out, '\n'))
                return COTE_NOMEM;
            prev_top = top;
            prev_bottom = bottom;
            have_prev = true;
        }
        if (cote_strbuf_append(out, t + i, end - i) || cote_strbuf_putc(out, '\n'))
            return COTE_NOMEM;
        i = end + 1;
    }
    return COTE_OK;
}

/* Non-white bytes in s[0..n). */
static size_t ink(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f');
    return k;
}

/* Poppler's text is UTF-8, but a broken font map can still put a NUL or a
 * C0 control in it (the cleaner and the passages take NUL-terminated text):
 * those become spaces. */
static void scrub(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\f')
            s[i] = ' ';
    }
}

static cote_status_t read_pdf_data(const char *data, size_t n, size_t max_bytes, char **out, size_t *len,
                                   cote_error_t *err)
{
    *out = NULL;
    *len = 0;
    if (n == 0)
        return cote_error_set(err, COTE_BAD_INPUT, "empty file");
    if (n > max_bytes)
        return cote_error_set(err, COTE_TOO_LARGE, "file of %zu bytes is over the %zu-byte limit", n, max_bytes);
    if (n < 5 || memcmp(data, "%PDF-", 5) != 0) {
        /* poppler looks for the header in the first kilobyte; so does cote */
        size_t look = n < 1024 ? n : 1024;
        bool found = false;
        for (size_t i = 0; i + 5 <= look && !found; i++)
            found = memcmp(data + i, "%PDF-", 5) == 0;
        if (!found)
            return cote_error_set(err, COTE_BAD_INPUT, "not a PDF: no %%PDF- header");
    }
    silence_poppler();
    GBytes *bytes = g_bytes_new_static(data, n);
    GError *ge = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
    g_bytes_unref(bytes); /* the document holds its own reference */
    if (!doc)
        return open_error(ge, err);
    int pages = poppler_document_get_n_pages(doc);
    cote_strbuf_t text = COTE_STRBUF_INIT;
    cote_status_t st = COTE_OK;
    if (pages <= 0)
        st = cote_error_set(err, COTE_BAD_INPUT, "damaged PDF: no pages");
    for (int i = 0; i < pages && !st; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) {
            st = cote_error_set(err, COTE_BAD_INPUT, "damaged PDF: page %d of %d cannot be read", i + 1, pages);
            break;
        }
        char *t = poppler_page_get_text(page);
        size_t tn = t ? strlen(t) : 0;
        PopplerRectangle *rects = NULL;
        guint n_rects = 0;
        if (tn && !poppler_page_get_text_layout(page, &rects, &n_rects))
            n_rects = 0;
        /* blank lines added at most double the page's text, plus its form feed */
        if (text.len + 2 * tn + 2 > max_bytes)
            st = cote_error_set(err, COTE_TOO_LARGE, "the text of the PDF is over the %zu-byte limit (at page %d)",
                                max_bytes, i + 1);
        else if (append_page(&text, t ? t : "", tn, rects, n_rects) || cote_strbuf_putc(&text, '\f'))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        g_free(rects);
        g_free(t);
        g_object_unref(page);
    }
    g_object_unref(doc);
    size_t bad = 0;
    if (!st && ink(text.data, text.len) < MIN_TEXT_BYTES)
        st = cote_error_set(err, COTE_BAD_INPUT,
                            "no text in %d page%s: a scanned PDF? cote does not OCR", pages, pages == 1 ? "" : "s");
    if (!st) {
        scrub(text.data, text.len);
        if (!cote_utf8_valid(text.data, text.len, &bad))
            st = cote_error_set(err, COTE_BAD_INPUT, "the PDF's text is not valid UTF-8 at offset %zu", bad);
    }
    if (st) {
        cote_strbuf_free(&text);
        return st;
    }
    *len = text.len;
    *out = cote_strbuf_take(&text);
    return COTE_OK;
}

/* One extraction at a time in the process: the indexer reads files on
 * several threads (indexer.c, stage.h), and poppler keeps global state
 * (its GlobalParams, font caches) without promising that documents opened
 * on different threads never meet there. The repair of other files goes on
 * meanwhile. */
static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

cote_status_t cote_read_pdf_data(const char *data, size_t n, size_t max_bytes, char **out, size_t *len,
                                 cote_error_t *err)
{
    pthread_mutex_lock(&poppler_lock);
    cote_status_t st = read_pdf_data(data, n, max_bytes, out, len, err);
    pthread_mutex_unlock(&poppler_lock);
    return st;
}

cote_status_t cote_read_pdf(const char *path, size_t max_bytes, char **out, size_t *len, cote_error_t *err)
{
    char *data = NULL;
    size_t n = 0;
    *out = NULL;
    *len = 0;
    cote_status_t st = cote_read_file(path, max_bytes, &data, &n, err);
    if (st)
        return st;
    st = cote_read_pdf_data(data, n, max_bytes, out, len, err);
    free(data);
    return st;
}
