//===- LstmParams.h - Parameters of the integer LSTM ------------*- C++ -*-===//
//
// The compiler-side half of lstm_s8 and lstm_s16: every rescale of TFLite
// Micro's integer UNIDIRECTIONAL_SEQUENCE_LSTM, computed from the tensors'
// float scales as its Prepare step (PrepareGateParametersInteger and
// CreateLstmCellStateInfo) computes them.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_LSTMPARAMS_H
#define INGOT_QUANTIZATION_LSTMPARAMS_H

#include "QuantizedMultiplier.h"

#include <array>
#include <cstdint>
#include <optional>

namespace ingot::quant {

/// The float scales an integer LSTM's parameters depend on. Gates are in the
/// order input, forget, cell, output.
struct LstmScales {
  float input = 0.0f;
  float hidden = 0.0f;
  float cell = 0.0f;
  std::array<float, 4> inputWeights{};
  std::array<float, 4> recurrentWeights{};
  float cellClip = 0.0f;
};

struct LstmParams {
  /// Per gate, input and recurrent products to the gate pre-activation,
  /// which TFLite Micro fixes at scale 2^-12 (Q3.12).
  std::array<QuantizedMultiplier, 4> inputToGate;
  std::array<QuantizedMultiplier, 4> recurrentToGate;
  /// forget (Q0.15) * cell -> cell, input (Q0.15) * cell gate (Q0.15) ->
  /// cell and tanh(cell) (Q0.15) * output gate (Q0.15) -> hidden state.
  QuantizedMultiplier forgetTimesCell;
  QuantizedMultiplier inputTimesCellGate;
  QuantizedMultiplier hidden;
  /// The int16 tanh of the cell state reads (cell * multiplier + round) >>
  /// shift: its Q3.12 input from the cell state's power-of-two scale.
  int32_t tanhCellMultiplier = 0;
  int32_t tanhCellShift = 0;
  /// The cell clip in cell-state units; -1 when the cell is not clipped.
  int32_t quantizedCellClip = -1;
};

/// The exponent p with 2^p nearest the cell scale, rounded from a float
/// log2 as TFLite Micro's CheckedLog2 does.
int32_t lstmCellScalePower(float cellScale);

/// The integer LSTM's parameters, or std::nullopt when the cell state's scale
/// puts the tanh input shift outside what the int16 tanh handles.
std::optional<LstmParams> computeLstmParams(const LstmScales &scales);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_LSTMPARAMS_H
