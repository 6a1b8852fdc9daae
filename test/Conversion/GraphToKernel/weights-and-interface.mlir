// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests that the function signature loses its quantized types and records
// the scale and zero point of each input and output (unit for float ones),
// which the generated header publishes.

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%{{.*}}: tensor<1x4xi8>, %{{.*}}: tensor<4xf32>) -> tensor<1x4xi8>
// CHECK-SAME: ingot.input_quantization = [{scale = 5.000000e-01 : f64, zero_point = -128 : i64}, unit]
// CHECK-SAME: ingot.output_quantization = [{scale = 2.500000e-01 : f64, zero_point = 7 : i64}]
func.func @model(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5:-128>>, %unused: tensor<4xf32>) -> tensor<1x4x!quant.uniform<i8:f32, 0.25:7>> {
  %0 = graph.add %in, %in {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5:-128>>, tensor<1x4x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.25:7>>
  return %0 : tensor<1x4x!quant.uniform<i8:f32, 0.25:7>>
}

// -----

// Tests that layers are numbered per kind in op order, that a weight is
// named after its first user and operand role, and that a shared weight
// becomes one kernel.weight.

// CHECK-LABEL: func.func @names
func.func @names(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.5>> {
  // CHECK: %[[W:.*]] = kernel.weight "fully_connected_0_filter"
  // CHECK-NOT: kernel.weight
  %w = graph.const dense<1> : tensor<4x4xi8> -> tensor<4x4x!quant.uniform<i8:f32, 0.5>>
  // CHECK: %[[FC0:.*]] = kernel.fully_connected_s8 %{{.*}}, %[[W]] {{.*}}ingot.layer = "fully_connected_0"
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.5>>
  // CHECK: %[[ADD:.*]] = kernel.add_s8 {{.*}}ingot.layer = "add_0"
  %1 = graph.add %0, %0 {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.5>>
  // CHECK: kernel.fully_connected_s8 %[[ADD]], %[[W]] {{.*}}ingot.layer = "fully_connected_1"
  %2 = graph.fully_connected %1, %w {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.5>>
  return %2 : tensor<1x4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that RESHAPE becomes a copy (ingot-alias-reshapes decides later
// whether it can be an alias) and that importer attributes are carried
// over to the kernel op.

// CHECK-LABEL: func.func @reshape
func.func @reshape(%in: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.5>> {
  // CHECK: kernel.copy %{{.*}} {ingot.layer = "reshape_0", ingot.tflite_index = 4 : i32, ingot.tflite_op = "RESHAPE"} : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  %0 = graph.reshape %in {ingot.tflite_index = 4 : i32, ingot.tflite_op = "RESHAPE"} : (tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x4x!quant.uniform<i8:f32, 0.5>>
}
