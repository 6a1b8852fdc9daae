//===- KernelParams.cpp - Integer parameters of the ref kernels -----------===//
//
// This file implements the derivation of the reference kernels' integer
// arguments from float quantization parameters. The float/double choices are
// deliberate: each mirrors the corresponding TFLite Micro Prepare step, and
// changing one moves some multipliers by one unit in the last place.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ingot::quant {

std::vector<QuantizedMultiplier>
convPerChannelMultipliers(float inputScale,
                          const std::vector<float> &filterScales,
                          float outputScale, int32_t outputChannels) {
  const bool perTensor = filterScales.size() == 1;
  if (outputChannels < 0 ||
      (!perTensor &&
       filterScales.size() != static_cast<size_t>(outputChannels)))
    return {};
  std::vector<QuantizedMultiplier> multipliers;
  multipliers.reserve(static_cast<size_t>(outputChannels));
  for (int32_t channel = 0; channel < outputChannels; ++channel) {
    const float filterScale = perTensor
                                  ? filterScales[0]
                                  : filterScales[static_cast<size_t>(channel)];
    // All three scales are widened first: the product is never rounded to
    // float. The evaluation order (product, then quotient) matters too.
    const double effectiveScale = static_cast<double>(inputScale) *
                                  static_cast<double>(filterScale) /
                                  static_cast<double>(outputScale);
    multipliers.push_back(quantizeMultiplier(effectiveScale));
  }
  return multipliers;
}

QuantizedMultiplier fullyConnectedMultiplier(float inputScale,
                                             float filterScale,
                                             float outputScale) {
  // Unlike convolution, the product is a float multiplication; storing it in
  // a float forces the rounding even where the compiler evaluates float
  // expressions in wider precision.
  const float productScale = inputScale * filterScale;
  return quantizeMultiplier(static_cast<double>(productScale) /
                            static_cast<double>(outputScale));
}

AddParams computeAddParams(float input1Scale, int32_t input1ZeroPoint,
                           float input2Scale, int32_t input2ZeroPoint,
                           float outputScale, int32_t outputZeroPoint) {
  AddParams params;
  params.input1Offset = -input1ZeroPoint;
  params.input2Offset = -input2ZeroPoint;
  params.outputOffset = outputZeroPoint;
  // 20 fractional bits for int8 (TFLite uses 15 for int16).
  params.leftShift = 20;
  const double twiceMaxInputScale =
      2.0 * static_cast<double>(std::max(input1Scale, input2Scale));
  const double input1Real =
      static_cast<double>(input1Scale) / twiceMaxInputScale;
  const double input2Real =
      static_cast<double>(input2Scale) / twiceMaxInputScale;
  const double outputReal =
      twiceMaxInputScale /
      (static_cast<double>(int64_t{1} << params.leftShift) *
       static_cast<double>(outputScale));
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

namespace {

/// zeroPoint + round(real / scale) with TFLite's float arithmetic (std::round
/// on a float rounds half away from zero). TFLite rejects a scale for which
/// the quotient does not fit an int32; such quotients saturate here instead,
/// which after clamping to [qmin, qmax] gives a harmless answer.
int64_t quantizeBound(float real, float scale, int32_t zeroPoint) {
  const float rounded = std::round(real / scale);
  if (std::isnan(rounded))
    return zeroPoint;
  const float limit = 4611686018427387904.0f; // 2^62
  const float saturated = std::min(std::max(rounded, -limit), limit);
  return static_cast<int64_t>(zeroPoint) + static_cast<int64_t>(saturated);
}

/// max(qmin, bound): TFLite only raises the lower bound of the range.
int32_t lowerBound(int64_t bound, int32_t qmin) {
  return static_cast<int32_t>(std::min<int64_t>(
      std::max<int64_t>(bound, qmin), std::numeric_limits<int32_t>::max()));
}

/// min(qmax, bound): TFLite only lowers the upper bound of the range.
int32_t upperBound(int64_t bound, int32_t qmax) {
  return static_cast<int32_t>(std::max<int64_t>(
      std::min<int64_t>(bound, qmax), std::numeric_limits<int32_t>::min()));
}

} // namespace

ActivationRange quantizedActivationRange(FusedActivation activation,
                                         float outputScale,
                                         int32_t outputZeroPoint, int32_t qmin,
                                         int32_t qmax) {
  switch (activation) {
  case FusedActivation::Relu:
    return {lowerBound(quantizeBound(0.0f, outputScale, outputZeroPoint), qmin),
            qmax};
  case FusedActivation::Relu6:
    return {
        lowerBound(quantizeBound(0.0f, outputScale, outputZeroPoint), qmin),
        upperBound(quantizeBound(6.0f, outputScale, outputZeroPoint), qmax)};
  case FusedActivation::ReluN1To1:
    return {
        lowerBound(quantizeBound(-1.0f, outputScale, outputZeroPoint), qmin),
        upperBound(quantizeBound(1.0f, outputScale, outputZeroPoint), qmax)};
  case FusedActivation::None:
    break;
  }
  return {qmin, qmax};
}

namespace {

struct AxisPadding {
  int32_t outputSize = 0;
  int32_t leading = 0;
};

/// One spatial axis of TFLite's ComputePaddingHeightWidth. Returns false for
/// arguments TFLite Micro reports as errors.
bool computeAxisPadding(bool same, int32_t inSize, int32_t filterSize,
                        int32_t stride, int32_t dilation, AxisPadding &result) {
  if (inSize < 0 || filterSize <= 0 || stride <= 0 || dilation <= 0)
    return false;
  // 64-bit so that large dilations cannot overflow.
  const int64_t effectiveFilter =
      (static_cast<int64_t>(filterSize) - 1) * dilation + 1;
  const int64_t outputSize =
      same ? (static_cast<int64_t>(inSize) + stride - 1) / stride
           : (static_cast<int64_t>(inSize) + stride - effectiveFilter) / stride;
  if (outputSize < 0 || outputSize > std::numeric_limits<int32_t>::max())
    return false;
  // The input is padded just enough for the last window to fit; an odd total
  // puts the extra row or column at the end, so the leading pad rounds down.
  const int64_t totalPadding =
      (outputSize - 1) * stride + effectiveFilter - inSize;
  const int64_t leading = totalPadding > 0 ? totalPadding / 2 : 0;
  if (leading > std::numeric_limits<int32_t>::max())
    return false;
  result.outputSize = static_cast<int32_t>(outputSize);
  result.leading = static_cast<int32_t>(leading);
  return true;
}

} // namespace

PaddingValues computePadding(bool same, int32_t inH, int32_t inW,
                             int32_t filterH, int32_t filterW, int32_t strideH,
                             int32_t strideW, int32_t dilationH,
                             int32_t dilationW) {
  AxisPadding height;
  AxisPadding width;
  if (!computeAxisPadding(same, inH, filterH, strideH, dilationH, height) ||
      !computeAxisPadding(same, inW, filterW, strideW, dilationW, width))
    return {0, 0, 0, 0};
  return {height.leading, width.leading, height.outputSize, width.outputSize};
}

} // namespace ingot::quant
