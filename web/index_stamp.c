/* index_stamp.c: the identity of an index's live files (index_stamp.h). */
#include "index_stamp.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "schema.h"

#define DEPTH_MAX 4 /* folder -> shards stub -> shard -> generation stub -> generation */

static void mix(uint64_t *h, const struct stat *sb)
{
    uint64_t v[5] = {(uint64_t)sb->st_dev, (uint64_t)sb->st_ino, (uint64_t)sb->st_size,
                     (uint64_t)sb->st_mtim.tv_sec, (uint64_t)sb->st_mtim.tv_nsec};
    *h ^= cote_hash64((const char *)v, sizeof v);
    *h *= 0x100000001b3ULL;
}

static bool stamp_path(const char *path, int depth, uint64_t *h);

/* What a stub names, remembered by its path and identity: a stub is only
 * ever replaced whole (renamed over: a new identity), so its identity
 * says whether it must be read again. Per thread: no lock on the way of
 * every request. */
#define STUBS_KEPT 8
#define STUB_TEXT_MAX 4096
typedef struct {
    char path[PATH_MAX];
    struct stat id;
    char targets[STUB_TEXT_MAX]; /* its databases' paths, each NUL-terminated, then a NUL */
    bool remote;                 /* names something other than a local database */
} stub_t;
static _Thread_local stub_t kept[STUBS_KEPT];
static _Thread_local unsigned next_kept;

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Reads stub (whose identity is *id) into e; false when it cannot be read. */
static bool read_stub(const char *stub, const struct stat *id, stub_t *e)
{
    FILE *f = fopen(stub, "r");
    if (!f)
        return false;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", stub);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    size_t used = 0;
    bool ok = true;
    e->remote = false;
    char line[PATH_MAX];
    while (ok && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        if (strncmp(p, "auto ", 5) != 0) {
            e->remote = true; /* remote, or a backend named explicitly: no file to watch */
            break;
        }
        p += 5;
        while (*p == ' ')
            p++;
        int n = *p == '/' ? snprintf(e->targets + used, sizeof e->targets - used, "%s", p)
                          : snprintf(e->targets + used, sizeof e->targets - used, "%s/%s", dir, p);
        ok = n >= 0 && (size_t)n + 2 <= sizeof e->targets - used;
        used += ok ? (size_t)n + 1 : 0;
    }
    fclose(f);
    if (!ok)
        return false;
    e->targets[used] = '\0';
    snprintf(e->path, sizeof e->path, "%s", stub);
    e->id = *id;
    return true;
}

/* A stub file whose identity is *sb: every database it names. */
static bool stamp_stub(const char *stub, const struct stat *sb, int depth, uint64_t *h)
{
    mix(h, sb);
    stub_t *e = NULL;
    for (unsigned i = 0; i < STUBS_KEPT && !e; i++)
        if (strcmp(kept[i].path, stub) == 0 && same_file(&kept[i].id, sb))
            e = &kept[i];
    if (!e) {
        e = &kept[next_kept++ % STUBS_KEPT];
        e->path[0] = '\0';
        if (!read_stub(stub, sb, e))
            return false;
    }
    if (e->remote)
        return false;
    for (const char *t = e->targets; *t; t += strlen(t) + 1)
        if (!stamp_path(t, depth + 1, h))
            return false;
    return true;
}

/* A folder holds its database itself (iamglass: Xapian reads that first)
 * or names it in a stub (XAPIANDB); else path is a stub file. */
static bool stamp_path(const char *path, int depth, uint64_t *h)
{
    struct stat sb;
    char file[PATH_MAX];
    if (depth > DEPTH_MAX)
        return false;
    if (snprintf(file, sizeof file, "%s/iamglass", path) < (int)sizeof file && stat(file, &sb) == 0) {
        mix(h, &sb);
        return true;
    }
    if (snprintf(file, sizeof file, "%s/XAPIANDB", path) < (int)sizeof file && stat(file, &sb) == 0)
        return stamp_stub(file, &sb, depth, h);
    if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode))
        return false;
    return stamp_stub(path, &sb, depth, h);
}

bool web_index_stamp(const char *path, uint64_t *out)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    if (!path || !stamp_path(path, 0, &h))
        return false;
    *out = h;
    return true;
}
