//===- max_pool2d_benchmark.cpp - Reference max pooling -------------------===//
//
// This file benchmarks ingot::ref::max_pool2d_s8 and max_pool2d_f32. No
// conformance model uses MAX_POOL_2D, so the layers are the usual CNN
// downsampling shapes: 2x2 stride 2 and 3x3 stride 2.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/max_pool2d_f32.h"
#include "ingot/runtime/kernels/ref/max_pool2d_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

struct PoolLayer {
  int32_t inputH, inputW, channels;
  int32_t filterH, filterW, stride;
};

quant::PaddingValues paddingOf(const PoolLayer &layer) {
  return quant::computePadding(/*same=*/true, layer.inputH, layer.inputW,
                               layer.filterH, layer.filterW, layer.stride,
                               layer.stride, /*dilationH=*/1, /*dilationW=*/1);
}

void BM_max_pool2d_s8(benchmark::State &state, PoolLayer layer) {
  const quant::PaddingValues padding = paddingOf(layer);
  const int64_t outputCount =
      int64_t{padding.outputH} * padding.outputW * layer.channels;
  const std::vector<int8_t> input =
      bench::randomInt8(int64_t{layer.inputH} * layer.inputW * layer.channels);
  std::vector<int8_t> output(static_cast<size_t>(outputCount));

  for (auto _ : state) {
    ref::max_pool2d_s8(input.data(), output.data(), /*batches=*/1, layer.inputH,
                       layer.inputW, layer.channels, padding.outputH,
                       padding.outputW, layer.filterH, layer.filterW,
                       layer.stride, layer.stride, padding.top, padding.left,
                       -128, 127);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, outputCount);
}

void BM_max_pool2d_f32(benchmark::State &state, PoolLayer layer) {
  const quant::PaddingValues padding = paddingOf(layer);
  const int64_t outputCount =
      int64_t{padding.outputH} * padding.outputW * layer.channels;
  const std::vector<float> input = bench::randomFloat(
      int64_t{layer.inputH} * layer.inputW * layer.channels, -1.0f, 1.0f);
  std::vector<float> output(static_cast<size_t>(outputCount));

  for (auto _ : state) {
    ref::max_pool2d_f32(input.data(), output.data(), /*batches=*/1,
                        layer.inputH, layer.inputW, layer.channels,
                        padding.outputH, padding.outputW, layer.filterH,
                        layer.filterW, layer.stride, layer.stride, padding.top,
                        padding.left, -kMaxF32, kMaxF32);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, /*macs=*/0, outputCount);
}

const PoolLayer kDownsample2x2{32, 32, 16, 2, 2, 2};
const PoolLayer kDownsample3x3{48, 48, 8, 3, 3, 2};

BENCHMARK_CAPTURE(BM_max_pool2d_s8, downsample_2x2s2_32x32x16, kDownsample2x2);
BENCHMARK_CAPTURE(BM_max_pool2d_s8, downsample_3x3s2_48x48x8, kDownsample3x3);
BENCHMARK_CAPTURE(BM_max_pool2d_f32, downsample_2x2s2_32x32x16, kDownsample2x2);
BENCHMARK_CAPTURE(BM_max_pool2d_f32, downsample_3x3s2_48x48x8, kDownsample3x3);

} // namespace
