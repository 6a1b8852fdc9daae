// RUN: ingot-opt %s --split-input-file --ingot-dequantize-weights | FileCheck %s

// Tests that an int8 filter of a float op becomes (q - zero point) * scale,
// per channel: channel 0 scale 0.5, channel 1 scale 2.

// CHECK-LABEL: func.func @hybrid
func.func @hybrid(%in: tensor<1x1x1x1xf32>) -> tensor<1x1x1x2xf32> {
  // CHECK: graph.const dense<{{.*}}1.000000e+00{{.*}}-8.000000e+00{{.*}}> : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xf32>
  %w = graph.const dense<[[[[2]]], [[[-4]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 2.0}>>
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 2.0}>>) -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// -----

// Tests that the weights of an integer model stay quantized.

// CHECK-LABEL: func.func @integer
func.func @integer(%in: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x!quant.uniform<i8:f32, 1.0>> {
  // CHECK: graph.const dense<3> : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<i8:f32, 5.000000e-01>>
  %w = graph.const dense<3> : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<i8:f32, 0.5>>
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x1x!quant.uniform<i8:f32, 1.0>>, tensor<1x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x1x!quant.uniform<i8:f32, 1.0>>
}
