// RUN: ingot-opt %s --split-input-file --ingot-fuse-activation | FileCheck %s

// Tests that a RELU that is the only user of a convolution without an
// activation becomes the convolution's fused activation.

// CHECK-LABEL: func.func @relu_into_conv
func.func @relu_into_conv(%in: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>, %w: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.25:-3>> {
  // CHECK: %[[CONV:.*]] = graph.conv_2d {{.*}}fused_activation = #graph<activation relu>
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.25:-3>>
  // CHECK-NOT: graph.relu
  %1 = graph.relu %0 : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.25:-3>>
  // CHECK: return %[[CONV]]
  return %1 : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.25:-3>>
}

// -----

// Tests that a RELU6 becomes a fused relu6 of a fully connected layer.

// CHECK-LABEL: func.func @relu6_into_fc
func.func @relu6_into_fc(%in: tensor<1x4xi8>, %w: tensor<2x4xi8>) -> tensor<1x2xi8> {
  // CHECK: %[[FC:.*]] = graph.fully_connected {{.*}}fused_activation = #graph<activation relu6>
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>) -> tensor<1x2xi8>
  // CHECK-NOT: graph.relu6
  %1 = graph.relu6 %0 : tensor<1x2xi8>
  // CHECK: return %[[FC]]
  return %1 : tensor<1x2xi8>
}

// -----

// Tests that activations fold into ADD and pooling producers too.

// CHECK-LABEL: func.func @relu_into_add_and_pool
func.func @relu_into_add_and_pool(%in: tensor<1x2x2x1xi8>) -> tensor<1x1x1x1xi8> {
  // CHECK: graph.add {{.*}}fused_activation = #graph<activation relu>
  %0 = graph.add %in, %in {fused_activation = #graph<activation none>} : (tensor<1x2x2x1xi8>, tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  %1 = graph.relu %0 : tensor<1x2x2x1xi8>
  // CHECK: graph.max_pool_2d {{.*}}fused_activation = #graph<activation relu6>
  %2 = graph.max_pool_2d %1 {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x2x2x1xi8>) -> tensor<1x1x1x1xi8>
  %3 = graph.relu6 %2 : tensor<1x1x1x1xi8>
  // CHECK-NOT: graph.relu
  return %3 : tensor<1x1x1x1xi8>
}

// -----

// Tests that a producer that already clamps keeps its activation and the
// RELU stays.

// CHECK-LABEL: func.func @producer_already_clamps
func.func @producer_already_clamps(%in: tensor<1x4xi8>, %w: tensor<2x4xi8>) -> tensor<1x2xi8> {
  // CHECK: %[[FC:.*]] = graph.fully_connected {{.*}}fused_activation = #graph<activation relu6>
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation relu6>} : (tensor<1x4xi8>, tensor<2x4xi8>) -> tensor<1x2xi8>
  // CHECK: %[[RELU:.*]] = graph.relu %[[FC]]
  %1 = graph.relu %0 : tensor<1x2xi8>
  // CHECK: return %[[RELU]]
  return %1 : tensor<1x2xi8>
}

// -----

// Tests that a RELU is not fused when the producer's unclamped output has
// another user.

// CHECK-LABEL: func.func @producer_has_other_users
func.func @producer_has_other_users(%in: tensor<1x4xi8>, %w: tensor<2x4xi8>) -> (tensor<1x2xi8>, tensor<1x2xi8>) {
  // CHECK: %[[FC:.*]] = graph.fully_connected {{.*}}fused_activation = #graph<activation none>
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>) -> tensor<1x2xi8>
  // CHECK: %[[RELU:.*]] = graph.relu %[[FC]]
  %1 = graph.relu %0 : tensor<1x2xi8>
  // CHECK: return %[[RELU]], %[[FC]]
  return %1, %0 : tensor<1x2xi8>, tensor<1x2xi8>
}

// -----

// Tests that a RELU of a function argument or of an op without a fused
// activation (RESHAPE) stays.

// CHECK-LABEL: func.func @no_producer_to_fuse_into
func.func @no_producer_to_fuse_into(%in: tensor<1x4xi8>) -> (tensor<1x4xi8>, tensor<4xi8>) {
  // CHECK: graph.relu %{{.*}} : tensor<1x4xi8>
  %0 = graph.relu %in : tensor<1x4xi8>
  %1 = graph.reshape %in : (tensor<1x4xi8>) -> tensor<4xi8>
  // CHECK: graph.relu6 %{{.*}} : tensor<4xi8>
  %2 = graph.relu6 %1 : tensor<4xi8>
  return %0, %2 : tensor<1x4xi8>, tensor<4xi8>
}

// -----

// Tests that a RELU after an SVDF stays: TFLite's int8 SVDF kernel ignores
// its fused activation, so folding the RELU into it would drop the clamp.

// CHECK-LABEL: func.func @relu_after_svdf
func.func @relu_after_svdf(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = graph.variable "state" : tensor<1x6xi8>
  // CHECK: %[[SVDF:.*]] = graph.svdf {{.*}}fused_activation = #graph<activation none>
  %0 = graph.svdf %in, %f, %t state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  // CHECK: graph.relu %[[SVDF]]
  %1 = graph.relu %0 : tensor<1x1xi8>
  return %1 : tensor<1x1xi8>
}

// -----

// Tests that a RELU after MAXIMUM stays (TFLite's MAXIMUM has no fused
// activation, and its kernel applies none), found by the differential
// fuzzer, while one after MUL folds.

// CHECK-LABEL: func.func @maximum_keeps_relu
func.func @maximum_keeps_relu(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: graph.binary maximum
  // CHECK-SAME: fused_activation = #graph<activation none>
  // CHECK: graph.relu
  %0 = graph.binary maximum %a, %b {fused_activation = #graph<activation none>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = graph.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func.func @mul_takes_relu
func.func @mul_takes_relu(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: graph.binary mul
  // CHECK-SAME: fused_activation = #graph<activation relu>
  // CHECK-NOT: graph.relu
  %0 = graph.binary mul %a, %b {fused_activation = #graph<activation none>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = graph.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func.func @concatenation_keeps_relu
func.func @concatenation_keeps_relu(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<4xf32> {
  // CHECK: graph.concatenation
  // CHECK: graph.relu
  %0 = graph.concatenation %a, %b {axis = 0 : i64, fused_activation = #graph<activation none>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  %1 = graph.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}
