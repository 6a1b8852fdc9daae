//===- lstm_int.h - Reference integer UNIDIRECTIONAL_SEQUENCE_LSTM -*- C++ -*-//
//
// This file implements TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM for int8
// activations (lstm_s8: int8 weights, int32 biases) and int16 activations
// (lstm_s16: int8 weights, int64 biases), bit-exact with TensorFlow Lite
// Micro's reference kernel. Both keep the cell state in int16 at a
// power-of-two scale. Per time step and batch row, for each gate:
//   1. the input and the recurrent products are each a FULLY_CONNECTED layer
//      (the bias goes with the input one) rescaled to int16 Q3.12 and
//      saturated, then added with saturation;
//   2. sigmoid (tanh for the cell gate) maps Q3.12 to Q0.15 through TFLite's
//      interpolated 256-entry sigmoid table;
// then
//   3. c = sat(forget * c rescaled) + sat(input * cell_gate rescaled),
//      saturated, and clipped when the model has a cell clip;
//   4. h = tanh(c) * output, rescaled to the hidden state's scale and zero
//      point; h is also the step's output row.
// All rescales are computed by the compiler (ingot::quant::computeLstmParams).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LSTM_INT_H
#define INGOT_RUNTIME_KERNELS_REF_LSTM_INT_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/ref/sigmoid_table_u16.h"

namespace ingot {
namespace ref {

namespace lstm_detail {

INGOT_KERNEL int16_t saturate_i16(int32_t value) {
  return static_cast<int16_t>(clamp_i32(value, -32768, 32767));
}

/// TFLite's int16 LOGISTIC of a Q3.12 input, to Q0.15. The input is scaled by
/// 3 so that the table's step of 1/24 is 2^-9 of it (3/4 of the Q3.12 range
/// per index, interpolating over the low 9 bits).
INGOT_KERNEL int16_t sigmoid_q3_12(int16_t x) {
  const int32_t scaled = x * 3;
  const uint32_t magnitude =
      static_cast<uint32_t>(scaled < 0 ? -scaled : scaled);
  const uint32_t index = magnitude >> 9;
  uint32_t result;
  if (index >= 255) {
    result = 0x7FFFu << 10;
  } else {
    const uint32_t low = kSigmoidTable[index];
    const uint32_t high = kSigmoidTable[index + 1];
    result = (low << 9) + (magnitude & 0x1FF) * (high - low);
  }
  // sigmoid(-x) = 1 - sigmoid(x); the rounding constants differ by side.
  result = scaled >= 0 ? result + (1u << 9)
                       : (1u << (16 + 9)) - result + (1u << 9) - 1;
  return static_cast<int16_t>(result >> 10);
}

/// TFLite's int16 TANH to Q0.15 of an input brought to 3x Q3.12 by
/// (x * multiplier + round) >> shift (multiplier 3, shift 0 for a Q3.12
/// input).
INGOT_KERNEL int16_t tanh_int16(int16_t x, int32_t multiplier, int32_t shift) {
  const int32_t round = shift > 0 ? (int32_t{1} << (shift - 1)) : 0;
  const int32_t scaled = (x * multiplier + round) >> shift;
  const uint32_t magnitude =
      static_cast<uint32_t>(scaled < 0 ? -scaled : scaled);
  const uint32_t index = magnitude >> 8;
  int32_t result;
  if (index >= 255) {
    result = 0xFFFF << 8;
  } else {
    const uint32_t low = kSigmoidTable[index];
    const uint32_t high = kSigmoidTable[index + 1];
    result =
        static_cast<int32_t>((low << 8) + (magnitude & 0xFF) * (high - low));
  }
  // 2 sigmoid - 1, with the reference's rounding constants on each side.
  result = scaled >= 0 ? result - (1 << 23) + (1 << 7)
                       : -result + (1 << 23) + (1 << 7) - 1;
  return static_cast<int16_t>(result >> 8);
}

INGOT_KERNEL int32_t rescale(int32_t accumulator, int32_t multiplier,
                             int32_t shift) {
  return multiply_by_quantized_multiplier(accumulator, multiplier, shift);
}

INGOT_KERNEL int32_t rescale(int64_t accumulator, int32_t multiplier,
                             int32_t shift) {
  return multiply_by_quantized_multiplier_s64(accumulator, multiplier, shift);
}

/// One gate of one row, activated: `gate_params` holds the input multiplier
/// and shift, then the recurrent ones. The offsets added to the activations
/// are the negated zero points for int8 and 0 for int16, whose reference
/// products ignore zero points.
template <typename Activation, typename Bias, typename Accumulator>
void lstm_gate(const Activation *input, const int8_t *input_weights,
               const Bias *bias, const Activation *hidden,
               const int8_t *recurrent_weights, int32_t input_size,
               int32_t units, int32_t input_offset, int32_t hidden_offset,
               const int32_t *gate_params, bool is_cell_gate, int16_t *gate) {
  for (int32_t u = 0; u < units; ++u) {
    const int8_t *weights_row = input_weights + u * input_size;
    Accumulator input_sum = 0;
    for (int32_t d = 0; d < input_size; ++d)
      input_sum += weights_row[d] * (input[d] + input_offset);
    input_sum += bias[u];
    const int8_t *recurrent_row = recurrent_weights + u * units;
    Accumulator recurrent_sum = 0;
    for (int32_t d = 0; d < units; ++d)
      recurrent_sum += recurrent_row[d] * (hidden[d] + hidden_offset);
    const int32_t from_input = clamp_i32(
        rescale(input_sum, gate_params[0], gate_params[1]), -32768, 32767);
    const int32_t from_recurrent = clamp_i32(
        rescale(recurrent_sum, gate_params[2], gate_params[3]), -32768, 32767);
    const int16_t pre_activation = saturate_i16(from_input + from_recurrent);
    gate[u] = is_cell_gate ? tanh_int16(pre_activation, 3, 0)
                           : sigmoid_q3_12(pre_activation);
  }
}

/// The whole sequence for either activation type; see lstm_s8.
template <typename Activation, typename Bias, typename Accumulator>
void lstm_int(const Activation *input, const int8_t *const *input_weights,
              const int8_t *const *recurrent_weights, const Bias *const *biases,
              Activation *output_state, int16_t *cell_state, Activation *output,
              int8_t *scratch, int32_t batches, int32_t time_steps,
              int32_t input_size, int32_t units, int32_t time_major,
              int32_t input_offset, int32_t hidden_offset,
              int32_t hidden_zero_point, const int32_t *gate_params,
              int32_t forget_cell_multiplier, int32_t forget_cell_shift,
              int32_t input_cell_multiplier, int32_t input_cell_shift,
              int32_t hidden_multiplier, int32_t hidden_shift,
              int32_t tanh_cell_multiplier, int32_t tanh_cell_shift,
              int32_t cell_clip, int32_t hidden_min, int32_t hidden_max) {
  // Gates in operand order: input, forget, cell, output.
  int16_t *gates[4];
  for (int32_t g = 0; g < 4; ++g)
    gates[g] = reinterpret_cast<int16_t *>(scratch) + g * units;
  // Rows of different batches never interact, so visiting them batch by
  // batch computes the same values in either layout.
  for (int32_t b = 0; b < batches; ++b) {
    Activation *hidden = output_state + b * units;
    int16_t *cell = cell_state + b * units;
    for (int32_t t = 0; t < time_steps; ++t) {
      const int32_t row = time_major ? t * batches + b : b * time_steps + t;
      const Activation *x = input + row * input_size;
      // Every gate reads the previous hidden state, so all four are
      // computed before the state is updated.
      for (int32_t g = 0; g < 4; ++g)
        lstm_gate<Activation, Bias, Accumulator>(
            x, input_weights[g], biases[g], hidden, recurrent_weights[g],
            input_size, units, input_offset, hidden_offset, gate_params + 4 * g,
            g == 2, gates[g]);
      Activation *output_row = output + row * units;
      for (int32_t u = 0; u < units; ++u) {
        const int32_t kept =
            clamp_i32(multiply_by_quantized_multiplier(gates[1][u] * cell[u],
                                                       forget_cell_multiplier,
                                                       forget_cell_shift),
                      -32768, 32767);
        const int32_t added =
            clamp_i32(multiply_by_quantized_multiplier(
                          gates[0][u] * gates[2][u], input_cell_multiplier,
                          input_cell_shift),
                      -32768, 32767);
        int32_t c = saturate_i16(kept + added);
        if (cell_clip >= 0)
          c = clamp_i32(c, -cell_clip, cell_clip);
        cell[u] = static_cast<int16_t>(c);
        const int32_t activated = tanh_int16(
            static_cast<int16_t>(c), tanh_cell_multiplier, tanh_cell_shift);
        const int32_t h =
            clamp_i32(hidden_zero_point + multiply_by_quantized_multiplier(
                                              activated * gates[3][u],
                                              hidden_multiplier, hidden_shift),
                      hidden_min, hidden_max);
        hidden[u] = static_cast<Activation>(h);
        output_row[u] = static_cast<Activation>(h);
      }
    }
  }
}

} // namespace lstm_detail

/// Bytes of scratch lstm_s8 and lstm_s16 need: the four int16 gates of one
/// row.
constexpr int32_t lstm_int_scratch_bytes(int32_t units) {
  return 4 * units * static_cast<int32_t>(sizeof(int16_t));
}

/// Runs the whole int8 sequence. Shapes as for lstm_f32: input
/// [batches][time_steps][input_size] (time-major: [time_steps][batches]
/// [input_size]), input weights [units][input_size], recurrent weights
/// [units][units], biases [units], output_state [batches][units] (int8, the
/// hidden state) and cell_state [batches][units] (int16), both read and
/// updated in place; output like input with `units` features. `scratch` holds
/// lstm_int_scratch_bytes(units) bytes aligned for int16.
///
/// `gate_params` holds, for the input, forget, cell and output gates in
/// turn, the multiplier and shift of the input product and of the recurrent
/// product to Q3.12. Weights are symmetric. `cell_clip` is in cell-state
/// units, -1 for none. Before the first invocation the hidden state must
/// hold hidden_zero_point and the cell state 0, as TFLite Micro resets them.
INGOT_KERNEL void lstm_s8(
    const int8_t *input, const int8_t *input_to_input_weights,
    const int8_t *input_to_forget_weights, const int8_t *input_to_cell_weights,
    const int8_t *input_to_output_weights,
    const int8_t *recurrent_to_input_weights,
    const int8_t *recurrent_to_forget_weights,
    const int8_t *recurrent_to_cell_weights,
    const int8_t *recurrent_to_output_weights, const int32_t *input_gate_bias,
    const int32_t *forget_gate_bias, const int32_t *cell_gate_bias,
    const int32_t *output_gate_bias, int8_t *output_state, int16_t *cell_state,
    int8_t *output, int8_t *scratch, int32_t batches, int32_t time_steps,
    int32_t input_size, int32_t units, int32_t time_major,
    int32_t input_zero_point, int32_t hidden_zero_point,
    const int32_t *gate_params, int32_t forget_cell_multiplier,
    int32_t forget_cell_shift, int32_t input_cell_multiplier,
    int32_t input_cell_shift, int32_t hidden_multiplier, int32_t hidden_shift,
    int32_t tanh_cell_multiplier, int32_t tanh_cell_shift, int32_t cell_clip) {
  const int8_t *const input_weights[4] = {
      input_to_input_weights, input_to_forget_weights, input_to_cell_weights,
      input_to_output_weights};
  const int8_t *const recurrent_weights[4] = {
      recurrent_to_input_weights, recurrent_to_forget_weights,
      recurrent_to_cell_weights, recurrent_to_output_weights};
  const int32_t *const biases[4] = {input_gate_bias, forget_gate_bias,
                                    cell_gate_bias, output_gate_bias};
  lstm_detail::lstm_int<int8_t, int32_t, int32_t>(
      input, input_weights, recurrent_weights, biases, output_state, cell_state,
      output, scratch, batches, time_steps, input_size, units, time_major,
      -input_zero_point, -hidden_zero_point, hidden_zero_point, gate_params,
      forget_cell_multiplier, forget_cell_shift, input_cell_multiplier,
      input_cell_shift, hidden_multiplier, hidden_shift, tanh_cell_multiplier,
      tanh_cell_shift, cell_clip, -128, 127);
}

/// The int16 sequence (int8 weights, int64 biases), arguments as lstm_s8's.
/// TFLite Micro's int16 products read the activations without their zero
/// points, so there is no input zero point; the hidden zero point only
/// offsets the new hidden state, and must be 0 for the reset state to match.
INGOT_KERNEL void lstm_s16(
    const int16_t *input, const int8_t *input_to_input_weights,
    const int8_t *input_to_forget_weights, const int8_t *input_to_cell_weights,
    const int8_t *input_to_output_weights,
    const int8_t *recurrent_to_input_weights,
    const int8_t *recurrent_to_forget_weights,
    const int8_t *recurrent_to_cell_weights,
    const int8_t *recurrent_to_output_weights, const int64_t *input_gate_bias,
    const int64_t *forget_gate_bias, const int64_t *cell_gate_bias,
    const int64_t *output_gate_bias, int16_t *output_state, int16_t *cell_state,
    int16_t *output, int8_t *scratch, int32_t batches, int32_t time_steps,
    int32_t input_size, int32_t units, int32_t time_major,
    int32_t hidden_zero_point, const int32_t *gate_params,
    int32_t forget_cell_multiplier, int32_t forget_cell_shift,
    int32_t input_cell_multiplier, int32_t input_cell_shift,
    int32_t hidden_multiplier, int32_t hidden_shift,
    int32_t tanh_cell_multiplier, int32_t tanh_cell_shift, int32_t cell_clip) {
  const int8_t *const input_weights[4] = {
      input_to_input_weights, input_to_forget_weights, input_to_cell_weights,
      input_to_output_weights};
  const int8_t *const recurrent_weights[4] = {
      recurrent_to_input_weights, recurrent_to_forget_weights,
      recurrent_to_cell_weights, recurrent_to_output_weights};
  const int64_t *const biases[4] = {input_gate_bias, forget_gate_bias,
                                    cell_gate_bias, output_gate_bias};
  lstm_detail::lstm_int<int16_t, int64_t, int64_t>(
      input, input_weights, recurrent_weights, biases, output_state, cell_state,
      output, scratch, batches, time_steps, input_size, units, time_major, 0, 0,
      hidden_zero_point, gate_params, forget_cell_multiplier, forget_cell_shift,
      input_cell_multiplier, input_cell_shift, hidden_multiplier, hidden_shift,
      tanh_cell_multiplier, tanh_cell_shift, cell_clip, -32768, 32767);
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_LSTM_INT_H
