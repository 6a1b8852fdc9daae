// RUN: ingot-opt %s --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{activation-type=int16}))' | FileCheck %s
// RUN: ingot-opt %s --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{activation-type=int16}), ingot-graph-to-kernel)' | FileCheck %s --check-prefix=LOWERED

// Tests int16x8 quantization. Input range [-1, 3.2767]: symmetric, scale
// 3.2767 / 32767 = 1e-4, zero point 0. Filter max |w| = 1: int8, scale
// 1/127. Bias in int64 units of 1e-4 / 127 = 7.874e-7: 0.5 -> 635000.
// Output range [-0.5, 0.65534]: scale 0.65534 / 32767 = 2e-5.

// CHECK-LABEL: func.func @model
func.func @model(%arg0: tensor<1x2xf32>) -> tensor<1x1xf32> attributes {ingot.input_ranges = [array<f32: -1.0, 3.2767>]} {
  // CHECK: graph.quantize %{{.*}} : (tensor<1x2xf32>) -> tensor<1x2x!quant.uniform<i16:f32, 9.9999997473787{{[0-9]*}}E-5>>
  // CHECK: graph.const dense<635000> : tensor<1xi64> -> tensor<1xi64>
  // CHECK: graph.fully_connected
  // CHECK-SAME: -> tensor<1x1x!quant.uniform<i16:f32, 2.00000013137469{{[0-9]*}}E-5>>
  // LOWERED: kernel.quantize_f32 {{.*}} -> tensor<1x2xi16>
  // LOWERED: kernel.fully_connected_s16
  // LOWERED-SAME: activation_max = 32767 : i32, activation_min = -32768 : i32
  // LOWERED: kernel.dequantize_f32 {{.*}} : (tensor<1x1xi16>) -> tensor<1x1xf32>
  %w = graph.const dense<[[1.0, -0.5]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %b = graph.const dense<[0.5]> : tensor<1xf32> -> tensor<1xf32>
  %0 = graph.fully_connected %arg0, %w, %b {fused_activation = #graph<activation none>, ingot.range = array<f32: -0.5, 0.65534>} : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}
