// RUN: ingot-opt %s --ingot-expose-activations | FileCheck %s

// Tests that the input and every op result follow the original results, and
// that the original result count is recorded.

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[IN:.*]]: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>)
// CHECK-SAME: ingot.original_results = 1
func.func @model(%in: tensor<1x2xf32>) -> tensor<1x2xf32> {
  // CHECK: %[[A:.*]] = graph.add
  %0 = graph.add %in, %in {fused_activation = #graph<activation none>} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  // CHECK: %[[S:.*]] = graph.softmax
  %1 = graph.softmax %0 {beta = 1.0 : f32} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  // CHECK: return %[[S]], %[[IN]], %[[A]], %[[S]]
  return %1 : tensor<1x2xf32>
}
