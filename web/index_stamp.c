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

/* A stub file: every database it names, relative to its folder. */
static bool stamp_stub(const char *stub, int depth, uint64_t *h)
{
    FILE *f = fopen(stub, "r");
    if (!f)
        return false;
    struct stat sb;
    bool ok = fstat(fileno(f), &sb) == 0;
    if (ok)
        mix(h, &sb);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", stub);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    char line[PATH_MAX];
    while (ok && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        if (strncmp(p, "auto ", 5) != 0) {
            ok = false; /* remote, or a backend named explicitly: no file to watch */
            break;
        }
        p += 5;
        while (*p == ' ')
            p++;
        char target[PATH_MAX];
        if (*p == '/')
            ok = snprintf(target, sizeof target, "%s", p) < (int)sizeof target;
        else
            ok = snprintf(target, sizeof target, "%s/%s", dir, p) < (int)sizeof target;
        ok = ok && stamp_path(target, depth + 1, h);
    }
    fclose(f);
    return ok;
}

static bool stamp_path(const char *path, int depth, uint64_t *h)
{
    struct stat sb;
    if (depth > DEPTH_MAX || stat(path, &sb) != 0)
        return false;
    if (!S_ISDIR(sb.st_mode))
        return stamp_stub(path, depth, h);
    char file[PATH_MAX];
    if (snprintf(file, sizeof file, "%s/XAPIANDB", path) < (int)sizeof file && stat(file, &sb) == 0)
        return stamp_stub(file, depth, h);
    if (snprintf(file, sizeof file, "%s/iamglass", path) >= (int)sizeof file || stat(file, &sb) != 0)
        return false;
    mix(h, &sb);
    return true;
}

bool web_index_stamp(const char *path, uint64_t *out)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    if (!path || !stamp_path(path, 0, &h))
        return false;
    *out = h;
    return true;
}
