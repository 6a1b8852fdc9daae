// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --verify-diagnostics

// Tests that an int16 LEAKY_RELU whose alpha * input scale / output scale
// overflows float to infinity is refused instead of converting infinity to
// an integer (found by the coverage-guided fuzzer, a 1.0e38 alpha).

func.func @leaky_relu_alpha_overflows(%in: tensor<4x!quant.uniform<i16:f32, 1.0>>) -> tensor<4x!quant.uniform<i16:f32, 1.0e-3>> {
  // expected-error @+1 {{'graph.leaky_relu' needs a rescale (alpha_shift) of 2^30 or more}}
  %0 = graph.leaky_relu %in {alpha = 1.0e38 : f32} : (tensor<4x!quant.uniform<i16:f32, 1.0>>) -> tensor<4x!quant.uniform<i16:f32, 1.0e-3>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 1.0e-3>>
}

// -----

// Tests the boundary: a fully connected rescale of 1.0 * 1.0 / 2^-30 = 2^30
// is 0.5 * 2^31, a left shift of 31, one more than the runtime applies.

func.func @fully_connected_rescale_2_pow_30(%in: tensor<1x2x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x!quant.uniform<i8:f32, 9.313225746154785e-10>> {
  %w = graph.const dense<[[1, 2]]> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  // expected-error @+1 {{'graph.fully_connected' needs a rescale (output_shift) of 2^30 or more}}
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x2x!quant.uniform<i8:f32, 1.0>>, tensor<1x2x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x!quant.uniform<i8:f32, 9.313225746154785e-10>>
  return %0 : tensor<1x1x!quant.uniform<i8:f32, 9.313225746154785e-10>>
}
