// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --verify-diagnostics

// Tests that a convolution on tensor types without a kernel (int64) is
// reported with its TFLite operator index and name.

func.func @int64_conv(%in: tensor<1x3x3x1xi64>, %w: tensor<1x3x3x1xi64>) -> tensor<1x1x1x1xi64> {
  // expected-error-re @+1 {{operator #3 (CONV_2D) has tensor types without {{.*}}kernel}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>, ingot.tflite_index = 3 : i32, ingot.tflite_op = "CONV_2D"} : (tensor<1x3x3x1xi64>, tensor<1x3x3x1xi64>) -> tensor<1x1x1x1xi64>
  return %0 : tensor<1x1x1x1xi64>
}

// -----

// Tests that only the first operator without a kernel gets an error, with a
// count of the others; an op without importer attributes is named by its
// MLIR name.

func.func @int64_model(%in: tensor<1x4xi64>, %w: tensor<4x4xi64>) -> tensor<1x4xi64> {
  // expected-error-re @+1 {{'graph.fully_connected' has tensor types without {{.*}}kernel{{.*}} (2 more operators cannot be compiled either; 'ingot inspect' lists the model's operators)}}
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x4xi64>, tensor<4x4xi64>) -> tensor<1x4xi64>
  %1 = graph.fully_connected %0, %w {fused_activation = #graph<activation none>} : (tensor<1x4xi64>, tensor<4x4xi64>) -> tensor<1x4xi64>
  %2 = graph.fully_connected %1, %w {fused_activation = #graph<activation none>} : (tensor<1x4xi64>, tensor<4x4xi64>) -> tensor<1x4xi64>
  return %2 : tensor<1x4xi64>
}

// -----

// Tests that a depthwise filter quantized along the wrong axis is rejected.

func.func @depthwise_wrong_axis(%in: tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<1x3x3x2xi8> -> tensor<1x3x3x2x!quant.uniform<i8:f32:2, {0.5, 0.25, 0.5}>>
  // expected-error-re @+1 {{'graph.depthwise_conv_2d' has tensor types without {{.*}}kernel}}
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x2x!quant.uniform<i8:f32:2, {0.5, 0.25, 0.5}>>) -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that convolution filters must be symmetric.

func.func @asymmetric_filter(%in: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<1x3x3x1xi8> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:2>>
  // expected-error @+1 {{'graph.conv_2d' has a filter with non-zero zero points; TFLite's int8 convolutions need symmetric filters}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:2>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that a convolution output shape must follow from its padding: VALID
// 3x3 on 3x3 gives 1x1, not 3x3.

func.func @conv_output_shape(%in: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<1x3x3x1xi8> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  // expected-error @+1 {{has an output shape that does not follow from its padding, strides and dilations}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that an ADD of unsigned quantized tensors is rejected.

func.func @unsigned_add(%a: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.5:128>> {
  // expected-error-re @+1 {{'graph.add' has tensor types without {{.*}}kernel}}
  %0 = graph.add %a, %a {fused_activation = #graph<activation none>} : (tensor<4x!quant.uniform<u8:f32, 0.5:128>>, tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  return %0 : tensor<4x!quant.uniform<u8:f32, 0.5:128>>
}

// -----

// Tests that pooling may not change the quantization.

func.func @pool_rescale(%in: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{'graph.max_pool_2d' rescales its input, which TFLite's int8 pooling does not do; the model is malformed}}
  %0 = graph.max_pool_2d %in {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Tests that a pooling output shape must follow from its padding and
// strides: SAME 2x2 stride 2 on 4x4 gives 2x2, not 1x1.

func.func @pool_output_shape(%in: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{'graph.average_pool_2d' has an output shape that does not follow from its padding and strides}}
  %0 = graph.average_pool_2d %in {padding = #graph<padding same>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that an int8 softmax output must have scale 1/256 and zero point
// -128.

func.func @softmax_output(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.00390625:0>> {
  // expected-error @+1 {{'graph.softmax' has an output quantization TFLite's int8 softmax does not produce (int8 needs scale 1/256 and zero point -128; int16 scale 1/65536 and zero point -32768)}}
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.00390625:0>>
  return %0 : tensor<1x4x!quant.uniform<i8:f32, 0.00390625:0>>
}

// -----

// Tests that an int16 output of scale 1/32768 is rejected like TFLite does.

func.func @softmax_int16_output(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5:-32768>> {
  // expected-error @+1 {{'graph.softmax' has an output quantization TFLite's int8 softmax does not produce}}
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5:-32768>>
  return %0 : tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5:-32768>>
}

// -----

// Tests that an int16 softmax must write int16 at scale 1/32768 with zero
// point 0, as TFLite requires: the int8 kernel's 1/65536, -32768 is refused.

func.func @softmax_s16_output(%in: tensor<1x4x!quant.uniform<i16:f32, 0.001>>) -> tensor<1x4x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>> {
  // expected-error @+1 {{'graph.softmax' has an output quantization TFLite's int16 softmax does not produce (int16 with scale 1/32768 and zero point 0)}}
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x4x!quant.uniform<i16:f32, 0.001>>) -> tensor<1x4x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>>
  return %0 : tensor<1x4x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>>
}

// -----

// Tests that an int16 softmax whose input scale x beta (here 6.0) would
// overflow the kernel's left shift is rejected.

func.func @softmax_s16_large_scale(%in: tensor<1x4x!quant.uniform<i16:f32, 3.0>>) -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>> {
  // expected-error @+1 {{'graph.softmax' has an input scale and beta outside what TFLite's int16 softmax can rescale (input scale x beta must be positive and below about 5.0)}}
  %0 = graph.softmax %in {beta = 2.0 : f32} : (tensor<1x4x!quant.uniform<i16:f32, 3.0>>) -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>>
  return %0 : tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>>
}

// -----

// Tests that rows longer than 65536 elements, whose sum of exponentials
// would overflow int32, are rejected.

func.func @softmax_s16_long_rows(%in: tensor<1x65537x!quant.uniform<i16:f32, 0.001>>) -> tensor<1x65537x!quant.uniform<i16:f32, 3.0517578125E-5>> {
  // expected-error @+1 {{'graph.softmax' has rows of more than 65536 elements, whose sum of exponentials overflows TFLite's int16 softmax}}
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x65537x!quant.uniform<i16:f32, 0.001>>) -> tensor<1x65537x!quant.uniform<i16:f32, 3.0517578125E-5>>
  return %0 : tensor<1x65537x!quant.uniform<i16:f32, 3.0517578125E-5>>
}

// -----

// Tests that an int16 softmax input needs zero point 0.

func.func @softmax_s16_input_zero_point(%in: tensor<1x4x!quant.uniform<i16:f32, 0.001:5>>) -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>> {
  // expected-error @+1 {{'graph.softmax' has an int16 input with a zero point other than 0, which TFLite's int16 softmax does not take}}
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x4x!quant.uniform<i16:f32, 0.001:5>>) -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>>
  return %0 : tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>>
}

// -----

// Tests that an input scale too small for the kernel's fixed-point input
// scaling is rejected, as TFLite Micro does: beta x 2^-30 x 2^26 = 1/16
// is not above 1.

func.func @softmax_tiny_scale(%in: tensor<1x4x!quant.uniform<i8:f32, 9.3132257461547852E-10>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.00390625:-128>> {
  // expected-error @+1 {{'graph.softmax' has an input scale and beta too small for TFLite's int8 softmax (beta x input scale x 2^26 must exceed 1)}}
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x4x!quant.uniform<i8:f32, 9.3132257461547852E-10>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<1x4x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

// Tests that an unsupported QUANTIZE type pair is rejected.

func.func @quantize_types(%in: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i32:f32, 0.5>> {
  // expected-error @+1 {{'graph.quantize' converts between types ingot has no kernel for (supported: float32->int8, float32->int16, int16->int8, int16->int16, int16->int32, int32->int16, int8->int8, int8->int16, uint8->int8, int8->uint8)}}
  %0 = graph.quantize %in : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i32:f32, 0.5>>
  return %0 : tensor<4x!quant.uniform<i32:f32, 0.5>>
}

// -----

// Tests that an unsupported DEQUANTIZE type pair is rejected.

func.func @dequantize_types(%in: tensor<4x!quant.uniform<i32:f32, 0.5>>) -> tensor<4xf32> {
  // expected-error @+1 {{'graph.dequantize' converts between types ingot has no kernel for (supported: int8->float32, int16->float32, uint8->float32)}}
  %0 = graph.dequantize %in : (tensor<4x!quant.uniform<i32:f32, 0.5>>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tests that an SVDF with an int16 state is rejected.

func.func @svdf_int16_state(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %f: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %t: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x!quant.uniform<i8:f32, 0.5>> {
  %s = graph.variable "state" : tensor<1x6x!quant.uniform<i16:f32, 0.5>>
  // expected-error @+1 {{'graph.svdf' has tensor types without a kernel (supported: int8 input, weights and state, int32 bias)}}
  %0 = graph.svdf %in, %f, %t state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<1x6x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that a standalone RELU on a type without a kernel is reported.

func.func @standalone_relu(%in: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'graph.relu' has no relu kernel for int32 to int32 tensors}}
  %0 = graph.relu %in : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Tests that a float ADD broadcasting over more dimensions than its kernel
// walks (6, after merging) is reported by the lowering.

func.func @float_add_broadcast(%a: tensor<2x1x2x1x2x1x2xf32>, %b: tensor<1x2x1x2x1x2x1xf32>) -> tensor<2x2x2x2x2x2x2xf32> {
  // expected-error @+1 {{'graph.add' broadcasts over more than 6 dimensions}}
  %0 = graph.add %a, %b {fused_activation = #graph<activation none>} : (tensor<2x1x2x1x2x1x2xf32>, tensor<1x2x1x2x1x2x1xf32>) -> tensor<2x2x2x2x2x2x2xf32>
  return %0 : tensor<2x2x2x2x2x2x2xf32>
}

// -----

// Tests that int16 convolutions need symmetric (zero point 0) activations,
// which their kernels assume.

func.func @conv_s16_zero_point(%in: tensor<1x1x1x1x!quant.uniform<i16:f32, 1.0:5>>) -> tensor<1x1x1x1x!quant.uniform<i16:f32, 1.0>> {
  %w = graph.const dense<1> : tensor<1x1x1x1xi8> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0>>
  // expected-error @+1 {{has tensor types without an int8 kernel}}
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x1x1x1x!quant.uniform<i16:f32, 1.0:5>>, tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x1x1x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x1x1x1x!quant.uniform<i16:f32, 1.0>>
}

// -----

// Tests that a rescale of 2^30 or more, which the runtime's shift cannot
// apply (and TFLite's kernels leave undefined), is refused: here int8 MUL's
// 1.0 * 1.0 / 2^-31 = 2^31.

func.func @mul_rescale_too_large(%a: tensor<4x!quant.uniform<i8:f32, 1.0>>, %b: tensor<4x!quant.uniform<i8:f32, 1.0>>) -> tensor<4x!quant.uniform<i8:f32, 4.656612873077393e-10>> {
  // expected-error @+1 {{'graph.binary' needs a rescale (output_shift) of 2^30 or more between its tensors' scales}}
  %0 = graph.binary mul %a, %b {fused_activation = #graph<activation none>} : (tensor<4x!quant.uniform<i8:f32, 1.0>>, tensor<4x!quant.uniform<i8:f32, 1.0>>) -> tensor<4x!quant.uniform<i8:f32, 4.656612873077393e-10>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 4.656612873077393e-10>>
}

// -----

// Tests that int16x8 kernels which rescale an int64 sum refuse a rescale of
// 2^7 or more (TFLite's 64-bit MultiplyByQuantizedMultiplier requires a
// shift below 8): per-channel FULLY_CONNECTED without bias, 1.0 * 128.0 / 1.0.

func.func @fully_connected_per_channel_s16_wide(%x: tensor<1x3x!quant.uniform<i16:f32, 1.0>>, %w: tensor<2x3x!quant.uniform<i8:f32:0, {127.0, 128.0}>>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>> {
  // expected-error @+1 {{'graph.fully_connected' needs a rescale (output_shift) of 2^7 or more between its tensors' scales, which TFLite's int16x8 kernel for it cannot apply}}
  %0 = graph.fully_connected %x, %w {fused_activation = #graph<activation none>} : (tensor<1x3x!quant.uniform<i16:f32, 1.0>>, tensor<2x3x!quant.uniform<i8:f32:0, {127.0, 128.0}>>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i16:f32, 1.0>>
}

// -----

// Tests the same rescales with an int32 bias, which TFLite Micro sums and
// rescales in int32: accepted.

func.func @fully_connected_per_channel_s16_int32_bias(%x: tensor<1x3x!quant.uniform<i16:f32, 1.0>>, %w: tensor<2x3x!quant.uniform<i8:f32:0, {127.0, 128.0}>>, %b: tensor<2xi32>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>> {
  %0 = graph.fully_connected %x, %w, %b {fused_activation = #graph<activation none>} : (tensor<1x3x!quant.uniform<i16:f32, 1.0>>, tensor<2x3x!quant.uniform<i8:f32:0, {127.0, 128.0}>>, tensor<2xi32>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i16:f32, 1.0>>
}

// -----

// Tests the int64 rescale limit on int16 BATCH_MATMUL: 1.0 * 128.0 / 1.0.

func.func @batch_matmul_s16_wide(%a: tensor<1x2x3x!quant.uniform<i16:f32, 1.0>>, %b: tensor<1x3x2x!quant.uniform<i16:f32, 128.0>>) -> tensor<1x2x2x!quant.uniform<i16:f32, 1.0>> {
  // expected-error @+1 {{'graph.batch_matmul' needs a rescale (shift) of 2^7 or more}}
  %0 = graph.batch_matmul %a, %b {adj_x = false, adj_y = false} : (tensor<1x2x3x!quant.uniform<i16:f32, 1.0>>, tensor<1x3x2x!quant.uniform<i16:f32, 128.0>>) -> tensor<1x2x2x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x2x2x!quant.uniform<i16:f32, 1.0>>
}

// -----

// Tests the int64 rescale limit on a kernel op's parameters (per-tensor int16
// FULLY_CONNECTED, kernel.fully_connected_s16), at the boundary: 127.0 is
// accepted, 128.0 refused.

func.func @fully_connected_s16_boundary(%x: tensor<1x3x!quant.uniform<i16:f32, 1.0>>, %w: tensor<2x3x!quant.uniform<i8:f32, 127.0>>, %b: tensor<2xi64>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>> {
  %0 = graph.fully_connected %x, %w, %b {fused_activation = #graph<activation none>} : (tensor<1x3x!quant.uniform<i16:f32, 1.0>>, tensor<2x3x!quant.uniform<i8:f32, 127.0>>, tensor<2xi64>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i16:f32, 1.0>>
}

// -----

func.func @fully_connected_s16_wide(%x: tensor<1x3x!quant.uniform<i16:f32, 1.0>>, %w: tensor<2x3x!quant.uniform<i8:f32, 128.0>>, %b: tensor<2xi64>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>> {
  // expected-error @+1 {{'graph.fully_connected' needs a rescale (output_shift) of 2^7 or more}}
  %0 = graph.fully_connected %x, %w, %b {fused_activation = #graph<activation none>} : (tensor<1x3x!quant.uniform<i16:f32, 1.0>>, tensor<2x3x!quant.uniform<i8:f32, 128.0>>, tensor<2xi64>) -> tensor<1x2x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i16:f32, 1.0>>
}
