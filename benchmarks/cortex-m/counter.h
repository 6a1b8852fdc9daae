/* The instruction counter: SysTick on the processor clock, read before and
 * after the code being measured. Under QEMU's -icount shift=0 every guest
 * instruction advances virtual time by exactly 1 ns, so SysTick ticks count
 * instructions: 40 per tick on the mps2 boards (25 MHz), 31.25 on mps3-an547
 * (32 MHz). The ratio is not assumed but calibrated in the image on a loop of
 * exactly 10,000,000 instructions (counter_calibrate). */
#ifndef INGOT_CORTEX_M_COUNTER_H
#define INGOT_CORTEX_M_COUNTER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Instructions the calibration loop executes.
#define COUNTER_CALIBRATION_INSTRUCTIONS 10000000u

/// Starts SysTick from zero: processor clock, reload 0xFFFFFF, interrupt on
/// each wrap (CSR = 7). Interrupts must be enabled for wraps to be counted.
void counter_start(void);
/// Ticks since counter_start, wraps included.
uint64_t counter_ticks(void);
/// Ticks taken by a subs/bne loop of exactly 10,000,000 instructions.
uint64_t counter_calibrate(void);
/// Instructions in `ticks`, given the calibration: ticks x 10,000,000 /
/// calibration_ticks, rounded to the nearest instruction.
uint64_t counter_instructions(uint64_t ticks, uint64_t calibration_ticks);

#ifdef __cplusplus
}
#endif

#endif /* INGOT_CORTEX_M_COUNTER_H */
