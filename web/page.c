/* page.c: the HTML skeleton, the search form and the error page. */
#include "page.h"

/* A hidden field keeping one active filter. */
#define HIDDEN(h, name, v)                                                     \
    do {                                                                       \
        if ((v) && *(v)) {                                                     \
            WEB_HTML_LIT(h, "<input type=\"hidden\" name=\"" name "\" value=\""); \
            web_html_text(h, (v));                                             \
            WEB_HTML_LIT(h, "\">\n");                                          \
        }                                                                      \
    } while (0)

void web_page_begin_search(web_html_t *h, const char *title, const web_search_params_t *p)
{
    WEB_HTML_LIT(h, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    if (title && *title) {
        web_html_text(h, title);
        WEB_HTML_LIT(h, " – ");
    }
    WEB_HTML_LIT(h, "cote</title>\n"
                    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
                    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
                    "</head>\n<body>\n"
                    "<a class=\"skip\" href=\"#contenu\">Aller au contenu</a>\n"
                    "<header class=\"site\">\n"
                    "<p class=\"brand\"><a href=\"/\">cote</a> "
                    "<span>Recherche dans les documents de l’ONU en français</span></p>\n"
                    "<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">\n"
                    "<label for=\"q\">Rechercher</label>\n"
                    "<div class=\"row\">"
                    "<input type=\"search\" id=\"q\" name=\"q\" value=\"");
    web_html_text(h, p ? p->q : NULL);
    WEB_HTML_LIT(h, "\" aria-describedby=\"aide\" autocomplete=\"off\" spellcheck=\"false\">"
                    "<button type=\"submit\">Rechercher</button></div>\n"
                    "<p class=\"help\" id=\"aide\">Des mots (les passages qui en ont le plus "
                    "viennent en tête ; <kbd>+mot</kbd> l’exige), une <q>expression exacte</q> "
                    "entre guillemets, <kbd>-mot</kbd> pour exclure, <kbd>ET</kbd>, <kbd>OU</kbd>, "
                    "<kbd>SAUF</kbd> et des parenthèses, <kbd>coopérat*</kbd>, une cote comme "
                    "<kbd>A/RES/74/239</kbd>, une date, un organisme (<kbd>PNUD</kbd>, "
                    "<kbd>UNDP</kbd>) ou un filtre (<kbd>org:CESAP</kbd>, <kbd>type:rapport</kbd>).</p>\n"
                    "<fieldset class=\"dates\">\n<legend>Période (facultatif)</legend>\n"
                    "<div class=\"field\"><label for=\"from\">Du</label> "
                    "<input type=\"text\" id=\"from\" name=\"from\" inputmode=\"numeric\" "
                    "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\" placeholder=\"AAAA-MM-JJ\" "
                    "aria-describedby=\"aide-dates\" value=\"");
    web_html_text(h, p ? p->from : NULL);
    WEB_HTML_LIT(h, "\"></div>\n<div class=\"field\"><label for=\"to\">au</label> "
                    "<input type=\"text\" id=\"to\" name=\"to\" inputmode=\"numeric\" "
                    "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\" placeholder=\"AAAA-MM-JJ\" "
                    "aria-describedby=\"aide-dates\" value=\"");
    web_html_text(h, p ? p->to : NULL);
    WEB_HTML_LIT(h, "\"></div>\n<p class=\"help\" id=\"aide-dates\">Une année, un mois ou un jour : "
                    "<kbd>2020</kbd>, <kbd>2020-09</kbd> ou <kbd>2020-09-12</kbd>.</p>\n"
                    "</fieldset>\n");
    if (p) {
        HIDDEN(h, "org", p->org);
        HIDDEN(h, "symbol", p->symbol);
        HIDDEN(h, "type", p->type);
        HIDDEN(h, "organ", p->organ);
        if (p->limit != WEB_LIMIT_DEFAULT) {
            WEB_HTML_LIT(h, "<input type=\"hidden\" name=\"limit\" value=\"");
            web_html_ulong(h, p->limit);
            WEB_HTML_LIT(h, "\">\n");
        }
    }
    WEB_HTML_LIT(h, "</form>\n</header>\n<main id=\"contenu\">\n");
}

void web_page_begin(web_html_t *h, const char *title, const char *query)
{
    web_search_params_t p = {query, 0, WEB_LIMIT_DEFAULT, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0};
    web_page_begin_search(h, title, &p);
}

void web_page_end(web_html_t *h)
{
    WEB_HTML_LIT(h, "</main>\n<footer class=\"site\"><p>cote – index local de documents "
                    "de l’Organisation des Nations Unies.</p></footer>\n"
                    "</body>\n</html>\n");
}

static const char *heading(unsigned http)
{
    switch (http) {
    case 400: return "Requête invalide";
    case 404: return "Page introuvable";
    case 405: return "Méthode non autorisée";
    case 413:
    case 414: return "Requête trop longue";
    case 503: return "Service momentanément indisponible";
    default: break;
    }
    return http >= 500 ? "Erreur du serveur" : "Requête refusée";
}

static const char *sentence(cote_status_t st)
{
    switch (st) {
    case COTE_INVALID_ARG: return "Un paramètre de l’adresse est hors des limites permises.";
    case COTE_BAD_INPUT: return "L’adresse contient des caractères ou des nombres non valides.";
    case COTE_TOO_LARGE: return "La requête dépasse la longueur permise. Raccourcissez-la.";
    case COTE_QUERY_SYNTAX:
        return "La requête ne peut pas être lue. Vérifiez les guillemets et les opérateurs.";
    case COTE_QUERY_TOO_BROAD: return "La requête est trop large. Précisez-la.";
    case COTE_NOT_FOUND: return "La page ou le document demandé n’existe pas.";
    case COTE_UNSUPPORTED: return "Cette adresse ne répond qu’aux requêtes GET et HEAD.";
    case COTE_DB_OPEN:
    case COTE_DB_LOCKED:
    case COTE_DB_MODIFIED:
    case COTE_REMOTE:
    case COTE_NOMEM:
        return "L’index est momentanément indisponible. Réessayez dans un instant.";
    default: break;
    }
    return "Une erreur interne s’est produite.";
}

void web_page_message(web_html_t *h, unsigned http, cote_status_t st, const char *query,
                      const char *detail)
{
    web_page_begin(h, heading(http), query);
    WEB_HTML_LIT(h, "<section class=\"notice\">\n<h1>");
    web_html_text(h, heading(http));
    WEB_HTML_LIT(h, "</h1>\n<p>");
    web_html_text(h, sentence(st));
    WEB_HTML_LIT(h, "</p>\n");
    if (detail && *detail) {
        WEB_HTML_LIT(h, "<p class=\"detail\">Détail : ");
        web_html_text(h, detail);
        WEB_HTML_LIT(h, "</p>\n");
    }
    WEB_HTML_LIT(h, "<p><a href=\"/\">Retour à la recherche</a></p>\n</section>\n");
    web_page_end(h);
}
