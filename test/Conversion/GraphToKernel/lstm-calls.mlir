// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --verify-diagnostics | FileCheck %s

// Tests that a float32 LSTM (batch-major [2, 3, 2] input, 2 units) calls
// lstm_f32 with the operands in gate order, the sizes, the cell clip and
// scratch for its four gates (4 * 2 floats).

// CHECK-LABEL: func.func @lstm_f32
// CHECK: %[[H:.*]] = kernel.state "h" fill 0
// CHECK: %[[C:.*]] = kernel.state "c" fill 0
// CHECK: kernel.call "lstm_f32"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[H]], %[[C]])
// CHECK-SAME: arg_names = ["batches", "time_steps", "input_size", "units", "time_major", "cell_clip"]
// CHECK-SAME: args = [2 : i32, 3 : i32, 2 : i32, 2 : i32, 0 : i32, 1.500000e+00 : f32]
// CHECK-SAME: scratch_bytes = 32
func.func @lstm_f32(%in: tensor<2x3x2xf32>) -> tensor<2x3x2xf32> {
  %w = graph.const dense<0.5> : tensor<2x2xf32> -> tensor<2x2xf32>
  %b = graph.const dense<0.25> : tensor<2xf32> -> tensor<2xf32>
  %h = graph.variable "h" : tensor<2x2xf32>
  %c = graph.variable "c" : tensor<2x2xf32>
  %0 = graph.unidirectional_sequence_lstm %in, %w, %w, %w, %w, %w, %w, %w, %w, %b, %b, %b, %b, %h, %c {activation = 4 : i64, cell_clip = 1.5 : f32, proj_clip = 0.0 : f32, time_major = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0>} : (tensor<2x3x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

// -----

// Tests that a CIFG cell (no input gate weights or bias) is refused by name.

func.func @lstm_cifg(%in: tensor<1x3x2xf32>) -> tensor<1x3x2xf32> {
  %w = graph.const dense<0.5> : tensor<2x2xf32> -> tensor<2x2xf32>
  %b = graph.const dense<0.25> : tensor<2xf32> -> tensor<2xf32>
  %h = graph.variable "h" : tensor<1x2xf32>
  %c = graph.variable "c" : tensor<1x2xf32>
  // expected-error @+1 {{is a CIFG cell (no input gate)}}
  %0 = graph.unidirectional_sequence_lstm %in, %w, %w, %w, %w, %w, %w, %b, %b, %b, %h, %c {activation = 4 : i64, cell_clip = 0.0 : f32, proj_clip = 0.0 : f32, time_major = false, operandSegmentSizes = array<i32: 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0>} : (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x3x2xf32>
  return %0 : tensor<1x3x2xf32>
}

// -----

// Tests the int8 parameters. Input scale 2^-7 (zero point 3), hidden state
// 2^-7 (zero point -2), weights 2^-6 except the forget gate's recurrent ones
// (2^-5), cell state 2^-11, cell clip 1.0:
//   input products  2^-7 * 2^-6 / 2^-12 = 0.5 -> (2^30, 0)
//   forget recurrent 2^-7 * 2^-5 / 2^-12 = 1  -> (2^30, 1)
//   forget * cell   2^-15 * 2^-11 / 2^-11 = 2^-15 -> (2^30, -14)
//   input * cell gate 2^-15 * 2^-15 / 2^-11 = 2^-19 -> (2^30, -18)
//   hidden          2^-15 * 2^-15 / 2^-7 = 2^-23 -> (2^30, -22)
//   tanh of the cell: left shift 15 - 11 - 3 = 1 -> multiplier 3 << 1 = 6
//   cell clip 1.0 / 2^-11 = 2048; scratch 4 gates * 2 units * 2 bytes.

// CHECK-LABEL: func.func @lstm_s8
// CHECK: kernel.call "lstm_s8"
// CHECK-SAME: arg_names = ["batches", "time_steps", "input_size", "units", "time_major", "input_zero_point", "hidden_zero_point", "gate_params", "forget_cell_multiplier", "forget_cell_shift", "input_cell_multiplier", "input_cell_shift", "hidden_multiplier", "hidden_shift", "tanh_cell_multiplier", "tanh_cell_shift", "cell_clip"]
// CHECK-SAME: args = [3 : i32, 1 : i32, 2 : i32, 2 : i32, 1 : i32, 3 : i32, -2 : i32, array<i32: 1073741824, 0, 1073741824, 0, 1073741824, 0, 1073741824, 1, 1073741824, 0, 1073741824, 0, 1073741824, 0, 1073741824, 0>, 1073741824 : i32, -14 : i32, 1073741824 : i32, -18 : i32, 1073741824 : i32, -22 : i32, 6 : i32, 0 : i32, 2048 : i32]
// CHECK-SAME: header = "ref/lstm_int"
// CHECK-SAME: scratch_bytes = 16
func.func @lstm_s8(%in: tensor<1x3x2x!quant.uniform<i8:f32, 7.812500e-03:3>>) -> tensor<1x3x2x!quant.uniform<i8:f32, 7.812500e-03:-2>> {
  %w = graph.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>
  %rf = graph.const dense<2> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>
  %b = graph.const dense<5> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 1.220703125e-04>>
  %h = graph.variable "h" : tensor<3x2x!quant.uniform<i8:f32, 7.812500e-03:-2>>
  %c = graph.variable "c" : tensor<3x2x!quant.uniform<i16:f32, 4.8828125e-04>>
  %0 = graph.unidirectional_sequence_lstm %in, %w, %w, %w, %w, %w, %rf, %w, %w, %b, %b, %b, %b, %h, %c {activation = 4 : i64, cell_clip = 1.0 : f32, proj_clip = 0.0 : f32, time_major = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0>} : (tensor<1x3x2x!quant.uniform<i8:f32, 7.812500e-03:3>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x!quant.uniform<i32:f32, 1.220703125e-04>>, tensor<2x!quant.uniform<i32:f32, 1.220703125e-04>>, tensor<2x!quant.uniform<i32:f32, 1.220703125e-04>>, tensor<2x!quant.uniform<i32:f32, 1.220703125e-04>>, tensor<3x2x!quant.uniform<i8:f32, 7.812500e-03:-2>>, tensor<3x2x!quant.uniform<i16:f32, 4.8828125e-04>>) -> tensor<1x3x2x!quant.uniform<i8:f32, 7.812500e-03:-2>>
  return %0 : tensor<1x3x2x!quant.uniform<i8:f32, 7.812500e-03:-2>>
}

// -----

// Tests that an int16 LSTM whose hidden state has a nonzero zero point is
// refused: TFLite Micro would reset it to 0, not to its zero point.

func.func @lstm_s16_hidden_zero_point(%in: tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>>) -> tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03:5>> {
  %w = graph.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>
  %b = graph.const dense<5> : tensor<2xi64> -> tensor<2xi64>
  %h = graph.variable "h" : tensor<1x2x!quant.uniform<i16:f32, 7.812500e-03:5>>
  %c = graph.variable "c" : tensor<1x2x!quant.uniform<i16:f32, 4.8828125e-04>>
  // expected-error @+1 {{has an int16 hidden state with a nonzero zero point}}
  %0 = graph.unidirectional_sequence_lstm %in, %w, %w, %w, %w, %w, %w, %w, %w, %b, %b, %b, %b, %h, %c {activation = 4 : i64, cell_clip = 0.0 : f32, proj_clip = 0.0 : f32, time_major = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0>} : (tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<1x2x!quant.uniform<i16:f32, 7.812500e-03:5>>, tensor<1x2x!quant.uniform<i16:f32, 4.8828125e-04>>) -> tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03:5>>
  return %0 : tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03:5>>
}

// -----

// Tests the int64 rescale limit on the int16 LSTM's gates (TFLite's 64-bit
// MultiplyByQuantizedMultiplier needs a shift below 8). The gates have scale
// 2^-12, so an input-to-gate rescale is 1.0 * (127 / 4096) / 2^-12 = 127, that
// is 127/128 * 2^7 -> (round(127/128 * 2^31) = 2130706432, 7): accepted. The
// recurrent rescale is 2^-7 * 2^-6 / 2^-12 = 0.5 -> (2^30, 0).

// CHECK-LABEL: func.func @lstm_s16_gate_shift_boundary
// CHECK: kernel.call "lstm_s16"
// CHECK-SAME: array<i32: 2130706432, 7, 1073741824, 0, 2130706432, 7, 1073741824, 0, 2130706432, 7, 1073741824, 0, 2130706432, 7, 1073741824, 0>
func.func @lstm_s16_gate_shift_boundary(%in: tensor<1x3x2x!quant.uniform<i16:f32, 1.000000e+00>>) -> tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>> {
  %wi = graph.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 3.100585937500e-02>>
  %w = graph.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>
  %b = graph.const dense<5> : tensor<2xi64> -> tensor<2xi64>
  %h = graph.variable "h" : tensor<1x2x!quant.uniform<i16:f32, 7.812500e-03>>
  %c = graph.variable "c" : tensor<1x2x!quant.uniform<i16:f32, 4.8828125e-04>>
  %0 = graph.unidirectional_sequence_lstm %in, %wi, %wi, %wi, %wi, %w, %w, %w, %w, %b, %b, %b, %b, %h, %c {activation = 4 : i64, cell_clip = 0.0 : f32, proj_clip = 0.0 : f32, time_major = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0>} : (tensor<1x3x2x!quant.uniform<i16:f32, 1.000000e+00>>, tensor<2x2x!quant.uniform<i8:f32, 3.100585937500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 3.100585937500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 3.100585937500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 3.100585937500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<1x2x!quant.uniform<i16:f32, 7.812500e-03>>, tensor<1x2x!quant.uniform<i16:f32, 4.8828125e-04>>) -> tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>>
  return %0 : tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>>
}

// -----

// Tests the same limit one step past it: 1.0 * (128 / 4096) / 2^-12 = 128.

func.func @lstm_s16_gate_shift_wide(%in: tensor<1x3x2x!quant.uniform<i16:f32, 1.000000e+00>>) -> tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>> {
  %wi = graph.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>
  %w = graph.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>
  %b = graph.const dense<5> : tensor<2xi64> -> tensor<2xi64>
  %h = graph.variable "h" : tensor<1x2x!quant.uniform<i16:f32, 7.812500e-03>>
  %c = graph.variable "c" : tensor<1x2x!quant.uniform<i16:f32, 4.8828125e-04>>
  // expected-error @+1 {{'graph.unidirectional_sequence_lstm' needs a rescale (gate_params) of 2^7 or more}}
  %0 = graph.unidirectional_sequence_lstm %in, %wi, %wi, %wi, %wi, %w, %w, %w, %w, %b, %b, %b, %b, %h, %c {activation = 4 : i64, cell_clip = 0.0 : f32, proj_clip = 0.0 : f32, time_major = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0>} : (tensor<1x3x2x!quant.uniform<i16:f32, 1.000000e+00>>, tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>, tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>, tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>, tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2x2x!quant.uniform<i8:f32, 1.562500e-02>>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<1x2x!quant.uniform<i16:f32, 7.812500e-03>>, tensor<1x2x!quant.uniform<i16:f32, 4.8828125e-04>>) -> tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>>
  return %0 : tensor<1x3x2x!quant.uniform<i16:f32, 7.812500e-03>>
}
