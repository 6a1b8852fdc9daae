// RUN: ingot-opt %s --split-input-file --ingot-alias-reshapes | FileCheck %s

// Tests that a reshape copy of an intermediate tensor becomes an alias.

// CHECK-LABEL: func.func @intermediate
func.func @intermediate(%in: tensor<1x2x2x1xi8>) -> tensor<1x4xi8> {
  // CHECK: %[[POOL:.*]] = kernel.max_pool2d_s8
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  // CHECK: %[[FLAT:.*]] = kernel.alias %[[POOL]] : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK-NOT: kernel.copy
  %1 = kernel.copy %0 : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK: %[[ADD:.*]] = kernel.add_s8 %[[FLAT]], %[[FLAT]]
  %2 = kernel.add_s8 %1, %1 {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<1x4xi8>) -> tensor<1x4xi8>
  // CHECK: return %[[ADD]]
  return %2 : tensor<1x4xi8>
}

// -----

// Tests that a returned reshape of an intermediate tensor becomes an alias:
// the intermediate is then computed straight into the caller's buffer.

// CHECK-LABEL: func.func @returned_intermediate
func.func @returned_intermediate(%in: tensor<1x2x2x1xi8>) -> tensor<1x4xi8> {
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  // CHECK: %[[FLAT:.*]] = kernel.alias
  %1 = kernel.copy %0 : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK: return %[[FLAT]]
  return %1 : tensor<1x4xi8>
}

// -----

// Tests that a reshape of an argument that is only read becomes an alias.

// CHECK-LABEL: func.func @argument_read
func.func @argument_read(%in: tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8> {
  // CHECK: %[[FLAT:.*]] = kernel.alias %{{.*}} : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  %0 = kernel.copy %in : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK: %[[BACK:.*]] = kernel.alias %[[FLAT]] : tensor<1x4xi8> -> tensor<1x1x1x4xi8>
  %1 = kernel.copy %0 : tensor<1x4xi8> -> tensor<1x1x1x4xi8>
  // CHECK: kernel.max_pool2d_s8 %[[BACK]]
  %2 = kernel.max_pool2d_s8 %1 {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x1x1x4xi8>) -> tensor<1x1x1x4xi8>
  %3 = kernel.copy %2 : tensor<1x1x1x4xi8> -> tensor<1x2x2x1xi8>
  return %3 : tensor<1x2x2x1xi8>
}

// -----

// Tests that a returned reshape of an argument stays a copy: the result is
// written into the caller's output buffer, which must not be the input's.

// CHECK-LABEL: func.func @returned_argument
func.func @returned_argument(%in: tensor<1x2x2x1xi8>) -> tensor<1x4xi8> {
  // CHECK: %[[COPY:.*]] = kernel.copy %{{.*}} : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  %0 = kernel.copy %in : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK: return %[[COPY]]
  return %0 : tensor<1x4xi8>
}

// -----

// Tests that the copy stays when the argument is reached through an alias.

// CHECK-LABEL: func.func @returned_argument_through_alias
func.func @returned_argument_through_alias(%in: tensor<1x2x2x1xi8>) -> tensor<4xi8> {
  // CHECK: %[[VIEW:.*]] = kernel.alias
  %0 = kernel.alias %in : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK: kernel.copy %[[VIEW]] : tensor<1x4xi8> -> tensor<4xi8>
  %1 = kernel.copy %0 : tensor<1x4xi8> -> tensor<4xi8>
  return %1 : tensor<4xi8>
}

// -----

// Tests that a returned reshape stays a copy when another view of the same
// buffer is returned too: two outputs cannot share one caller buffer.

// CHECK-LABEL: func.func @two_results_one_buffer
func.func @two_results_one_buffer(%in: tensor<1x2x2x1xi8>) -> (tensor<1x2x2x1xi8>, tensor<1x4xi8>) {
  // CHECK: %[[POOL:.*]] = kernel.max_pool2d_s8
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  // CHECK: %[[COPY:.*]] = kernel.copy %[[POOL]]
  %1 = kernel.copy %0 : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK: return %[[POOL]], %[[COPY]]
  return %0, %1 : tensor<1x2x2x1xi8>, tensor<1x4xi8>
}

// -----

// Tests that of two returned reshapes of one buffer, the first becomes an
// alias and the second, which would then share its bytes, stays a copy.

// CHECK-LABEL: func.func @two_returned_reshapes
func.func @two_returned_reshapes(%in: tensor<1x2x2x1xi8>) -> (tensor<1x4xi8>, tensor<4xi8>) {
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  // CHECK: %[[A:.*]] = kernel.alias %{{.*}} : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  %1 = kernel.copy %0 : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  // CHECK: %[[B:.*]] = kernel.copy %{{.*}} : tensor<1x2x2x1xi8> -> tensor<4xi8>
  %2 = kernel.copy %0 : tensor<1x2x2x1xi8> -> tensor<4xi8>
  // CHECK: return %[[A]], %[[B]]
  return %1, %2 : tensor<1x4xi8>, tensor<4xi8>
}

// -----

// Tests that returned reshapes of a weight or a state stay copies.

// CHECK-LABEL: func.func @returned_weight_and_state
func.func @returned_weight_and_state() -> (tensor<4xi8>, tensor<4xi8>) {
  %w = kernel.weight "w" dense<1> : tensor<2x2xi8> : tensor<2x2xi8>
  %s = kernel.state "s" fill 0 : tensor<2x2xi8>
  // CHECK: kernel.copy %{{.*}} : tensor<2x2xi8> -> tensor<4xi8>
  %0 = kernel.copy %w : tensor<2x2xi8> -> tensor<4xi8>
  // CHECK: kernel.copy %{{.*}} : tensor<2x2xi8> -> tensor<4xi8>
  %1 = kernel.copy %s : tensor<2x2xi8> -> tensor<4xi8>
  // CHECK-NOT: kernel.alias
  return %0, %1 : tensor<4xi8>, tensor<4xi8>
}
