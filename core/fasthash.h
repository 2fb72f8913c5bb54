/* fasthash.h: a fast hash and a fast compare for short byte strings, for the
 * caches of the hot paths (analysis/ word cache, indexer/ lexicon cache).
 *
 * The hash reads eight bytes at a time and ends with MurmurHash3's finaliser,
 * so every byte reaches the low bits that pick a slot; it never returns 0
 * (caches use 0 for an empty slot). Not for anything an attacker could aim
 * at: caches only. Pure functions, thread-safe.
 */
#ifndef COTE_FASTHASH_H
#define COTE_FASTHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Hash of w[0..n), starting from seed (mix the length or a kind into it). */
static inline uint32_t cote_fast_hash(const char *w, size_t n, uint64_t seed)
{
    uint64_t h = seed;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, w, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
        w += 8;
        n -= 8;
    }
    /* the last 0-7 bytes: two overlapping 4-byte loads, or three bytes (the
     * length is in the seed, so overlaps cannot make equal hashes collide more) */
    uint64_t v = 0;
    if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, w, 4);
        memcpy(&y, w + n - 4, 4);
        v = (uint64_t)x << 32 | y;
    } else if (n > 0) {
        v = (uint64_t)(unsigned char)w[0] << 16 | (uint64_t)(unsigned char)w[n / 2] << 8 | (unsigned char)w[n - 1];
    }
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ull; /* then MurmurHash3's finaliser: every bit */
    h ^= h >> 33;                          /* of the word reaches the low bits that */
    h *= 0xFF51AFD7ED558CCDull;            /* pick the slot */
    h ^= h >> 33;
    return (uint32_t)h | 1;
}

/* Whether a[0..n) and b[0..n) are equal: a few word-sized compares (the last
 * one overlapping) instead of a call, for short words. */
static inline bool cote_bytes_equal(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return false;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x, y, z, t;
        memcpy(&x, a, 4);
        memcpy(&y, b, 4);
        memcpy(&z, a + n - 4, 4);
        memcpy(&t, b + n - 4, 4);
        return x == y && z == t;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

#endif
