/* route_static.c: GET /static/{name}, answered only from cote_assets[].
 *
 * The name is compared with each row's name and nothing else: it is never
 * joined to a directory, so "../", encoded slashes or absolute paths can
 * only fail to match (the lesson of Omega's vet_filename).
 */
#include "assets.h"
#include "respond.h"
#include "routes.h"

enum MHD_Result web_route_static(web_request_t *rq, const char *tail)
{
    const cote_asset_t *a = cote_embedded_find(cote_assets, tail);
    if (!a)
        return web_respond_error(rq, COTE_NOT_FOUND, 0, "no such asset");
    return web_respond_asset(rq, a);
}
