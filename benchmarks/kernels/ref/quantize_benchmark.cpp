//===- quantize_benchmark.cpp - QUANTIZE and DEQUANTIZE kernels -----------===//
//
// This file benchmarks the type conversion kernels: quantize_f32_s8,
// dequantize_s8_f32 and the requantize_* family (integer QUANTIZE), each on
// 4096 elements. They sit at model boundaries, so their cost per element is
// what matters.
//
//===----------------------------------------------------------------------===//
#include "RequantizeParams.h"
#include "ingot/runtime/kernels/ref/dequantize_s8_f32.h"
#include "ingot/runtime/kernels/ref/quantize_f32_s8.h"
#include "ingot/runtime/kernels/ref/requantize_s16_s32.h"
#include "ingot/runtime/kernels/ref/requantize_s16_s8.h"
#include "ingot/runtime/kernels/ref/requantize_s8_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

constexpr int32_t kSize = 4096;

void BM_quantize_f32_s8(benchmark::State &state) {
  std::vector<float> input(kSize);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> value(-3.0f, 3.0f);
  for (float &element : input)
    element = value(rng);
  std::vector<int8_t> output(kSize);
  for (auto _ : state) {
    ref::quantize_f32_s8(input.data(), output.data(), kSize, 0.0235f, -3);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, kSize);
}

void BM_dequantize_s8_f32(benchmark::State &state) {
  const std::vector<int8_t> input = bench::randomInt8(kSize);
  std::vector<float> output(kSize);
  for (auto _ : state) {
    ref::dequantize_s8_f32(input.data(), output.data(), kSize, 0.0235f, -3);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, kSize);
}

void BM_requantize_s8_s8(benchmark::State &state) {
  const std::vector<int8_t> input = bench::randomInt8(kSize);
  std::vector<int8_t> output(kSize);
  const quant::QuantizedMultiplier q =
      quant::requantizeMultiplier(0.0235f, 0.0470f);
  for (auto _ : state) {
    ref::requantize_s8_s8(input.data(), output.data(), kSize, -3, 5,
                          q.multiplier, q.shift);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, kSize);
}

void BM_requantize_s16_s8(benchmark::State &state) {
  const std::vector<int16_t> input =
      bench::randomTensor<int16_t>(kSize, -32768, 32767);
  std::vector<int8_t> output(kSize);
  // keyword_scrambled_int8's input QUANTIZE (int16 -> int8).
  const quant::QuantizedMultiplier q =
      quant::requantizeMultiplier(0.000624999986f, 0.0592083335f);
  for (auto _ : state) {
    ref::requantize_s16_s8(input.data(), output.data(), kSize, 0, -1,
                           q.multiplier, q.shift);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, kSize);
}

void BM_requantize_s16_s32(benchmark::State &state) {
  const std::vector<int16_t> input =
      bench::randomTensor<int16_t>(kSize, -32768, 32767);
  std::vector<int32_t> output(kSize);
  const quant::QuantizedMultiplier q =
      quant::requantizeMultiplier(1.0f / 65536, 1.0f / 65536);
  for (auto _ : state) {
    ref::requantize_s16_s32(input.data(), output.data(), kSize, -32768, 0,
                            q.multiplier, q.shift);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, kSize);
}

BENCHMARK(BM_quantize_f32_s8);
BENCHMARK(BM_dequantize_s8_f32);
BENCHMARK(BM_requantize_s8_s8);
BENCHMARK(BM_requantize_s16_s8);
BENCHMARK(BM_requantize_s16_s32);

} // namespace
