//===- depthwise_conv2d_benchmark.cpp - Reference depthwise convolutions --===//
//
// This file benchmarks ingot::ref::depthwise_conv2d_s8 and
// depthwise_conv2d_f32 on MobileNet v1's 3x3 depthwise layers from
// mlperf_vww_int8 (stride 1 and stride 2), and on micro_speech's
// depth-multiplier-8 layer over a one-channel spectrogram.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_f32.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

struct DepthwiseLayer {
  int32_t inputH, inputW, inputC;
  int32_t filterH, filterW, depthMultiplier;
  int32_t strideH, strideW;
};

/// Tensor sizes and SAME padding of a layer.
struct DepthwiseShape {
  quant::PaddingValues padding;
  int32_t outputC;
  int64_t inputCount, filterCount, outputCount, macs;
};

DepthwiseShape shapeOf(const DepthwiseLayer &layer) {
  DepthwiseShape shape;
  shape.padding = quant::computePadding(
      /*same=*/true, layer.inputH, layer.inputW, layer.filterH, layer.filterW,
      layer.strideH, layer.strideW, /*dilationH=*/1, /*dilationW=*/1);
  shape.outputC = layer.inputC * layer.depthMultiplier;
  shape.inputCount = int64_t{layer.inputH} * layer.inputW * layer.inputC;
  shape.filterCount = int64_t{layer.filterH} * layer.filterW * shape.outputC;
  shape.outputCount =
      int64_t{shape.padding.outputH} * shape.padding.outputW * shape.outputC;
  shape.macs = shape.outputCount * layer.filterH * layer.filterW;
  return shape;
}

void BM_depthwise_conv2d_s8(benchmark::State &state, DepthwiseLayer layer) {
  const DepthwiseShape shape = shapeOf(layer);
  const std::vector<int8_t> input = bench::randomInt8(shape.inputCount, 1);
  const std::vector<int8_t> filter = bench::randomInt8(shape.filterCount, 2);
  const std::vector<int32_t> bias =
      bench::randomTensor<int32_t>(shape.outputC, -4096, 4096, 3);
  std::vector<int8_t> output(static_cast<size_t>(shape.outputCount));

  std::vector<float> filterScales;
  for (int32_t c = 0; c < shape.outputC; ++c)
    filterScales.push_back(0.01f + 0.0005f * static_cast<float>(c));
  std::vector<int32_t> multipliers, shifts;
  for (const quant::QuantizedMultiplier &q : quant::convPerChannelMultipliers(
           0.0235f, filterScales, 0.0470f, shape.outputC)) {
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
        shape.padding.outputH, shape.padding.outputW, shape.outputC,
        layer.depthMultiplier, layer.strideH, layer.strideW, /*dilation_h=*/1,
        /*dilation_w=*/1, shape.padding.top, shape.padding.left,
        /*input_offset=*/128, /*output_offset=*/-128, relu6.min, relu6.max);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, shape.macs, shape.outputCount);
}

void BM_depthwise_conv2d_f32(benchmark::State &state, DepthwiseLayer layer) {
  const DepthwiseShape shape = shapeOf(layer);
  const std::vector<float> input =
      bench::randomFloat(shape.inputCount, -1.0f, 1.0f, 1);
  const std::vector<float> filter =
      bench::randomFloat(shape.filterCount, -0.5f, 0.5f, 2);
  const std::vector<float> bias =
      bench::randomFloat(shape.outputC, -0.1f, 0.1f, 3);
  std::vector<float> output(static_cast<size_t>(shape.outputCount));

  for (auto _ : state) {
    ref::depthwise_conv2d_f32(
        input.data(), filter.data(), bias.data(), output.data(),
        /*batches=*/1, layer.inputH, layer.inputW, layer.inputC, layer.filterH,
        layer.filterW, shape.padding.outputH, shape.padding.outputW,
        shape.outputC, layer.depthMultiplier, layer.strideH, layer.strideW,
        /*dilation_h=*/1, /*dilation_w=*/1, shape.padding.top,
        shape.padding.left, /*activation_min=*/0.0f,
        /*activation_max=*/6.0f);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, shape.macs, shape.outputCount);
}

// mlperf_vww_int8 op 1: 48x48x8, 3x3, stride 1, SAME.
const DepthwiseLayer kMobilenetS1{48, 48, 8, 3, 3, 1, 1, 1};
// mlperf_vww_int8 op 7: 24x24x32 -> 12x12x32, 3x3, stride 2, SAME.
const DepthwiseLayer kMobilenetS2{24, 24, 32, 3, 3, 1, 2, 2};
// micro_speech_int8 op 1: 49x40x1 -> 25x20x8, 10x8, stride 2, SAME.
const DepthwiseLayer kMicroSpeech{49, 40, 1, 10, 8, 8, 2, 2};

BENCHMARK_CAPTURE(BM_depthwise_conv2d_s8, mobilenet_3x3s1_48x48x8,
                  kMobilenetS1);
BENCHMARK_CAPTURE(BM_depthwise_conv2d_s8, mobilenet_3x3s2_24x24x32,
                  kMobilenetS2);
BENCHMARK_CAPTURE(BM_depthwise_conv2d_s8, micro_speech_10x8s2_mult8_49x40x1,
                  kMicroSpeech);
BENCHMARK_CAPTURE(BM_depthwise_conv2d_f32, mobilenet_3x3s1_48x48x8,
                  kMobilenetS1);
BENCHMARK_CAPTURE(BM_depthwise_conv2d_f32, mobilenet_3x3s2_24x24x32,
                  kMobilenetS2);
BENCHMARK_CAPTURE(BM_depthwise_conv2d_f32, micro_speech_10x8s2_mult8_49x40x1,
                  kMicroSpeech);

} // namespace
