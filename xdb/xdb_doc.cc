// xdb_doc.cc: building and reading documents.
#include <string>

#include "xdb_guard.hh"
#include "xdb_private.hh"

extern "C" {

cote_status_t cote_xdoc_new(cote_xdoc_t **out, cote_error_t *err)
{
    *out = nullptr;
    XDB_TRY {
        *out = new cote_xdoc;
        return COTE_OK;
    }
    XDB_CATCH(err)
}

void cote_xdoc_free(cote_xdoc_t *doc)
{
    delete doc;
}

cote_status_t cote_xdoc_add_posting(cote_xdoc_t *doc, const char *term, size_t len, unsigned pos,
                                    unsigned wdf_inc, cote_error_t *err)
{
    if (!term || !len)
        return cote_error_set(err, COTE_INVALID_ARG, "empty term");
    XDB_TRY {
        doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdoc_add_term(cote_xdoc_t *doc, const char *term, size_t len, unsigned wdf_inc,
                                 cote_error_t *err)
{
    if (!term || !len)
        return cote_error_set(err, COTE_INVALID_ARG, "empty term");
    XDB_TRY {
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdoc_add_boolean_term(cote_xdoc_t *doc, const char *term, size_t len,
                                         cote_error_t *err)
{
    if (!term || !len)
        return cote_error_set(err, COTE_INVALID_ARG, "empty term");
    XDB_TRY {
        doc->doc.add_boolean_term(std::string(term, len));
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdoc_set_value(cote_xdoc_t *doc, unsigned slot, const char *value, size_t len,
                                  cote_error_t *err)
{
    XDB_TRY {
        doc->doc.add_value(slot, std::string(value ? value : "", value ? len : 0));
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdoc_set_data(cote_xdoc_t *doc, const char *data, size_t len, cote_error_t *err)
{
    XDB_TRY {
        doc->doc.set_data(std::string(data ? data : "", data ? len : 0));
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdoc_data(cote_xdoc_t *doc, const char **data, size_t *len, cote_error_t *err)
{
    *data = "";
    *len = 0;
    XDB_TRY {
        doc->scratch = doc->doc.get_data();
        *data = doc->scratch.c_str();
        *len = doc->scratch.size();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_status_t cote_xdoc_value(cote_xdoc_t *doc, unsigned slot, const char **value, size_t *len,
                              cote_error_t *err)
{
    *value = "";
    *len = 0;
    XDB_TRY {
        doc->scratch = doc->doc.get_value(slot);
        *value = doc->scratch.c_str();
        *len = doc->scratch.size();
        return COTE_OK;
    }
    XDB_CATCH(err)
}

cote_docid_t cote_xdoc_docid(const cote_xdoc_t *doc)
{
    return doc->doc.get_docid();
}

cote_status_t cote_xdoc_terms(cote_xdoc_t *doc, cote_xdb_term_fn fn, void *ctx, cote_error_t *err)
{
    XDB_TRY {
        for (Xapian::TermIterator t = doc->doc.termlist_begin(); t != doc->doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (fn(term.data(), term.size(), t.get_wdf(), ctx))
                break;
        }
        return COTE_OK;
    }
    XDB_CATCH(err)
}

} // extern "C"
