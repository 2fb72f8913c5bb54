/* assets.h: the web assets compiled into the binary (the style sheet).
 *
 * cmake/embed_assets.cmake generates the definition of cote_assets[] from
 * web/assets/ at build time: one row per file, {name, content type, bytes,
 * length}, ended by a row of zeros. The server answers GET /static/NAME only
 * when NAME equals a row's name, so an asset name is never joined into a
 * filesystem path and nothing outside this table can be served.
 *
 * Ownership: the table and its bytes are static and read-only; every pointer
 * stays valid for the life of the program. Thread-safe (nothing changes).
 */
#ifndef COTE_WEB_ASSETS_H
#define COTE_WEB_ASSETS_H

#include "embedded.h"

extern const cote_asset_t cote_assets[];

#endif
