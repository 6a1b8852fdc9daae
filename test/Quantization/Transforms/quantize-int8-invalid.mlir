// RUN: ingot-opt %s --split-input-file --ingot-quantize-int8 --verify-diagnostics -o /dev/null

// Tests that an op without a calibrated range is reported.

func.func @uncalibrated(%arg0: tensor<1x2xf32>) -> tensor<1x2xf32> attributes {ingot.input_ranges = [array<f32: 0.0, 1.0>]} {
  // expected-error@+1 {{has no calibrated range; calibrate the model first}}
  %0 = graph.add %arg0, %arg0 {fused_activation = #graph<activation none>} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// Tests that an input without a calibrated range is reported.

// expected-error@+1 {{input 0 has no calibrated range}}
func.func @uncalibrated_input(%arg0: tensor<1x2xf32>) -> tensor<1x2xf32> {
  return %arg0 : tensor<1x2xf32>
}
