//===- lstm_f32.h - Reference float32 UNIDIRECTIONAL_SEQUENCE_LSTM -*- C++ -*-//
//
// This file implements TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM for float32
// tensors, as TensorFlow Lite Micro's reference kernel evaluates it: the
// standard cell with an input gate, no peepholes, no projection and no layer
// normalization. For every time step and batch row
//   forget = sigmoid(W_f x + b_f + R_f h)
//   input  = sigmoid(W_i x + b_i + R_i h)
//   cell_g = tanh(W_c x + b_c + R_c h)
//   output = sigmoid(W_o x + b_o + R_o h)
//   c = forget * c + input * cell_g    (clipped to +-cell_clip if it is > 0)
//   h = tanh(c) * output
// and h is also the step's output row. Each product W x is summed in weight
// order and the bias added after the sum, as TFLM's float FULLY_CONNECTED
// does, so the float roundings agree.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LSTM_F32_H
#define INGOT_RUNTIME_KERNELS_REF_LSTM_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/math_f32.h"

namespace ingot {
namespace ref {

namespace lstm_detail {

/// One gate of one row before its activation: the input product plus bias,
/// then the recurrent product, added as two separate sums.
INGOT_KERNEL void lstm_gate_f32(const float *input, const float *input_weights,
                                const float *bias, const float *hidden,
                                const float *recurrent_weights,
                                int32_t input_size, int32_t units,
                                float *gate) {
  for (int32_t u = 0; u < units; ++u) {
    const float *weights_row = input_weights + u * input_size;
    float input_sum = 0.0f;
    for (int32_t d = 0; d < input_size; ++d)
      input_sum += input[d] * weights_row[d];
    input_sum += bias[u];
    const float *recurrent_row = recurrent_weights + u * units;
    float recurrent_sum = 0.0f;
    for (int32_t d = 0; d < units; ++d)
      recurrent_sum += hidden[d] * recurrent_row[d];
    gate[u] = input_sum + recurrent_sum;
  }
}

} // namespace lstm_detail

/// Bytes of scratch lstm_f32 needs: the four gates of one row.
constexpr int32_t lstm_f32_scratch_bytes(int32_t units) {
  return 4 * units * static_cast<int32_t>(sizeof(float));
}

/// Runs the whole sequence. Shapes: input [batches][time_steps][input_size]
/// (or [time_steps][batches][input_size] when time_major), input weights
/// [units][input_size], recurrent weights [units][units], biases [units],
/// output_state and cell_state [batches][units] (read and updated in place),
/// output like input with `units` features. `scratch` holds
/// lstm_f32_scratch_bytes(units) bytes aligned for float.
///
/// The states start at zero (TFLite Micro's reset of variable tensors) and
/// carry over from one invocation to the next.
INGOT_KERNEL void lstm_f32(
    const float *input, const float *input_to_input_weights,
    const float *input_to_forget_weights, const float *input_to_cell_weights,
    const float *input_to_output_weights,
    const float *recurrent_to_input_weights,
    const float *recurrent_to_forget_weights,
    const float *recurrent_to_cell_weights,
    const float *recurrent_to_output_weights, const float *input_gate_bias,
    const float *forget_gate_bias, const float *cell_gate_bias,
    const float *output_gate_bias, float *output_state, float *cell_state,
    float *output, int8_t *scratch, int32_t batches, int32_t time_steps,
    int32_t input_size, int32_t units, int32_t time_major, float cell_clip) {
  float *forget_gate = reinterpret_cast<float *>(scratch);
  float *input_gate = forget_gate + units;
  float *cell_gate = input_gate + units;
  float *output_gate = cell_gate + units;
  // Rows of different batches never interact, so visiting them batch by
  // batch computes the same values in either layout.
  for (int32_t b = 0; b < batches; ++b) {
    float *hidden = output_state + b * units;
    float *cell = cell_state + b * units;
    for (int32_t t = 0; t < time_steps; ++t) {
      const int32_t row = time_major ? t * batches + b : b * time_steps + t;
      const float *x = input + row * input_size;
      lstm_detail::lstm_gate_f32(x, input_to_forget_weights, forget_gate_bias,
                                 hidden, recurrent_to_forget_weights,
                                 input_size, units, forget_gate);
      lstm_detail::lstm_gate_f32(x, input_to_input_weights, input_gate_bias,
                                 hidden, recurrent_to_input_weights, input_size,
                                 units, input_gate);
      lstm_detail::lstm_gate_f32(x, input_to_cell_weights, cell_gate_bias,
                                 hidden, recurrent_to_cell_weights, input_size,
                                 units, cell_gate);
      lstm_detail::lstm_gate_f32(x, input_to_output_weights, output_gate_bias,
                                 hidden, recurrent_to_output_weights,
                                 input_size, units, output_gate);
      logistic_f32(forget_gate, forget_gate, units);
      logistic_f32(input_gate, input_gate, units);
      tanh_f32(cell_gate, cell_gate, units);
      logistic_f32(output_gate, output_gate, units);
      float *output_row = output + row * units;
      for (int32_t u = 0; u < units; ++u) {
        float c = forget_gate[u] * cell[u];
        c += input_gate[u] * cell_gate[u];
        if (cell_clip > 0.0f)
          c = c > cell_clip ? cell_clip : (c < -cell_clip ? -cell_clip : c);
        cell[u] = c;
        const float h = __builtin_tanhf(c) * output_gate[u];
        hidden[u] = h;
        output_row[u] = h;
      }
    }
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_LSTM_F32_H
