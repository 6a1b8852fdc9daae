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
