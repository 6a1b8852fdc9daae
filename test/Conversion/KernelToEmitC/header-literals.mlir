// RUN: ingot-opt %s --split-input-file --verify-diagnostics --ingot-convert-kernel-to-emitc=model-name=net | FileCheck %s

// Tests that every header macro is C and C++: each scale is a float literal
// that parses back to the float32 scale (shortest round-trip digits, `.0`
// when those read as an integer), a bool tensor brings <stdbool.h> for C,
// and a scalar has no _SHAPE (C has no empty initializer).
//
// The expected literals, worked out by hand:
//   1.0        is "1" in shortest digits, an integer without ".0": 1.0f
//   2^-8       = 0.00390625 exactly; fixed notation is shorter: 0.00390625f
//   1e-10      rounds to the float 0x2EDBE6FF (1.00000001e-10), and "1e-10"
//              is the shortest text that rounds to it: 1e-10f
//   0.1        the float 0x3DCCCCCD; "0.1" rounds to it: 0.1f (not
//              0.100000001f)
//   2^24       = 16777216, eight digits, shorter than 1.6777216e+07, and an
//              integer: 16777216.0f
//   3e+38      below FLT_MAX; "3e+38" is shorter than 39 fixed digits

// CHECK-LABEL: emitc.file "header"
// CHECK: include <"stdint.h">
// CHECK-NEXT: verbatim "#ifndef __cplusplus"
// CHECK-NEXT: include <"stdbool.h">
// CHECK-NEXT: verbatim "#endif"
// CHECK: verbatim "#define NET_INPUT0_TYPE int8_t"
// CHECK-NEXT: verbatim "#define NET_INPUT0_RANK 0"
// CHECK-NEXT: verbatim "/* A scalar: no NET_INPUT0_SHAPE, as C has no empty initializer. */"
// CHECK-NEXT: verbatim "#define NET_INPUT0_ELEMENTS 1"
// CHECK-NEXT: verbatim "#define NET_INPUT0_SCALE 1.0f"
// CHECK: verbatim "#define NET_INPUT1_SCALE 0.00390625f"
// CHECK: verbatim "#define NET_INPUT2_SCALE 1e-10f"
// CHECK: verbatim "#define NET_INPUT3_SCALE 0.1f"
// CHECK: verbatim "#define NET_INPUT4_SCALE 16777216.0f"
// CHECK: verbatim "#define NET_INPUT5_SCALE 3e+38f"
// CHECK: verbatim "#define NET_OUTPUT0_TYPE bool"
// CHECK-NEXT: verbatim "#define NET_OUTPUT0_RANK 1"
// CHECK-NEXT: verbatim "#define NET_OUTPUT0_SHAPE {2}"
// CHECK: func private @net_invoke(!emitc.ptr<!emitc.opaque<"const int8_t">>, {{.*}}, !emitc.ptr<i1>, !emitc.ptr<ui8>)
func.func @model(%a: tensor<i8>, %b: tensor<1xi8>, %c: tensor<1xi8>, %d: tensor<1xi8>, %e: tensor<1xi8>, %f: tensor<1xi8>, %flags: tensor<2xi1>) -> tensor<2xi1> attributes {kernel.arena_bytes = 0 : i64, ingot.input_quantization = [{scale = 1.000000e+00 : f64, zero_point = 0 : i64}, {scale = 3.906250e-03 : f64, zero_point = 0 : i64}, {scale = 1.000000e-10 : f64, zero_point = 0 : i64}, {scale = 1.000000e-01 : f64, zero_point = 0 : i64}, {scale = 1.6777216e+07 : f64, zero_point = 0 : i64}, {scale = 3.000000e+38 : f64, zero_point = 0 : i64}, unit]} {
  return %flags : tensor<2xi1>
}

// -----

// No C constant spells a scale that is not a finite float32.

// expected-error @+1 {{ingot.output_quantization has the scale 1.000000e+39, which is not a finite float32; the header cannot define it as a C constant}}
func.func @model(%in: tensor<1xi8>) -> tensor<1xi8> attributes {kernel.arena_bytes = 0 : i64, ingot.output_quantization = [{scale = 1.000000e+39 : f64, zero_point = 0 : i64}]} {
  return %in : tensor<1xi8>
}
