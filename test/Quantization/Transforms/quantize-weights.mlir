// RUN: ingot-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ingot-quantize-weights{min-elements=2}))' | FileCheck %s
// RUN: ingot-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ingot-quantize-weights{min-elements=1024}))' | FileCheck %s --check-prefix=DEFAULT
// RUN: ingot-opt %s --split-input-file --ingot-quantize-weights | FileCheck %s

// Tests that a convolution filter is quantized per output channel: channel 0
// spans 1.27 (scale 0.01: 1.27 -> 127, -0.635 -> -63.5 -> -64), channel 1
// spans 12.7 (scale 0.1: 6.35 -> 63.5 -> 64, 12.7 -> 127). The TFLite
// converter's threshold of 1024 elements would leave this filter alone.

// CHECK-LABEL: func.func @conv
// DEFAULT-LABEL: func.func @conv
func.func @conv(%in: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  // CHECK: graph.const dense<{{.*}}127, -64{{.*}}64, 127{{.*}}> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.0099999997764825821,0.10000000149011612}>>
  // DEFAULT: graph.const {{.*}} -> tensor<2x1x1x2xf32>
  %w = graph.const dense<[[[[1.27, -0.635]]], [[[6.35, 12.7]]]]> : tensor<2x1x1x2xf32> -> tensor<2x1x1x2xf32>
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x1x1x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// -----

// Tests that a fully connected filter gets one scale: max |w| = 2.54, scale
// 0.02, -2.54 -> -127 and 1.27 -> 63.5 -> 64.

// CHECK-LABEL: func.func @fully_connected
func.func @fully_connected(%in: tensor<1x2xf32>) -> tensor<1x1xf32> {
  // CHECK: graph.const dense<{{.*}}-127, 64{{.*}}> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8<-127:127>:f32, 0.019999999552965164>>
  %w = graph.const dense<[[-2.54, 1.27]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// Tests that a depthwise filter gets one scale per channel of its last
// dimension: channel 0 spans 1.27 (scale 0.01), channel 1 spans 12.7 (0.1).

// CHECK-LABEL: func.func @depthwise
func.func @depthwise(%in: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  // CHECK: graph.const dense<{{.*}}127, 64{{.*}}-64, 127{{.*}}> : tensor<1x2x1x2xi8> -> tensor<1x2x1x2x!quant.uniform<i8<-127:127>:f32:3, {0.0099999997764825821,0.10000000149011612}>>
  %w = graph.const dense<[[[[1.27, 6.35]], [[-0.635, 12.7]]]]> : tensor<1x2x1x2xf32> -> tensor<1x2x1x2xf32>
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding same>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x1x1x2xf32>, tensor<1x2x1x2xf32>) -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}
