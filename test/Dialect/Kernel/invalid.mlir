// RUN: ingot-opt %s --split-input-file --verify-diagnostics

// Tests that a weight's value has the result type.

func.func @weight_type() -> tensor<4xi8> {
  // expected-error @+1 {{value type must equal the result type}}
  %0 = kernel.weight "w" dense<1> : tensor<2x2xi8> : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that a weight has a name, which becomes its C identifier.

func.func @weight_name() -> tensor<4xi8> {
  // expected-error @+1 {{weights need a name}}
  %0 = kernel.weight "" dense<1> : tensor<4xi8> : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that an alias views the same number of elements.

func.func @alias_count(%in: tensor<8xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{alias must keep the element count}}
  %0 = kernel.alias %in : tensor<8xi8> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that a copy keeps the element count.

func.func @copy_count(%in: tensor<8xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{copy must keep the element count}}
  %0 = kernel.copy %in : tensor<8xi8> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that strides are an (h, w) pair.

func.func @conv_strides(%in: tensor<1x4x4x1xi8>, %w: tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{strides must have two entries (h, w)}}
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that dilations are positive.

func.func @conv_dilations(%in: tensor<1x4x4x1xi8>, %w: tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{dilations entries must be at least 1}}
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 0, 1>, padding = array<i64: 0, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that padding is not negative.

func.func @conv_padding(%in: tensor<1x4x4x1xi8>, %w: tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{padding entries must be at least 0}}
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: -1, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that the clamp bounds are ordered.

func.func @conv_clamp_order(%in: tensor<1x4x4x1xi8>, %w: tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{activation_min 10 exceeds activation_max 5}}
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = 10 : i32, activation_max = 5 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that the clamp bounds fit the output type.

func.func @conv_clamp_range(%in: tensor<1x4x4x1xi8>, %w: tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{activation range [-128, 128] exceeds the output type 'i8'}}
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = -128 : i32, activation_max = 128 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that a convolution output is NHWC.

func.func @conv_output_rank(%in: tensor<1x4x4x1xi8>, %w: tensor<1x3x3x1xi8>) -> tensor<4x1xi8> {
  // expected-error @+1 {{output must be NHWC}}
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>) -> tensor<4x1xi8>
  return %0 : tensor<4x1xi8>
}

// -----

// Tests that there is one multiplier and shift per output channel.

func.func @depthwise_channels(%in: tensor<1x4x4x2xi8>, %w: tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{needs one multiplier and shift per output channel}}
  %0 = kernel.depthwise_conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 1 : i64, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x2xi8>, tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that per-channel shifts are in the range the fixed-point code handles.

func.func @conv_shift(%in: tensor<1x4x4x1xi8>, %w: tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{shift 31 is outside [-31, 30]}}
  %0 = kernel.conv2d_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824>, output_shift = array<i32: 31>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>, tensor<1x3x3x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that a fully connected shift is checked.

func.func @fc_shift(%in: tensor<1x8xi8>, %w: tensor<3x8xi8>) -> tensor<1x3xi8> {
  // expected-error @+1 {{shift -32 is outside [-31, 30]}}
  %0 = kernel.fully_connected_s8 %in, %w {input_offset = 0 : i32, filter_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -32 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x8xi8>, tensor<3x8xi8>) -> tensor<1x3xi8>
  return %0 : tensor<1x3xi8>
}

// -----

// Tests that a fully connected clamp fits the output type.

func.func @fc_clamp(%in: tensor<1x8xi8>, %w: tensor<3x8xi8>) -> tensor<1x3xi8> {
  // expected-error @+1 {{activation range [-129, 127] exceeds the output type 'i8'}}
  %0 = kernel.fully_connected_s8 %in, %w {input_offset = 0 : i32, filter_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = 0 : i32, activation_min = -129 : i32, activation_max = 127 : i32} : (tensor<1x8xi8>, tensor<3x8xi8>) -> tensor<1x3xi8>
  return %0 : tensor<1x3xi8>
}

// -----

// Tests that a clamped int8 kernel cannot write a float tensor.

func.func @fc_float_output(%in: tensor<1x8xi8>, %w: tensor<3x8xi8>) -> tensor<1x3xf32> {
  // expected-error @+1 {{output must have an integer element type, got 'tensor<1x3xf32>'}}
  %0 = kernel.fully_connected_s8 %in, %w {input_offset = 0 : i32, filter_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = 0 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x8xi8>, tensor<3x8xi8>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// Tests that ADD operands have as many elements as the result.

func.func @add_count(%a: tensor<8xi8>, %b: tensor<4xi8>) -> tensor<8xi8> {
  // expected-error @+1 {{operands and result must have equal element counts}}
  %0 = kernel.add_s8 %a, %b {input1_offset = 0 : i32, input1_multiplier = 1 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1 : i32, output_shift = 0 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<8xi8>, tensor<4xi8>) -> tensor<8xi8>
  return %0 : tensor<8xi8>
}

// -----

// Tests that every ADD shift is checked.

func.func @add_shift(%a: tensor<8xi8>) -> tensor<8xi8> {
  // expected-error @+1 {{shift 40 is outside [-31, 30]}}
  %0 = kernel.add_s8 %a, %a {input1_offset = 0 : i32, input1_multiplier = 1 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1 : i32, input2_shift = 40 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1 : i32, output_shift = 0 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<8xi8>, tensor<8xi8>) -> tensor<8xi8>
  return %0 : tensor<8xi8>
}

// -----

// Tests that a pooling window is an (h, w) pair of positive sizes.

func.func @pool_filter(%in: tensor<1x4x4x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{filter entries must be at least 1}}
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 0, 2>, strides = array<i64: 2, 2>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that pooling clamps are ordered.

func.func @pool_clamp(%in: tensor<1x4x4x1xi8>) -> tensor<1x2x2x1xi8> {
  // expected-error @+1 {{activation_min 0 exceeds activation_max -1}}
  %0 = kernel.average_pool2d_s8 %in {filter = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 0, 0>, activation_min = 0 : i32, activation_max = -1 : i32} : (tensor<1x4x4x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}

// -----

// Tests that softmax keeps the element count.

func.func @softmax_count(%in: tensor<1x8xi8>) -> tensor<1x4xi8> {
  // expected-error @+1 {{softmax must keep the element count}}
  %0 = kernel.softmax %in {input_multiplier = 1073741824 : i32, input_left_shift = 21 : i32, diff_min = -31 : i32} : (tensor<1x8xi8>) -> tensor<1x4xi8>
  return %0 : tensor<1x4xi8>
}

// -----

// Tests that softmax writes int8 or int16.

func.func @softmax_type(%in: tensor<1x8xi8>) -> tensor<1x8xi32> {
  // expected-error @+1 {{softmax output must be i8 or i16}}
  %0 = kernel.softmax %in {input_multiplier = 1073741824 : i32, input_left_shift = 21 : i32, diff_min = -31 : i32} : (tensor<1x8xi8>) -> tensor<1x8xi32>
  return %0 : tensor<1x8xi32>
}

// -----

// Tests that requantize keeps the element count.

func.func @requantize_count(%in: tensor<8xi16>) -> tensor<4xi8> {
  // expected-error @+1 {{requantize must keep the element count}}
  %0 = kernel.requantize %in {input_zero_point = 0 : i32, output_zero_point = 0 : i32, multiplier = 1073741824 : i32, shift = 0 : i32} : (tensor<8xi16>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that the requantize shift is checked.

func.func @requantize_shift(%in: tensor<8xi16>) -> tensor<8xi8> {
  // expected-error @+1 {{shift -40 is outside [-31, 30]}}
  %0 = kernel.requantize %in {input_zero_point = 0 : i32, output_zero_point = 0 : i32, multiplier = 1073741824 : i32, shift = -40 : i32} : (tensor<8xi16>) -> tensor<8xi8>
  return %0 : tensor<8xi8>
}

// -----

// Tests that quantize keeps the element count.

func.func @quantize_count(%in: tensor<8xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{quantize must keep the element count}}
  %0 = kernel.quantize_f32 %in {scale = 0.5 : f32, zero_point = 0 : i32} : (tensor<8xf32>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Tests that dequantize keeps the element count.

func.func @dequantize_count(%in: tensor<8xi8>) -> tensor<4xf32> {
  // expected-error @+1 {{dequantize must keep the element count}}
  %0 = kernel.dequantize_f32 %in {scale = 0.5 : f32, zero_point = 0 : i32} : (tensor<8xi8>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tests that the SVDF shifts are checked.

func.func @svdf_shift(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = kernel.state "state" fill 0 : tensor<1x6xi8>
  // expected-error @+1 {{shift 31 is outside [-31, 30]}}
  %0 = kernel.svdf_s8 %in, %f, %t state %s {rank = 2 : i64, input_zero_point = 0 : i32, state_zero_point = 0 : i32, output_zero_point = 0 : i32, feature_multiplier = 1073741824 : i32, feature_shift = 0 : i32, time_multiplier = 1073741824 : i32, time_shift = 31 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that the SVDF clamp bounds are ordered.

func.func @svdf_clamp(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  %s = kernel.state "state" fill 0 : tensor<1x6xi8>
  // expected-error @+1 {{activation_min 1 exceeds activation_max 0}}
  %0 = kernel.svdf_s8 %in, %f, %t state %s {rank = 2 : i64, input_zero_point = 0 : i32, state_zero_point = 0 : i32, output_zero_point = 0 : i32, feature_multiplier = 1073741824 : i32, feature_shift = 0 : i32, time_multiplier = 1073741824 : i32, time_shift = 0 : i32, activation_min = 1 : i32, activation_max = 0 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}

// -----

// Tests that the int16 softmax takes and returns i16.

func.func @softmax_s16_types(%in: tensor<1x4xi8>, %e: tensor<513xi16>, %r: tensor<513xi16>) -> tensor<1x4xi16> {
  // expected-error @+1 {{softmax_s16 takes and returns i16}}
  %0 = kernel.softmax_s16 %in, %e, %r {input_multiplier = 1073741824 : i32, input_left_shift = 0 : i32} : (tensor<1x4xi8>, tensor<513xi16>, tensor<513xi16>) -> tensor<1x4xi16>
  return %0 : tensor<1x4xi16>
}

// -----

// Tests that the int16 softmax's tables have 513 int16 entries.

func.func @softmax_s16_tables(%in: tensor<1x4xi16>, %e: tensor<512xi16>, %r: tensor<513xi16>) -> tensor<1x4xi16> {
  // expected-error @+1 {{tables must be tensor<513xi16>}}
  %0 = kernel.softmax_s16 %in, %e, %r {input_multiplier = 1073741824 : i32, input_left_shift = 0 : i32} : (tensor<1x4xi16>, tensor<512xi16>, tensor<513xi16>) -> tensor<1x4xi16>
  return %0 : tensor<1x4xi16>
}

// -----

// Tests that the int16 softmax's shift is one the runtime's rescale takes.

func.func @softmax_s16_shift(%in: tensor<1x4xi16>, %e: tensor<513xi16>, %r: tensor<513xi16>) -> tensor<1x4xi16> {
  // expected-error @+1 {{shift 31 is outside [-31, 30]}}
  %0 = kernel.softmax_s16 %in, %e, %r {input_multiplier = 1073741824 : i32, input_left_shift = 31 : i32} : (tensor<1x4xi16>, tensor<513xi16>, tensor<513xi16>) -> tensor<1x4xi16>
  return %0 : tensor<1x4xi16>
}

// -----

// Tests that a packed convolution needs one folded bias per output channel.

func.func @packed_bias_count(%in: tensor<1x2x2x2xi8>, %w: tensor<8xi8>, %b: tensor<3xi32>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{needs one folded bias per output channel}}
  %0 = kernel.packed_conv2d_s8 %in, %w, %b {implementation = "dsp", depthwise = false, shape_specialized = true, single_rounding_exact = true, filter_shape = array<i64: 2, 1, 1, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 1 : i64, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1073741824>, output_shift = array<i32: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x2xi8>, tensor<8xi8>, tensor<3xi32>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that rescale records come in equal shares per output channel.

func.func @packed_rescale_count(%in: tensor<1x2x2x2xi8>, %w: tensor<8xi8>, %b: tensor<2xi32>, %r: tensor<7xi32>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{needs the same number of rescale words per output channel}}
  %0 = kernel.packed_conv2d_s8 %in, %w, %b, %r {implementation = "dsp", depthwise = false, shape_specialized = true, single_rounding_exact = true, filter_shape = array<i64: 2, 1, 1, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 1 : i64, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1073741824>, output_shift = array<i32: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x2xi8>, tensor<8xi8>, tensor<2xi32>, tensor<7xi32>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that a #kernel.target says how to optimize with speed or size.

// expected-error @+1 {{optimize must be "speed" or "size", not "fast"}}
module attributes {kernel.target = #kernel.target<name = "cortex-m4", dsp = true, mve = false, fpu = true, dcache = false, optimize = "fast">} {
}

// -----

// Tests that a packed convolution's input is NHWC.

func.func @packed_input_rank(%in: tensor<2x2x2xi8>, %w: tensor<8xi8>, %b: tensor<2xi32>) -> tensor<1x2x2x2xi8> {
  // expected-error @+1 {{input must be NHWC}}
  %0 = kernel.packed_conv2d_s8 %in, %w, %b {implementation = "dsp", depthwise = false, shape_specialized = true, single_rounding_exact = true, filter_shape = array<i64: 2, 1, 1, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 1 : i64, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1073741824>, output_shift = array<i32: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<2x2x2xi8>, tensor<8xi8>, tensor<2xi32>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// -----

// Tests that a hybrid convolution's tensors must be 4-D: its verifier reads
// the output's channel dimension.

func.func @conv2d_hybrid_rank(%in: tensor<1x2x2x1xf32>, %w: tensor<1x1x1x1xi8>) -> tensor<4xf32> {
  // expected-error @+1 {{input, filter and output must be 4-D}}
  %0 = kernel.conv2d_hybrid_f32_s8 %in, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, filter_scales = array<f32: 1.0>, activation_min = -1.0 : f32, activation_max = 1.0 : f32} : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xi8>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
