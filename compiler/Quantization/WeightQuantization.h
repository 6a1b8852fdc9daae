//===- WeightQuantization.h - Float weights to int8 -------------*- C++ -*-===//
//
// Symmetric int8 quantization of constant weights, as TensorFlow Lite's
// post-training dynamic-range quantization does it: scale = max|w| / 127
// (per tensor, or per output channel), values rounded half away from zero and
// clamped to [-127, 127], zero point 0.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_WEIGHTQUANTIZATION_H
#define INGOT_QUANTIZATION_WEIGHTQUANTIZATION_H

#include <cstdint>
#include <vector>

namespace ingot::quant {

struct QuantizedWeights {
  std::vector<int8_t> values;
  /// One scale, or one per channel.
  std::vector<float> scales;
};

/// Quantizes `weights` with one scale. An all-zero tensor gets scale 1.
QuantizedWeights quantizeWeightsPerTensor(const std::vector<float> &weights);

/// Quantizes `weights`, laid out as [channels][rest], with one scale per
/// channel (the leading dimension, as for convolution filters).
QuantizedWeights quantizeWeightsPerChannel(const std::vector<float> &weights,
                                           int64_t channels);

/// Quantizes `weights`, laid out as [rest][channels], with one scale per
/// channel of the innermost dimension (as for depthwise filters).
QuantizedWeights quantizeWeightsPerLastAxis(const std::vector<float> &weights,
                                            int64_t channels);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_WEIGHTQUANTIZATION_H
