/* fuzz.h: the entry point every fuzz target defines, called by libFuzzer
 * (clang -fsanitize=fuzzer) or by replay.c over files. A target returns 0
 * and aborts on any broken invariant. */
#ifndef COTE_FUZZ_H
#define COTE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
