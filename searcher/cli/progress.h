/* progress.h: how far `cote index` has got, for the person waiting.
 *
 * On a terminal (stderr), one line rewritten in place at most five times a
 * second: files done of the files found, MB, MB/s and the time left.
 * Otherwise (a log, a cron job) a plain line every 30 seconds. The files
 * found come from a walk of the paths before the run (stat only), done
 * only for a terminal, where the time left is shown.
 *
 * Ownership: all state is in the caller's cote_progress_t; paths are
 * borrowed. Not thread-safe: call from one thread at a time (the indexer's
 * outcome callback is serialised).
 */
#ifndef COTE_PROGRESS_H
#define COTE_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

typedef struct {
    FILE *out;
    bool tty;
    unsigned long files_total, files_done;
    unsigned long long bytes_total, bytes_done;
    struct timespec start, last;
    bool shown; /* a line is on the terminal, to be cleared */
} cote_progress_t;

/* Starts counting; walks paths[0..n) for the totals when out is a terminal. */
void cote_progress_start(cote_progress_t *p, FILE *out, char *const *paths, int n);
/* One file done, of file_bytes on disk; prints when it is time. */
void cote_progress_step(cote_progress_t *p, unsigned long long file_bytes);
/* Clears the terminal line, before other output and at the end. */
void cote_progress_clear(cote_progress_t *p);

#endif
