/* generation.c: see generation.h. */
#include "generation.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xdb.h"

/* Xapian's files in a folder that holds a database directly. */
static const char *const glass_files[] = {"iamglass",       "docdata.glass", "position.glass", "postlist.glass",
                                          "spelling.glass", "synonym.glass", "termlist.glass", "flintlock"};

static bool join(char *out, size_t cap, const char *dir, const char *name)
{
    return snprintf(out, cap, "%s/%s", dir, name) < (int)cap;
}

static bool exists_in(const char *dir, const char *name)
{
    char p[PATH_MAX];
    struct stat sb;
    return join(p, sizeof p, dir, name) && stat(p, &sb) == 0;
}

/* The generation number a name "g<digits>" stands for, or -1. */
static long gen_number(const char *name)
{
    if (name[0] != 'g' || !name[1])
        return -1;
    char *end;
    errno = 0;
    long n = strtol(name + 1, &end, 10);
    return *end || errno || n < 0 || name[1] < '0' || name[1] > '9' ? -1 : n;
}

/* The generation dir's stub names ("gN"), into name; false if it has none. */
static bool stub_generation(const char *dir, char *name, size_t cap)
{
    char p[PATH_MAX], line[64];
    if (!join(p, sizeof p, dir, COTE_GEN_STUB))
        return false;
    FILE *f = fopen(p, "r");
    if (!f)
        return false;
    bool ok = fgets(line, sizeof line, f) != NULL;
    char extra[8];
    ok = ok && fgets(extra, sizeof extra, f) == NULL; /* one line only: shards' stubs have one per shard */
    fclose(f);
    if (!ok || strncmp(line, "auto ", 5) != 0)
        return false;
    line[strcspn(line, "\r\n")] = '\0';
    if (gen_number(line + 5) < 0 || strlen(line + 5) >= cap)
        return false;
    snprintf(name, cap, "%s", line + 5);
    return true;
}

bool cote_gen_is_stub(const char *dir)
{
    char name[32];
    return stub_generation(dir, name, sizeof name);
}

bool cote_gen_data_dir(const char *dir, char *out, size_t cap)
{
    char name[32];
    if (exists_in(dir, "iamglass"))
        return snprintf(out, cap, "%s", dir) < (int)cap;
    return stub_generation(dir, name, sizeof name) && join(out, cap, dir, name);
}

bool cote_gen_is_live(const char *dir, const char *path)
{
    char live[PATH_MAX];
    return cote_gen_data_dir(dir, live, sizeof live) && strcmp(live, path) == 0;
}

bool cote_gen_has_database(const char *dir)
{
    return exists_in(dir, "iamglass") || cote_gen_is_stub(dir);
}

static unsigned long long tree_bytes;

static int add_size(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag == FTW_F)
        tree_bytes += (unsigned long long)sb->st_size;
    return 0;
}

unsigned long long cote_gen_tree_bytes(const char *path)
{
    /* nftw passes no context: tree_bytes is shared, so walks take turns
     * (shards compact in threads) */
    static pthread_mutex_t size_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&size_lock);
    tree_bytes = 0;
    nftw(path, add_size, 16, FTW_PHYS);
    unsigned long long n = tree_bytes;
    pthread_mutex_unlock(&size_lock);
    return n;
}

/* Bytes of Xapian's files in a folder holding a database directly, or of a
 * whole generation folder. */
static unsigned long long data_bytes(const char *dir, bool flat)
{
    if (!flat)
        return cote_gen_tree_bytes(dir);
    unsigned long long n = 0;
    char p[PATH_MAX];
    struct stat sb;
    for (size_t i = 0; i < sizeof glass_files / sizeof *glass_files; i++)
        if (join(p, sizeof p, dir, glass_files[i]) && stat(p, &sb) == 0)
            n += (unsigned long long)sb.st_size;
    return n;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path) != 0 && errno != ENOENT;
}

void cote_gen_remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Removes every generation folder of dir but keep and keep2 (NULL: none
 * kept); returns the highest generation number seen, or -1. */
static long sweep(const char *dir, const char *keep, const char *keep2)
{
    long high = -1;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long n = gen_number(e->d_name);
        if (n < 0)
            continue;
        if (n > high)
            high = n;
        char p[PATH_MAX];
        if ((!keep || strcmp(e->d_name, keep) != 0) && (!keep2 || strcmp(e->d_name, keep2) != 0) &&
            join(p, sizeof p, dir, e->d_name))
            cote_gen_remove_tree(p);
    }
    closedir(d);
    return high;
}

static cote_status_t sync_dir(const char *dir, cote_error_t *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0 || fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return cote_error_set(err, COTE_IO, "%s: %s", dir, strerror(e));
    }
    close(fd);
    return COTE_OK;
}

cote_status_t cote_gen_sync_database(const char *dir, cote_error_t *err)
{
    char p[PATH_MAX];
    for (size_t i = 0; i < sizeof glass_files / sizeof *glass_files; i++) {
        if (!join(p, sizeof p, dir, glass_files[i]))
            return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
        int fd = open(p, O_RDONLY);
        if (fd < 0) {
            if (errno == ENOENT) /* tables Xapian creates lazily */
                continue;
            return cote_error_set(err, COTE_IO, "%s: %s", p, strerror(errno));
        }
        int bad = fsync(fd) != 0;
        int e = errno;
        close(fd);
        if (bad)
            return cote_error_set(err, COTE_IO, "%s: %s", p, strerror(e));
    }
    return sync_dir(dir, err);
}

cote_status_t cote_gen_write_stub(const char *dir, const char *text, cote_error_t *err)
{
    char tmp[PATH_MAX], stub[PATH_MAX];
    if (!join(tmp, sizeof tmp, dir, COTE_GEN_STUB ".tmp") || !join(stub, sizeof stub, dir, COTE_GEN_STUB))
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return cote_error_set(err, COTE_IO, "%s: %s", tmp, strerror(errno));
    int bad = fputs(text, f) < 0;
    if (bad || fflush(f) != 0 || fsync(fileno(f)) != 0 || fclose(f) != 0 || rename(tmp, stub) != 0) {
        int e = errno;
        unlink(tmp);
        return cote_error_set(err, COTE_IO, "%s: %s", stub, strerror(e ? e : EIO));
    }
    return sync_dir(dir, err);
}

/* Fault injection for the tests (T125): with COTE_FAULT=name in the
 * environment, the process kills itself at that point, as a power cut or
 * kill -9 would stop it there. */
static void fault_point(const char *name)
{
    const char *f = getenv("COTE_FAULT");
    if (f && strcmp(f, name) == 0)
        raise(SIGKILL);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What dir holds now: *flat when its own files (Xapian reads them first,
 * stub or not), else the generation its stub names, into cur ("" when
 * none: no database yet). */
static void live_data(const char *dir, bool *flat, char *cur, size_t cap)
{
    *flat = exists_in(dir, "iamglass");
    cur[0] = '\0';
    if (!*flat)
        stub_generation(dir, cur, cap);
}

/* Sweeps what stopped compactions and builds left (other generations, the
 * tables of a folder that was moved into a generation) but the live data
 * and keep; returns the next generation's name in next. */
static cote_status_t sweep_next(const char *dir, bool flat, const char *cur, const char *keep, char *next,
                                size_t cap, cote_error_t *err)
{
    long high = sweep(dir, flat || !cur[0] ? NULL : cur, keep);
    for (size_t i = 0; !flat && i < sizeof glass_files / sizeof *glass_files; i++) {
        char p[PATH_MAX];
        if (join(p, sizeof p, dir, glass_files[i]))
            unlink(p);
    }
    if (snprintf(next, cap, "g%ld", high + 1) >= (int)cap)
        return cote_error_set(err, COTE_TOO_LARGE, "too many generations in %s", dir);
    return COTE_OK;
}

/* Makes generation next (a folder of dir, complete and synced) the live data. */
static cote_status_t switch_to(const char *dir, bool flat, const char *next, cote_error_t *err)
{
    char line[48];
    snprintf(line, sizeof line, "auto %s\n", next);
    cote_status_t st = cote_gen_write_stub(dir, line, err);
    if (st)
        return st;
    fault_point("compact-switched");
    /* the switch, for a folder that held its data itself */
    char p[PATH_MAX];
    if (flat && join(p, sizeof p, dir, "iamglass") && unlink(p) != 0 && errno != ENOENT)
        return cote_error_set(err, COTE_IO, "%s: %s", p, strerror(errno));
    return COTE_OK;
}

cote_status_t cote_gen_start(const char *dir, char *path, size_t cap, cote_error_t *err)
{
    bool flat;
    char cur[32], next[32];
    live_data(dir, &flat, cur, sizeof cur);
    cote_status_t st = sweep_next(dir, flat, cur, NULL, next, sizeof next, err);
    if (!st && !join(path, cap, dir, next))
        st = cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    return st;
}

cote_status_t cote_gen_prepare_compact(const char *dir, const char *src, cote_gen_compaction_t *out,
                                       cote_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->started = now_s();
    bool flat;
    char cur[32];
    live_data(dir, &flat, cur, sizeof cur);
    out->flat = flat;
    if (!src && !flat && !cur[0])
        return cote_error_set(err, COTE_DB_OPEN, "%s: no database to compact", dir);
    if (flat ? snprintf(out->old, sizeof out->old, "%s", dir) >= (int)sizeof out->old
             : cur[0] && !join(out->old, sizeof out->old, dir, cur))
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    if (src && snprintf(out->spent, sizeof out->spent, "%s", src) >= (int)sizeof out->spent)
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", src);
    const char *from = src ? src : out->old;
    const char *base = src ? strrchr(src, '/') : NULL;
    cote_status_t st = sweep_next(dir, flat, cur, base ? base + 1 : src, out->next, sizeof out->next, err);
    if (!st && !join(out->now, sizeof out->now, dir, out->next))
        st = cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    if (st) {
        memset(out, 0, sizeof *out);
        return st;
    }
    out->bytes_before = src ? cote_gen_tree_bytes(src) : data_bytes(out->old, flat);
    st = cote_xdb_compact(from, out->now, err);
    if (!st)
        st = sync_dir(out->now, err);
    if (!st)
        fault_point("compact-copied");
    if (st) {
        cote_gen_remove_tree(out->now);
        memset(out, 0, sizeof *out);
        return st;
    }
    out->compacted = true;
    out->seconds = now_s() - out->started; /* the copy: not the wait for other shards */
    return COTE_OK;
}

cote_status_t cote_gen_prepare_switch(const char *dir, const char *path, cote_gen_compaction_t *out,
                                      cote_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->started = now_s();
    bool flat;
    char cur[32];
    live_data(dir, &flat, cur, sizeof cur);
    out->flat = flat;
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    if ((flat ? snprintf(out->old, sizeof out->old, "%s", dir) >= (int)sizeof out->old
              : cur[0] && !join(out->old, sizeof out->old, dir, cur)) ||
        snprintf(out->now, sizeof out->now, "%s", path) >= (int)sizeof out->now ||
        snprintf(out->next, sizeof out->next, "%s", name) >= (int)sizeof out->next) {
        memset(out, 0, sizeof *out);
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    }
    cote_status_t st = sync_dir(path, err);
    if (st)
        memset(out, 0, sizeof *out);
    return st;
}

cote_status_t cote_gen_commit(const char *dir, cote_gen_compaction_t *c, cote_error_t *err)
{
    if (!c->now[0])
        return COTE_OK;
    double t0 = now_s();
    cote_status_t st = switch_to(dir, c->flat, c->next, err);
    if (st) {
        /* unless the switch happened after all (only its directory sync failed) */
        char named[32];
        if (c->compacted && (!stub_generation(dir, named, sizeof named) || strcmp(named, c->next) != 0 ||
                             exists_in(dir, "iamglass")))
            cote_gen_remove_tree(c->now);
        memset(c, 0, sizeof *c);
        return st;
    }
    if (c->compacted)
        c->bytes_after = data_bytes(c->now, false);
    c->seconds += now_s() - t0;
    c->switched = true;
    return COTE_OK;
}

void cote_gen_abandon(const cote_gen_compaction_t *c)
{
    /* a compacted copy goes; a build generation is its owner's to remove */
    if (c->now[0] && c->compacted && !c->switched)
        cote_gen_remove_tree(c->now);
}

void cote_gen_drop_old(const char *dir, const cote_gen_compaction_t *c)
{
    if (!c->now[0] || !c->switched)
        return;
    if (c->spent[0])
        cote_gen_remove_tree(c->spent);
    if (!c->old[0])
        return;
    if (strcmp(c->old, dir) != 0) {
        cote_gen_remove_tree(c->old);
        return;
    }
    char p[PATH_MAX];
    for (size_t i = 0; i < sizeof glass_files / sizeof *glass_files; i++) {
        if (join(p, sizeof p, dir, glass_files[i]))
            unlink(p);
        if (i == 1)
            fault_point("compact-dropping");
    }
}

void cote_gen_remove_all(const char *dir)
{
    char p[PATH_MAX];
    if (cote_gen_is_stub(dir) && join(p, sizeof p, dir, COTE_GEN_STUB))
        unlink(p);
    sweep(dir, NULL, NULL);
}
