// RUN: ingot-opt %s --ingot-quantize-int8 | FileCheck %s
// RUN: ingot-opt %s --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{strict=true}))' --verify-diagnostics -o /dev/null

// Tests that an operator with no integer form (LEAKY_RELU here) stays float:
// its input is dequantized, and the next integer operator quantizes its
// output with the LEAKY_RELU's calibrated range [-1.275, 1.275] (scale 0.01,
// zero point -1). With strict=true the pass names it instead.

// CHECK-LABEL: func.func @model
// expected-error@+1 {{cannot be quantized to integers only (--strict): operator #1 (LEAKY_RELU) has no integer kernel}}
func.func @model(%arg0: tensor<1x2xf32>) -> tensor<1x2xf32> attributes {ingot.input_ranges = [array<f32: -1.0, 1.0>]} {
  %w = graph.const dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  // CHECK: %[[FC:.*]] = graph.fully_connected
  // CHECK-SAME: -> tensor<1x2x!quant.uniform<i8:f32, {{.*}}>>
  // CHECK: %[[DQ:.*]] = graph.dequantize %[[FC]]
  // CHECK: %[[LR:.*]] = graph.leaky_relu %[[DQ]] {alpha = 2.000000e-01 : f32, ingot.kept_float, ingot.tflite_index = 1 : i32, ingot.tflite_op = "LEAKY_RELU"} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  // CHECK: %[[Q:.*]] = graph.quantize %[[LR]] : (tensor<1x2xf32>) -> tensor<1x2x!quant.uniform<i8:f32, 0.0099999997764825821:-1>>
  // CHECK: graph.softmax %[[Q]]
  %0 = graph.fully_connected %arg0, %w {fused_activation = #graph<activation none>, ingot.range = array<f32: -1.0, 1.0>, ingot.tflite_index = 0 : i32, ingot.tflite_op = "FULLY_CONNECTED"} : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %1 = graph.leaky_relu %0 {alpha = 0.2 : f32, ingot.range = array<f32: -1.275, 1.275>, ingot.tflite_index = 1 : i32, ingot.tflite_op = "LEAKY_RELU"} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %2 = graph.softmax %1 {beta = 1.0 : f32, ingot.range = array<f32: 0.0, 1.0>, ingot.tflite_index = 2 : i32, ingot.tflite_op = "SOFTMAX"} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  return %2 : tensor<1x2xf32>
}
