//===- fully_connected_benchmark.cpp - Reference dense layers -------------===//
//
// This file benchmarks ingot::ref::fully_connected_s8 and fully_connected_f32
// on the anomaly detection autoencoder's widest layer (mlperf_ad_int8,
// 640 -> 128), a square 128 -> 128 layer from the same model, and the keyword
// spotter's classifier head (mlperf_kws_int8, 64 -> 12).
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/fully_connected_f32.h"
#include "ingot/runtime/kernels/ref/fully_connected_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

void BM_fully_connected_s8(benchmark::State &state, int32_t accumDepth,
                           int32_t outputDepth) {
  const std::vector<int8_t> input = bench::randomInt8(accumDepth, 1);
  const std::vector<int8_t> filter =
      bench::randomInt8(int64_t{accumDepth} * outputDepth, 2);
  const std::vector<int32_t> bias =
      bench::randomTensor<int32_t>(outputDepth, -4096, 4096, 3);
  std::vector<int8_t> output(static_cast<size_t>(outputDepth));
  const quant::QuantizedMultiplier rescale =
      quant::fullyConnectedMultiplier(0.0235f, 0.0031f, 0.0470f);
  const quant::ActivationRange relu = quant::quantizedActivationRange(
      quant::FusedActivation::Relu, 0.0470f, -128, -128, 127);

  for (auto _ : state) {
    ref::fully_connected_s8(
        input.data(), filter.data(), bias.data(), output.data(), /*batches=*/1,
        accumDepth, outputDepth, /*input_offset=*/5,
        /*filter_offset=*/0, /*output_offset=*/-128, rescale.multiplier,
        rescale.shift, relu.min, relu.max);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, int64_t{accumDepth} * outputDepth,
                               outputDepth);
}

void BM_fully_connected_f32(benchmark::State &state, int32_t accumDepth,
                            int32_t outputDepth) {
  const std::vector<float> input =
      bench::randomFloat(accumDepth, -1.0f, 1.0f, 1);
  const std::vector<float> filter =
      bench::randomFloat(int64_t{accumDepth} * outputDepth, -0.5f, 0.5f, 2);
  const std::vector<float> bias =
      bench::randomFloat(outputDepth, -0.1f, 0.1f, 3);
  std::vector<float> output(static_cast<size_t>(outputDepth));

  for (auto _ : state) {
    ref::fully_connected_f32(input.data(), filter.data(), bias.data(),
                             output.data(), /*batches=*/1, accumDepth,
                             outputDepth, /*activation_min=*/0.0f,
                             /*activation_max=*/kMaxF32);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  bench::setThroughputCounters(state, int64_t{accumDepth} * outputDepth,
                               outputDepth);
}

BENCHMARK_CAPTURE(BM_fully_connected_s8, autoencoder_640_to_128, 640, 128);
BENCHMARK_CAPTURE(BM_fully_connected_s8, autoencoder_128_to_128, 128, 128);
BENCHMARK_CAPTURE(BM_fully_connected_s8, kws_head_64_to_12, 64, 12);
BENCHMARK_CAPTURE(BM_fully_connected_f32, autoencoder_640_to_128, 640, 128);
BENCHMARK_CAPTURE(BM_fully_connected_f32, autoencoder_128_to_128, 128, 128);
BENCHMARK_CAPTURE(BM_fully_connected_f32, kws_head_64_to_12, 64, 12);

} // namespace
