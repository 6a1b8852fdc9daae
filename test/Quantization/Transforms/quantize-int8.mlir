// RUN: ingot-opt %s --split-input-file --ingot-quantize-int8 | FileCheck %s
// RUN: ingot-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{io-type=int8}))' | FileCheck %s --check-prefix=INT8IO
// RUN: ingot-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{io-type=uint8}))' | FileCheck %s --check-prefix=UINT8IO

// Tests full-integer quantization of a calibrated float graph. Input range
// [-1, 1]: scale 2/255, zero point round(-128 + 127.5) = -1 (half away from
// zero). Filter max |w| = 1: scale 1/127, 0.5 -> 63.5 -> 64, 0.25 -> 31.75 ->
// 32. Bias scale (2/255) * (1/127) = 6.1757e-5: 0.1 -> 1619.2 -> 1619.
// Output range [0, 2.55]: scale 0.01, zero point -128. Softmax output is
// fixed at 1/256 and -128.

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[IN:.*]]: tensor<1x2xf32>) -> tensor<1x3xf32>
// INT8IO-LABEL: func.func @model
// INT8IO-SAME: tensor<1x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>) -> tensor<1x3x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// With io-type=uint8, the converter's inference_input_type uint8: the same
// scales with zero points 128 higher (-1 -> 127, -128 -> 0), and integer
// QUANTIZEs to int8 after the input and back to uint8 before the output.
// UINT8IO-LABEL: func.func @model
// UINT8IO-SAME: (%[[IN:.*]]: tensor<1x2x!quant.uniform<u8:f32, 0.0078431377187371254:127>>) -> tensor<1x3x!quant.uniform<u8:f32, 3.906250e-03>>
// UINT8IO: %[[Q:.*]] = graph.quantize %[[IN]] : (tensor<1x2x!quant.uniform<u8:f32, 0.0078431377187371254:127>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>
// UINT8IO: graph.fully_connected %[[Q]]
// UINT8IO: %[[SM:.*]] = graph.softmax
// UINT8IO-SAME: -> tensor<1x3x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// UINT8IO: %[[OUT:.*]] = graph.quantize %[[SM]] : (tensor<1x3x!quant.uniform<i8:f32, 3.906250e-03:-128>>) -> tensor<1x3x!quant.uniform<u8:f32, 3.906250e-03>>
// UINT8IO: return %[[OUT]]
func.func @model(%arg0: tensor<1x2xf32>) -> tensor<1x3xf32> attributes {ingot.input_ranges = [array<f32: -1.0, 1.0>]} {
  // CHECK: %[[Q:.*]] = graph.quantize %[[IN]] : (tensor<1x2xf32>) -> tensor<1x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>
  // CHECK: graph.const dense<{{.*}}64, -127], [32, 0], [127, 127{{.*}}> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8<-127:127>:f32, 0.0078740157186985015>>
  // CHECK: graph.const dense<[1619, 3238, -4858]> : tensor<3xi32>
  // CHECK: %[[FC:.*]] = graph.fully_connected %[[Q]]
  // CHECK-SAME: -> tensor<1x3x!quant.uniform<i8:f32, 0.0099999997764825821:-128>>
  // CHECK: %[[SM:.*]] = graph.softmax %[[FC]]
  // CHECK-SAME: -> tensor<1x3x!quant.uniform<i8:f32, 3.906250e-03:-128>>
  // CHECK: %[[OUT:.*]] = graph.dequantize %[[SM]]
  // CHECK: return %[[OUT]] : tensor<1x3xf32>
  // INT8IO-NOT: graph.quantize
  // INT8IO-NOT: graph.dequantize
  %w = graph.const dense<[[0.5, -1.0], [0.25, 0.0], [1.0, 1.0]]> : tensor<3x2xf32> -> tensor<3x2xf32>
  %b = graph.const dense<[0.1, 0.2, -0.3]> : tensor<3xf32> -> tensor<3xf32>
  %0 = graph.fully_connected %arg0, %w, %b {fused_activation = #graph<activation relu>, ingot.range = array<f32: 0.0, 2.55>} : (tensor<1x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  %1 = graph.softmax %0 {beta = 1.0 : f32, ingot.range = array<f32: 0.0, 1.0>} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %1 : tensor<1x3xf32>
}

// -----

// Tests that pooling keeps its input's parameters whatever its range says.

// CHECK-LABEL: func.func @pool
func.func @pool(%arg0: tensor<1x2x2x1xf32>) -> tensor<1x1x1x1xf32> attributes {ingot.input_ranges = [array<f32: 0.0, 2.55>]} {
  // CHECK: graph.average_pool_2d
  // CHECK-SAME: -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.0099999997764825821:-128>>
  %0 = graph.average_pool_2d %arg0 {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>, ingot.range = array<f32: 0.0, 1.0>} : (tensor<1x2x2x1xf32>) -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}
