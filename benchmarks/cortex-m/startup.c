/* This file implements the bare-metal start of the benchmark images: the
 * vector table, the reset handler (FPU/MVE access, .data and .bss, C++
 * constructors, main, exit through semihosting) and a fault handler that
 * prints the fault status registers and stops the emulator with status 1.
 * The linker scripts (mps2.ld, mps3-an547.ld, sections.ld) provide the
 * symbols used here. */
#include "startup.h"
#include "semihosting.h"

#include <stdint.h>
#include <string.h>

#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04u)
#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24u)
#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28u)
#define SCB_HFSR (*(volatile uint32_t *)0xE000ED2Cu)
#define SCB_MMFAR (*(volatile uint32_t *)0xE000ED34u)
#define SCB_BFAR (*(volatile uint32_t *)0xE000ED38u)
#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)

/* SHCSR: MemManage, BusFault and UsageFault get their own handlers rather than
 * escalating to HardFault, so the exception number names the fault. */
#define SHCSR_FAULTS_ENABLE ((1u << 16) | (1u << 17) | (1u << 18))
/* CPACR: full access to coprocessors 10 and 11, the FPU (and, on Armv8.1-M,
 * the MVE registers, which share them). */
#define CPACR_CP10_CP11_FULL (0xFu << 20)
#define STACK_PATTERN 0x5AC3A55Cu

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_bottom[], __stack_top[];
extern void (*__preinit_array_start[])(void);
extern void (*__preinit_array_end[])(void);
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);
void SysTick_Handler(void); /* counter.c */
void Reset_Handler(void);
void Fault_Handler(void);

/* The 16 system exception vectors; no device interrupt is ever enabled. */
struct vector_table {
  uint32_t *initial_stack_pointer;
  void (*handlers[15])(void);
};

#define VECTORS_SECTION __attribute__((used, section(".vectors")))
static const struct vector_table vectors VECTORS_SECTION = {
    __stack_top,
    {
        Reset_Handler, /* 1 */
        Fault_Handler, /* 2 NMI */
        Fault_Handler, /* 3 HardFault */
        Fault_Handler, /* 4 MemManage */
        Fault_Handler, /* 5 BusFault */
        Fault_Handler, /* 6 UsageFault */
        Fault_Handler, /* 7 SecureFault (Armv8-M) */
        0,
        0,
        0,
        Fault_Handler, /* 11 SVCall */
        Fault_Handler, /* 12 DebugMonitor */
        0,
        Fault_Handler,   /* 14 PendSV */
        SysTick_Handler, /* 15 */
    },
};

uint32_t startup_stack_bytes(void) {
  return (uint32_t)((uintptr_t)__stack_top - (uintptr_t)__stack_bottom);
}

uint32_t startup_stack_bytes_used(void) {
  const uint32_t *word = __stack_bottom;
  while (word < __stack_top && *word == STACK_PATTERN)
    ++word;
  return (uint32_t)((uintptr_t)__stack_top - (uintptr_t)word);
}

void Reset_Handler(void) {
  /* First, before any code that the compiler might give FPU or MVE
   * instructions (a vectorized copy loop, say). */
  SCB_CPACR |= CPACR_CP10_CP11_FULL;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
  /* Armv8-M checks the stack limit in hardware: an overflow faults at once. */
  __asm__ volatile("msr msplim, %0" ::"r"(__stack_bottom));
#endif
  SCB_SHCSR |= SHCSR_FAULTS_ENABLE;

  memcpy(__data_start, __data_load,
         (size_t)((uintptr_t)__data_end - (uintptr_t)__data_start));
  memset(__bss_start, 0,
         (size_t)((uintptr_t)__bss_end - (uintptr_t)__bss_start));

  /* Fill the free stack, below this frame, for startup_stack_bytes_used. */
  uint32_t *sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (volatile uint32_t *word = __stack_bottom; word < sp - 16; ++word)
    *word = STACK_PATTERN;

  for (void (**init)(void) = __preinit_array_start; init != __preinit_array_end;
       ++init)
    (*init)();
  for (void (**init)(void) = __init_array_start; init != __init_array_end;
       ++init)
    (*init)();

  semihosting_exit(main());
}

void fault_report(const uint32_t *frame);

/* Finds the stacked registers (on the main or the process stack, from
 * EXC_RETURN bit 2) and hands them to fault_report. */
__attribute__((naked)) void Fault_Handler(void) {
  __asm__ volatile("tst lr, #4\n\t"
                   "ite eq\n\t"
                   "mrseq r0, msp\n\t"
                   "mrsne r0, psp\n\t"
                   "b fault_report");
}

void fault_report(const uint32_t *frame) {
  out_str("ingot-harness fault exception=");
  out_u64(SCB_ICSR & 0x1ffu);
  out_str(" CFSR=");
  out_hex32(SCB_CFSR);
  out_str(" HFSR=");
  out_hex32(SCB_HFSR);
  out_str(" MMFAR=");
  out_hex32(SCB_MMFAR);
  out_str(" BFAR=");
  out_hex32(SCB_BFAR);
  out_str(" PC=");
  out_hex32(frame[6]);
  out_str(" LR=");
  out_hex32(frame[5]);
  out_line();
  semihosting_exit(1);
}
