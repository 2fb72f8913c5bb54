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

/* Removes every generation folder of dir but keep (NULL: all); returns the
 * highest generation number seen, or -1. */
static long sweep(const char *dir, const char *keep)
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
        if ((!keep || strcmp(e->d_name, keep) != 0) && join(p, sizeof p, dir, e->d_name))
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

/* Points dir's stub at generation name, whole or not at all. */
static cote_status_t write_stub(const char *dir, const char *name, cote_error_t *err)
{
    char tmp[PATH_MAX], stub[PATH_MAX];
    if (!join(tmp, sizeof tmp, dir, COTE_GEN_STUB ".tmp") || !join(stub, sizeof stub, dir, COTE_GEN_STUB))
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return cote_error_set(err, COTE_IO, "%s: %s", tmp, strerror(errno));
    int bad = fprintf(f, "auto %s\n", name) < 0;
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

cote_status_t cote_gen_compact(const char *dir, cote_gen_compaction_t *out, cote_error_t *err)
{
    memset(out, 0, sizeof *out);
    double t0 = now_s();
    char cur[32] = "";
    bool flat = exists_in(dir, "iamglass"); /* Xapian reads these first, stub or not */
    if (!flat && !stub_generation(dir, cur, sizeof cur))
        return cote_error_set(err, COTE_DB_OPEN, "%s: no database to compact", dir);
    if (!(flat ? snprintf(out->old, sizeof out->old, "%s", dir) < (int)sizeof out->old
               : join(out->old, sizeof out->old, dir, cur)))
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    /* leftovers of a compaction that was stopped go first: other generations,
     * and the tables of a folder that was moved into one */
    long high = sweep(dir, flat ? NULL : cur);
    for (size_t i = 0; !flat && i < sizeof glass_files / sizeof *glass_files; i++) {
        char p[PATH_MAX];
        if (join(p, sizeof p, dir, glass_files[i]))
            unlink(p);
    }
    char next[32];
    snprintf(next, sizeof next, "g%ld", high + 1);
    if (!join(out->now, sizeof out->now, dir, next))
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", dir);
    out->bytes_before = data_bytes(out->old, flat);
    cote_status_t st = cote_xdb_compact(out->old, out->now, err);
    if (!st)
        st = sync_dir(out->now, err);
    if (!st)
        fault_point("compact-copied");
    if (!st)
        st = write_stub(dir, next, err);
    if (st) {
        cote_gen_remove_tree(out->now);
        out->now[0] = '\0';
        out->old[0] = '\0';
        return st;
    }
    fault_point("compact-switched");
    /* the switch, for a folder that held its data itself */
    char p[PATH_MAX];
    if (flat && join(p, sizeof p, dir, "iamglass") && unlink(p) != 0 && errno != ENOENT)
        return cote_error_set(err, COTE_IO, "%s: %s", p, strerror(errno));
    out->bytes_after = data_bytes(out->now, false);
    out->seconds = now_s() - t0;
    return COTE_OK;
}

void cote_gen_drop_old(const char *dir, const cote_gen_compaction_t *c)
{
    if (!c->old[0] || !c->now[0])
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
    sweep(dir, NULL);
}
