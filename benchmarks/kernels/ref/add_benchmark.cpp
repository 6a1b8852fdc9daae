//===- add_benchmark.cpp - Reference elementwise add ----------------------===//
//
// This file benchmarks ingot::ref::add_s8 and add_f32 on ResNet-8's residual
// additions (mlperf_ic_int8): 32x32x16 and 8x8x64 elements. The int8 inputs
// have different scales so that both input rescales do real work.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/add_f32.h"
#include "ingot/runtime/kernels/ref/add_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

void BM_add_s8(benchmark::State &state, int32_t size) {
  const std::vector<int8_t> input1 = bench::randomInt8(size, 1);
  const std::vector<int8_t> input2 = bench::randomInt8(size, 2);
  std::vector<int8_t> output(static_cast<size_t>(size));
  const quant::AddParams params =
      quant::computeAddParams(0.0392f, -3, 0.0517f, 7, 0.0804f, -11);
  const quant::ActivationRange relu = quant::quantizedActivationRange(
      quant::FusedActivation::Relu, 0.0804f, -11, -128, 127);

  for (auto _ : state) {
    ref::add_s8(input1.data(), input2.data(), output.data(), size,
                params.input1Offset, params.input1Multiplier,
                params.input1Shift, params.input2Offset,
                params.input2Multiplier, params.input2Shift, params.leftShift,
                params.outputOffset, params.outputMultiplier,
                params.outputShift, relu.min, relu.max);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, size);
}

void BM_add_f32(benchmark::State &state, int32_t size) {
  const std::vector<float> input1 = bench::randomFloat(size, -1.0f, 1.0f, 1);
  const std::vector<float> input2 = bench::randomFloat(size, -1.0f, 1.0f, 2);
  std::vector<float> output(static_cast<size_t>(size));
  for (auto _ : state) {
    ref::add_f32(input1.data(), input2.data(), output.data(), size,
                 /*activation_min=*/0.0f, /*activation_max=*/kMaxF32);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, size);
}

BENCHMARK_CAPTURE(BM_add_s8, resnet8_32x32x16, 32 * 32 * 16);
BENCHMARK_CAPTURE(BM_add_s8, resnet8_8x8x64, 8 * 8 * 64);
BENCHMARK_CAPTURE(BM_add_f32, resnet8_32x32x16, 32 * 32 * 16);
BENCHMARK_CAPTURE(BM_add_f32, resnet8_8x8x64, 8 * 8 * 64);

} // namespace
