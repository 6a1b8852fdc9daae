/* This file implements the SysTick instruction counter (counter.h) and its
 * interrupt handler, which counts the wraps of the 24-bit down-counter. */
#include "counter.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04u)

#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2) /* processor clock, not the reference */
#define SCB_ICSR_PENDSTSET (1u << 26)
#define SCB_ICSR_PENDSTCLR (1u << 25)
#define RELOAD 0xFFFFFFu

static volatile uint32_t wraps;

void SysTick_Handler(void) { wraps = wraps + 1; }

void counter_start(void) {
  SYST_CSR = 0;
  SYST_RVR = RELOAD;
  SYST_CVR = 0; /* any write clears the counter */
  SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
  /* The counter loads the reload value on its first tick. Count from there:
   * the step from 0 to the reload value is not a wrap. */
  while (SYST_CVR == 0) {
  }
  __asm__ volatile("cpsid i" ::: "memory");
  SCB_ICSR = SCB_ICSR_PENDSTCLR;
  wraps = 0;
  __asm__ volatile("cpsie i" ::: "memory");
}

static void wait_for_tick(void) {
  uint32_t start = SYST_CVR;
  while (SYST_CVR == start) {
  }
}

uint64_t counter_ticks(void) {
  uint32_t primask;
  __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
  uint32_t wrap_count = wraps;
  uint32_t current = SYST_CVR;
  /* With interrupts masked, a wrap since the handler last ran shows as a
   * pending SysTick. Read the counter again, after the pending bit, so that
   * the value and the wrap count agree. */
  if (SCB_ICSR & SCB_ICSR_PENDSTSET) {
    current = SYST_CVR;
    ++wrap_count;
  }
  __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
  return ((uint64_t)wrap_count << 24) + (RELOAD - current);
}

uint64_t counter_calibrate(void) {
  /* Start just after a tick, so that the few instructions of the two reads
   * never push the end past the next one: the loop then reads exactly
   * 10,000,000 / instructions per tick. */
  wait_for_tick();
  uint64_t start = counter_ticks();
  /* Two instructions load the count, then 4,999,999 iterations of two:
   * 2 + 2 x 4,999,999 = 10,000,000 instructions. */
  __asm__ volatile("movw r0, #(4999999 & 0xffff)\n\t"
                   "movt r0, #(4999999 >> 16)\n"
                   "1:\n\t"
                   "subs r0, r0, #1\n\t"
                   "bne 1b" ::
                       : "r0", "cc");
  return counter_ticks() - start;
}

uint64_t counter_instructions(uint64_t ticks, uint64_t calibration_ticks) {
  if (calibration_ticks == 0)
    return 0;
  return (ticks * COUNTER_CALIBRATION_INSTRUCTIONS + calibration_ticks / 2) /
         calibration_ticks;
}
