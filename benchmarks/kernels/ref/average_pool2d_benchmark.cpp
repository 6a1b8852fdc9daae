//===- average_pool2d_benchmark.cpp - Reference average pooling -----------===//
//
// This file benchmarks ingot::ref::average_pool2d_s8 and average_pool2d_f32 on
// the global pools that end the conformance CNNs (mlperf_kws_int8 over
// 25x5x64, mlperf_vww_int8 over 3x3x256) and on a 2x2 stride-2 pool, the
// common downsampling case.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/average_pool2d_f32.h"
#include "ingot/runtime/kernels/ref/average_pool2d_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

struct PoolLayer {
  int32_t inputH, inputW, channels;
  int32_t filterH, filterW, stride;
};

quant::PaddingValues paddingOf(const PoolLayer &layer) {
  return quant::computePadding(/*same=*/false, layer.inputH, layer.inputW,
                               layer.filterH, layer.filterW, layer.stride,
                               layer.stride, /*dilationH=*/1, /*dilationW=*/1);
}

void BM_average_pool2d_s8(benchmark::State &state, PoolLayer layer) {
  const quant::PaddingValues padding = paddingOf(layer);
  const int64_t outputCount =
      int64_t{padding.outputH} * padding.outputW * layer.channels;
  const std::vector<int8_t> input =
      bench::randomInt8(int64_t{layer.inputH} * layer.inputW * layer.channels);
  std::vector<int8_t> output(static_cast<size_t>(outputCount));

  for (auto _ : state) {
    ref::average_pool2d_s8(input.data(), output.data(), /*batches=*/1,
                           layer.inputH, layer.inputW, layer.channels,
                           padding.outputH, padding.outputW, layer.filterH,
                           layer.filterW, layer.stride, layer.stride,
                           padding.top, padding.left, -128, 127);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  // Items are output elements; each reads filterH * filterW inputs.
  bench::setThroughputCounters(state, /*macs=*/0, outputCount);
}

void BM_average_pool2d_f32(benchmark::State &state, PoolLayer layer) {
  const quant::PaddingValues padding = paddingOf(layer);
  const int64_t outputCount =
      int64_t{padding.outputH} * padding.outputW * layer.channels;
  const std::vector<float> input = bench::randomFloat(
      int64_t{layer.inputH} * layer.inputW * layer.channels, -1.0f, 1.0f);
  std::vector<float> output(static_cast<size_t>(outputCount));

  for (auto _ : state) {
    ref::average_pool2d_f32(input.data(), output.data(), /*batches=*/1,
                            layer.inputH, layer.inputW, layer.channels,
                            padding.outputH, padding.outputW, layer.filterH,
                            layer.filterW, layer.stride, layer.stride,
                            padding.top, padding.left, -kMaxF32, kMaxF32);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, outputCount);
}

const PoolLayer kKwsGlobal{25, 5, 64, 25, 5, 1};
const PoolLayer kVwwGlobal{3, 3, 256, 3, 3, 1};
const PoolLayer kDownsample{32, 32, 16, 2, 2, 2};

BENCHMARK_CAPTURE(BM_average_pool2d_s8, kws_global_25x5x64, kKwsGlobal);
BENCHMARK_CAPTURE(BM_average_pool2d_s8, vww_global_3x3x256, kVwwGlobal);
BENCHMARK_CAPTURE(BM_average_pool2d_s8, downsample_2x2s2_32x32x16, kDownsample);
BENCHMARK_CAPTURE(BM_average_pool2d_f32, kws_global_25x5x64, kKwsGlobal);
BENCHMARK_CAPTURE(BM_average_pool2d_f32, vww_global_3x3x256, kVwwGlobal);
BENCHMARK_CAPTURE(BM_average_pool2d_f32, downsample_2x2s2_32x32x16,
                  kDownsample);

} // namespace
