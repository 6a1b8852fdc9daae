// This file implements a bare-metal check and micro-benchmark of the
// ingot::dsp kernels on the real Armv7E-M instructions: randomized shapes
// (channel tails, odd widths, padding on each side, strides, dilation,
// batches, per-channel shifts of both signs, activation clamps, both
// rescale paths) run through the DSP kernels and the reference kernels and
// must agree byte for byte; then a few layer shapes typical of the MLPerf
// Tiny models are timed with the SysTick instruction counter of the
// benchmark harness (counter.h), printing instructions per MAC. The int8
// ADD (same signature as the reference) is checked on random sizes and
// parameters the same way and timed in instructions per element. Built and
// run by run_dsp_kernels.sh beside this file.
#include "counter.h"
#include "semihosting.h"

#include "ingot/runtime/kernels/dsp/add_s8.h"
#include "ingot/runtime/kernels/dsp/conv2d_s8.h"
#include "ingot/runtime/kernels/dsp/depthwise_conv2d_s8.h"
#include "ingot/runtime/kernels/dsp/fully_connected_s8.h"
#include "ingot/runtime/kernels/dsp/packing.h"
#include "ingot/runtime/kernels/ref/add_s8.h"
#include "ingot/runtime/kernels/ref/conv2d_s8.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_s8.h"
#include "ingot/runtime/kernels/ref/fully_connected_s8.h"

#include <cstdint>
#include <cstring>

namespace {

using ingot::Conv2DParams;
using ingot::FullyConnectedParams;

constexpr int32_t kBufferBytes = 96 * 1024;
alignas(16) int8_t input[kBufferBytes];
alignas(16) int8_t filter[kBufferBytes];
alignas(16) int8_t packed[2 * kBufferBytes];
alignas(16) int8_t expected[kBufferBytes];
alignas(16) int8_t actual[kBufferBytes];
alignas(16) int32_t bias[4096], folded[4096], multipliers[4096], shifts[4096];
alignas(16) uint8_t scratch[32 * 1024];
/// The requantization records of the layer under test (pack_rescale_records).
alignas(16) int32_t records[4 * 4096];
/// The scratch the DSP kernels get: scratch + 4 (4-byte aligned only), or
/// nullptr for their path without scratch.
void *kernel_scratch = scratch + 4;

uint32_t state = 2463534242u;
uint32_t next() {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}
int32_t uniform(int32_t low, int32_t high) {
  return low +
         static_cast<int32_t>(next() % static_cast<uint32_t>(high - low + 1));
}
void fill(int8_t *bytes, int32_t count) {
  for (int32_t i = 0; i < count; ++i)
    bytes[i] = static_cast<int8_t>(next());
}

/// Multipliers and shifts that keep outputs of accumulators around
/// `typical` spread over int8, with some positive shifts.
void requantization(int32_t channels, int32_t typical) {
  int32_t bits = 0;
  while ((int64_t{1} << bits) < typical)
    ++bits;
  for (int32_t c = 0; c < channels; ++c) {
    multipliers[c] = uniform(1 << 30, INT32_MAX);
    shifts[c] = uniform(0, 7) == 0 ? uniform(1, 3) : 6 - bits + uniform(-2, 2);
  }
}

void activation(int32_t output_offset, int32_t &low, int32_t &high) {
  switch (uniform(0, 3)) {
  case 0:
    low = -128, high = 127;
    break;
  case 1:
    low = output_offset, high = 127;
    break;
  default:
    low = uniform(-128, 0), high = uniform(low, 127);
    break;
  }
}

int64_t abs64(int64_t x) { return x < 0 ? -x : x; }

bool exact(int32_t rows, int32_t depth, bool channel_inner) {
  for (int32_t r = 0; r < rows; ++r) {
    int64_t sum = 0;
    for (int32_t d = 0; d < depth; ++d)
      sum += abs64(filter[channel_inner ? d * rows + r : r * depth + d]);
    if (!ingot::dsp::single_rounding_exact(abs64(folded[r]) + 128 * sum,
                                           shifts[r]))
      return false;
  }
  return true;
}

int32_t output_size(int32_t in, int32_t filter_size, int32_t stride,
                    int32_t dilation, int32_t before, int32_t after) {
  return (in + before + after - ((filter_size - 1) * dilation + 1)) / stride +
         1;
}

Conv2DParams random_conv(bool depthwise) {
  static const int32_t kChannels[] = {1, 2, 3, 4, 5, 7, 8, 12, 16, 19};
  static const int32_t kFilters[][2] = {{1, 1}, {3, 3}, {3, 3}, {2, 3},
                                        {1, 3}, {5, 5}, {3, 1}, {2, 2}};
  Conv2DParams p{};
  p.batches = uniform(1, 3) == 3 ? 2 : 1;
  p.input_c = kChannels[uniform(0, 9)];
  p.output_c = depthwise ? p.input_c : kChannels[uniform(0, 9)];
  p.depth_multiplier = 1;
  const int32_t *f = kFilters[uniform(0, 7)];
  p.filter_h = f[0];
  p.filter_w = f[1];
  p.stride_h = uniform(1, 2);
  p.stride_w = uniform(1, 2);
  p.dilation_h = uniform(1, 4) == 4 ? 2 : 1;
  p.dilation_w = uniform(1, 4) == 4 ? 2 : 1;
  const int32_t extent_h = (p.filter_h - 1) * p.dilation_h + 1;
  const int32_t extent_w = (p.filter_w - 1) * p.dilation_w + 1;
  p.input_h = uniform(extent_h, extent_h + 5);
  p.input_w = uniform(extent_w, extent_w + 6);
  p.pad_top = uniform(0, extent_h - 1);
  p.pad_left = uniform(0, extent_w - 1);
  p.output_h = output_size(p.input_h, p.filter_h, p.stride_h, p.dilation_h,
                           p.pad_top, uniform(0, extent_h - 1));
  p.output_w = output_size(p.input_w, p.filter_w, p.stride_w, p.dilation_w,
                           p.pad_left, uniform(0, extent_w - 1));
  p.input_offset = uniform(-127, 128);
  p.output_offset = uniform(-128, 127);
  activation(p.output_offset, p.activation_min, p.activation_max);
  return p;
}

int32_t output_bytes(const Conv2DParams &p) {
  return p.batches * p.output_h * p.output_w * p.output_c;
}

void reference_conv(const Conv2DParams &p, bool depthwise) {
  if (depthwise)
    ingot::ref::depthwise_conv2d_s8(
        input, filter, bias, expected, multipliers, shifts, p.batches,
        p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w, p.output_h,
        p.output_w, p.output_c, 1, p.stride_h, p.stride_w, p.dilation_h,
        p.dilation_w, p.pad_top, p.pad_left, p.input_offset, p.output_offset,
        p.activation_min, p.activation_max);
  else
    ingot::ref::conv2d_s8(input, filter, bias, expected, multipliers, shifts,
                          p.batches, p.input_h, p.input_w, p.input_c,
                          p.filter_h, p.filter_w, p.output_h, p.output_w,
                          p.output_c, p.stride_h, p.stride_w, p.dilation_h,
                          p.dilation_w, p.pad_top, p.pad_left, p.input_offset,
                          p.output_offset, p.activation_min, p.activation_max);
}

/// Random filter, bias and requantization for `p`, packed and folded.
void prepare_conv(Conv2DParams &p, bool depthwise, bool allow_exact) {
  const int32_t taps = p.filter_h * p.filter_w;
  const int32_t depth = depthwise ? taps : taps * p.input_c;
  fill(input, p.batches * p.input_h * p.input_w * p.input_c);
  fill(filter, p.output_c * depth);
  for (int32_t c = 0; c < p.output_c; ++c)
    bias[c] = uniform(-20000, 20000);
  int32_t typical = 128 * 70;
  for (int32_t n = 1; n * n < depth; ++n)
    typical += 128 * 70 / n / 2;
  requantization(p.output_c, typical);
  if (depthwise) {
    ingot::dsp::pack_depthwise_filter(filter, taps, p.output_c, packed);
    ingot::dsp::fold_input_offset_depthwise(filter, taps, p.output_c, bias,
                                            p.input_offset, folded);
  } else {
    ingot::dsp::pack_gemm_filter(filter, p.output_c, depth, packed);
    ingot::dsp::fold_input_offset_gemm(filter, p.output_c, depth, bias,
                                       p.input_offset, folded);
  }
  p.single_rounding_exact = allow_exact && exact(p.output_c, depth, depthwise);
  ingot::dsp::pack_rescale_records(multipliers, shifts, p.output_c,
                                   p.output_offset, p.single_rounding_exact,
                                   records);
}

void run_dsp_conv(const Conv2DParams &p, bool depthwise) {
  if (depthwise)
    ingot::dsp::depthwise_conv2d_s8(p, input, packed, folded, actual, records,
                                    kernel_scratch);
  else
    ingot::dsp::conv2d_s8(p, input, packed, folded, actual, records,
                          kernel_scratch);
}

uint32_t failures = 0;

void report_mismatch(const char *kernel, int32_t index, const Conv2DParams &p) {
  ++failures;
  out_str("MISMATCH ");
  out_str(kernel);
  out_str(" case ");
  out_u64(static_cast<uint64_t>(index));
  out_str(" in ");
  out_u64(static_cast<uint64_t>(p.input_h));
  out_str("x");
  out_u64(static_cast<uint64_t>(p.input_w));
  out_str("x");
  out_u64(static_cast<uint64_t>(p.input_c));
  out_str(" filter ");
  out_u64(static_cast<uint64_t>(p.filter_h));
  out_str("x");
  out_u64(static_cast<uint64_t>(p.filter_w));
  out_str(" out_c ");
  out_u64(static_cast<uint64_t>(p.output_c));
  out_line();
}

void check_random_convs(bool depthwise, int32_t count) {
  for (int32_t i = 0; i < count; ++i) {
    Conv2DParams p = random_conv(depthwise);
    prepare_conv(p, depthwise, i % 4 != 3);
    // Every third case without scratch.
    kernel_scratch = i % 3 == 2 ? nullptr : scratch + 4;
    reference_conv(p, depthwise);
    std::memset(actual, 99, static_cast<size_t>(output_bytes(p)));
    run_dsp_conv(p, depthwise);
    if (std::memcmp(actual, expected, static_cast<size_t>(output_bytes(p))))
      report_mismatch(depthwise ? "depthwise_conv2d_s8" : "conv2d_s8", i, p);
  }
}

void check_random_fully_connected(int32_t count) {
  static const int32_t kDepths[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 64, 250};
  static const int32_t kOutputs[] = {1, 2, 3, 4, 5, 6, 7, 10, 12, 33};
  for (int32_t i = 0; i < count; ++i) {
    FullyConnectedParams p{};
    p.batches = uniform(1, 3);
    p.input_depth = kDepths[uniform(0, 11)];
    p.output_depth = kOutputs[uniform(0, 9)];
    p.input_offset = uniform(-127, 128);
    p.output_offset = uniform(-128, 127);
    activation(p.output_offset, p.activation_min, p.activation_max);
    fill(input, p.batches * p.input_depth);
    fill(filter, p.output_depth * p.input_depth);
    for (int32_t c = 0; c < p.output_depth; ++c)
      bias[c] = uniform(-20000, 20000);
    requantization(1, 128 * 70 * 4);
    p.output_multiplier = multipliers[0];
    p.output_shift = shifts[0];
    for (int32_t c = 0; c < p.output_depth; ++c)
      shifts[c] = p.output_shift;
    ingot::ref::fully_connected_s8(
        input, filter, bias, expected, p.batches, p.input_depth, p.output_depth,
        p.input_offset, 0, p.output_offset, p.output_multiplier, p.output_shift,
        p.activation_min, p.activation_max);
    ingot::dsp::pack_gemm_filter(filter, p.output_depth, p.input_depth, packed);
    ingot::dsp::fold_input_offset_gemm(filter, p.output_depth, p.input_depth,
                                       bias, p.input_offset, folded);
    p.single_rounding_exact =
        i % 4 != 3 && exact(p.output_depth, p.input_depth, false);
    const int32_t bytes = p.batches * p.output_depth;
    std::memset(actual, 99, static_cast<size_t>(bytes));
    ingot::dsp::fully_connected_s8(p, input, packed, folded, actual,
                                   i % 3 == 2 ? nullptr : scratch + 4);
    if (std::memcmp(actual, expected, static_cast<size_t>(bytes))) {
      ++failures;
      out_str("MISMATCH fully_connected_s8 case ");
      out_u64(static_cast<uint64_t>(i));
      out_line();
    }
  }
}

/// The arguments of an int8 ADD after the input pointers and size.
struct AddArgs {
  int32_t input1_offset, input1_multiplier, input1_shift;
  int32_t input2_offset, input2_multiplier, input2_shift;
  int32_t left_shift, output_offset, output_multiplier, output_shift;
  int32_t activation_min, activation_max;
};

/// A multiplier in [2^30, 2^31): often 2^30 itself (the larger input of a
/// TFLite ADD has 0.5 exactly), sometimes the largest.
int32_t add_multiplier() {
  switch (uniform(0, 4)) {
  case 0:
    return int32_t{1} << 30;
  case 1:
    return INT32_MAX;
  default:
    return uniform(int32_t{1} << 30, INT32_MAX);
  }
}

AddArgs random_add() {
  AddArgs a{};
  a.left_shift = uniform(0, 3) == 0 ? uniform(0, 22) : 20;
  a.input1_offset = uniform(-127, 128);
  a.input2_offset = uniform(-127, 128);
  a.input1_multiplier = add_multiplier();
  a.input2_multiplier = add_multiplier();
  // Shifts of 0 and below as TFLite's are, now and then above.
  a.input1_shift = uniform(0, 7) == 0 ? uniform(1, 2) : -uniform(0, 5);
  a.input2_shift = uniform(0, 7) == 0 ? uniform(1, 2) : -uniform(0, 5);
  a.output_offset = uniform(-128, 127);
  a.output_multiplier = add_multiplier();
  a.output_shift =
      uniform(0, 9) == 0 ? uniform(-2, 1) : -a.left_shift + uniform(-2, 2);
  activation(a.output_offset, a.activation_min, a.activation_max);
  return a;
}

void run_add(bool dsp, const AddArgs &a, int8_t *out, int32_t size) {
  (dsp ? ingot::dsp::add_s8 : ingot::ref::add_s8)(
      input, filter, out, size, a.input1_offset, a.input1_multiplier,
      a.input1_shift, a.input2_offset, a.input2_multiplier, a.input2_shift,
      a.left_shift, a.output_offset, a.output_multiplier, a.output_shift,
      a.activation_min, a.activation_max);
}

void check_random_add(int32_t count) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t size = i % 3 == 0 ? uniform(1, 7) : uniform(1, 700);
    const AddArgs a = random_add();
    fill(input, size);
    fill(filter, size);
    // One byte past the end, which neither kernel may write.
    std::memset(expected, 99, static_cast<size_t>(size + 1));
    std::memset(actual, 99, static_cast<size_t>(size + 1));
    run_add(false, a, expected, size);
    run_add(true, a, actual, size);
    if (std::memcmp(actual, expected, static_cast<size_t>(size + 1))) {
      ++failures;
      out_str("MISMATCH add_s8 case ");
      out_u64(static_cast<uint64_t>(i));
      out_str(" size ");
      out_u64(static_cast<uint64_t>(size));
      out_line();
    }
  }
}

//===----------------------------------------------------------------------===//
// Timing
//===----------------------------------------------------------------------===//

uint64_t calibration = 0;

uint64_t instructions_of(void (*run)(const void *), const void *context) {
  const uint64_t start = counter_ticks();
  run(context);
  return counter_instructions(counter_ticks() - start, calibration);
}

/// Prints "name MACs ref dsp specialized" and instructions per MAC.
void print_timing(const char *name, uint64_t macs, uint64_t ref, uint64_t dsp,
                  uint64_t specialized, bool same) {
  out_str(name);
  out_str(" macs=");
  out_u64(macs);
  out_str(" ref=");
  out_u64(ref);
  out_str(" dsp=");
  out_u64(dsp);
  out_str(" dsp_specialized=");
  out_u64(specialized);
  out_str(" specialized_milli_instr_per_mac=");
  out_u64(specialized * 1000 / macs);
  out_str(" compact_milli_instr_per_mac=");
  out_u64(dsp * 1000 / macs);
  out_str(same ? " bit-exact" : " MISMATCH");
  out_line();
  if (!same)
    ++failures;
}

template <const Conv2DParams &P, bool Depthwise>
void time_conv(const char *name) {
  Conv2DParams p = P;
  prepare_conv(p, Depthwise, true);
  if (!p.single_rounding_exact && P.single_rounding_exact) {
    out_str("note: ");
    out_str(name);
    out_str(" is not single-rounding exact on this data");
    out_line();
    return;
  }
  const uint64_t ref = instructions_of(
      [](const void *) { reference_conv(P, Depthwise); }, nullptr);
  const uint64_t dsp = instructions_of(
      [](const void *) { run_dsp_conv(P, Depthwise); }, nullptr);
  bool same =
      !std::memcmp(actual, expected, static_cast<size_t>(output_bytes(P)));
  std::memset(actual, 99, static_cast<size_t>(output_bytes(P)));
  const uint64_t specialized = instructions_of(
      [](const void *) {
        if (Depthwise)
          ingot::dsp::depthwise_conv2d_s8<P>(input, packed, folded, actual,
                                             records, kernel_scratch);
        else
          ingot::dsp::conv2d_s8<P>(input, packed, folded, actual, records,
                                   kernel_scratch);
      },
      nullptr);
  same = same &&
         !std::memcmp(actual, expected, static_cast<size_t>(output_bytes(P)));
  const uint64_t taps = static_cast<uint64_t>(P.filter_h * P.filter_w);
  const uint64_t macs = static_cast<uint64_t>(output_bytes(P)) * taps *
                        static_cast<uint64_t>(Depthwise ? 1 : P.input_c);
  print_timing(name, macs, ref, dsp, specialized, same);
}

template <const FullyConnectedParams &P>
void time_fully_connected(const char *name) {
  fill(input, P.batches * P.input_depth);
  fill(filter, P.output_depth * P.input_depth);
  for (int32_t c = 0; c < P.output_depth; ++c)
    bias[c] = uniform(-20000, 20000);
  ingot::dsp::pack_gemm_filter(filter, P.output_depth, P.input_depth, packed);
  ingot::dsp::fold_input_offset_gemm(filter, P.output_depth, P.input_depth,
                                     bias, P.input_offset, folded);
  const uint64_t ref = instructions_of(
      [](const void *) {
        ingot::ref::fully_connected_s8(input, filter, bias, expected, P.batches,
                                       P.input_depth, P.output_depth,
                                       P.input_offset, 0, P.output_offset,
                                       P.output_multiplier, P.output_shift,
                                       P.activation_min, P.activation_max);
      },
      nullptr);
  const uint64_t dsp = instructions_of(
      [](const void *) {
        ingot::dsp::fully_connected_s8(P, input, packed, folded, actual,
                                       kernel_scratch);
      },
      nullptr);
  const size_t bytes = static_cast<size_t>(P.batches * P.output_depth);
  bool same = !std::memcmp(actual, expected, bytes);
  std::memset(actual, 99, bytes);
  const uint64_t specialized = instructions_of(
      [](const void *) {
        ingot::dsp::fully_connected_s8<P>(input, packed, folded, actual,
                                          kernel_scratch);
      },
      nullptr);
  same = same && !std::memcmp(actual, expected, bytes);
  print_timing(name,
               static_cast<uint64_t>(P.batches * P.output_depth) *
                   static_cast<uint64_t>(P.input_depth),
               ref, dsp, specialized, same);
}

/// The add_s8 arguments being timed (instructions_of takes no context).
AddArgs timed_add;
constexpr int32_t kAddSize = 4096;

/// Prints "name ref dsp" and the instructions per element of both.
void time_add(const char *name, const AddArgs &a) {
  timed_add = a;
  fill(input, kAddSize);
  fill(filter, kAddSize);
  const uint64_t ref = instructions_of(
      [](const void *) { run_add(false, timed_add, expected, kAddSize); },
      nullptr);
  const uint64_t dsp = instructions_of(
      [](const void *) { run_add(true, timed_add, actual, kAddSize); },
      nullptr);
  const bool same =
      !std::memcmp(actual, expected, static_cast<size_t>(kAddSize));
  out_str(name);
  out_str(" elements=");
  out_u64(kAddSize);
  out_str(" ref=");
  out_u64(ref);
  out_str(" dsp=");
  out_u64(dsp);
  out_str(" ref_milli_instr_per_element=");
  out_u64(ref * 1000 / kAddSize);
  out_str(" dsp_milli_instr_per_element=");
  out_u64(dsp * 1000 / kAddSize);
  out_str(same ? " bit-exact" : " MISMATCH");
  out_line();
  if (!same)
    ++failures;
}

// Layer shapes of the MLPerf Tiny models (ResNet-8 for IC, DS-CNN for KWS,
// MobileNet v1 0.25 for VWW, the autoencoder for AD). The multipliers are
// random, the single-rounding flag true: time_conv checks it holds.
constexpr Conv2DParams kIcFirst{1, 32, 32, 3, 3, 3,   32,   32,   16,  1,   1,
                                1, 1,  1,  1, 1, 128, -128, -128, 127, true};
constexpr Conv2DParams kIc3x3{1, 32, 32, 16, 3, 3,   32,   32,   16,  1,   1,
                              1, 1,  1,  1,  1, 128, -128, -128, 127, true};
constexpr Conv2DParams kIc3x3Wide{1, 8, 8, 64, 3, 3, 8,    8,    64,  1,   1,
                                  1, 1, 1, 1,  1, 5, -128, -128, 127, true};
constexpr Conv2DParams kVwwPointwise{1,  24, 24,  32,   1,    1,   24,
                                     24, 64, 1,   1,    1,    1,   0,
                                     0,  1,  128, -128, -128, 127, true};
constexpr Conv2DParams kVwwPointwiseNarrow{1,  48, 48,  8,    1,    1,   48,
                                           48, 16, 1,   1,    1,    1,   0,
                                           0,  1,  128, -128, -128, 127, true};
constexpr Conv2DParams kKwsFirst{1, 49, 10, 1, 10, 4,  25,   5,    64,  2,   2,
                                 1, 1,  4,  1, 1,  83, -128, -128, 127, true};
constexpr Conv2DParams kKwsDepthwise{1, 25, 5,   64,   3,    3,   25,
                                     5, 64, 1,   1,    1,    1,   1,
                                     1, 1,  128, -128, -128, 127, true};
constexpr Conv2DParams kKwsPointwise{1, 25, 5,   64,   1,    1,   25,
                                     5, 64, 1,   1,    1,    1,   0,
                                     0, 1,  128, -128, -128, 127, true};
constexpr Conv2DParams kKwsDepthwiseValid{1, 27, 7,   64,   3,    3,   25,
                                          5, 64, 1,   1,    1,    1,   0,
                                          0, 1,  128, -128, -128, 127, true};
constexpr Conv2DParams kVwwDepthwise{1,  24, 24,  32,   3,    3,   24,
                                     24, 32, 1,   1,    1,    1,   1,
                                     1,  1,  128, -128, -128, 127, true};
constexpr Conv2DParams kVwwDepthwiseS2{1,  48, 48,  16,   3,    3,   24,
                                       24, 16, 2,   2,    1,    1,   0,
                                       0,  1,  128, -128, -128, 127, true};
constexpr FullyConnectedParams kAdDense{1,          640, 128,  3,   -10,
                                        1518500250, -9,  -128, 127, true};
constexpr FullyConnectedParams kKwsDense{1,          64, 12,   128, 20,
                                         1518500250, -7, -128, 127, true};

} // namespace

int main() {
  counter_start();
  calibration = counter_calibrate();
  out_str("calibration ticks=");
  out_u64(calibration);
  out_line();

  check_random_convs(false, 300);
  check_random_convs(true, 400);
  check_random_fully_connected(300);
  check_random_add(400);
  out_str("random cases checked, mismatches=");
  out_u64(failures);
  out_line();

  // With scratch, then without (the kernels' nullptr paths).
  for (int pass = 0; pass < 2; ++pass) {
    kernel_scratch = pass == 0 ? scratch + 4 : nullptr;
    out_str(pass == 0 ? "with scratch:" : "without scratch:");
    out_line();
    time_conv<kIcFirst, false>("conv ic_first 32x32x3->16 3x3");
    time_conv<kIc3x3, false>("conv ic 32x32x16->16 3x3");
    time_conv<kIc3x3Wide, false>("conv ic 8x8x64->64 3x3");
    time_conv<kVwwPointwise, false>("conv vww 24x24x32->64 1x1");
    time_conv<kVwwPointwiseNarrow, false>("conv vww 48x48x8->16 1x1");
    time_conv<kKwsFirst, false>("conv kws_first 49x10x1->64 10x4 s2");
    time_conv<kKwsPointwise, false>("conv kws 25x5x64->64 1x1");
    time_conv<kKwsDepthwise, true>("depthwise kws 25x5x64 3x3");
    time_conv<kKwsDepthwiseValid, true>("depthwise 27x7x64 3x3 no padding");
    time_conv<kVwwDepthwise, true>("depthwise vww 24x24x32 3x3");
    time_conv<kVwwDepthwiseS2, true>("depthwise vww 48x48x16 3x3 s2");
    time_fully_connected<kAdDense>("fully_connected ad 640->128");
    time_fully_connected<kKwsDense>("fully_connected kws 64->12");
  }

  // An ADD of mlperf_ic_int8 (zero points and a second input scale of
  // 0.71 times the first), the same with a ReLU narrower than int8, and
  // with no input multiplier of exactly 0.5.
  const AddArgs ic{-3, 1073741824, 0,          14,  1524841657, -1,
                   20, -128,       1431655765, -19, -128,       127};
  time_add("add ic 4096", ic);
  AddArgs relu = ic;
  relu.output_offset = -20;
  relu.activation_min = -20;
  time_add("add ic 4096 relu", relu);
  AddArgs general = ic;
  general.input1_multiplier = 1610612736;
  general.input1_shift = -1;
  time_add("add 4096 no 0.5 input", general);

  out_str(failures == 0 ? "PASS" : "FAIL");
  out_line();
  return failures == 0 ? 0 : 1;
}
