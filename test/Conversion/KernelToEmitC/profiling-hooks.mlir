// RUN: ingot-opt %s --split-input-file --ingot-convert-kernel-to-emitc | FileCheck %s
// RUN: ingot-opt %s --split-input-file --ingot-convert-kernel-to-emitc | mlir-translate --split-input-file --mlir-to-cpp --file-id=source | FileCheck %s --check-prefix=CPP

// Tests that each layer's kernel call sits between INGOT_PROFILE_LAYER_BEGIN
// and INGOT_PROFILE_LAYER_END, below the layer's comment, with the TFLite
// operator index, layer name, operator and multiply-accumulates (0 for ADD;
// 2 outputs x 4 inputs = 8 for the fully connected layer), and that an op
// that does not come from a TFLite operator gets no hooks.

// CHECK-LABEL: func @model_invoke
// CHECK: verbatim "// add_0: ADD 'sum'"
// CHECK-NEXT: verbatim "INGOT_PROFILE_LAYER_BEGIN(3, \22add_0\22, \22ADD\22, 0);"
// CHECK-NEXT: call_opaque "ingot::arena_at"
// CHECK-NEXT: call_opaque "ingot::ref::add_s8"
// CHECK-NEXT: verbatim "INGOT_PROFILE_LAYER_END(3, \22add_0\22, \22ADD\22, 0);"
// CHECK-NEXT: verbatim "// fully_connected_0: FULLY_CONNECTED 'scores'"
// CHECK-NEXT: verbatim "INGOT_PROFILE_LAYER_BEGIN(4, \22fully_connected_0\22, \22FULLY_CONNECTED\22, 8);"
// CHECK-NEXT: call_opaque "ingot::ref::fully_connected_s8"
// CHECK-NEXT: verbatim "INGOT_PROFILE_LAYER_END(4, \22fully_connected_0\22, \22FULLY_CONNECTED\22, 8);"
// CHECK-NEXT: return

// CPP: // add_0: ADD 'sum'
// CPP-NEXT: INGOT_PROFILE_LAYER_BEGIN(3, "add_0", "ADD", 0);
// CPP: INGOT_PROFILE_LAYER_END(3, "add_0", "ADD", 0);
// CPP-NEXT: // fully_connected_0: FULLY_CONNECTED 'scores'
// CPP-NEXT: INGOT_PROFILE_LAYER_BEGIN(4, "fully_connected_0", "FULLY_CONNECTED", 8);
// CPP-NEXT: ingot::ref::fully_connected_s8(
// CPP-NEXT: INGOT_PROFILE_LAYER_END(4, "fully_connected_0", "FULLY_CONNECTED", 8);
// CPP-NEXT: return;

func.func @model(%in: tensor<1x4xi8>) -> tensor<1x2xi8> attributes {kernel.arena_bytes = 32 : i64} {
  %w = kernel.weight "fc_filter" dense<[[1, 2, 3, 4], [-1, -2, -3, -4]]> : tensor<2x4xi8> : tensor<2x4xi8>
  %b = kernel.weight "fc_bias" dense<[10, -10]> : tensor<2xi32> : tensor<2xi32>
  %0 = kernel.add_s8 %in, %in {arena_offset = 16 : i64, ingot.layer = "add_0", ingot.tflite_op = "ADD", ingot.tflite_index = 3 : i32, input1_offset = 128 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 128 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = -128 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<1x4xi8>) -> tensor<1x4xi8> loc("sum")
  %1 = kernel.fully_connected_s8 %0, %w, %b {ingot.layer = "fully_connected_0", ingot.tflite_op = "FULLY_CONNECTED", ingot.tflite_index = 4 : i32, input_offset = 128 : i32, filter_offset = 0 : i32, output_offset = 3 : i32, output_multiplier = 1073741824 : i32, output_shift = -1 : i32, activation_min = 3 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2xi32>) -> tensor<1x2xi8> loc("scores")
  return %1 : tensor<1x2xi8>
}

// -----

// A layer the compiler made up (no TFLite operator index) is not profiled.

// CHECK-LABEL: func @model_invoke
// CHECK-NOT: INGOT_PROFILE
// CHECK: return

func.func @model(%in: tensor<1x4xi8>) -> tensor<1x4xi8> attributes {kernel.arena_bytes = 16 : i64} {
  %0 = kernel.add_s8 %in, %in {ingot.layer = "add_0", ingot.tflite_op = "ADD", input1_offset = 128 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 128 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = -128 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<1x4xi8>) -> tensor<1x4xi8>
  return %0 : tensor<1x4xi8>
}
