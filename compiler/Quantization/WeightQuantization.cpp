//===- WeightQuantization.cpp - Float weights to int8 ---------------------===//
//
// This file implements symmetric weight quantization. The value is multiplied
// by 127 / max|w| rather than divided by the scale, as TFLite's
// SymmetricQuantizeFloats does, so that max|w| maps to exactly 127.
//
//===----------------------------------------------------------------------===//
#include "WeightQuantization.h"

#include <algorithm>
#include <cmath>

namespace ingot::quant {

/// Quantizes `count` values starting at `first` with one scale; returns it.
static float quantizeRange(const float *first, int64_t count, int8_t *out) {
  float range = 0.0f;
  for (int64_t i = 0; i < count; ++i)
    range = std::max(range, std::fabs(first[i]));
  if (range == 0.0f) {
    std::fill(out, out + count, int8_t{0});
    return 1.0f;
  }
  const float inverse = 127.0f / range;
  for (int64_t i = 0; i < count; ++i) {
    long rounded = std::lround(first[i] * inverse);
    out[i] = static_cast<int8_t>(std::clamp(rounded, -127L, 127L));
  }
  return range / 127.0f;
}

QuantizedWeights quantizeWeightsPerTensor(const std::vector<float> &weights) {
  QuantizedWeights result;
  result.values.resize(weights.size());
  result.scales.push_back(quantizeRange(weights.data(),
                                        static_cast<int64_t>(weights.size()),
                                        result.values.data()));
  return result;
}

QuantizedWeights quantizeWeightsPerChannel(const std::vector<float> &weights,
                                           int64_t channels) {
  QuantizedWeights result;
  result.values.resize(weights.size());
  int64_t perChannel =
      channels > 0 ? static_cast<int64_t>(weights.size()) / channels : 0;
  for (int64_t c = 0; c < channels; ++c)
    result.scales.push_back(
        quantizeRange(weights.data() + c * perChannel, perChannel,
                      result.values.data() + c * perChannel));
  return result;
}

QuantizedWeights quantizeWeightsPerLastAxis(const std::vector<float> &weights,
                                            int64_t channels) {
  // Gather each channel into a contiguous run, quantize it like a leading
  // axis, and scatter the values back.
  int64_t rows =
      channels > 0 ? static_cast<int64_t>(weights.size()) / channels : 0;
  std::vector<float> gathered(weights.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < channels; ++c)
      gathered[c * rows + r] = weights[r * channels + c];
  QuantizedWeights byChannel = quantizeWeightsPerChannel(gathered, channels);
  QuantizedWeights result;
  result.scales = byChannel.scales;
  result.values.resize(weights.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < channels; ++c)
      result.values[r * channels + c] = byChannel.values[c * rows + r];
  return result;
}

} // namespace ingot::quant
