//===- softmax_benchmark.cpp - Reference softmax --------------------------===//
//
// This file benchmarks ingot::ref::softmax_s8, softmax_s8_s16 (which share the
// row loop), softmax_s16 (table lookups, the int16x8 scheme) and softmax_f32
// on a keyword spotter's 12-class output (mlperf_kws_int8) and on a
// 1001-class ImageNet-style row, where the per-element exp() dominates.
//
//===----------------------------------------------------------------------===//
#include "SoftmaxParams.h"
#include "ingot/runtime/kernels/ref/softmax_f32.h"
#include "ingot/runtime/kernels/ref/softmax_s16.h"
#include "ingot/runtime/kernels/ref/softmax_s8.h"
#include "ingot/runtime/kernels/ref/softmax_s8_s16.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

// A typical logit scale; beta is 1 in every TFLite softmax we have seen.
const quant::SoftmaxParams kParams =
    quant::computeSoftmaxParams(/*inputScale=*/0.0625f, /*beta=*/1.0f);

void BM_softmax_s8(benchmark::State &state, int32_t depth) {
  const std::vector<int8_t> input = bench::randomInt8(depth);
  std::vector<int8_t> output(static_cast<size_t>(depth));
  for (auto _ : state) {
    ref::softmax_s8(input.data(), output.data(), /*outer_size=*/1, depth,
                    kParams.inputMultiplier, kParams.inputLeftShift,
                    kParams.diffMin);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, depth);
}

void BM_softmax_s8_s16(benchmark::State &state, int32_t depth) {
  const std::vector<int8_t> input = bench::randomInt8(depth);
  std::vector<int16_t> output(static_cast<size_t>(depth));
  for (auto _ : state) {
    ref::softmax_s8_s16(input.data(), output.data(), /*outer_size=*/1, depth,
                        kParams.inputMultiplier, kParams.inputLeftShift,
                        kParams.diffMin);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, depth);
}

void BM_softmax_s16(benchmark::State &state, int32_t depth) {
  // Logits over about +-8 at a scale of 1/4096, as an int16x8 model's
  // FULLY_CONNECTED output might be.
  quant::SoftmaxParams params;
  quant::computeSoftmaxParamsS16(/*inputScale=*/1.0f / 4096, /*beta=*/1.0f,
                                 params);
  const quant::SoftmaxS16Lut expTable = quant::softmaxS16ExpLut();
  const quant::SoftmaxS16Lut reciprocalTable = quant::softmaxS16ReciprocalLut();
  const std::vector<int16_t> input =
      bench::randomTensor<int16_t>(depth, -32768, 32767);
  std::vector<int16_t> output(static_cast<size_t>(depth));
  for (auto _ : state) {
    ref::softmax_s16(input.data(), output.data(), /*outer_size=*/1, depth,
                     params.inputMultiplier, params.inputLeftShift,
                     expTable.data(), reciprocalTable.data());
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, depth);
}

void BM_softmax_f32(benchmark::State &state, int32_t depth) {
  const std::vector<float> input = bench::randomFloat(depth, -8.0f, 8.0f);
  std::vector<float> output(static_cast<size_t>(depth));
  for (auto _ : state) {
    ref::softmax_f32(input.data(), output.data(), /*outer_size=*/1, depth,
                     /*beta=*/1.0f);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, depth);
}

BENCHMARK_CAPTURE(BM_softmax_s8, kws_12, 12);
BENCHMARK_CAPTURE(BM_softmax_s8, imagenet_1001, 1001);
BENCHMARK_CAPTURE(BM_softmax_s8_s16, kws_12, 12);
BENCHMARK_CAPTURE(BM_softmax_s8_s16, imagenet_1001, 1001);
BENCHMARK_CAPTURE(BM_softmax_s16, kws_12, 12);
BENCHMARK_CAPTURE(BM_softmax_s16, imagenet_1001, 1001);
BENCHMARK_CAPTURE(BM_softmax_f32, kws_12, 12);
BENCHMARK_CAPTURE(BM_softmax_f32, imagenet_1001, 1001);

} // namespace
