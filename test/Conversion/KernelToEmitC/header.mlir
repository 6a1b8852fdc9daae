// RUN: ingot-opt %s --split-input-file --ingot-convert-kernel-to-emitc=model-name=kws | FileCheck %s
// RUN: ingot-opt %s --split-input-file --ingot-convert-kernel-to-emitc | FileCheck %s --check-prefix=DEFAULT

// Tests the public header: include guard, arena size, one block of macros
// per input and output (name, type, rank, shape, element count, scale and
// zero point), and C-compatible extern "C" declarations, all prefixed with
// the model name.

// CHECK-LABEL: emitc.file "header"
// CHECK: verbatim "#ifndef INGOT_KWS_H"
// CHECK-NEXT: verbatim "#define INGOT_KWS_H"
// CHECK-NEXT: include <"stddef.h">
// CHECK-NEXT: include <"stdint.h">
// CHECK: verbatim "#define KWS_ARENA_BYTES 48"
// CHECK-NEXT: verbatim "/* input 0: 'image' */"
// CHECK-NEXT: verbatim "#define KWS_INPUT0_TYPE int8_t"
// CHECK-NEXT: verbatim "#define KWS_INPUT0_RANK 4"
// CHECK-NEXT: verbatim "#define KWS_INPUT0_SHAPE {1, 2, 2, 1}"
// CHECK-NEXT: verbatim "#define KWS_INPUT0_ELEMENTS 4"
// CHECK-NEXT: verbatim "#define KWS_INPUT0_SCALE 0.5f"
// CHECK-NEXT: verbatim "#define KWS_INPUT0_ZERO_POINT -128"
// CHECK-NEXT: verbatim "/* input 1: 'features' */"
// CHECK-NEXT: verbatim "#define KWS_INPUT1_TYPE float"
// CHECK-NEXT: verbatim "#define KWS_INPUT1_RANK 1"
// CHECK-NEXT: verbatim "#define KWS_INPUT1_SHAPE {3}"
// CHECK-NEXT: verbatim "#define KWS_INPUT1_ELEMENTS 3"
// CHECK-NEXT: verbatim "/* output 0: 'scores' */"
// CHECK-NEXT: verbatim "#define KWS_OUTPUT0_TYPE int8_t"
// CHECK: verbatim "#define KWS_OUTPUT0_SCALE 0.25f"
// CHECK-NEXT: verbatim "#define KWS_OUTPUT0_ZERO_POINT 3"
// CHECK-NEXT: verbatim "#ifdef __cplusplus"
// CHECK-NEXT: verbatim "extern \22C\22 {"
// CHECK: func private @kws_init(!emitc.ptr<ui8>) attributes {specifiers = ["extern"]}
// CHECK: func private @kws_invoke(!emitc.ptr<!emitc.opaque<"const int8_t">>, !emitc.ptr<!emitc.opaque<"const float">>, !emitc.ptr<i8>, !emitc.ptr<ui8>) attributes {specifiers = ["extern"]}
// CHECK: verbatim "#endif /* INGOT_KWS_H */"
// CHECK-LABEL: emitc.file "source"
// CHECK: include "kws.h"
// CHECK: func @kws_init
// CHECK: func @kws_invoke

// DEFAULT: verbatim "#ifndef INGOT_MODEL_H"
// DEFAULT: verbatim "#define MODEL_ARENA_BYTES 48"
// DEFAULT: func private @model_invoke
func.func @model(%in: tensor<1x2x2x1xi8>, %features: tensor<3xf32>) -> tensor<1x2x2x1xi8> attributes {kernel.arena_bytes = 48 : i64, ingot.input_names = ["image", "features"], ingot.output_names = ["scores"], ingot.input_quantization = [{scale = 5.000000e-01 : f64, zero_point = -128 : i64}, unit], ingot.output_quantization = [{scale = 2.500000e-01 : f64, zero_point = 3 : i64}]} {
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  return %0 : tensor<1x2x2x1xi8>
}
