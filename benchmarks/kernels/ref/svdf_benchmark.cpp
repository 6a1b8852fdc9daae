//===- svdf_benchmark.cpp - Reference int8 SVDF ---------------------------===//
//
// This file benchmarks one step of ingot::ref::svdf_s8 with the shapes of
// keyword_scrambled_int8's first SVDF (96 inputs, 64 filters of rank 1,
// memory 8) and of its later 16-input layers. Each iteration also shifts the
// state, as one inference does.
//
//===----------------------------------------------------------------------===//
#include "SvdfParams.h"
#include "ingot/runtime/kernels/ref/svdf_s8.h"
#include "kernel_benchmark.h"

namespace {

using namespace ingot;

struct SvdfLayer {
  int32_t inputSize, numUnits, rank, memorySize;
};

void BM_svdf_s8(benchmark::State &state, SvdfLayer layer) {
  const int32_t numFilters = layer.numUnits * layer.rank;
  const std::vector<int8_t> input = bench::randomInt8(layer.inputSize, 1);
  const std::vector<int8_t> weightsFeature =
      bench::randomInt8(int64_t{numFilters} * layer.inputSize, 2);
  const std::vector<int8_t> weightsTime =
      bench::randomInt8(int64_t{numFilters} * layer.memorySize, 3);
  const std::vector<int32_t> bias =
      bench::randomTensor<int32_t>(layer.numUnits, -4096, 4096, 4);
  std::vector<int8_t> activationState(
      static_cast<size_t>(numFilters * layer.memorySize), 0);
  std::vector<int8_t> output(static_cast<size_t>(layer.numUnits));
  const quant::SvdfParams params =
      quant::computeSvdfParams(0.0235f, 0.0040f, 0.0160f, 0.0052f, 0.0470f);

  for (auto _ : state) {
    ref::svdf_s8(input.data(), weightsFeature.data(), weightsTime.data(),
                 bias.data(), activationState.data(), output.data(),
                 /*batches=*/1, layer.inputSize, numFilters, layer.numUnits,
                 layer.memorySize, layer.rank, /*input_zero_point=*/-3,
                 /*state_zero_point=*/0, /*output_zero_point=*/-128,
                 params.feature.multiplier, params.feature.shift,
                 params.output.multiplier, params.output.shift,
                 params.activationMin, params.activationMax);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  // Feature projection plus time filter, as `ingot inspect` counts them.
  bench::setThroughputCounters(
      state, int64_t{numFilters} * (layer.inputSize + layer.memorySize),
      layer.numUnits);
}

BENCHMARK_CAPTURE(BM_svdf_s8, keyword_96in_64units_mem8,
                  SvdfLayer{96, 64, 1, 8});
BENCHMARK_CAPTURE(BM_svdf_s8, keyword_16in_64units_mem8,
                  SvdfLayer{16, 64, 1, 8});

} // namespace
