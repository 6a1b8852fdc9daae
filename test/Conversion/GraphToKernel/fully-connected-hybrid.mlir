// RUN: ingot-opt %s --split-input-file --ingot-convert-graph-to-kernel | FileCheck %s

// Tests the hybrid (float activations, int8 weights) FULLY_CONNECTED lowering:
// the kernel takes one filter scale per output unit.
//
// Per-channel weights along dimension 0 (FULLY_CONNECTED version 12) with
// scales 0.5, 0.25 and 0.125 for units 0, 1 and 2: the kernel gets them in
// that order. The importer's ingot.asymmetric_quantize_inputs (the model's
// asymmetric_quantize_inputs option) becomes the kernel's asymmetric_inputs
// and is not copied as such. RELU: activation_min 0. Scratch: one int8 per
// input column, 4 bytes (5 below).

// CHECK-LABEL: func.func @per_channel
func.func @per_channel(%in: tensor<1x4xf32>) -> tensor<1x3xf32> {
  %w = graph.const dense<[[1, 2, 3, 4], [-1, -2, -3, -4], [127, 0, -127, 5]]> : tensor<3x4xi8> -> tensor<3x4x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>
  %b = graph.const dense<[1.0, 2.0, 3.0]> : tensor<3xf32> -> tensor<3xf32>
  // CHECK: kernel.fully_connected_hybrid_f32_s8
  // CHECK-SAME: activation_min = 0.000000e+00 : f32
  // CHECK-SAME: asymmetric_inputs
  // CHECK-SAME: filter_scales = array<f32: 5.000000e-01, 2.500000e-01, 1.250000e-01>
  // CHECK-NOT: ingot.asymmetric_quantize_inputs
  // CHECK-SAME: scratch_bytes = 4
  // CHECK-SAME: (tensor<1x4xf32>, tensor<3x4xi8>, tensor<3xf32>) -> tensor<1x3xf32>
  %0 = graph.fully_connected %in, %w, %b {fused_activation = #graph<activation relu>, ingot.asymmetric_quantize_inputs} : (tensor<1x4xf32>, tensor<3x4x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>, tensor<3xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// A per-tensor scale (0.375) is repeated once per output unit (2 units), and
// without the option the input is quantized symmetrically (no
// asymmetric_inputs). No bias, no activation.

// CHECK-LABEL: func.func @per_tensor
func.func @per_tensor(%in: tensor<3x5xf32>) -> tensor<3x2xf32> {
  %w = graph.const dense<1> : tensor<2x5xi8> -> tensor<2x5x!quant.uniform<i8:f32, 0.375>>
  // CHECK: kernel.fully_connected_hybrid_f32_s8
  // CHECK-NOT: asymmetric_inputs
  // CHECK-SAME: filter_scales = array<f32: 3.750000e-01, 3.750000e-01>
  // CHECK-SAME: scratch_bytes = 5
  // CHECK-SAME: (tensor<3x5xf32>, tensor<2x5xi8>) -> tensor<3x2xf32>
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<3x5xf32>, tensor<2x5x!quant.uniform<i8:f32, 0.375>>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
