/* view.c: reading lang, embed and Accept-Language.
 *
 * Accept-Language is parsed leniently (RFC 9110 §12.5.4): ranges separated
 * by commas, each with an optional ";q=" weight of at most three decimals.
 * Only the primary subtags "fr" and "en" matter; "*" and every other
 * language are ignored, so "de, en;q=0.5" gives English and "de" French.
 */
#include "view.h"

#include <string.h>

/* The weight of ";q=0.8" in thousandths; 1000 when absent or unreadable. */
static int weight(const char *s, const char *end)
{
    const char *q = s;
    while (q + 2 < end && !(q[0] == ';' && (q[1] == 'q' || q[1] == 'Q')))
        q++;
    if (q + 2 >= end)
        return 1000;
    q += 2;
    while (q < end && *q == ' ')
        q++;
    if (q >= end || *q != '=')
        return 1000;
    q++;
    while (q < end && *q == ' ')
        q++;
    if (q >= end || (*q != '0' && *q != '1'))
        return 1000;
    int w = (*q - '0') * 1000, scale = 100;
    q++;
    if (q < end && *q == '.')
        for (q++; q < end && *q >= '0' && *q <= '9' && scale > 0; q++, scale /= 10)
            w += (*q - '0') * scale;
    return w > 1000 ? 1000 : w;
}

/* True when [s, end) starts with the primary subtag tag ("fr", "en"). */
static bool primary(const char *s, const char *end, const char *tag)
{
    while (s < end && *s == ' ')
        s++;
    size_t n = strlen(tag);
    if ((size_t)(end - s) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != tag[i])
            return false;
    return s + n == end || s[n] == '-' || s[n] == ';' || s[n] == ' ';
}

web_lang_t web_view_accept_language(const char *header)
{
    if (!header)
        return WEB_LANG_FR;
    int best_fr = -1, best_en = -1;
    const char *s = header;
    for (int ranges = 0; *s && ranges < 32; ranges++) {
        const char *end = strchr(s, ',');
        if (!end)
            end = s + strlen(s);
        int w = weight(s, end);
        if (primary(s, end, "fr") && w > best_fr)
            best_fr = w;
        else if (primary(s, end, "en") && w > best_en)
            best_en = w;
        s = *end ? end + 1 : end;
    }
    return best_en > 0 && best_en > best_fr ? WEB_LANG_EN : WEB_LANG_FR;
}

void web_view_read(web_view_t *v, struct MHD_Connection *conn, const char *base, const char *path)
{
    *v = (web_view_t)WEB_VIEW_DEFAULT;
    v->base = base ? base : "";
    v->path = path;
    v->conn = conn;
    if (!conn)
        return;
    const char *lang = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
    if (lang && strcmp(lang, "en") == 0) {
        v->lang = WEB_LANG_EN;
        v->lang_pinned = true;
    } else if (lang && strcmp(lang, "fr") == 0) {
        v->lang = WEB_LANG_FR;
        v->lang_pinned = true;
    } else {
        v->lang = web_view_accept_language(
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    }
    const char *embed = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "embed");
    v->embed = embed && strcmp(embed, "1") == 0;
}
