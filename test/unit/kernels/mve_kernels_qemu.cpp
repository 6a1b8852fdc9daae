//===- mve_kernels_qemu.cpp - The MVE kernels on a Cortex-M55 -------------===//
//
// This file implements a bare-metal program that runs the checks of
// mve_kernels_check.h with the real MVE instructions on QEMU's mps3-an547
// (Cortex-M55), then times each kernel, both forms, on layer shapes of the
// MLPerf Tiny models with the SysTick instruction counter of
// benchmarks/cortex-m (counter.h) and prints instructions per MAC. It exits
// with 0 when every check passed, 1 otherwise. run_mve_kernels_qemu.sh
// builds and runs it twice: with the kernels' assembly, and with
// INGOT_MVE_ASM=0 (the intrinsics the kernels fall back to without
// optimization; checks only).
//
//===----------------------------------------------------------------------===//
#include "counter.h"
#include "semihosting.h"

#include "mve_kernels_check.h"

namespace {

using ingot::Conv2DParams;
using ingot::FullyConnectedParams;
using mve_check::Outcome;

int32_t failed_checks = 0;

void report(const char *name, const Outcome &outcome) {
  out_str(outcome.failures == 0 ? "PASS " : "FAIL ");
  out_str(name);
  out_str(": ");
  out_u64(static_cast<uint64_t>(outcome.cases));
  out_str(" cases");
  if (outcome.failures != 0) {
    out_str(", ");
    out_u64(static_cast<uint64_t>(outcome.failures));
    out_str(" failed; first: ");
    out_str(outcome.first.text);
    ++failed_checks;
  }
  out_line();
}

//===----------------------------------------------------------------------===//
// Timing
//===----------------------------------------------------------------------===//

uint64_t calibration_ticks = 0;

// Layers of mlperf_ic_int8 (IC), mlperf_kws_int8 (KWS), mlperf_vww_int8 and
// person_detect_int8 (VWW), some with fewer pixels so they fit the buffers.
// Fields: batches, input h w c, filter h w, output h w c, stride h w,
// dilation h w, pad top left, depth multiplier, input and output offset,
// activation min max, single_rounding_exact.
constexpr Conv2DParams kIcConv16{1,  32, 32,  16,   3,    3,   32,
                                 32, 16, 1,   1,    1,    1,   1,
                                 1,  1,  128, -128, -128, 127, false};
constexpr Conv2DParams kIcConv32{1,  16, 16,  32,   3,    3,   16,
                                 16, 32, 1,   1,    1,    1,   1,
                                 1,  1,  128, -128, -128, 127, false};
constexpr Conv2DParams kIcConv64{1, 8, 8, 64, 3, 3,   8,    8,    64,  1,    1,
                                 1, 1, 1, 1,  1, 128, -128, -128, 127, false};
constexpr Conv2DParams kIcFirst{1, 32, 32, 3, 3, 3, 32,   32,   16,  1,    1,
                                1, 1,  1,  1, 1, 5, -128, -128, 127, false};
constexpr Conv2DParams kKwsFirst{1, 49, 10, 1, 10, 4,  25,   5,    64,  2,    2,
                                 1, 1,  4,  1, 1,  83, -128, -128, 127, false};
constexpr Conv2DParams kKwsPointwise{1, 25, 5,   64,   1,    1,   25,
                                     5, 64, 1,   1,    1,    1,   0,
                                     0, 1,  128, -128, -128, 127, false};
constexpr Conv2DParams kKwsDepthwise{1, 25, 5,   64,   3,    3,   25,
                                     5, 64, 1,   1,    1,    1,   1,
                                     1, 1,  128, -128, -128, 127, false};
constexpr Conv2DParams kVwwDepthwise8{1,  48, 48,  8,    3,    3,   48,
                                      48, 8,  1,   1,    1,    1,   1,
                                      1,  1,  128, -128, -128, 127, false};
constexpr Conv2DParams kVwwPointwise8{1,  24, 24,  8,    1,    1,   24,
                                      24, 16, 1,   1,    1,    1,   0,
                                      0,  1,  128, -128, -128, 127, false};
constexpr Conv2DParams kVwwDepthwise32{1,  24, 24,  32,   3,    3,   24,
                                       24, 32, 1,   1,    1,    1,   1,
                                       1,  1,  128, -128, -128, 127, false};
constexpr Conv2DParams kVwwDepthwise128{1, 6,   6,   128,  3,    3,   6,
                                        6, 128, 1,   1,    1,    1,   1,
                                        1, 1,   128, -128, -128, 127, false};
constexpr Conv2DParams kVwwPointwise128{1, 6,   6,   128,  1,    1,   6,
                                        6, 128, 1,   1,    1,    1,   0,
                                        0, 1,   128, -128, -128, 127, false};
constexpr FullyConnectedParams kKwsFullyConnected{
    1, 64, 12, 128, -20, 1317034426, -7, -128, 127, false};

/// Instructions of one call of `kernel` on the data of the last run_conv.
uint64_t time_conv(const Conv2DParams &p, bool depthwise,
                   mve_check::ConvKernel kernel) {
  mve_check::Buffers &b = mve_check::buffers();
  const int32_t scratch_bytes =
      depthwise ? ingot::mve::depthwise_conv2d_s8_scratch_bytes(p)
                : ingot::mve::conv2d_s8_scratch_bytes(p);
  uint8_t *scratch = mve_check::prepare_scratch(scratch_bytes);
  const uint64_t start = counter_ticks();
  kernel(p, b.input, b.packed, b.folded, b.actual, b.multipliers, b.shifts,
         scratch);
  const uint64_t ticks = counter_ticks() - start;
  return counter_instructions(ticks, calibration_ticks);
}

void print_rate(const char *name, const char *form, uint64_t instructions,
                int64_t macs) {
  out_str("  ");
  out_str(name);
  out_str(form);
  out_u64(instructions);
  out_str(" instructions, ");
  out_u64(static_cast<uint64_t>(macs));
  out_str(" MACs, ");
  // Three decimals of instructions per MAC.
  const uint64_t milli =
      (instructions * 1000 + static_cast<uint64_t>(macs) / 2) /
      static_cast<uint64_t>(macs);
  out_u64(milli / 1000);
  out_str(".");
  out_u64(milli / 100 % 10);
  out_u64(milli / 10 % 10);
  out_u64(milli % 10);
  out_str(" per MAC");
  out_line();
}

/// Checks both forms on `P` once (new random data) and prints their
/// instructions per MAC.
template <const Conv2DParams &P, bool Depthwise>
void time_conv_layer(mve_check::Rng &rng, const char *name, Outcome &outcome) {
  constexpr bool depthwise = Depthwise;
  mve_check::ConvKernel kernels[2];
  if constexpr (Depthwise) {
    kernels[0] = mve_check::depthwise_compact;
    kernels[1] = mve_check::depthwise_specialized<P>;
  } else {
    kernels[0] = mve_check::conv_compact;
    kernels[1] = mve_check::conv_specialized<P>;
  }
  if (!mve_check::run_conv(rng, P, depthwise, kernels, 2, outcome)) {
    out_str("  ");
    out_str(name);
    out_str(": does not fit the buffers");
    out_line();
    ++failed_checks;
    return;
  }
  const int64_t macs = int64_t{P.batches} * P.output_h * P.output_w *
                       P.output_c * P.filter_h * P.filter_w *
                       (depthwise ? 1 : P.input_c);
  print_rate(name,
             " (shape-specialized): ", time_conv(P, depthwise, kernels[1]),
             macs);
  print_rate(name, " (compact): ", time_conv(P, depthwise, kernels[0]), macs);
}

void time_layers(mve_check::Rng &rng) {
  Outcome outcome;
  out_str("Instructions per MAC (one call each):");
  out_line();
  time_conv_layer<kIcFirst, false>(rng, "IC conv 3x3 3->16 32x32", outcome);
  time_conv_layer<kIcConv16, false>(rng, "IC conv 3x3 16->16 32x32", outcome);
  time_conv_layer<kIcConv32, false>(rng, "IC conv 3x3 32->32 16x16", outcome);
  time_conv_layer<kIcConv64, false>(rng, "IC conv 3x3 64->64 8x8", outcome);
  time_conv_layer<kKwsFirst, false>(rng, "KWS conv 10x4 1->64 s2", outcome);
  time_conv_layer<kKwsPointwise, false>(rng, "KWS conv 1x1 64->64 25x5",
                                        outcome);
  time_conv_layer<kKwsDepthwise, true>(rng, "KWS depthwise 3x3 64 25x5",
                                       outcome);
  time_conv_layer<kVwwDepthwise8, true>(rng, "VWW depthwise 3x3 8 48x48",
                                        outcome);
  time_conv_layer<kVwwPointwise8, false>(rng, "VWW conv 1x1 8->16 24x24",
                                         outcome);
  time_conv_layer<kVwwDepthwise32, true>(rng, "VWW depthwise 3x3 32 24x24",
                                         outcome);
  time_conv_layer<kVwwDepthwise128, true>(rng, "VWW depthwise 3x3 128 6x6",
                                          outcome);
  time_conv_layer<kVwwPointwise128, false>(rng, "VWW conv 1x1 128->128 6x6",
                                           outcome);
  const mve_check::FullyConnectedKernel fc[] = {
      mve_check::fully_connected_compact,
      mve_check::fully_connected_specialized<kKwsFullyConnected>};
  mve_check::run_fully_connected(rng, kKwsFullyConnected, fc, 2, outcome);
  mve_check::Buffers &b = mve_check::buffers();
  for (int32_t k = 1; k >= 0; --k) {
    const uint64_t start = counter_ticks();
    fc[k](kKwsFullyConnected, b.input, b.packed, b.folded, b.actual, nullptr);
    const uint64_t ticks = counter_ticks() - start;
    print_rate("KWS fully connected 64->12",
               k == 1 ? " (shape-specialized): " : " (compact): ",
               counter_instructions(ticks, calibration_ticks),
               int64_t{64} * 12);
  }
  // mlperf_ic_int8's first ADD: 32x32x16 elements.
  const mve_check::AddCase add = mve_check::random_add(rng, 16384);
  mve_check::fill_random(rng, b.input, add.size);
  mve_check::fill_random(rng, b.filter, add.size);
  const uint64_t start = counter_ticks();
  ingot::mve::add_s8(b.input, b.filter, b.actual, add.size, add.input1_offset,
                     add.input1_multiplier, add.input1_shift, add.input2_offset,
                     add.input2_multiplier, add.input2_shift, add.left_shift,
                     add.output_offset, add.output_multiplier, add.output_shift,
                     add.activation_min, add.activation_max);
  const uint64_t instructions =
      counter_instructions(counter_ticks() - start, calibration_ticks);
  out_str("  IC add 32x32x16: ");
  out_u64(instructions);
  out_str(" instructions, ");
  out_u64(instructions * 100 / 16384 / 100);
  out_str(".");
  out_u64(instructions * 100 / 16384 % 100 / 10);
  out_u64(instructions * 100 / 16384 % 10);
  out_str(" per element");
  out_line();
  report("timed layers", outcome);
}

} // namespace

int main() {
  counter_start();
  calibration_ticks = counter_calibrate();
  mve_check::Rng rng;
  report("rescale", mve_check::check_rescale(rng, 4000));
  report("packing", mve_check::check_packing(rng));
  report("conv2d_s8", mve_check::check_conv_random(rng, 150, false));
  report("depthwise_conv2d_s8", mve_check::check_conv_random(rng, 150, true));
  report("fully_connected_s8",
         mve_check::check_fully_connected_random(rng, 150));
  report("add_s8", mve_check::check_add(rng, 200));
  report("shape-specialized forms", mve_check::check_specialized(rng, 3));
  if (INGOT_MVE_ASM)
    time_layers(rng);
  out_str(failed_checks == 0 ? "all checks passed" : "some checks FAILED");
  out_line();
  return failed_checks == 0 ? 0 : 1;
}
