/* What the startup code (startup.c) tells the harness about the machine. */
#ifndef INGOT_CORTEX_M_STARTUP_H
#define INGOT_CORTEX_M_STARTUP_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Bytes of stack used so far: the reset handler fills the stack with a
/// pattern, and this finds the deepest word that no longer holds it.
uint32_t startup_stack_bytes_used(void);
/// Bytes reserved for the stack by the linker script.
uint32_t startup_stack_bytes(void);

#ifdef __cplusplus
}
#endif

#endif /* INGOT_CORTEX_M_STARTUP_H */
