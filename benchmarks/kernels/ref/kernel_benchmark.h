//===- kernel_benchmark.h - Kernel benchmark helpers ------------*- C++ -*-===//
//
// This file implements what every reference-kernel benchmark needs: tensors
// filled from a fixed seed (so runs compare like with like) and the counters
// that turn Google Benchmark's wall time into throughput.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_BENCHMARKS_KERNELS_REF_KERNEL_BENCHMARK_H
#define INGOT_BENCHMARKS_KERNELS_REF_KERNEL_BENCHMARK_H

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

namespace ingot::bench {

/// `count` values drawn uniformly from [low, high] with a fixed seed. The
/// values only matter for data-dependent kernels (softmax's cut-off, pooling
/// comparisons); a fixed seed keeps those paths the same from run to run.
template <typename T>
std::vector<T> randomTensor(int64_t count, int32_t low, int32_t high,
                            uint32_t seed = 1) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int32_t> value(low, high);
  std::vector<T> tensor(static_cast<size_t>(count));
  for (T &element : tensor)
    element = static_cast<T>(value(rng));
  return tensor;
}

inline std::vector<int8_t> randomInt8(int64_t count, uint32_t seed = 1) {
  return randomTensor<int8_t>(count, -128, 127, seed);
}

/// `count` floats drawn uniformly from [low, high) with a fixed seed.
inline std::vector<float> randomFloat(int64_t count, float low, float high,
                                      uint32_t seed = 1) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> value(low, high);
  std::vector<float> tensor(static_cast<size_t>(count));
  for (float &element : tensor)
    element = value(rng);
  return tensor;
}

/// Reports `macs` multiply-accumulates and `items` output elements per
/// iteration as rates: Google Benchmark prints them per second of the
/// measured time.
inline void setThroughputCounters(benchmark::State &state, int64_t macs,
                                  int64_t items) {
  if (macs > 0)
    state.counters["MACs"] =
        benchmark::Counter(static_cast<double>(macs),
                           benchmark::Counter::kIsIterationInvariantRate,
                           benchmark::Counter::kIs1000);
  state.SetItemsProcessed(state.iterations() * items);
}

} // namespace ingot::bench

#endif // INGOT_BENCHMARKS_KERNELS_REF_KERNEL_BENCHMARK_H
