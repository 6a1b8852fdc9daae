/* The per-layer profile. The generated code calls
 * INGOT_PROFILE_LAYER_BEGIN(index, "layer name", "TFLITE_OP", macs) right
 * before each layer's kernel and INGOT_PROFILE_LAYER_END(...) with the same
 * arguments right after it; ingot/runtime/config.h defines both as nothing
 * unless they are already defined. The profiling build compiles the model
 * with `-include profile.h -DINGOT_HARNESS_PROFILE`, which routes the hooks
 * here; `ingot profile --qemu` does the same. */
#ifndef INGOT_CORTEX_M_PROFILE_H
#define INGOT_CORTEX_M_PROFILE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Reads the counter at the start of one layer.
void harness_profile_layer_begin(void);
/// Reads the counter at the end of one layer and records the layer.
void harness_profile_layer_end(int index, const char *name, const char *op,
                               uint64_t macs);

/// Starts recording layers; `start_ticks` is the counter when the invoke
/// began.
void profile_begin(uint64_t start_ticks);
/// Stops recording; the ticks outside every layer are kept apart.
void profile_end(uint64_t end_ticks);
/// Prints one line per layer and one per operator kind (README.md).
void profile_print(uint64_t calibration_ticks);
/// Times `pairs` hook pairs around nothing (what the hooks themselves add to
/// each layer's figure) and prints `hooks pairs=... ticks=...
/// instructions=...`. Overwrites the recorded layers: print them first.
void profile_measure_hooks(unsigned pairs, uint64_t calibration_ticks);

#ifdef __cplusplus
}
#endif

/* Calls rather than inline counter reads: hooks of any kind change how the
 * compiler optimizes model_invoke a little (even an empty `asm volatile`
 * adds 0.3% to mlperf_kws_int8 at -O2 on the M4), and inline reads and
 * stores changed it more than calls do. */
#ifdef INGOT_HARNESS_PROFILE
#define INGOT_PROFILE_LAYER_BEGIN(index, name, op, macs)                       \
  harness_profile_layer_begin()
#define INGOT_PROFILE_LAYER_END(index, name, op, macs)                         \
  harness_profile_layer_end((index), (name), (op), (macs))
#endif

#endif /* INGOT_CORTEX_M_PROFILE_H */
