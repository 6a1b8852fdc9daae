// RUN: ingot-opt %s --split-input-file --ingot-convert-kernel-to-emitc | FileCheck %s
// RUN: ingot-opt %s --split-input-file --ingot-convert-kernel-to-emitc | mlir-translate --split-input-file --mlir-to-cpp --file-id=source | FileCheck %s --check-prefix=CPP

// Tests that weights become aligned static const arrays, that each kernel
// op becomes one call preceded by a comment with its layer, TFLite operator
// and output tensor name, that intermediates are arena views at their
// planned offsets, and that the returned tensor is the caller's buffer.

// CHECK-LABEL: emitc.file "source"
// CHECK: include "ingot/runtime/kernels/ref/add_s8.h"
// CHECK: include "ingot/runtime/kernels/ref/fully_connected_s8.h"
// CHECK: verbatim "alignas(INGOT_ALIGNMENT)"
// CHECK-NEXT: global static const @fc_filter : !emitc.array<8xi8> = dense<[1, 2, 3, 4, -1, -2, -3, -4]>
// CHECK: verbatim "alignas(INGOT_ALIGNMENT)"
// CHECK-NEXT: global static const @fc_bias : !emitc.array<2xi32> = dense<[10, -10]>
// CHECK: func @model_invoke(%[[IN:.*]]: !emitc.ptr<!emitc.opaque<"const int8_t">>, %[[OUT:.*]]: !emitc.ptr<i8>, %[[ARENA:.*]]: !emitc.ptr<ui8>)
// CHECK-DAG: %[[W:.*]] = get_global @fc_filter
// CHECK-DAG: %[[B:.*]] = get_global @fc_bias
// CHECK: verbatim "// add_0: ADD 'sum'"
// CHECK-NEXT: %[[SUM:.*]] = call_opaque "ingot::arena_at"(%[[ARENA]]) {args = [0 : index, 16], template_args = [i8]}
// CHECK-NEXT: call_opaque "ingot::ref::add_s8"(%[[IN]], %[[IN]], %[[SUM]]) {args = [0 : index, 1 : index, 2 : index, 4 : i32, 128 : i32, 1073741824 : i32, 0 : i32, 128 : i32, 1073741824 : i32, 0 : i32, 20 : i32, -128 : i32, 1073741824 : i32, -19 : i32, -128 : i32, 127 : i32]}
// CHECK: verbatim "// fully_connected_0: FULLY_CONNECTED 'scores'"
// CHECK-NEXT: call_opaque "ingot::ref::fully_connected_s8"(%[[SUM]], %[[W]], %[[B]], %[[OUT]]) {args = [0 : index, 1 : index, 2 : index, 3 : index, 1 : i32, 4 : i32, 2 : i32, 128 : i32, 0 : i32, 3 : i32, 1073741824 : i32, -1 : i32, 3 : i32, 127 : i32]}
// CHECK-NEXT: return

// CPP: alignas(INGOT_ALIGNMENT)
// CPP-NEXT: static const int8_t fc_filter[8] = {1, 2, 3, 4, -1, -2, -3, -4};
// CPP: void model_invoke(const int8_t* [[IN:.*]], int8_t* [[OUT:.*]], uint8_t* [[ARENA:.*]]) {
// CPP: int8_t* [[SUM:.*]] = ingot::arena_at<int8_t>([[ARENA]], 16);
// CPP: ingot::ref::fully_connected_s8([[SUM]], fc_filter, fc_bias, [[OUT]], 1, 4, 2,
func.func @model(%in: tensor<1x4xi8>) -> tensor<1x2xi8> attributes {kernel.arena_bytes = 32 : i64} {
  %w = kernel.weight "fc_filter" dense<[[1, 2, 3, 4], [-1, -2, -3, -4]]> : tensor<2x4xi8> : tensor<2x4xi8>
  %b = kernel.weight "fc_bias" dense<[10, -10]> : tensor<2xi32> : tensor<2xi32>
  %0 = kernel.add_s8 %in, %in {arena_offset = 16 : i64, ingot.layer = "add_0", ingot.tflite_op = "ADD", input1_offset = 128 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 128 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = -128 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<1x4xi8>) -> tensor<1x4xi8> loc("sum")
  %1 = kernel.fully_connected_s8 %0, %w, %b {ingot.layer = "fully_connected_0", ingot.tflite_op = "FULLY_CONNECTED", input_offset = 128 : i32, filter_offset = 0 : i32, output_offset = 3 : i32, output_multiplier = 1073741824 : i32, output_shift = -1 : i32, activation_min = 3 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2xi32>) -> tensor<1x2xi8> loc("scores")
  return %1 : tensor<1x2xi8>
}

// -----

// Tests that a convolution's per-channel multipliers and shifts become
// static const arrays named after the layer, and that its shapes, strides,
// dilations, padding, offsets and clamp are literal arguments in the
// kernel's order.

// CHECK-LABEL: emitc.file "source"
// CHECK: include "ingot/runtime/kernels/ref/conv2d_s8.h"
// CHECK: global static const @conv_2d_0_multiplier : !emitc.array<2xi32> = dense<[1073741824, 1610612736]>
// CHECK: global static const @conv_2d_0_shift : !emitc.array<2xi32> = dense<[1, 0]>
// CHECK: func @model_invoke
// CHECK-DAG: %[[M:.*]] = get_global @conv_2d_0_multiplier
// CHECK-DAG: %[[S:.*]] = get_global @conv_2d_0_shift
// CHECK: call_opaque "ingot::ref::conv2d_s8"(%{{.*}}, %{{.*}}, %{{.*}}, %[[M]], %[[S]])
// CHECK-SAME: args = [0 : index, 1 : index, #emitc.opaque<"nullptr">, 2 : index, 3 : index, 4 : index,
// CHECK-SAME: 1 : i32, 5 : i32, 5 : i32, 1 : i32, 3 : i32, 3 : i32, 5 : i32, 5 : i32, 2 : i32,
// CHECK-SAME: 1 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 5 : i32, 5 : i32, 127 : i32]
func.func @model(%in: tensor<1x5x5x1xi8>) -> tensor<1x5x5x2xi8> attributes {kernel.arena_bytes = 0 : i64} {
  %w = kernel.weight "conv_2d_0_filter" dense<1> : tensor<2x3x3x1xi8> : tensor<2x3x3x1xi8>
  %0 = kernel.conv2d_s8 %in, %w {ingot.layer = "conv_2d_0", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1>, input_offset = 1 : i32, output_offset = 5 : i32, output_multiplier = array<i32: 1073741824, 1610612736>, output_shift = array<i32: 1, 0>, activation_min = 5 : i32, activation_max = 127 : i32} : (tensor<1x5x5x1xi8>, tensor<2x3x3x1xi8>) -> tensor<1x5x5x2xi8>
  return %0 : tensor<1x5x5x2xi8>
}

// -----

// Tests that init fills each state with its fill value at its planned
// offset, and that a model without state gets an empty init.

// CHECK-LABEL: emitc.file "source"
// CHECK: func @model_init(%[[ARENA:.*]]: !emitc.ptr<ui8>)
// CHECK-NEXT: verbatim "// state 'svdf/state' starts at its zero point"
// CHECK-NEXT: %[[VIEW:.*]] = call_opaque "ingot::arena_at"(%[[ARENA]]) {args = [0 : index, 32], template_args = [ui8]}
// CHECK-NEXT: call_opaque "std::memset"(%[[VIEW]]) {args = [0 : index, -3 : i32, 6 : i32]}
// CHECK: func @model_invoke
// CHECK: call_opaque "ingot::ref::svdf_s8"
func.func @model(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x2xi8> attributes {kernel.arena_bytes = 48 : i64} {
  %s = kernel.state "svdf/state" fill -3 {arena_offset = 32 : i64} : tensor<1x6xi8>
  %0 = kernel.svdf_s8 %in, %f, %t state %s {rank = 1 : i64, input_zero_point = 0 : i32, state_zero_point = -3 : i32, output_zero_point = 0 : i32, feature_multiplier = 1073741824 : i32, feature_shift = 0 : i32, time_multiplier = 1073741824 : i32, time_shift = 0 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x2xi8>
  return %0 : tensor<1x2xi8>
}

// -----

// Tests that a returned tensor whose bytes are an input's is copied into its
// output buffer after the last call, that a kernel.copy is a memcpy, and
// that an alias reuses the pointer of the tensor it views.

// CHECK-LABEL: emitc.file "source"
// CHECK: func @model_invoke(%[[IN:.*]]: !emitc.ptr<!emitc.opaque<"const int8_t">>, %[[OUT0:.*]]: !emitc.ptr<i8>, %[[OUT1:.*]]: !emitc.ptr<i8>, %[[OUT2:.*]]: !emitc.ptr<i8>, %[[ARENA:.*]]: !emitc.ptr<ui8>)
// CHECK: call_opaque "std::memcpy"(%[[OUT0]], %[[IN]]) {args = [0 : index, 1 : index, 4 : i32]}
// CHECK: call_opaque "ingot::ref::max_pool2d_s8"(%[[IN]], %[[OUT2]])
// CHECK-NEXT: call_opaque "std::memcpy"(%[[OUT1]], %[[IN]]) {args = [0 : index, 1 : index, 4 : i32]}
// CHECK-NEXT: return
func.func @model(%in: tensor<1x2x2x1xi8>) -> (tensor<1x4xi8>, tensor<1x1x1x4xi8>, tensor<1x1x1x4xi8>) attributes {kernel.arena_bytes = 0 : i64} {
  %0 = kernel.copy %in : tensor<1x2x2x1xi8> -> tensor<1x4xi8>
  %1 = kernel.alias %in : tensor<1x2x2x1xi8> -> tensor<1x1x1x4xi8>
  %2 = kernel.max_pool2d_s8 %1 {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x1x1x4xi8>) -> tensor<1x1x1x4xi8>
  return %0, %1, %2 : tensor<1x4xi8>, tensor<1x1x1x4xi8>, tensor<1x1x1x4xi8>
}

// -----

// Tests that the int16 softmax passes its rows, depth, rescale and the two
// lookup tables (weights in flash) in the kernel's order.

// CHECK-LABEL: emitc.file "source"
// CHECK: include "ingot/runtime/kernels/ref/softmax_s16.h"
// CHECK: global static const @softmax_0_exp_table : !emitc.array<513xi16>
// CHECK: global static const @softmax_0_reciprocal_table : !emitc.array<513xi16>
// CHECK: func @model_invoke(%[[IN:.*]]: !emitc.ptr<!emitc.opaque<"const int16_t">>, %[[OUT:.*]]: !emitc.ptr<i16>
// CHECK-DAG: %[[EXP:.*]] = get_global @softmax_0_exp_table
// CHECK-DAG: %[[RECIPROCAL:.*]] = get_global @softmax_0_reciprocal_table
// CHECK: call_opaque "ingot::ref::softmax_s16"(%[[IN]], %[[OUT]], %[[EXP]], %[[RECIPROCAL]]) {args = [0 : index, 1 : index, 2 : i32, 3 : i32, 1717960704 : i32, 0 : i32, 2 : index, 3 : index]}
func.func @model(%in: tensor<2x3xi16>) -> tensor<2x3xi16> attributes {kernel.arena_bytes = 0 : i64} {
  %e = kernel.weight "softmax_0_exp_table" dense<1> : tensor<513xi16> : tensor<513xi16>
  %r = kernel.weight "softmax_0_reciprocal_table" dense<2> : tensor<513xi16> : tensor<513xi16>
  %0 = kernel.softmax_s16 %in, %e, %r {ingot.layer = "softmax_0", input_multiplier = 1717960704 : i32, input_left_shift = 0 : i32} : (tensor<2x3xi16>, tensor<513xi16>, tensor<513xi16>) -> tensor<2x3xi16>
  return %0 : tensor<2x3xi16>
}
