//===- conv2d_benchmark.cpp - Reference 2-D convolutions ------------------===//
//
// This file benchmarks ingot::ref::conv2d_s8 and conv2d_f32 on layers taken
// from the conformance models: MobileNet v1's 3x3 stride-2 stem and a 1x1
// pointwise layer (mlperf_vww_int8), and ResNet-8's 3x3 body convolution
// (mlperf_ic_int8). int8 quantization parameters come from the compiler's own
// parameter math, with per-channel filter scales as TFLite produces them.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/conv2d_f32.h"
#include "ingot/runtime/kernels/ref/conv2d_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

struct ConvLayer {
  int32_t inputH, inputW, inputC;
  int32_t filterH, filterW, outputC;
  int32_t stride;
};

/// Tensor sizes and SAME padding of a layer.
struct ConvShape {
  quant::PaddingValues padding;
  int64_t inputCount, filterCount, outputCount, macs;
};

ConvShape shapeOf(const ConvLayer &layer) {
  ConvShape shape;
  shape.padding = quant::computePadding(
      /*same=*/true, layer.inputH, layer.inputW, layer.filterH, layer.filterW,
      layer.stride, layer.stride, /*dilationH=*/1, /*dilationW=*/1);
  shape.inputCount = int64_t{layer.inputH} * layer.inputW * layer.inputC;
  shape.filterCount =
      int64_t{layer.outputC} * layer.filterH * layer.filterW * layer.inputC;
  shape.outputCount =
      int64_t{shape.padding.outputH} * shape.padding.outputW * layer.outputC;
  // Nominal MACs, padded taps included, as `ingot inspect` counts them.
  shape.macs = shape.outputCount * layer.filterH * layer.filterW * layer.inputC;
  return shape;
}

void BM_conv2d_s8(benchmark::State &state, ConvLayer layer) {
  const ConvShape shape = shapeOf(layer);
  const std::vector<int8_t> input = bench::randomInt8(shape.inputCount, 1);
  const std::vector<int8_t> filter = bench::randomInt8(shape.filterCount, 2);
  const std::vector<int32_t> bias =
      bench::randomTensor<int32_t>(layer.outputC, -4096, 4096, 3);
  std::vector<int8_t> output(static_cast<size_t>(shape.outputCount));

  std::vector<float> filterScales;
  for (int32_t c = 0; c < layer.outputC; ++c)
    filterScales.push_back(0.002f + 0.0001f * static_cast<float>(c));
  std::vector<int32_t> multipliers, shifts;
  for (const quant::QuantizedMultiplier &q : quant::convPerChannelMultipliers(
           0.0235f, filterScales, 0.0470f, layer.outputC)) {
    multipliers.push_back(q.multiplier);
    shifts.push_back(q.shift);
  }
  const quant::ActivationRange relu6 = quant::quantizedActivationRange(
      quant::FusedActivation::Relu6, 0.0470f, -128, -128, 127);

  for (auto _ : state) {
    ref::conv2d_s8(input.data(), filter.data(), bias.data(), output.data(),
                   multipliers.data(), shifts.data(), /*batches=*/1,
                   layer.inputH, layer.inputW, layer.inputC, layer.filterH,
                   layer.filterW, shape.padding.outputH, shape.padding.outputW,
                   layer.outputC, layer.stride, layer.stride,
                   /*dilation_h=*/1, /*dilation_w=*/1, shape.padding.top,
                   shape.padding.left, /*input_offset=*/1,
                   /*output_offset=*/-128, relu6.min, relu6.max);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, shape.macs, shape.outputCount);
}

void BM_conv2d_f32(benchmark::State &state, ConvLayer layer) {
  const ConvShape shape = shapeOf(layer);
  const std::vector<float> input =
      bench::randomFloat(shape.inputCount, -1.0f, 1.0f, 1);
  const std::vector<float> filter =
      bench::randomFloat(shape.filterCount, -0.5f, 0.5f, 2);
  const std::vector<float> bias =
      bench::randomFloat(layer.outputC, -0.1f, 0.1f, 3);
  std::vector<float> output(static_cast<size_t>(shape.outputCount));

  for (auto _ : state) {
    ref::conv2d_f32(input.data(), filter.data(), bias.data(), output.data(),
                    /*batches=*/1, layer.inputH, layer.inputW, layer.inputC,
                    layer.filterH, layer.filterW, shape.padding.outputH,
                    shape.padding.outputW, layer.outputC, layer.stride,
                    layer.stride, /*dilation_h=*/1, /*dilation_w=*/1,
                    shape.padding.top, shape.padding.left,
                    /*activation_min=*/0.0f, /*activation_max=*/6.0f);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, shape.macs, shape.outputCount);
}

// mlperf_vww_int8 op 0: 96x96x3 -> 48x48x8, 3x3, stride 2, SAME.
const ConvLayer kMobilenetStem{96, 96, 3, 3, 3, 8, 2};
// mlperf_ic_int8 op 1: 32x32x16 -> 32x32x16, 3x3, stride 1, SAME.
const ConvLayer kResnet8Body{32, 32, 16, 3, 3, 16, 1};
// mlperf_vww_int8 op 6: 24x24x32 -> 24x24x32, 1x1 pointwise.
const ConvLayer kMobilenetPointwise{24, 24, 32, 1, 1, 32, 1};

BENCHMARK_CAPTURE(BM_conv2d_s8, mobilenet_stem_3x3s2_96x96x3_to_8,
                  kMobilenetStem);
BENCHMARK_CAPTURE(BM_conv2d_s8, resnet8_3x3_32x32x16_to_16, kResnet8Body);
BENCHMARK_CAPTURE(BM_conv2d_s8, mobilenet_pointwise_1x1_24x24x32_to_32,
                  kMobilenetPointwise);
BENCHMARK_CAPTURE(BM_conv2d_f32, mobilenet_stem_3x3s2_96x96x3_to_8,
                  kMobilenetStem);
BENCHMARK_CAPTURE(BM_conv2d_f32, resnet8_3x3_32x32x16_to_16, kResnet8Body);
BENCHMARK_CAPTURE(BM_conv2d_f32, mobilenet_pointwise_1x1_24x24x32_to_32,
                  kMobilenetPointwise);

} // namespace
