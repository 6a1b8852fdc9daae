// RUN: not ingot-opt %s --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{io-type=uint16}))' 2>&1 | FileCheck %s --check-prefix=IOTYPE
// RUN: not ingot-opt %s --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{io-type=uint8 activation-type=int16}))' 2>&1 | FileCheck %s --check-prefix=UINT8WIDE
// RUN: not ingot-opt %s --pass-pipeline='builtin.module(func.func(ingot-quantize-int8{activation-type=int4}))' 2>&1 | FileCheck %s --check-prefix=ACTIVATION

// Tests that bad option values are named and rejected before anything is
// rewritten.

// IOTYPE: error: io-type must be float32, int8, uint8 or int16, not 'uint16'
// UINT8WIDE: error: io-type uint8 needs activation-type int8
// ACTIVATION: error: activation-type must be int8 or int16, not 'int4'
func.func @model(%arg0: tensor<1x2xf32>) -> tensor<1x2xf32> attributes {ingot.input_ranges = [array<f32: -1.0, 1.0>]} {
  return %arg0 : tensor<1x2xf32>
}
