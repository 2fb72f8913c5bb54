/* i18n.c: the string table of i18n.h, expanded once. */
#include "i18n.h"

static const char *const TABLE[WEB_MSG_COUNT_][2] = {
#define WEB_MSG_ROW_(id, fr, en) {fr, en},
    WEB_MESSAGES(WEB_MSG_ROW_)
#undef WEB_MSG_ROW_
};

const char *web_msg(web_lang_t lang, web_msg_t id)
{
    if ((unsigned)id >= WEB_MSG_COUNT_)
        return "";
    return TABLE[id][lang == WEB_LANG_EN ? 1 : 0];
}

const char *web_lang_code(web_lang_t lang)
{
    return lang == WEB_LANG_EN ? "en" : "fr";
}
