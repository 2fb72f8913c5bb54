// xdb_stem.cc: Xapian's Snowball stemmers behind a C call (xdb.h).
//
// The analyser calls cote_xstem_apply once per word token, so the call avoids
// what it can: the input goes through a std::string kept in the handle (its
// capacity is reused), and the result is copied into the caller's buffer.
// Xapian::Stem returns a fresh std::string, which only allocates for stems
// longer than the short-string buffer; French stems rarely are.
#include <cstring>
#include <string>

#include "xdb_guard.hh"
#include "xdb_private.hh"

extern "C" {

cote_status_t cote_xstem_new(const char *lang, cote_xstem_t **out, cote_error_t *err)
{
    *out = nullptr;
    if (!lang)
        return cote_error_set(err, COTE_INVALID_ARG, "no stemming language");
    XDB_TRY {
        *out = new cote_xstem(lang);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

void cote_xstem_free(cote_xstem_t *st)
{
    delete st;
}

cote_status_t cote_xstem_apply(cote_xstem_t *st, const char *word, size_t len, char *out, size_t cap,
                               size_t *out_len, cote_error_t *err)
{
    *out_len = 0;
    if (!out || cap == 0)
        return cote_error_set(err, COTE_INVALID_ARG, "no room for the stem");
    out[0] = '\0';
    if (!st || (!word && len))
        return cote_error_set(err, COTE_INVALID_ARG, "no stemmer or no word");
    XDB_TRY {
        st->word.assign(word ? word : "", len);
        const std::string s = st->stem(st->word);
        if (s.size() >= cap)
            return cote_error_set(err, COTE_TOO_LARGE, "the stem of a %zu-byte word needs %zu bytes",
                                  len, s.size() + 1);
        std::memcpy(out, s.data(), s.size());
        out[s.size()] = '\0';
        *out_len = s.size();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

} // extern "C"
