// RUN: ingot-opt %s --ingot-quantize-float16 | FileCheck %s
// RUN: ingot-opt %s --ingot-quantize-float16 --ingot-graph-to-kernel | FileCheck %s --check-prefix=LOWERED

// Tests that float32 constants become float16 behind a DEQUANTIZE, rounded
// to nearest even: 0.1 is 0x2E66 in half precision (0.0999755859375), and
// 1/3 is 0x3555 (0.333251953125).

// CHECK-LABEL: func.func @model
func.func @model(%in: tensor<1x2xf32>) -> tensor<1x1xf32> {
  // CHECK: %[[H:.*]] = graph.const dense<{{.*}}9.997550e-02, 3.332520e-01{{.*}}> : tensor<1x2xf16> -> tensor<1x2xf16>
  // CHECK: %[[W:.*]] = graph.dequantize %[[H]] : (tensor<1x2xf16>) -> tensor<1x2xf32>
  // CHECK: graph.fully_connected %{{.*}}, %[[W]]
  %w = graph.const dense<[[0.1, 0.33333333]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// The lowering widens the half-precision weights back to float32 at compile
// time, keeping their rounded values.
// LOWERED: kernel.weight "fully_connected_0_filter" dense<{{.*}}0.0999755859, 0.333251953{{.*}}> : tensor<1x2xf32>
// LOWERED-NOT: f16
