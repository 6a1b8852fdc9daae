//===- LstmParams.cpp - Parameters of the integer LSTM --------------------===//
//
// This file implements the parameter math of TFLite Micro's integer
// UNIDIRECTIONAL_SEQUENCE_LSTM.
//
//===----------------------------------------------------------------------===//
#include "LstmParams.h"

#include "KernelParams.h"

#include <algorithm>
#include <cmath>

namespace ingot::quant {

namespace {

/// Gate pre-activations are int16 in Q3.12 and activations int16 in Q0.15.
constexpr float kGateInputScale = 1.0f / 4096.0f;
constexpr float kGateOutputScale = 1.0f / 32768.0f;

/// TFLite Micro's element-wise product rescale: both input scales times each
/// other over the output scale, all in double.
QuantizedMultiplier productMultiplier(float scale1, float scale2,
                                      float outputScale) {
  return quantizeMultiplier(static_cast<double>(scale1) *
                            static_cast<double>(scale2) /
                            static_cast<double>(outputScale));
}

} // namespace

int32_t lstmCellScalePower(float cellScale) {
  // The reference rounds a float log2, not the double one.
  const float log2 = std::log(cellScale) * (1.0f / std::log(2.0f));
  return static_cast<int32_t>(std::round(log2));
}

std::optional<LstmParams> computeLstmParams(const LstmScales &scales) {
  LstmParams params;
  for (size_t gate = 0; gate < 4; ++gate) {
    // The gates' products are FULLY_CONNECTED layers to a Q3.12 output.
    params.inputToGate[gate] = fullyConnectedMultiplier(
        scales.input, scales.inputWeights[gate], kGateInputScale);
    params.recurrentToGate[gate] = fullyConnectedMultiplier(
        scales.hidden, scales.recurrentWeights[gate], kGateInputScale);
  }
  params.forgetTimesCell =
      productMultiplier(kGateOutputScale, scales.cell, scales.cell);
  params.inputTimesCellGate =
      productMultiplier(kGateOutputScale, kGateOutputScale, scales.cell);
  params.hidden =
      productMultiplier(kGateOutputScale, kGateOutputScale, scales.hidden);

  // tanh reads Q3.12; a cell scale of 2^p is Q(15+p).(-p), hence a left
  // shift of 15 + p - 3. The int16 tanh folds its own factor 3 (it scales
  // the input by 3/4 for its table) into the multiplier.
  const int32_t leftShift = 15 + lstmCellScalePower(scales.cell) - 3;
  if (leftShift < -16 || leftShift > 12)
    return std::nullopt;
  if (leftShift >= 0) {
    params.tanhCellMultiplier = 3 << leftShift;
    params.tanhCellShift = 0;
  } else {
    params.tanhCellMultiplier = 3;
    params.tanhCellShift = -leftShift;
  }

  if (scales.cellClip > 0.0f) {
    const double clip =
        static_cast<double>(scales.cellClip) / static_cast<double>(scales.cell);
    params.quantizedCellClip =
        static_cast<int16_t>(std::min(std::max(clip, -32768.0), 32767.0));
  }
  return params;
}

} // namespace ingot::quant
