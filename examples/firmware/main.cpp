// Keyword spotting on a microcontroller: runs the MLPerf Tiny DS-CNN, compiled
// by ingot at build time (ingot_add_model in CMakeLists.txt), on MFCC
// features embedded in flash, and prints each sample's word and score.
//
// The same file builds for the host (console_host.c) and, with the
// arm-none-eabi toolchain file, as a bare-metal image for QEMU's mps2-an386
// (ingot's QEMU startup code and semihosting console).
#include "kws.h"
#include "samples.h"
#include "semihosting.h"

#include <stdint.h>

namespace {

// The model's output classes, in its order (the MLPerf Tiny KWS labels).
const char *const kWords[] = {"Down", "Go",  "Left",    "No",
                              "Off",  "On",  "Right",   "Stop",
                              "Up",   "Yes", "Silence", "Unknown"};
static_assert(sizeof(kWords) / sizeof(kWords[0]) == KWS_OUTPUT0_ELEMENTS,
              "one word per output of the model");

// One static arena: no heap. The header asks for 16-byte alignment.
alignas(16) uint8_t arena[KWS_ARENA_BYTES];
KWS_INPUT0_TYPE input[KWS_INPUT0_ELEMENTS];
KWS_OUTPUT0_TYPE output[KWS_OUTPUT0_ELEMENTS];

// Quantizes a feature as TFLite does for an int8 input: divide by the scale,
// round half away from zero, add the zero point, saturate.
KWS_INPUT0_TYPE quantizeInput(float value) {
  float scaled = value / KWS_INPUT0_SCALE;
  int32_t rounded =
      static_cast<int32_t>(scaled >= 0.0f ? scaled + 0.5f : scaled - 0.5f);
  int32_t quantized = rounded + KWS_INPUT0_ZERO_POINT;
  if (quantized < -128)
    return -128;
  if (quantized > 127)
    return 127;
  return static_cast<KWS_INPUT0_TYPE>(quantized);
}

} // namespace

int main() {
  static_assert(SAMPLE_FEATURES == KWS_INPUT0_ELEMENTS,
                "the embedded features are the model's input");
  kws_init(arena);
  for (int sample = 0; sample < SAMPLE_COUNT; ++sample) {
    for (int i = 0; i < KWS_INPUT0_ELEMENTS; ++i)
      input[i] = quantizeInput(kSampleFeatures[sample][i]);
    kws_invoke(input, output, arena);

    int best = 0;
    for (int i = 1; i < KWS_OUTPUT0_ELEMENTS; ++i)
      if (output[i] > output[best])
        best = i;
    // The softmax output, dequantized, as a whole percentage.
    float probability =
        (output[best] - KWS_OUTPUT0_ZERO_POINT) * KWS_OUTPUT0_SCALE;
    out_str("sample ");
    out_u64(static_cast<uint64_t>(kSampleRow[sample]));
    out_str(": ");
    out_str(kWords[best]);
    out_str(" (");
    out_u64(static_cast<uint64_t>(probability * 100.0f + 0.5f));
    out_str("%)\n");
  }
  return 0;
}
