/* The console of semihosting.h on the host, so that the firmware's main also
 * runs as an ordinary program: standard output and exit. */
#include "semihosting.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

void out_str(const char *text) { fputs(text, stdout); }

void out_u64(uint64_t value) { printf("%" PRIu64, value); }

void out_hex32(uint32_t value) { printf("0x%08" PRIx32, value); }

void out_line(void) { putchar('\n'); }

void semihosting_exit(int status) { exit(status); }
