// RUN: not ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s
// RUN: not ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel 2>&1 >/dev/null | FileCheck %s --check-prefix=REFUSED

// ABS rescales |x - 1| by 0.5 / 0.25 = 2 = 0.5 * 2^2: multiplier 2^30,
// shift 2.

// CHECK-LABEL: func.func @abs_s8
func.func @abs_s8(%in: tensor<4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>> {
  // CHECK: kernel.call "abs_s8"
  // CHECK-SAME: 4 : i32, 1 : i32, -3 : i32, 1073741824 : i32, 2 : i32
  %0 = graph.unary abs %in : (tensor<4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
}

// -----

// A standalone RELU6 clamps raw values to [zero point, zero point + 6 / scale]
// = [-10, -10 + 12] = [-10, 2].

// CHECK-LABEL: func.func @relu6_s8
func.func @relu6_s8(%in: tensor<4x!quant.uniform<i8:f32, 0.5:-10>>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-10>> {
  // CHECK: kernel.call "relu6_s8"
  // CHECK-SAME: 4 : i32, -10 : i32, 2 : i32
  %0 = graph.relu6 %in : tensor<4x!quant.uniform<i8:f32, 0.5:-10>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5:-10>>
}

// -----

// A requantizing RELU6: rescale by 0.5 / 0.25 = 2 (2^30, shift 2), clamp to
// [-128, -128 + 6 / 0.25] = [-128, -104].

// CHECK-LABEL: func.func @relu6_requantized
func.func @relu6_requantized(%in: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-128>> {
  // CHECK: kernel.call "relu_s8"
  // CHECK-SAME: 4 : i32, 0 : i32, -128 : i32, 1073741824 : i32, 2 : i32, -128 : i32, -104 : i32
  %0 = graph.unary relu6 %in : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-128>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25:-128>>
}

// -----

// A unary op whose types have no kernel is refused with the types.

func.func @refused(%in: tensor<4xi32>) -> tensor<4xi32> {
  // REFUSED: 'graph.unary' has no exp kernel for int32 to int32 tensors
  %0 = graph.unary exp %in : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// int8 LOGISTIC rescales x + 3 to Q4: 0.0625 * 2^27 = 2^23 = 0.5 * 2^24, so
// multiplier 2^30 and left shift 24; inputs saturate from
// floor(15 * 2^27 / 2^24) = 120 on.

// CHECK-LABEL: func.func @logistic_s8
func.func @logistic_s8(%in: tensor<4x!quant.uniform<i8:f32, 0.0625:-3>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>> {
  // CHECK: kernel.call "logistic_s8"
  // CHECK-SAME: 4 : i32, -3 : i32, 120 : i32, 1073741824 : i32, 24 : i32
  %0 = graph.unary logistic %in : (tensor<4x!quant.uniform<i8:f32, 0.0625:-3>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

// int8 TANH: the float 0.1 is 13421773 * 2^-27, so 0.1 * 2^27 = 13421773 =
// (13421773 / 2^24) * 2^24: multiplier 13421773 * 2^7 = 1717986944, left
// shift 24, radius 120.

// CHECK-LABEL: func.func @tanh_s8
func.func @tanh_s8(%in: tensor<4x!quant.uniform<i8:f32, 0.1:7>>) -> tensor<4x!quant.uniform<i8:f32, 0.0078125>> {
  // CHECK: kernel.call "tanh_s8"
  // CHECK-SAME: 4 : i32, 7 : i32, 120 : i32, 1717986944 : i32, 24 : i32
  %0 = graph.unary tanh %in : (tensor<4x!quant.uniform<i8:f32, 0.1:7>>) -> tensor<4x!quant.uniform<i8:f32, 0.0078125>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.0078125>>
}

// -----

// int16 LOGISTIC of a Q3.12 input (scale 2^-12) multiplies by exactly 3.

// CHECK-LABEL: func.func @logistic_s16_power_of_two
func.func @logistic_s16_power_of_two(%in: tensor<4x!quant.uniform<i16:f32, 0.000244140625>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  // CHECK: kernel.call "logistic_s16"
  // CHECK-SAME: 4 : i32, 3 : i32, 0 : i32
  %0 = graph.unary logistic %in : (tensor<4x!quant.uniform<i16:f32, 0.000244140625>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
}

// -----

// int16 LOGISTIC of scale 1e-9 (float 9.99999972e-10): 1e-9 * 4096 * 3
// doubles up to the loop's limit of 31 times, to 26388.3: multiplier 26388
// and a right shift of 31, which TFLite Micro's loop also reaches. It is a
// shift amount, not a rescale exponent, and must not be refused as one.

// CHECK-LABEL: func.func @logistic_s16_tiny_scale
func.func @logistic_s16_tiny_scale(%in: tensor<4x!quant.uniform<i16:f32, 1.0e-9>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  // CHECK: kernel.call "logistic_s16"
  // CHECK-SAME: 4 : i32, 26388 : i32, 31 : i32
  %0 = graph.unary logistic %in : (tensor<4x!quant.uniform<i16:f32, 1.0e-9>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
}

// -----

// int16 LOGISTIC of scale 0.001: 0.001 * 4096 * 3 = 12.288 doubles 11 times
// to 25165.8 before exceeding 32767 / 2: multiplier 25165, shift 11.

// CHECK-LABEL: func.func @logistic_s16
func.func @logistic_s16(%in: tensor<4x!quant.uniform<i16:f32, 0.001>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  // CHECK: kernel.call "logistic_s16"
  // CHECK-SAME: 4 : i32, 25165 : i32, 11 : i32
  %0 = graph.unary logistic %in : (tensor<4x!quant.uniform<i16:f32, 0.001>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
}

// -----

// int16 TANH also takes the power-of-two scale 2^-11 exactly: 3 << 1 = 6.

// CHECK-LABEL: func.func @tanh_s16
func.func @tanh_s16(%in: tensor<4x!quant.uniform<i16:f32, 0.00048828125>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  // CHECK: kernel.call "tanh_s16"
  // CHECK-SAME: 4 : i32, 6 : i32, 0 : i32
  %0 = graph.unary tanh %in : (tensor<4x!quant.uniform<i16:f32, 0.00048828125>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
}

// -----

// int8 HARD_SWISH: the widened input scale is 0.0625 / 128 = 2^-11. Output
// rescale 2^-11 / 0.125 = 2^-8 = 0.5 * 2^-7: Q31 2^30, in Q15 2^14 = 16384,
// exponent -7. Relu-ish rescale 2^-11 / (3 / 2^15) = 16/3, in float
// 11184811 * 2^-21 = (11184811 / 2^24) * 2^3: Q31 11184811 * 2^7 =
// 1431655808, in Q15 (1431655808 + 2^15) >> 16 = 21845, exponent 3.

// CHECK-LABEL: func.func @hard_swish_s8
func.func @hard_swish_s8(%in: tensor<4x!quant.uniform<i8:f32, 0.0625:5>>) -> tensor<4x!quant.uniform<i8:f32, 0.125:-10>> {
  // CHECK: kernel.call "hard_swish_s8"
  // CHECK-SAME: 4 : i32, 5 : i32, -10 : i32, 21845 : i32, 3 : i32, 16384 : i32, -7 : i32
  %0 = graph.unary hard_swish %in : (tensor<4x!quant.uniform<i8:f32, 0.0625:5>>) -> tensor<4x!quant.uniform<i8:f32, 0.125:-10>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.125:-10>>
}

// -----

// int8 LOGISTIC reads its output at TFLite's fixed 1/256, -128.

func.func @logistic_s8_other_output(%in: tensor<4x!quant.uniform<i8:f32, 0.0625>>) -> tensor<4x!quant.uniform<i8:f32, 0.0078125:-128>> {
  // REFUSED: 'graph.unary' int8 logistic needs TFLite's fixed output quantization (scale 2^-8, zero point -128)
  %0 = graph.unary logistic %in : (tensor<4x!quant.uniform<i8:f32, 0.0625>>) -> tensor<4x!quant.uniform<i8:f32, 0.0078125:-128>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.0078125:-128>>
}

// -----

// int16 TANH needs symmetric quantization.

func.func @tanh_s16_zero_point(%in: tensor<4x!quant.uniform<i16:f32, 0.001:3>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  // REFUSED: 'graph.unary' int16 tanh needs zero points 0 and the output scale 2^-15
  %0 = graph.unary tanh %in : (tensor<4x!quant.uniform<i16:f32, 0.001:3>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 3.0517578125e-05>>
}
