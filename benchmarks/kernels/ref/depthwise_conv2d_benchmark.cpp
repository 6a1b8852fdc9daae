//===- depthwise_conv2d_s8_benchmark.cpp - Reference int8 depthwise -------===//
//
// This file benchmarks ingot::ref::depthwise_conv2d_s8 on MobileNet v1's 3x3
// depthwise layers from mlperf_vww_int8 (stride 1 and stride 2), and on
// micro_speech's depth-multiplier-8 layer over a one-channel spectrogram.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

struct DepthwiseLayer {
  int32_t inputH, inputW, inputC;
  int32_t filterH, filterW, depthMultiplier;
  int32_t strideH, strideW;
};

void BM_depthwise_conv2d_s8(benchmark::State &state, DepthwiseLayer layer) {
  const quant::PaddingValues padding = quant::computePadding(
      /*same=*/true, layer.inputH, layer.inputW, layer.filterH, layer.filterW,
      layer.strideH, layer.strideW, /*dilationH=*/1, /*dilationW=*/1);
  const int32_t outputC = layer.inputC * layer.depthMultiplier;
  const int64_t inputCount =
      int64_t{layer.inputH} * layer.inputW * layer.inputC;
  const int64_t filterCount = int64_t{layer.filterH} * layer.filterW * outputC;
  const int64_t outputCount =
      int64_t{padding.outputH} * padding.outputW * outputC;

  const std::vector<int8_t> input = bench::randomInt8(inputCount, 1);
  const std::vector<int8_t> filter = bench::randomInt8(filterCount, 2);
  const std::vector<int32_t> bias =
      bench::randomTensor<int32_t>(outputC, -4096, 4096, 3);
  std::vector<int8_t> output(static_cast<size_t>(outputCount));

  std::vector<float> filterScales;
  for (int32_t c = 0; c < outputC; ++c)
    filterScales.push_back(0.01f + 0.0005f * static_cast<float>(c));
  std::vector<int32_t> multipliers, shifts;
  for (const quant::QuantizedMultiplier &q : quant::convPerChannelMultipliers(
           0.0235f, filterScales, 0.0470f, outputC)) {
    multipliers.push_back(q.multiplier);
    shifts.push_back(q.shift);
  }
  const quant::ActivationRange relu6 = quant::quantizedActivationRange(
      quant::FusedActivation::Relu6, 0.0470f, -128, -128, 127);

  for (auto _ : state) {
    ref::depthwise_conv2d_s8(
        input.data(), filter.data(), bias.data(), output.data(),
        multipliers.data(), shifts.data(), /*batches=*/1, layer.inputH,
        layer.inputW, layer.inputC, layer.filterH, layer.filterW,
        padding.outputH, padding.outputW, outputC, layer.depthMultiplier,
        layer.strideH, layer.strideW, /*dilation_h=*/1, /*dilation_w=*/1,
        padding.top, padding.left, /*input_offset=*/128,
        /*output_offset=*/-128, relu6.min, relu6.max);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(
      state, outputCount * layer.filterH * layer.filterW, outputCount);
}

// mlperf_vww_int8 op 1: 48x48x8, 3x3, stride 1, SAME.
BENCHMARK_CAPTURE(BM_depthwise_conv2d_s8, mobilenet_3x3s1_48x48x8,
                  DepthwiseLayer{48, 48, 8, 3, 3, 1, 1, 1});
// mlperf_vww_int8 op 7: 24x24x32 -> 12x12x32, 3x3, stride 2, SAME.
BENCHMARK_CAPTURE(BM_depthwise_conv2d_s8, mobilenet_3x3s2_24x24x32,
                  DepthwiseLayer{24, 24, 32, 3, 3, 1, 2, 2});
// micro_speech_int8 op 1: 49x40x1 -> 25x20x8, 10x8, stride 2, SAME.
BENCHMARK_CAPTURE(BM_depthwise_conv2d_s8, micro_speech_10x8s2_mult8_49x40x1,
                  DepthwiseLayer{49, 40, 1, 10, 8, 8, 2, 2});

} // namespace
