/* progress.c: the progress line of `cote index` (progress.h). */
#define _GNU_SOURCE /* nftw FTW_ACTIONRETVAL: skip hidden folders as the indexer does */
#include "progress.h"

#include <ftw.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define TTY_EVERY_S 0.2
#define LOG_EVERY_S 30.0

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static int is_input(const char *path)
{
    size_t n = strlen(path);
    return (n > 4 && strcasecmp(path + n - 4, ".txt") == 0) || (n > 4 && strcasecmp(path + n - 4, ".pdf") == 0);
}

/* nftw has no context argument: the walk fills this one progress. */
static cote_progress_t *counting;

static int count_file(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)ftw;
    const char *base = strrchr(path, '/');
    if (base && base[1] == '.' && ftw->level > 0)
        return flag == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE; /* hidden, as the indexer skips them */
    if (flag == FTW_F && is_input(path)) {
        counting->files_total++;
        counting->bytes_total += (unsigned long long)sb->st_size;
    }
    return FTW_CONTINUE;
}

void cote_progress_start(cote_progress_t *p, FILE *out, char *const *paths, int n)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->tty = isatty(fileno(out));
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
    if (!p->tty)
        return;
    counting = p;
    for (int i = 0; i < n; i++)
        nftw(paths[i], count_file, 32, FTW_PHYS | FTW_ACTIONRETVAL);
    counting = NULL;
}

static void print_line(cote_progress_t *p, double secs)
{
    double mb = (double)p->bytes_done / 1e6, rate = secs > 0 ? mb / secs : 0;
    if (!p->tty) {
        fprintf(p->out, "cote: %lu files, %.1f MB in %.0f s (%.2f MB/s)\n", p->files_done, mb, secs, rate);
        return;
    }
    fprintf(p->out, "\r\033[K%lu/%lu files, %.1f/%.1f MB, %.2f MB/s", p->files_done, p->files_total, mb,
            (double)p->bytes_total / 1e6, rate);
    if (rate > 0 && p->bytes_total > p->bytes_done) {
        double left = ((double)(p->bytes_total - p->bytes_done) / 1e6) / rate;
        fprintf(p->out, ", %.0f min %02.0f s left", left / 60 >= 1 ? (double)(long)(left / 60) : 0.0,
                left - 60 * (double)(long)(left / 60));
    }
    fflush(p->out);
    p->shown = true;
}

void cote_progress_step(cote_progress_t *p, unsigned long long file_bytes)
{
    p->files_done++;
    p->bytes_done += file_bytes;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (since(&p->last, &now) < (p->tty ? TTY_EVERY_S : LOG_EVERY_S))
        return;
    p->last = now;
    print_line(p, since(&p->start, &now));
}

void cote_progress_clear(cote_progress_t *p)
{
    if (p->shown) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
        p->shown = false;
    }
}
