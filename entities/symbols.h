/* symbols.h: UN document symbols, resolution references and job numbers in
 * French text, each reduced to one canonical symbol.
 *
 * Three ways a document is cited, all meeting in the same canonical form
 * (shared/domain/symbols.md §11):
 *   - a symbol written as such: `A/74/336`, `LC/SES.37/8/Corr.1`,
 *     `A/74/6 (Sect.22)` -> `A/74/6(Sect.22)`, `S/RES/1325 (2000)` ->
 *     `S/RES/1325(2000)`, the joint `A/75/345-S/2020/898` -> two symbols;
 *   - a resolution or decision reference in running text:
 *     `résolution 74/239 de l’Assemblée générale` -> `A/RES/74/239`,
 *     `résolutions 2524 (2020) et 2579 (2021)` -> `S/RES/2524(2020)`,
 *     `S/RES/2579(2021)`, `Résolution 217 A (III).` -> `A/RES/217(III)`,
 *     `décision 74/555` -> `A/DEC/74/555`,
 *     `résolution 2019/15 du Conseil économique et social` -> `E/RES/2019/15`;
 *   - an undocs.org or documents.un.org link.
 * Canonical form: no spaces except inside a qualifier word pair (`(Part I)`);
 * the mixed-case words `Add`, `Corr`, `Rev`, `Amend`, `Sub`, `Sect`, `Part`,
 * `Vol`, `Supp`, `Resumption` and `Summary` written that way, every other
 * letter upper case (`e/2019/9/ADD.11` -> `E/2019/9/Add.11`); part letters
 * of resolutions dropped (`217 A (III)` -> `A/RES/217(III)`); the reissue
 * mark `*` dropped.
 *
 * Which organ a bare resolution number belongs to is read from the text, in
 * this order: an organ named right after the number or list (`... du Conseil
 * de sécurité`, also after a date, `du 19 juillet 2017`); the nearest organ
 * named earlier in the same sentence that numbers its resolutions that way
 * (`les États membres de la CESAP ont adopté la résolution 75/3` ->
 * `ESCAP/RES/75/3`); for `sa`/`ses`/`leur` résolution(s), the body speaking in
 * the document (a block opening with `L’Assemblée générale,`); otherwise the
 * shape decides, with COTE_ENT_INFERRED: `NN/NNN` (sessions 31 to 99) -> the
 * General Assembly, `YYYY/NN` -> ECOSOC, `NNN (ROMAN)` and `S-n/m`, `ES-n/m`
 * -> the General Assembly. `NNNN (YYYY)` is always the Security Council, and
 * not marked inferred: no other organ numbers that way. References to bodies
 * without a known resolution series (UNEA, the Commission on Narcotic Drugs,
 * treaty COPs...) yield nothing rather than a wrong General Assembly symbol.
 *
 * Not symbols: dates (`15/02/2020`), fractions and page counters (`2/21`),
 * anything inside a URL or a bare web address (`www.un.org/...`), lower-case
 * pairs (`et/ou`, `km/h`, `VIH/sida`), acronym pairs (`OPS/OMS`), press
 * releases (`SC/14697`, `AG/...`, `GA/...`, `CPSD/...`), and two-part
 * symbols of a series not known to use them (`UE/2020`).
 *
 * Ownership: nothing is allocated except the entries appended to the
 * caller's list. Thread rule: every function is reentrant and keeps no state.
 * Cost: linear in the text (organ look-back is bounded to 400 bytes).
 */
#ifndef COTE_SYMBOLS_H
#define COTE_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>

#include "entity.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Appends to out every document symbol written in text[0..len) and every
 * resolution or decision it cites, in text order, one entry per occurrence
 * (callers deduplicate): kind COTE_ENT_SYMBOL, canon as above, flags
 * COTE_ENT_RESOLUTION for references found as `résolution ...`/`décision ...`
 * (plus COTE_ENT_INFERRED when the organ was not stated), start/end the byte
 * span (a written symbol; for a reference, its number, the first of a list
 * starting at the word `résolution`). URLs are skipped: pass them to
 * cote_symbol_from_link. text need not be NUL-terminated; made for the
 * repaired text of indexer/clean.h, it also works on raw lines.
 * Statuses: OK (also when nothing is found), INVALID_ARG (out NULL, or text
 * NULL with len > 0), NOMEM (entries appended before it stay). */
cote_status_t cote_find_symbols(const char *text, size_t len, cote_entity_list_t *out);

/* Reads the symbol an undocs.org link (`https://undocs.org/fr/A/RES/74/239`,
 * `undocs.org/A/74/6(Sect.22)`, old `.../Home/Mobile?FinalSymbol=...`) or a
 * documents.un.org / un.org link carrying the symbol in a parameter (`s=`,
 * `symbol=`, `FinalSymbol=`, `DS=`) points to, into *out: kind SYMBOL, flags
 * COTE_ENT_LINK, span 0..len. Percent-escapes and a final sentence period
 * are handled. Statuses: OK, NOT_FOUND (another site, or no symbol in it;
 * *out is then zeroed), INVALID_ARG (url or out NULL). */
cote_status_t cote_symbol_from_link(const char *url, size_t len, cote_entity_t *out);

/* Whether s[0..n) (surrounding spaces ignored) is one document symbol, in any
 * case and spacing a person types (`a/res/74/239`, `S/RES/1325 (2000)`,
 * `A/74/6 (Sect. 22)`, `A / 75 / 371`); if so its canonical form goes to out
 * (NUL-terminated). Resolution references (`résolution 74/239`) are not
 * symbols here: see cote_parse_symbol_query. out may be NULL. */
bool cote_canonical_symbol(const char *s, size_t n, char out[COTE_ENTITY_CANON_MAX]);

/* Whether the whole query s[0..n) names one resolution, decision or document:
 * a symbol (`A/RES/74/239`, `A/77/277`, `LC/SES.37/8/Corr.1`: *flags = 0), or
 * a reference (`résolution 74/239`, `resolution 1809 (2008)`, `décision
 * 74/555`, `résolution 2019/15 du Conseil économique et social`, bare
 * `74/239` or `1325 (2000)`: *flags = COTE_ENT_RESOLUTION, plus
 * COTE_ENT_INFERRED when the organ came from the number's shape alone, as in
 * cote_find_symbols). A bare `YYYY/N` is refused (a biennium such as
 * `2018/19` looks the same); with the word `résolution` it is ECOSOC's.
 * out and flags may be NULL. */
bool cote_parse_symbol_query(const char *s, size_t n, char out[COTE_ENTITY_CANON_MAX], unsigned *flags);

/* Whether s[0..n) (surrounding spaces ignored) is a UN job number: New York
 * `20-12800`, Bangkok `B22-00257`, Geneva `GE.16-11501`, Vienna
 * `V.08-51433`, Nairobi `K1402364`, optionally followed by one letter
 * (`22-12374X`) or a language mark (`20-12800 (F)`, `GE.16-11501(E)`). */
bool cote_is_job_number(const char *s, size_t n);

#ifdef __cplusplus
}
#endif

#endif
