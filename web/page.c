/* page.c: the HTML skeleton, the search form and the error page. */
#include "page.h"

void web_page_begin(web_html_t *h, const char *title, const char *query)
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
    web_html_text(h, query);
    WEB_HTML_LIT(h, "\" aria-describedby=\"aide\" autocomplete=\"off\" spellcheck=\"false\">"
                    "<button type=\"submit\">Rechercher</button></div>\n"
                    "<p class=\"help\" id=\"aide\">Des mots (tous requis), "
                    "une <q>expression exacte</q> entre guillemets, "
                    "<kbd>-mot</kbd> pour exclure un mot, ou une cote comme "
                    "<kbd>A/RES/74/239</kbd>.</p>\n"
                    "</form>\n</header>\n<main id=\"contenu\">\n");
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
