//===- Int16Params.cpp - Parameters of the int16 ref kernels --------------===//
//
// This file implements the derivation of the int16 reference kernels' integer
// arguments: rescale multipliers (with TFLite Micro's float/double choices),
// broadcast strides and resolved strided-slice indices.
//
//===----------------------------------------------------------------------===//
#include "Int16Params.h"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace ingot::quant {

namespace {

/// The int16 kernels shift (value - zero point) left by this many bits before
/// rescaling; add_s16 and sub_s16 hard-code the same number.
constexpr int32_t kAddSubLeftShift = 15;

AddSubS16Params makeAddSubParams(int32_t input1ZeroPoint,
                                 int32_t input2ZeroPoint,
                                 int32_t outputZeroPoint, double input1Real,
                                 double input2Real, double outputReal) {
  AddSubS16Params params;
  params.input1Offset = -input1ZeroPoint;
  params.input2Offset = -input2ZeroPoint;
  params.outputOffset = outputZeroPoint;
  const QuantizedMultiplier input1 = quantizeMultiplier(input1Real);
  const QuantizedMultiplier input2 = quantizeMultiplier(input2Real);
  const QuantizedMultiplier output = quantizeMultiplier(outputReal);
  params.input1Multiplier = input1.multiplier;
  params.input1Shift = input1.shift;
  params.input2Multiplier = input2.multiplier;
  params.input2Shift = input2.shift;
  params.outputMultiplier = output.multiplier;
  params.outputShift = output.shift;
  return params;
}

} // namespace

ActivationRange activationRangeS16(FusedActivation activation,
                                   float outputScale, int32_t outputZeroPoint) {
  return quantizedActivationRange(activation, outputScale, outputZeroPoint,
                                  std::numeric_limits<int16_t>::min(),
                                  std::numeric_limits<int16_t>::max());
}

AddSubS16Params addS16Params(float input1Scale, int32_t input1ZeroPoint,
                             float input2Scale, int32_t input2ZeroPoint,
                             float outputScale, int32_t outputZeroPoint) {
  const double twiceMaxInputScale =
      2.0 * static_cast<double>(std::max(input1Scale, input2Scale));
  const double input1Real =
      static_cast<double>(input1Scale) / twiceMaxInputScale;
  const double input2Real =
      static_cast<double>(input2Scale) / twiceMaxInputScale;
  const double outputReal =
      twiceMaxInputScale /
      (static_cast<double>(int64_t{1} << kAddSubLeftShift) *
       static_cast<double>(outputScale));
  return makeAddSubParams(input1ZeroPoint, input2ZeroPoint, outputZeroPoint,
                          input1Real, input2Real, outputReal);
}

AddSubS16Params subS16Params(float input1Scale, int32_t input1ZeroPoint,
                             float input2Scale, int32_t input2ZeroPoint,
                             float outputScale, int32_t outputZeroPoint) {
  // Every intermediate is stored in a float variable so that it is rounded
  // to float even where the host evaluates float expressions more precisely.
  const float twiceMaxInputScale = 2.0f * std::max(input1Scale, input2Scale);
  const float input1Real = input1Scale / twiceMaxInputScale;
  const float input2Real = input2Scale / twiceMaxInputScale;
  const float outputDenominator =
      static_cast<float>(int32_t{1} << kAddSubLeftShift) * outputScale;
  const float outputReal = twiceMaxInputScale / outputDenominator;
  return makeAddSubParams(input1ZeroPoint, input2ZeroPoint, outputZeroPoint,
                          static_cast<double>(input1Real),
                          static_cast<double>(input2Real),
                          static_cast<double>(outputReal));
}

BroadcastStrides broadcastStrides(const std::vector<int32_t> &input1Shape,
                                  const std::vector<int32_t> &input2Shape) {
  constexpr size_t kMaxRank = 6;
  const size_t rank = std::max(input1Shape.size(), input2Shape.size());
  if (rank > kMaxRank)
    return {};
  // Both shapes padded with leading 1s to the common rank.
  std::vector<int64_t> shape1(rank, 1);
  std::vector<int64_t> shape2(rank, 1);
  std::copy(input1Shape.begin(), input1Shape.end(),
            shape1.begin() +
                static_cast<std::ptrdiff_t>(rank - input1Shape.size()));
  std::copy(input2Shape.begin(), input2Shape.end(),
            shape2.begin() +
                static_cast<std::ptrdiff_t>(rank - input2Shape.size()));

  // Full-rank output shape and contiguous strides of each input, with 0 where
  // an input has size 1 against a larger output.
  std::vector<int64_t> outShape(rank);
  std::vector<int64_t> strides1(rank);
  std::vector<int64_t> strides2(rank);
  int64_t size1 = 1;
  int64_t size2 = 1;
  for (size_t i = rank; i-- > 0;) {
    if (shape1[i] < 0 || shape2[i] < 0)
      return {};
    if (shape1[i] != shape2[i] && shape1[i] != 1 && shape2[i] != 1)
      return {};
    outShape[i] = std::max(shape1[i], shape2[i]);
    strides1[i] = shape1[i] == outShape[i] ? size1 : 0;
    strides2[i] = shape2[i] == outShape[i] ? size2 : 0;
    size1 *= shape1[i];
    size2 *= shape2[i];
    if (size1 > std::numeric_limits<int32_t>::max() ||
        size2 > std::numeric_limits<int32_t>::max())
      return {};
  }

  // Drop size-1 dimensions (they never advance an index), then merge each
  // dimension into the one before it when both inputs step through the pair
  // as through a single dimension: stride[outer] == stride[inner] * size[inner]
  // (a broadcast input has 0 == 0 * size).
  BroadcastStrides result;
  for (size_t i = 0; i < rank; ++i) {
    if (outShape[i] == 1)
      continue;
    if (!result.outputShape.empty()) {
      const int64_t innerSize = outShape[i];
      if (result.input1Strides.back() == strides1[i] * innerSize &&
          result.input2Strides.back() == strides2[i] * innerSize) {
        const int64_t merged = result.outputShape.back() * innerSize;
        if (merged > std::numeric_limits<int32_t>::max())
          return {};
        result.outputShape.back() = static_cast<int32_t>(merged);
        result.input1Strides.back() = static_cast<int32_t>(strides1[i]);
        result.input2Strides.back() = static_cast<int32_t>(strides2[i]);
        continue;
      }
    }
    result.outputShape.push_back(static_cast<int32_t>(outShape[i]));
    result.input1Strides.push_back(static_cast<int32_t>(strides1[i]));
    result.input2Strides.push_back(static_cast<int32_t>(strides2[i]));
  }
  if (result.outputShape.empty()) {
    // Every dimension has size 1 (or the shapes are scalars): one element,
    // which an empty input (a zero-size dimension) cannot have, so both
    // strides may be 0.
    result.outputShape.push_back(1);
    result.input1Strides.push_back(0);
    result.input2Strides.push_back(0);
  }
  return result;
}

LeakyReluS16Params leakyReluS16Params(float inputScale, int32_t inputZeroPoint,
                                      float alpha, float outputScale,
                                      int32_t outputZeroPoint) {
  LeakyReluS16Params params;
  params.inputZeroPoint = inputZeroPoint;
  params.outputZeroPoint = outputZeroPoint;
  // Float products and quotients, stored to force the rounding.
  const float alphaProduct = inputScale * alpha;
  const float alphaReal = alphaProduct / outputScale;
  const float identityReal = inputScale / outputScale;
  const QuantizedMultiplier alphaMultiplier =
      quantizeMultiplier(static_cast<double>(alphaReal));
  const QuantizedMultiplier identityMultiplier =
      quantizeMultiplier(static_cast<double>(identityReal));
  params.alphaMultiplier = alphaMultiplier.multiplier;
  params.alphaShift = alphaMultiplier.shift;
  params.identityMultiplier = identityMultiplier.multiplier;
  params.identityShift = identityMultiplier.shift;
  return params;
}

PaddingValues transposeConvPadding(bool same, int32_t outputH, int32_t outputW,
                                   int32_t filterH, int32_t filterW,
                                   int32_t strideH, int32_t strideW) {
  return computePadding(same, outputH, outputW, filterH, filterW, strideH,
                        strideW, /*dilationH=*/1, /*dilationW=*/1);
}

namespace {

int64_t clampIndex(int64_t value, int64_t low, int64_t high) {
  return std::min(std::max(value, low), high);
}

} // namespace

StridedSliceS16Params stridedSliceS16Params(
    const std::vector<int32_t> &inputShape, const std::vector<int32_t> &begin,
    const std::vector<int32_t> &end, const std::vector<int32_t> &strides,
    int32_t beginMask, int32_t endMask, int32_t shrinkAxisMask) {
  const size_t rank = inputShape.size();
  if (begin.size() != rank || end.size() != rank || strides.size() != rank ||
      rank > 31)
    return {};
  StridedSliceS16Params result;
  for (size_t axis = 0; axis < rank; ++axis) {
    const int64_t size = inputShape[axis];
    const int64_t stride = strides[axis];
    const uint32_t bit = uint32_t{1} << axis;
    const bool shrink = (static_cast<uint32_t>(shrinkAxisMask) & bit) != 0;
    if (size < 0 || stride == 0)
      return {};
    // Forward iteration may start or stop anywhere in [0, size]; backward
    // iteration in [-1, size - 1] (-1 stops after element 0).
    const int64_t low = stride > 0 ? 0 : -1;
    const int64_t high = stride > 0 ? size : size - 1;

    int64_t start = begin[axis];
    if (start < 0)
      start += size;
    start = clampIndex(start, low, high);
    if ((static_cast<uint32_t>(beginMask) & bit) != 0)
      start = stride > 0 ? 0 : size - 1;

    int64_t count = 0;
    if (shrink) {
      // One element at `start`. TFLite stops at start + 1 whatever the stride
      // sign, so a backward shrink visits nothing and leaves the output
      // unwritten; an out-of-range start likewise. Both are rejected.
      if (stride < 0 || start < 0 || start >= size)
        return {};
      count = 1;
    } else {
      int64_t stop = end[axis];
      if (stop < 0)
        stop += size;
      stop = clampIndex(stop, low, high);
      if ((static_cast<uint32_t>(endMask) & bit) != 0)
        stop = stride > 0 ? size : -1;
      // ceil((stop - start) / stride) for a positive quotient, else 0.
      const int64_t distance = stride > 0 ? stop - start : start - stop;
      const int64_t step = stride > 0 ? stride : -stride;
      count = distance > 0 ? (distance + step - 1) / step : 0;
    }
    // An empty axis has no valid start; any in-range value will do.
    if (count == 0)
      start = 0;
    result.start.push_back(static_cast<int32_t>(start));
    result.stride.push_back(static_cast<int32_t>(stride));
    result.outputShape.push_back(static_cast<int32_t>(count));
  }
  return result;
}

} // namespace ingot::quant
