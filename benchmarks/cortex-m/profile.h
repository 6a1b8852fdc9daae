/* The per-layer profile. The generated code calls
 * INGOT_PROFILE_LAYER(index, "layer name", "TFLITE_OP") right after each
 * layer's kernel; ingot/runtime/config.h defines it as nothing unless it is
 * already defined. The profiling build compiles the model with
 * `-include profile.h -DINGOT_HARNESS_PROFILE`, which routes the hook here. */
#ifndef INGOT_CORTEX_M_PROFILE_H
#define INGOT_CORTEX_M_PROFILE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Records the counter at the end of one layer.
void harness_profile_layer(int index, const char *name, const char *op);

/// Starts recording layers, counting the first from `start_ticks`.
void profile_begin(uint64_t start_ticks);
/// Stops recording; the ticks after the last layer are kept apart.
void profile_end(uint64_t end_ticks);
/// Prints one line per layer and one per operator kind (README.md).
void profile_print(uint64_t calibration_ticks);

#ifdef __cplusplus
}
#endif

#ifdef INGOT_HARNESS_PROFILE
#define INGOT_PROFILE_LAYER(index, name, op)                                   \
  harness_profile_layer((index), (name), (op))
#endif

#endif /* INGOT_CORTEX_M_PROFILE_H */
