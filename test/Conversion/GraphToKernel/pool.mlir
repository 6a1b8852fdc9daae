// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests AVERAGE_POOL_2D with VALID padding: 2x2 windows, stride 2, no
// padding; RELU6 on scale 0.5, zero point -128 clamps to [-128, -116].

// CHECK-LABEL: func.func @average
func.func @average(%in: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5:-128>> {
  // CHECK: kernel.average_pool2d_s8 %{{.*}} {activation_max = -116 : i32, activation_min = -128 : i32, filter = array<i64: 2, 2>
  // CHECK-SAME: padding = array<i64: 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x4x1xi8>) -> tensor<1x2x2x1xi8>
  %0 = graph.average_pool_2d %in {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation relu6>} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5:-128>>
  return %0 : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5:-128>>
}

// -----

// Tests MAX_POOL_2D with SAME padding: 3x2 windows, stride 1 on 4x4 keep
// 4x4; height pads 3 + 3 - 4 = 2 (1 on top), width 3 + 2 - 4 = 1 (0 left).

// CHECK-LABEL: func.func @max
func.func @max(%in: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> {
  // CHECK: kernel.max_pool2d_s8 {{.*}}filter = array<i64: 3, 2>{{.*}}padding = array<i64: 1, 0>, strides = array<i64: 1, 1>
  %0 = graph.max_pool_2d %in {padding = #graph<padding same>, filter_h = 3 : i64, filter_w = 2 : i64, stride_h = 1 : i64, stride_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>
}
