/* dates.h: French date expressions in UN texts -> ISO 8601 and day ranges.
 *
 * Finds the dates a French UN document mentions and gives each one canonical
 * ISO 8601 form plus the closed range of days it covers, so a search for
 * `2022-09-12..2022-09-14` meets `du 12 au 14 septembre 2022` by overlap.
 * The conventions and look-alikes are those of shared/domain/dates-fr.md:
 *
 *   15 février 2020, le 1er avril 2022, 1 er / premier, lundi 23 juin 2014
 *                                   -> 2020-02-15                    (day)
 *   en mai 2019, session de mars 2020 -> 2019-05                     (month)
 *   du 15 au 17 juillet 2025, 4-15 septembre 1995, les 4 et 5 décembre 2025,
 *   du 30 novembre au 2 décembre 2021, entre le 1er et le 5 mars 2021
 *                                   -> 2025-07-15/2025-07-17         (range)
 *   de décembre 2023 à novembre 2024, d'août à septembre 2021
 *                                   -> 2023-12/2024-11               (range)
 *   2019-2020, (2018-21), 2020–2021, entre 2016 et 2020, de 2016 à 2020
 *                                   -> 2019/2020                     (range)
 *   en 2021, En 2019, fin 2021, au cours de 2021, l'année 2020, la
 *   Déclaration de 2019 sur…, programme de travail pour 2025 -> 2021
 *   depuis septembre 2021 -> 2021-09/..;  d'ici à 2030, jusqu'en 2019 -> ../2030
 *   les années 1990 -> 1990/1999;  le XXIe siècle -> 2001/2100;
 *   au premier trimestre de 2021 -> 2021-01/2021-03;
 *   exercice 2021/22 (peacekeeping) -> 2021-07-01/2022-06-30;
 *   29/09/2020, 29.09.2020, 2020-09-29 -> 2020-09-29;
 *   Le 2 avril (no year) -> 2020-04-02 with COTE_ENT_INFERRED when the year
 *     can be taken from the nearest explicit date: the preceding one in the
 *     same paragraph, else the next one in the same paragraph, else the
 *     preceding one in the document (paragraphs end at blank lines).
 *
 * Not dates: numbers in symbols and links (`A/75/2021`, `E/2019/39`,
 * `…/2020/04/03/…`), job numbers (`20-12800`), page counters (`2/21`),
 * resolution years (`1325 (2000)`), amounts (`2 000 dollars`), names
 * (`Programme 2030`, `COVID-19`, `G20`, `PM2,5`, `Beijing+25`), impossible
 * dates (`31 février 2020`: nothing is reported for the whole expression).
 * A bare year counts only after a word that makes it a time (en, depuis,
 * avant, après, d'ici, jusqu'en, fin, début, mi-, au cours de, année), and
 * after `de` or `pour` when no noun follows that would make it a count
 * (`l'accord de 2013 pour la paix`, `programme pour 2025`, but not `de 2000
 * personnes`).
 *
 * Each entity (entity.h) has kind COTE_ENT_DATE; canon is the ISO form (each
 * side of an interval at its own precision); from/to are the first and last
 * day covered (YYYYMMDD; a month covers all its days, a year 1 January to
 * 31 December, leap years counted). COTE_ENT_RANGE marks intervals. An open
 * interval (`2021-09/..`, `../2030`) covers only the bound it names, so a
 * date filter finds it by the date the text actually gives. start/end span
 * the mention in the text, frame words included for ranges (`du 15 au 17
 * juillet 2025`), but not trailing footnote digits still glued to a year
 * (`20082`: the span stops after 2008).
 *
 * Input is expected to be repaired text (indexer/clean.h), but line breaks
 * inside a date, glued footnote numbers after a month's year (`avril
 * 202117`) or a span's end (`2022-20258`), `1 er`, `4 -15 septembre` and the
 * dash variants are all accepted as well. Time and memory are linear in the
 * text; nothing is allocated but the entities appended.
 *
 * Ownership: the caller owns text and the list; entities are plain values.
 * Thread rule: all functions are reentrant (no global state).
 */
#ifndef COTE_DATES_H
#define COTE_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entity.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Appends to out every date mentioned in text[0..len) (UTF-8), in text
 * order. Entities already in out are kept. On failure out holds what was
 * found before it.
 * Statuses: OK, INVALID_ARG (text NULL with len > 0, or out NULL), NOMEM. */
cote_status_t cote_find_dates(const char *text, size_t len, cote_entity_list_t *out);

/* Reads s[0..n) as one date expression a person typed in a search: anything
 * cote_find_dates recognises (`15 février 2020`, `fevrier 2020`, `du 15 au
 * 17 juillet 2025`, `2019-2020`, `15/02/2020`) and also a bare year (`2020`),
 * ISO forms (`2020-02`, `2020-02-15`, `2016/2020`) and `A..B` where A and B
 * are any of these (`2022-09-12..2022-09-14`). Leading articles and
 * prepositions (`le`, `en`, `du`...) may surround the expression.
 * Returns true and fills *out (kind DATE, canon, from/to, flags, span over
 * s) when the whole string is one date; false otherwise (*out is then
 * zeroed). A day without year is not a date here: there is no context. */
bool cote_parse_date_query(const char *s, size_t n, cote_entity_t *out);

/* Reads an ISO bound for --from/--to: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * (NUL-terminated, nothing else around it) into *day as YYYYMMDD: the first
 * day covered, or the last one when upper is true (`2022-09` as an upper
 * bound is 20220930, `2020` is 20201231). Returns false (and leaves *day
 * alone) for anything else or an impossible date. */
bool cote_parse_iso_bound(const char *s, bool upper, uint32_t *day);

#ifdef __cplusplus
}
#endif

#endif
