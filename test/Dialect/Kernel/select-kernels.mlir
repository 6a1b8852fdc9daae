// RUN: ingot-opt %s --split-input-file --ingot-select-kernels | FileCheck %s

// Tests that on a DSP target an int8 CONV_2D with constant filter and bias
// becomes the packed form: the original constants are replaced by a packed
// filter and a folded bias, bias[c] + input_offset * sum(filter[c]) =
// [10 + 128 * (1 + 2), -10 + 128 * (3 - 4)] = [394, -138], that the
// requantization records are a constant of four words a channel,
// {multiplier, 2^r + 2^(r+1) * output_offset, 1 + max(shift, 0), r + 1}
// with r = max(-shift, 0): channel 0 (shift 0, r 0) 1 + 2 * -1 = -1,
// channel 1 (shift -2, r 2) 4 + 8 * -1 = -4, that the DSP kernel's scratch
// is optional, and that the layer's names and choice are kept for the
// generated code and `ingot inspect`.

// CHECK-LABEL: func.func @conv_on_m4
// CHECK-NOT: "filter"
// CHECK-DAG: kernel.weight "filter_dsp" {{.*}} : tensor<{{[0-9]+}}xi8>
// CHECK-DAG: %[[BIAS:.*]] = kernel.weight "bias_folded" dense<[394, -138]> : tensor<2xi32> : tensor<2xi32>
// CHECK-DAG: %[[RESCALE:.*]] = kernel.weight "conv_2d_0_rescale" dense<[1073741824, -1, 1, 1, 1610612736, -4, 1, 3]> : tensor<8xi32> : tensor<8xi32>
// CHECK: kernel.packed_conv2d_s8 %{{.*}}, %{{.*}}, %[[BIAS]], %[[RESCALE]]
// CHECK-SAME: depthwise = false
// CHECK-SAME: filter_shape = array<i64: 2, 1, 1, 2>
// CHECK-SAME: implementation = "dsp"
// CHECK-SAME: ingot.layer = "conv_2d_0"
// CHECK-SAME: kernel.implementation = "dsp.conv2d_s8<1x1>"
// CHECK-SAME: scratch_bytes =
// CHECK-SAME: scratch_optional
// CHECK-SAME: shape_specialized = true
// CHECK-SAME: single_rounding_exact = true
module attributes {kernel.target = #kernel.target<name = "cortex-m4", dsp = true, mve = false, fpu = true, dcache = false, optimize = "speed">} {
func.func @conv_on_m4(%in: tensor<1x3x3x2xi8>) -> tensor<1x3x3x2xi8> {
  %w = kernel.weight "filter" dense<[[[[1, 2]]], [[[3, -4]]]]> : tensor<2x1x1x2xi8> : tensor<2x1x1x2xi8>
  %b = kernel.weight "bias" dense<[10, -10]> : tensor<2xi32> : tensor<2xi32>
  %0 = kernel.conv2d_s8 %in, %w, %b {ingot.layer = "conv_2d_0", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 128 : i32, output_offset = -1 : i32, output_multiplier = array<i32: 1073741824, 1610612736>, output_shift = array<i32: 0, -2>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x3x3x2xi8>, tensor<2x1x1x2xi8>, tensor<2xi32>) -> tensor<1x3x3x2xi8>
  return %0 : tensor<1x3x3x2xi8>
}
}

// -----

// Tests that --optimize=size keeps one compact kernel, that a depthwise
// convolution with depth multiplier 1 is packed with every tap folded
// (bias 0 + 2 * (1 + 1 + 1 + 1) = 8 and 2 * (-1 - 1 - 1 - 1) = -8), that one
// with depth multiplier 2 and one input channel becomes a CONV_2D with the
// filter transposed to [2][1][2][1] (rows [1, 3] and [2, 4]; folded with
// input_offset 1: [4, 6]), and that one with depth multiplier 2 and two
// input channels stays on the reference kernel.

// CHECK-LABEL: func.func @depthwise_size
// CHECK: kernel.weight "dw_bias_folded" dense<[8, -8]>
// CHECK: kernel.packed_conv2d_s8
// CHECK-SAME: depthwise = true
// CHECK-SAME: kernel.implementation = "dsp.depthwise_conv2d_s8<2x2/1> (compact)"
// CHECK-SAME: shape_specialized = false
// CHECK: kernel.weight "dw1_bias_folded" dense<[4, 6]>
// CHECK: kernel.packed_conv2d_s8
// CHECK-SAME: depthwise = false
// CHECK-SAME: filter_shape = array<i64: 2, 1, 2, 1>
// CHECK-SAME: kernel.implementation = "dsp.conv2d_s8<1x2/1> (depthwise, one input channel) (compact)"
// CHECK: kernel.depthwise_conv2d_s8
// CHECK-SAME: depth_multiplier = 2
// CHECK-NOT: kernel.implementation
module attributes {kernel.target = #kernel.target<name = "cortex-m7", dsp = true, mve = false, fpu = true, dcache = true, optimize = "size">} {
func.func @depthwise_size(%in: tensor<1x3x3x2xi8>, %in1: tensor<1x3x3x1xi8>) -> (tensor<1x2x2x2xi8>, tensor<1x3x2x2xi8>, tensor<1x2x2x4xi8>) {
  %w = kernel.weight "dw" dense<[[[[1, -1], [1, -1]], [[1, -1], [1, -1]]]]> : tensor<1x2x2x2xi8> : tensor<1x2x2x2xi8>
  %b = kernel.weight "dw_bias" dense<[0, 0]> : tensor<2xi32> : tensor<2xi32>
  %0 = kernel.depthwise_conv2d_s8 %in, %w, %b {ingot.layer = "depthwise_conv_2d_0", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 1 : i64, input_offset = 2 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1073741824>, output_shift = array<i32: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x3x3x2xi8>, tensor<1x2x2x2xi8>, tensor<2xi32>) -> tensor<1x2x2x2xi8>
  %w1 = kernel.weight "dw1" dense<[[[[1, 2], [3, 4]]]]> : tensor<1x1x2x2xi8> : tensor<1x1x2x2xi8>
  %b1 = kernel.weight "dw1_bias" dense<[0, 0]> : tensor<2xi32> : tensor<2xi32>
  %1 = kernel.depthwise_conv2d_s8 %in1, %w1, %b1 {ingot.layer = "depthwise_conv_2d_1", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 2 : i64, input_offset = 1 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1073741824>, output_shift = array<i32: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x3x3x1xi8>, tensor<1x1x2x2xi8>, tensor<2xi32>) -> tensor<1x3x2x2xi8>
  %w2 = kernel.weight "dw2" dense<1> : tensor<1x2x2x4xi8> : tensor<1x2x2x4xi8>
  %2 = kernel.depthwise_conv2d_s8 %in, %w2 {ingot.layer = "depthwise_conv_2d_2", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 2 : i64, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, output_shift = array<i32: 0, 0, 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x3x3x2xi8>, tensor<1x2x2x4xi8>) -> tensor<1x2x2x4xi8>
  return %0, %1, %2 : tensor<1x2x2x2xi8>, tensor<1x3x2x2xi8>, tensor<1x2x2x4xi8>
}
}

// -----

// Tests that FULLY_CONNECTED is packed only when its filter zero point is 0,
// that two layers sharing a filter share its packed copy,
// that a layer without bias gets a folded bias of its own
// (1 * (1 + 2 + 3 + 4) = 10, 1 * (-1 - 2 - 3 - 4) = -10), and that an
// accumulator bound near 2^30 (|bias| alone exceeds it) turns the
// one-multiply requantization off.

// CHECK-LABEL: func.func @fully_connected
// CHECK: %[[PACKED:.*]] = kernel.weight "fc_dsp"
// CHECK: kernel.weight "fully_connected_0_bias_folded" dense<[10, -10]>
// CHECK: kernel.packed_fully_connected_s8 %{{.*}}, %[[PACKED]],
// CHECK-SAME: single_rounding_exact = true
// CHECK: kernel.packed_fully_connected_s8 %{{.*}}, %[[PACKED]],
// CHECK-SAME: single_rounding_exact = false
// CHECK: kernel.fully_connected_s8
// CHECK-SAME: filter_offset = 3
module attributes {kernel.target = #kernel.target<name = "cortex-m4", dsp = true, mve = false, fpu = true, dcache = false, optimize = "speed">} {
func.func @fully_connected(%in: tensor<1x4xi8>) -> (tensor<1x2xi8>, tensor<1x2xi8>, tensor<1x2xi8>) {
  %w = kernel.weight "fc" dense<[[1, 2, 3, 4], [-1, -2, -3, -4]]> : tensor<2x4xi8> : tensor<2x4xi8>
  %0 = kernel.fully_connected_s8 %in, %w {ingot.layer = "fully_connected_0", input_offset = 1 : i32, filter_offset = 0 : i32, output_offset = 2 : i32, output_multiplier = 1073741824 : i32, output_shift = -1 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>) -> tensor<1x2xi8>
  %big = kernel.weight "big_bias" dense<[1500000000, 0]> : tensor<2xi32> : tensor<2xi32>
  %1 = kernel.fully_connected_s8 %in, %w, %big {ingot.layer = "fully_connected_1", input_offset = 0 : i32, filter_offset = 0 : i32, output_offset = 2 : i32, output_multiplier = 1073741824 : i32, output_shift = -1 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2xi32>) -> tensor<1x2xi8>
  %2 = kernel.fully_connected_s8 %in, %w {ingot.layer = "fully_connected_2", input_offset = 1 : i32, filter_offset = 3 : i32, output_offset = 2 : i32, output_multiplier = 1073741824 : i32, output_shift = -1 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>) -> tensor<1x2xi8>
  return %0, %1, %2 : tensor<1x2xi8>, tensor<1x2xi8>, tensor<1x2xi8>
}
}

// -----

// Tests that without a target (generic) nothing changes.

// CHECK-LABEL: func.func @generic
// CHECK: kernel.conv2d_s8
// CHECK-NOT: kernel.implementation
func.func @generic(%in: tensor<1x3x3x2xi8>) -> tensor<1x3x3x2xi8> {
  %w = kernel.weight "filter" dense<1> : tensor<2x1x1x2xi8> : tensor<2x1x1x2xi8>
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 128 : i32, output_offset = -1 : i32, output_multiplier = array<i32: 1073741824, 1610612736>, output_shift = array<i32: 0, -2>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x3x3x2xi8>, tensor<2x1x1x2xi8>) -> tensor<1x3x3x2xi8>
  return %0 : tensor<1x3x3x2xi8>
}

// -----

// Tests that a dead channel (all weights zero, so its accumulator is always
// its bias) is rewritten into the identity rescale the fast requantization
// handles: bias 1000 at multiplier 2^30 (0.5) and shift 0 rescales to 500,
// which any int8 output saturates like 256; multiplier 2^30, shift 1 is the
// identity. The live channel keeps its parameters.

// CHECK-LABEL: func.func @dead_channel
// CHECK: kernel.weight "b_folded" dense<[256, 7]>
// CHECK: kernel.packed_conv2d_s8
// CHECK-SAME: output_multiplier = array<i32: 1073741824, 1610612736>
// CHECK-SAME: output_shift = array<i32: 1, -2>
module attributes {kernel.target = #kernel.target<name = "cortex-m4", dsp = true, mve = false, fpu = true, dcache = false, optimize = "speed">} {
func.func @dead_channel(%in: tensor<1x1x1x2xi8>) -> tensor<1x1x1x2xi8> {
  %w = kernel.weight "w" dense<[[[[0, 0]]], [[[3, 4]]]]> : tensor<2x1x1x2xi8> : tensor<2x1x1x2xi8>
  %b = kernel.weight "b" dense<[1000, 7]> : tensor<2xi32> : tensor<2xi32>
  %0 = kernel.conv2d_s8 %in, %w, %b {ingot.layer = "conv_2d_0", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1610612736>, output_shift = array<i32: 0, -2>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x1x1x2xi8>, tensor<2x1x1x2xi8>, tensor<2xi32>) -> tensor<1x1x1x2xi8>
  return %0 : tensor<1x1x1x2xi8>
}
}

// -----

// Tests that on MVE and DSP targets an int8 ADD keeps its op and arguments
// (both kernels have the reference's signature) and only names its kernel.

// CHECK-LABEL: func.func @add_on_m55
// CHECK: kernel.add_s8
// CHECK-SAME: kernel.implementation = "mve.add_s8"
module attributes {kernel.target = #kernel.target<name = "cortex-m55", dsp = true, mve = true, fpu = true, dcache = true, optimize = "speed">} {
func.func @add_on_m55(%in: tensor<1x8xi8>) -> tensor<1x8xi8> {
  %0 = kernel.add_s8 %in, %in {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x8xi8>, tensor<1x8xi8>) -> tensor<1x8xi8>
  return %0 : tensor<1x8xi8>
}
}

// -----

// CHECK-LABEL: func.func @add_on_m4
// CHECK: kernel.add_s8
// CHECK-SAME: kernel.implementation = "dsp.add_s8"
module attributes {kernel.target = #kernel.target<name = "cortex-m4", dsp = true, mve = false, fpu = true, dcache = false, optimize = "speed">} {
func.func @add_on_m4(%in: tensor<1x8xi8>) -> tensor<1x8xi8> {
  %0 = kernel.add_s8 %in, %in {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x8xi8>, tensor<1x8xi8>) -> tensor<1x8xi8>
  return %0 : tensor<1x8xi8>
}
}

// -----

// Tests that the MVE convolution's scratch (two im2col rows of a 3x3 filter
// with padding: 2 * (16 + 16) bytes) is optional too: without it the kernel
// puts the rows in the end of its output.

// CHECK-LABEL: func.func @conv_on_m55
// CHECK: kernel.packed_conv2d_s8
// CHECK-SAME: implementation = "mve"
// CHECK-SAME: scratch_bytes = 64
// CHECK-SAME: scratch_optional
module attributes {kernel.target = #kernel.target<name = "cortex-m55", dsp = true, mve = true, fpu = true, dcache = true, optimize = "speed">} {
func.func @conv_on_m55(%in: tensor<1x4x4x1xi8>) -> tensor<1x4x4x1xi8> {
  %w = kernel.weight "filter" dense<1> : tensor<1x3x3x1xi8> : tensor<1x3x3x1xi8>
  %b = kernel.weight "bias" dense<0> : tensor<1xi32> : tensor<1xi32>
  %0 = kernel.conv2d_s8 %in, %w, %b {ingot.layer = "conv_2d_0", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>, tensor<1xi32>) -> tensor<1x4x4x1xi8>
  return %0 : tensor<1x4x4x1xi8>
}
}
