// RUN: ingot-opt %s --split-input-file --ingot-convert-kernel-to-emitc --verify-diagnostics

// Tests that the emitter needs the memory plan.

// expected-error @+1 {{has no memory plan; run ingot-plan-memory first}}
func.func @model(%in: tensor<4xi8>) -> tensor<4xi8> {
  return %in : tensor<4xi8>
}

// -----

// Tests that every intermediate needs a planned arena offset.

func.func @model(%in: tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8> attributes {kernel.arena_bytes = 16 : i64} {
  // expected-error @+1 {{has no planned arena offset; run ingot-plan-memory before this pass}}
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  %1 = kernel.max_pool2d_s8 %0 {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x2x2x1xi8>) -> tensor<1x2x2x1xi8>
  return %1 : tensor<1x2x2x1xi8>
}

// -----

// Tests that a state needs a planned arena offset too, even one that is
// only returned (its init is written before any call).

func.func @model(%in: tensor<4xi8>) -> tensor<4xi8> attributes {kernel.arena_bytes = 16 : i64} {
  // expected-error @+1 {{has no planned arena offset; run ingot-plan-memory before this pass}}
  %s = kernel.state "s" fill 0 : tensor<4xi8>
  return %s : tensor<4xi8>
}

// -----

// Tests that a module holds exactly one model function.

// expected-error @+1 {{expected exactly one model function}}
module {
  func.func @a() attributes {kernel.arena_bytes = 0 : i64} {
    return
  }
  func.func @b() attributes {kernel.arena_bytes = 0 : i64} {
    return
  }
}
