/* Output and exit through Arm semihosting (`bkpt 0xab`), which QEMU serves
 * when started with -semihosting. This is the harness's only I/O: there is no
 * UART driver and no printf. Text is collected into a line buffer and written
 * with one SYS_WRITE0 call per line, so a line costs one trap into QEMU. */
#ifndef INGOT_CORTEX_M_SEMIHOSTING_H
#define INGOT_CORTEX_M_SEMIHOSTING_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Appends text to the current line; a '\n' in it ends the line and writes it.
void out_str(const char *text);
/// Appends an unsigned number in decimal.
void out_u64(uint64_t value);
/// Appends a number as 0x followed by eight hexadecimal digits.
void out_hex32(uint32_t value);
/// Ends the current line and writes it.
void out_line(void);

/// Stops the emulator with `status` as its exit status (SYS_EXIT_EXTENDED).
__attribute__((noreturn)) void semihosting_exit(int status);

#ifdef __cplusplus
}
#endif

#endif /* INGOT_CORTEX_M_SEMIHOSTING_H */
