// RUN: ingot-opt %s --split-input-file --verify-diagnostics

// Tests that a weight's stored shape must be its result's shape.

func.func @const_shape() -> tensor<2x3xi8> {
  // expected-error @+1 {{value shape does not match the result shape}}
  %0 = graph.const dense<1> : tensor<3x2xi8> -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// Tests that a quantized weight is stored as its storage type.

func.func @const_storage() -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{value element type 'i32' is not the result's storage type 'i8'}}
  %0 = graph.const dense<1> : tensor<4xi32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that a convolution input must be NHWC.

func.func @conv_rank(%in: tensor<5x5x2xi8>, %w: tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8> {
  // expected-error @+1 {{input must have rank 4, got 'tensor<5x5x2xi8>'}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8>
  return %0 : tensor<1x3x3x4xi8>
}

// -----

// Tests that convolution shapes must be static.

func.func @conv_dynamic(%in: tensor<?x5x5x2xi8>, %w: tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8> {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x5x5x2xi8>'}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<?x5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8>
  return %0 : tensor<1x3x3x4xi8>
}

// -----

// Tests that strides must be positive.

func.func @conv_stride(%in: tensor<1x5x5x2xi8>, %w: tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8> {
  // expected-error @+1 {{stride_w must be at least 1, got 0}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 0 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8>
  return %0 : tensor<1x3x3x4xi8>
}

// -----

// Tests that dilations must be positive.

func.func @conv_dilation(%in: tensor<1x5x5x2xi8>, %w: tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8> {
  // expected-error @+1 {{dilation_h must be at least 1, got -1}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = -1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8>
  return %0 : tensor<1x3x3x4xi8>
}

// -----

// Tests that a convolution bias has one entry per output channel.

func.func @conv_bias(%in: tensor<1x5x5x2xi8>, %w: tensor<4x3x3x2xi8>, %b: tensor<3xi32>) -> tensor<1x3x3x4xi8> {
  // expected-error @+1 {{bias must have one element per output channel}}
  %0 = graph.conv_2d %in, %w, %b {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x5x5x2xi8>, tensor<4x3x3x2xi8>, tensor<3xi32>) -> tensor<1x3x3x4xi8>
  return %0 : tensor<1x3x3x4xi8>
}

// -----

// Tests that a convolution keeps the batch size.

func.func @conv_batch(%in: tensor<2x5x5x2xi8>, %w: tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8> {
  // expected-error @+1 {{input and output batch sizes differ}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<2x5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8>
  return %0 : tensor<1x3x3x4xi8>
}

// -----

// Tests that grouped convolutions are rejected.

func.func @conv_groups(%in: tensor<1x5x5x4xi8>, %w: tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8> {
  // expected-error @+1 {{filter depth 2 does not match input channels 4 (grouped convolution is unsupported)}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x5x5x4xi8>, tensor<4x3x3x2xi8>) -> tensor<1x3x3x4xi8>
  return %0 : tensor<1x3x3x4xi8>
}

// -----

// Tests that a convolution has one filter per output channel.

func.func @conv_filters(%in: tensor<1x5x5x2xi8>, %w: tensor<4x3x3x2xi8>) -> tensor<1x3x3x8xi8> {
  // expected-error @+1 {{filter count does not match output channels}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x3x3x8xi8>
  return %0 : tensor<1x3x3x8xi8>
}

// -----

// Tests that the depth multiplier must be positive.

func.func @depthwise_multiplier(%in: tensor<1x4x4x2xi8>, %w: tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{depth_multiplier must be at least 1, got 0}}
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 0 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x2xi8>, tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that a depthwise filter is 1HWO.

func.func @depthwise_filter(%in: tensor<1x4x4x2xi8>, %w: tensor<2x3x3x2xi8>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{filter must have a leading dimension of 1}}
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x2xi8>, tensor<2x3x3x2xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that depthwise output channels are input channels times the
// multiplier.

func.func @depthwise_channels(%in: tensor<1x4x4x2xi8>, %w: tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{output channels must equal input channels times depth_multiplier and match the filter}}
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x2xi8>, tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that a fully connected filter is [units, depth].

func.func @fc_filter_rank(%in: tensor<1x8xi8>, %w: tensor<3x8x1xi8>) -> tensor<1x3xi8> {
  // expected-error @+1 {{filter must have rank 2, got 'tensor<3x8x1xi8>'}}
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x8xi8>, tensor<3x8x1xi8>) -> tensor<1x3xi8>
  return %0 : tensor<1x3xi8>
}

// -----

// Tests that fully connected shapes must be static.

func.func @fc_dynamic(%in: tensor<?x8xi8>, %w: tensor<3x8xi8>) -> tensor<1x3xi8> {
  // expected-error @+1 {{input and output must have static shapes}}
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<?x8xi8>, tensor<3x8xi8>) -> tensor<1x3xi8>
  return %0 : tensor<1x3xi8>
}

// -----

// Tests that the input is a whole number of filter-depth rows.

func.func @fc_depth(%in: tensor<1x10xi8>, %w: tensor<3x8xi8>) -> tensor<1x3xi8> {
  // expected-error @+1 {{input size 10 is not a multiple of the filter depth 8}}
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x10xi8>, tensor<3x8xi8>) -> tensor<1x3xi8>
  return %0 : tensor<1x3xi8>
}

// -----

// Tests that the output has batches x units elements.

func.func @fc_output(%in: tensor<2x8xi8>, %w: tensor<3x8xi8>) -> tensor<1x3xi8> {
  // expected-error @+1 {{output must have batches x units elements}}
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<2x8xi8>, tensor<3x8xi8>) -> tensor<1x3xi8>
  return %0 : tensor<1x3xi8>
}

// -----

// Tests that a fully connected bias has one entry per unit.

func.func @fc_bias(%in: tensor<1x8xi8>, %w: tensor<3x8xi8>, %b: tensor<8xi32>) -> tensor<1x3xi8> {
  // expected-error @+1 {{bias must have one element per unit}}
  %0 = graph.fully_connected %in, %w, %b {fused_activation = #graph<activation none>} : (tensor<1x8xi8>, tensor<3x8xi8>, tensor<8xi32>) -> tensor<1x3xi8>
  return %0 : tensor<1x3xi8>
}

// -----

// Tests that ADD operands must broadcast (numpy rules).

func.func @add_broadcast(%a: tensor<1x4xi8>, %b: tensor<1x3xi8>) -> tensor<1x4xi8> {
  // expected-error @+1 {{operand shapes do not broadcast}}
  %0 = graph.add %a, %b {fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<1x3xi8>) -> tensor<1x4xi8>
  return %0 : tensor<1x4xi8>
}

// -----

// Tests that the ADD result has the broadcast shape.

func.func @add_broadcast_result(%a: tensor<1x4xi8>, %b: tensor<1x1xi8>) -> tensor<1x1xi8> {
  // expected-error @+1 {{result shape is not the broadcast shape}}
  %0 = graph.add %a, %b {fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<1x1xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that pooling input must be NHWC.

func.func @pool_rank(%in: tensor<4x4x2xi8>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{input must have rank 4, got 'tensor<4x4x2xi8>'}}
  %0 = graph.max_pool_2d %in {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<4x4x2xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that pooling windows must be non-empty.

func.func @pool_filter(%in: tensor<1x4x4x2xi8>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{filter_h must be at least 1, got 0}}
  %0 = graph.average_pool_2d %in {padding = #graph<padding valid>, filter_h = 0 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x2xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that pooling keeps batches and channels.

func.func @pool_channels(%in: tensor<1x4x4x2xi8>) -> tensor<1x2x2x3xi8> {
  // expected-error @+1 {{pooling must keep batches and channels}}
  %0 = graph.average_pool_2d %in {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x2xi8>) -> tensor<1x2x2x3xi8>
  return %0 : tensor<1x2x2x3xi8>
}

// -----

// Tests that a reshape needs static shapes.

func.func @reshape_dynamic(%in: tensor<?x4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{reshape needs static shapes}}
  %0 = graph.reshape %in : (tensor<?x4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that a reshape keeps the element count.

func.func @reshape_count(%in: tensor<2x4xi8>) -> tensor<6xi8> {
  // expected-error @+1 {{reshape must keep the element count (8 vs 6)}}
  %0 = graph.reshape %in : (tensor<2x4xi8>) -> tensor<6xi8>
  return %0 : tensor<6xi8>
}

// -----

// Tests that a reshape keeps the element type, quantization included.

func.func @reshape_type(%in: tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<8x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{reshape must keep the element type}}
  %0 = graph.reshape %in : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<8x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<8x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Tests that softmax keeps the shape.

func.func @softmax_shape(%in: tensor<1x4xi8>) -> tensor<4x1xi8> {
  // expected-error @+1 {{softmax must keep the shape}}
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x4xi8>) -> tensor<4x1xi8>
  return %0 : tensor<4x1xi8>
}

// -----

// Tests that beta must be positive.

func.func @softmax_beta(%in: tensor<1x4xi8>) -> tensor<1x4xi8> {
  // expected-error @+1 {{beta must be positive}}
  %0 = graph.softmax %in {beta = 0.0 : f32} : (tensor<1x4xi8>) -> tensor<1x4xi8>
  return %0 : tensor<1x4xi8>
}

// -----

// Tests that quantize keeps the shape.

func.func @quantize_shape(%in: tensor<4xf32>) -> tensor<2x2x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{quantize must keep the shape}}
  %0 = graph.quantize %in : (tensor<4xf32>) -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<2x2x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that quantize produces a per-tensor quantized type.

func.func @quantize_result(%in: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{result must have a per-tensor !quant.uniform type}}
  %0 = graph.quantize %in : (tensor<4xf32>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that dequantize keeps the shape.

func.func @dequantize_shape(%in: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x2xf32> {
  // expected-error @+1 {{dequantize must keep the shape}}
  %0 = graph.dequantize %in : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Tests that dequantize goes from quantized to float.

func.func @dequantize_direction(%in: tensor<4xi8>) -> tensor<4xf32> {
  // expected-error @+1 {{dequantize goes from a quantized (or float16) to a float type}}
  %0 = graph.dequantize %in : (tensor<4xi8>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tests that the SVDF input is [batches, features].

func.func @svdf_rank(%in: tensor<4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = graph.variable "state" : tensor<1x6xi8>
  // expected-error @+1 {{input must have rank 2, got 'tensor<4xi8>'}}
  %0 = graph.svdf %in, %f, %t state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that the SVDF rank must be positive.

func.func @svdf_zero_rank(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = graph.variable "state" : tensor<1x6xi8>
  // expected-error @+1 {{rank must be at least 1, got 0}}
  %0 = graph.svdf %in, %f, %t state %s {rank = 0 : i64, fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that the feature weights span the input.

func.func @svdf_feature_depth(%in: tensor<1x5xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = graph.variable "state" : tensor<1x6xi8>
  // expected-error @+1 {{weights_feature depth must match the input size}}
  %0 = graph.svdf %in, %f, %t state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x5xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that the time weights have one row per filter.

func.func @svdf_time_rows(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<3x3xi8>) -> tensor<1x1xi8> {
  %s = graph.variable "state" : tensor<1x6xi8>
  // expected-error @+1 {{weights_time must have one row per filter}}
  %0 = graph.svdf %in, %f, %t state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<3x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that filters split evenly into rank groups.

func.func @svdf_rank_groups(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = graph.variable "state" : tensor<1x6xi8>
  // expected-error @+1 {{filter count must be a multiple of rank}}
  %0 = graph.svdf %in, %f, %t state %s {rank = 3 : i64, fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that the state holds memory entries for every filter.

func.func @svdf_state(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = graph.variable "state" : tensor<1x5xi8>
  // expected-error @+1 {{activation_state must be [batches, filters * memory]}}
  %0 = graph.svdf %in, %f, %t state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x5xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that a standalone activation keeps its input's type.

func.func @relu_type(%in: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "graph.relu"(%in) : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Tests that a SOFTMAX without elements is rejected before any kernel
// parameter divides by its innermost extent.

func.func @softmax_empty(%arg0: tensor<1x0xf32>) -> tensor<1x0xf32> {
  // expected-error @+1 {{needs at least one dimension and one element}}
  %0 = graph.softmax %arg0 {beta = 1.0 : f32} : (tensor<1x0xf32>) -> tensor<1x0xf32>
  return %0 : tensor<1x0xf32>
}

// -----

// Tests that paddings near 2^62 are rejected before they are added to the
// input extent (which would overflow int64).

func.func @pad_huge(%arg0: tensor<2xi16>) -> tensor<2xi16> {
  // expected-error @+1 {{paddings must be below 2^31}}
  %0 = graph.pad %arg0 {paddings = array<i64: 4611686018427387904, 4611686018427387904>} : (tensor<2xi16>) -> tensor<2xi16>
  return %0 : tensor<2xi16>
}

// -----

// Tests that a transpose permutation must be one.

func.func @transpose_repeat(%arg0: tensor<2x3xi8>) -> tensor<3x3xi8> {
  // expected-error @+1 {{perm is not a permutation}}
  %0 = graph.transpose %arg0 {perm = array<i64: 1, 1>} : (tensor<2x3xi8>) -> tensor<3x3xi8>
  return %0 : tensor<3x3xi8>
}

// -----

// Tests that a slice must stay inside its input.

func.func @slice_outside(%arg0: tensor<4xi8>) -> tensor<3xi8> {
  // expected-error @+1 {{slice of dimension 0 is outside the input}}
  %0 = graph.slice %arg0 {begin = array<i64: 2>} : (tensor<4xi8>) -> tensor<3xi8>
  return %0 : tensor<3xi8>
}

// -----

// Tests that reduction axes must exist.

func.func @reduce_axis(%arg0: tensor<4xf32>) -> tensor<f32> {
  // expected-error @+1 {{axis 1 is outside [0, 1)}}
  %0 = graph.reduce mean %arg0 {axes = array<i64: 1>, keep_dims = false} : (tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Tests that a gather's result shape follows from params and indices.

func.func @gather_shape(%arg0: tensor<5x3xf32>, %arg1: tensor<2xi32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{result shape does not match params and indices}}
  %0 = graph.gather %arg0, %arg1 {axis = 0 : i64, batch_dims = 0 : i64} : (tensor<5x3xf32>, tensor<2xi32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// Tests that a TRANSPOSE whose result has fewer dimensions than its input is
// rejected before the result's extents are compared (the coverage-guided
// fuzzer's 464-byte model read past a scalar result's shape).

func.func @transpose_result_rank(%arg0: tensor<2x3xi8>) -> tensor<i8> {
  // expected-error @+1 {{result must have the input's rank}}
  %0 = graph.transpose %arg0 {perm = array<i64: 1, 0>} : (tensor<2x3xi8>) -> tensor<i8>
  return %0 : tensor<i8>
}
