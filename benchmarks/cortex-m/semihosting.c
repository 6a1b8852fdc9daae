/* This file implements the harness's console and exit on Arm semihosting:
 * the operation number goes in r0, its argument in r1, and `bkpt 0xab` traps
 * into the debugger (here QEMU), which returns a result in r0. */
#include "semihosting.h"

enum {
  SYS_WRITE0 = 0x04,
  SYS_EXIT = 0x18,
  SYS_EXIT_EXTENDED = 0x20,
  ADP_STOPPED_RUN_TIME_ERROR = 0x20023,
  ADP_STOPPED_APPLICATION_EXIT = 0x20026,
};

static uint32_t semihosting_call(uint32_t operation, const void *argument) {
  register uint32_t r0 __asm__("r0") = operation;
  register const void *r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

/* Long layer names are cut to fit; a line never spans two writes. */
static char line[512];
static unsigned line_length;

void out_line(void) {
  line[line_length++] = '\n';
  line[line_length] = '\0';
  semihosting_call(SYS_WRITE0, line);
  line_length = 0;
}

static void out_char(char c) {
  if (c == '\n') {
    out_line();
    return;
  }
  if (line_length + 2 < sizeof line)
    line[line_length++] = c;
}

void out_str(const char *text) {
  for (; *text; ++text)
    out_char(*text);
}

void out_u64(uint64_t value) {
  char digits[20];
  unsigned count = 0;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0)
    out_char(digits[--count]);
}

void out_hex32(uint32_t value) {
  out_str("0x");
  for (int shift = 28; shift >= 0; shift -= 4)
    out_char("0123456789abcdef"[(value >> shift) & 0xf]);
}

void semihosting_exit(int status) {
  if (line_length != 0)
    out_line();
  /* The 32-bit SYS_EXIT carries no status, only a reason; the extended call
   * takes {reason, status}. */
  const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status};
  semihosting_call(SYS_EXIT_EXTENDED, block);
  /* A host without the extended call: exit with the reason alone (status 0
   * for success, anything else for failure). */
  const uint32_t reason =
      status == 0 ? ADP_STOPPED_APPLICATION_EXIT : ADP_STOPPED_RUN_TIME_ERROR;
  semihosting_call(SYS_EXIT, (const void *)(uintptr_t)reason);
  for (;;) {
  }
}
