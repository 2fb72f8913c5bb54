/* i18n.h: every string of the web interface, in French and in English.
 *
 * One X-macro table (i18n.c) holds each string in both languages, so a page
 * cannot show a string that has no translation, and translators read one
 * file. French is the default language (view.h says how a request picks
 * English). The strings are markup written in the source code: a few hold
 * tags (<kbd>, <mark>, <li>) and are appended as they are; none holds a '"',
 * so those used inside attribute values (title, aria-label, placeholder)
 * need no escaping. Text from requests or from the index never goes through
 * this table.
 *
 * What stays French whatever the language: the notes the searcher writes
 * about how it read the query, and what the index stored about a document
 * (its type, "how" each field was told).
 *
 * Ownership: static strings. Thread-safe.
 */
#ifndef COTE_WEB_I18N_H
#define COTE_WEB_I18N_H

typedef enum { WEB_LANG_FR = 0, WEB_LANG_EN = 1 } web_lang_t;

/* X(ID, French, English) */
#define WEB_MESSAGES(X)                                                                         \
    /* page skeleton (page.c) */                                                               \
    X(SKIP, "Aller au contenu", "Skip to content")                                              \
    X(TAGLINE, "Recherche dans les documents de l’ONU en français",                            \
      "Search United Nations documents in French")                                              \
    X(SEARCH, "Rechercher", "Search")                                                           \
    X(QUERY_HELP,                                                                               \
      "Des mots (les passages qui en ont le plus viennent en tête ; <kbd>+mot</kbd> l’exige), " \
      "une <q>expression exacte</q> entre guillemets, <kbd>-mot</kbd> pour exclure, "           \
      "<kbd>ET</kbd>, <kbd>OU</kbd>, <kbd>SAUF</kbd> et des parenthèses, <kbd>coopérat*</kbd>, " \
      "une cote comme <kbd>A/RES/74/239</kbd>, une date, un organisme (<kbd>PNUD</kbd>, "       \
      "<kbd>UNDP</kbd>) ou un filtre (<kbd>org:CESAP</kbd>, <kbd>type:rapport</kbd>).",          \
      "Words (passages with most of them come first; <kbd>+word</kbd> requires one), an "       \
      "<q>exact phrase</q> in quotes, <kbd>-word</kbd> to exclude, <kbd>AND</kbd>, "            \
      "<kbd>OR</kbd>, <kbd>NOT</kbd> and parentheses, <kbd>coopérat*</kbd>, a symbol such as "  \
      "<kbd>A/RES/74/239</kbd>, a date, a body (<kbd>PNUD</kbd>, <kbd>UNDP</kbd>) or a filter " \
      "(<kbd>org:CESAP</kbd>, <kbd>type:rapport</kbd>). Documents are in French: French "       \
      "words find most.")                                                                      \
    X(PERIOD, "Période (facultatif)", "Period (optional)")                                      \
    X(FROM, "Du", "From")                                                                       \
    X(TO, "au", "to")                                                                           \
    X(DATE_PLACEHOLDER, "AAAA-MM-JJ", "YYYY-MM-DD")                                             \
    X(DATE_HELP,                                                                                \
      "Une année, un mois ou un jour : <kbd>2020</kbd>, <kbd>2020-09</kbd> ou "                 \
      "<kbd>2020-09-12</kbd>.",                                                                 \
      "A year, a month or a day: <kbd>2020</kbd>, <kbd>2020-09</kbd> or <kbd>2020-09-12</kbd>.") \
    X(FOOTER, "cote – index local de documents de l’Organisation des Nations Unies.",          \
      "cote – a local index of United Nations documents.")                                      \
    X(INTRO,                                                                                    \
      "Tapez des mots, une expression entre guillemets ou la cote d’un document, puis "         \
      "validez. Une période (du … au …) restreint la recherche aux documents qui en datent "    \
      "ou qui la citent.",                                                                      \
      "Type words, a phrase in quotes or a document symbol, then press Enter. A period "       \
      "(from … to …) keeps the documents dated in it or citing it.")                            \
    /* error pages (page.c) */                                                                  \
    X(HTTP_400, "Requête invalide", "Bad request")                                              \
    X(HTTP_403, "Accès refusé", "Forbidden")                                                    \
    X(HTTP_404, "Page introuvable", "Page not found")                                           \
    X(HTTP_405, "Méthode non autorisée", "Method not allowed")                                  \
    X(HTTP_413, "Requête trop longue", "Request too long")                                      \
    X(HTTP_503, "Service momentanément indisponible", "Service temporarily unavailable")        \
    X(HTTP_500, "Erreur du serveur", "Server error")                                            \
    X(HTTP_4XX, "Requête refusée", "Request refused")                                           \
    X(ST_INVALID_ARG, "Un paramètre de l’adresse est hors des limites permises.",               \
      "A parameter of the address is out of the allowed range.")                               \
    X(ST_BAD_INPUT, "L’adresse contient des caractères ou des nombres non valides.",            \
      "The address holds invalid characters or numbers.")                                       \
    X(ST_TOO_LARGE, "La requête dépasse la longueur permise. Raccourcissez-la.",                \
      "The request is longer than allowed. Shorten it.")                                        \
    X(ST_QUERY_SYNTAX, "La requête ne peut pas être lue. Vérifiez les guillemets et les opérateurs.", \
      "The query cannot be read. Check its quotes and operators.")                              \
    X(ST_QUERY_TOO_BROAD, "La requête est trop large. Précisez-la.",                            \
      "The query is too broad. Make it more precise.")                                          \
    X(ST_NOT_FOUND, "La page ou le document demandé n’existe pas.",                             \
      "The page or document asked for does not exist.")                                         \
    X(ST_UNSUPPORTED, "Cette adresse ne répond qu’aux requêtes GET et HEAD.",                   \
      "This address answers GET and HEAD requests only.")                                       \
    X(ST_UNAVAILABLE, "L’index est momentanément indisponible. Réessayez dans un instant.",     \
      "The index is unavailable for a moment. Try again shortly.")                              \
    X(ST_INTERNAL, "Une erreur interne s’est produite.", "An internal error occurred.")         \
    X(DETAIL, "Détail : ", "Detail: ")                                                          \
    X(BACK_TO_SEARCH, "Retour à la recherche", "Back to search")                                \
    /* results page (route_search.c) */                                                         \
    X(FILTERED_SEARCH, "Recherche filtrée", "Filtered search")                                  \
    X(RESULTS, "Résultats", "Results")                                                          \
    X(RESULT_COUNT1, " résultat", " result")                                                    \
    X(RESULT_COUNTN, " résultats", " results")                                                  \
    X(RANGE_TO, " à ", " to ")                                                                  \
    X(REFINE, "Affiner la recherche", "Refine the search")                                      \
    X(REFINE_SHORT, "Affiner", "Refine")                                                        \
    X(FACET_ORG, "Organisations", "Organizations")                                              \
    X(FACET_YEAR, "Années", "Years")                                                            \
    X(FACET_TYPE, "Types de document", "Document types")                                        \
    X(FACET_ORGAN, "Organes", "Organs")                                                         \
    X(MORE, " de plus", " more")                                                                \
    X(DOCUMENT, "document", "document")                                                         \
    X(DOCUMENTS, "documents", "documents")                                                      \
    X(FILTER_ON, "(filtre actif : retirer)", "(active filter: remove)")                         \
    X(REMOVE_FILTER, "(retirer ce filtre)", "(remove this filter)")                             \
    X(ACTIVE_FILTERS, "Filtres actifs", "Active filters")                                       \
    X(CHIP_YEAR, "Année :", "Year:")                                                            \
    X(CHIP_DATE, "Date :", "Date:")                                                             \
    X(CHIP_SINCE, "Depuis :", "From:")                                                          \
    X(CHIP_UNTIL, "Jusqu’à :", "Until:")                                                        \
    X(CHIP_ORG, "Organisation :", "Organization:")                                              \
    X(CHIP_SYMBOL, "Cote :", "Symbol:")                                                         \
    X(CHIP_TYPE, "Type :", "Type:")                                                             \
    X(CHIP_ORGAN, "Organe :", "Organ:")                                                         \
    X(REMOVE_ALL_FILTERS, "Retirer tous les filtres", "Remove all filters")                     \
    X(NOTES_LABEL, "Lecture de la requête", "How the query was read")                           \
    X(SORT, "Trier :", "Sort:")                                                                 \
    X(SORT_RELEVANCE, "pertinence", "relevance")                                                \
    X(SORT_DATE, "date (récents d’abord)", "date (newest first)")                               \
    X(PAR, "par. ", "para. ")                                                                   \
    X(PAR_CONT, "suite du par. ", "continuation of para. ")                                     \
    X(PAR_UNNUMBERED, "paragraphe non numéroté", "unnumbered paragraph")                        \
    X(NOTE, "note ", "note ")                                                                   \
    X(ITEM, "alinéa ", "subparagraph ")                                                         \
    X(HEADING, "intertitre", "heading")                                                         \
    X(TITLE, "titre", "title")                                                                  \
    X(PASSAGE, "passage", "passage")                                                            \
    X(UNTITLED, "(sans titre)", "(untitled)")                                                   \
    X(SYMBOL_LABEL, "Cote : ", "Symbol: ")                                                      \
    X(PAGE_ABBR, "p. ", "p. ")                                                                  \
    X(OTHER_PASSAGE, " autre passage", " other passage")                                        \
    X(OTHER_PASSAGES, " autres passages", " other passages")                                    \
    X(EMPTY_PAGE, "Aucun résultat sur cette page", "No results on this page")                   \
    X(EMPTY_PAGE_FROM, "La recherche a des résultats, mais pas à partir du rang ",              \
      "The search has results, but none from rank ")                                            \
    X(FIRST_PAGE, "Revenir à la première page", "Back to the first page")                       \
    X(NO_RESULTS, "Aucun résultat", "No results")                                               \
    X(NO_DOC_MATCHES, "Aucun document ne correspond", "No document matches")                    \
    X(QUOTE_OPEN, " à « ", " “")                                                                \
    X(QUOTE_CLOSE, " »", "”")                                                                   \
    X(WITH_FILTERS, " avec les filtres choisis", " with the chosen filters")                    \
    X(WITHOUT_FILTERS, "Chercher sans les filtres", "Search without the filters")               \
    X(OR_REMOVE_ONE, ", ou retirez-en un ci-dessus.", ", or remove one of them above.")         \
    X(NO_RESULTS_TIPS,                                                                          \
      "<li>Vérifiez l’orthographe des mots.</li>\n"                                             \
      "<li>Essayez moins de mots, ou des mots plus généraux.</li>\n"                            \
      "<li>Retirez les guillemets ou les exclusions (<kbd>-mot</kbd>).</li>\n"                  \
      "<li>Pour un document précis, tapez sa cote, par exemple <kbd>A/RES/74/239</kbd>.</li>\n" \
      "<li>Une période se donne par année, mois ou jour : <kbd>2020</kbd>, "                    \
      "<kbd>2020-09</kbd>, <kbd>2020-09-12</kbd>.</li>\n",                                      \
      "<li>Check the spelling of the words.</li>\n"                                             \
      "<li>The documents are in French: try the French words "                                  \
      "(<kbd>sécurité alimentaire</kbd> rather than <kbd>food security</kbd>).</li>\n"          \
      "<li>Try fewer words, or more general ones.</li>\n"                                       \
      "<li>Remove quotes or exclusions (<kbd>-word</kbd>).</li>\n"                              \
      "<li>For one document, type its symbol, for example <kbd>A/RES/74/239</kbd>.</li>\n"      \
      "<li>A period is a year, a month or a day: <kbd>2020</kbd>, <kbd>2020-09</kbd>, "         \
      "<kbd>2020-09-12</kbd>.</li>\n")                                                          \
    X(SUGGEST, "Vouliez-vous dire ", "Did you mean ")                                           \
    X(SUGGEST_END, " ?", "?")                                                                   \
    X(CORRECTED, "Résultats pour ", "Results for ")                                             \
    X(CORRECTED_NONE, " : aucun document ne correspond à « ", ": no document matches “")           \
    X(PAGER_LABEL, "Pages de résultats", "Result pages")                                        \
    X(PREV, "← précédent", "← previous")                                                        \
    X(NEXT, "suivant →", "next →")                                                              \
    /* document view (route_doc.c) */                                                           \
    X(ENT_SYMBOL, "Rechercher la cote ", "Search for the symbol ")                              \
    X(ENT_DATE, "Rechercher les documents de cette période : ",                                 \
      "Search the documents of this period: ")                                                  \
    X(ENT_ORG, "Rechercher l’organisation ", "Search for the organization ")                    \
    X(DT_SYMBOL, "Cote", "Symbol")                                                              \
    X(DT_SYMBOLS, "Cotes", "Symbols")                                                           \
    X(DT_TYPE, "Type", "Type")                                                                  \
    X(DT_ORGAN, "Organe", "Organ")                                                              \
    X(DT_DATE, "Date", "Date")                                                                  \
    X(DT_FILE, "Fichier", "File")                                                               \
    X(DT_ID, "Identifiant", "Identifier")                                                       \
    X(BACK_TO_RESULTS, "← Retour aux résultats", "← Back to the results")                       \
    X(MARKED_HINT, "Les mots de la recherche sont <mark>surlignés</mark>.",                     \
      "The words of the search are <mark>highlighted</mark>.")                                  \
    /* OpenSearch description (route_api.c) */                                                  \
    X(OPENSEARCH_DESC, "Recherche dans les documents de l’ONU en français (cote)",             \
      "Search United Nations documents in French (cote)")

typedef enum {
#define WEB_MSG_ENUM_(id, fr, en) WEB_MSG_##id,
    WEB_MESSAGES(WEB_MSG_ENUM_)
#undef WEB_MSG_ENUM_
    WEB_MSG_COUNT_
} web_msg_t;

/* The string id in lang (French for an unknown lang). Never NULL. */
const char *web_msg(web_lang_t lang, web_msg_t id);

/* "fr" or "en". */
const char *web_lang_code(web_lang_t lang);

#endif
