// RUN: ingot-opt %s --split-input-file --ingot-plan-memory | FileCheck %s
// RUN: ingot-opt %s --split-input-file --ingot-plan-memory=alignment=1 | FileCheck %s --check-prefix=ALIGN1
// RUN: not ingot-opt %s --split-input-file --ingot-plan-memory=alignment=0 2>&1 | FileCheck %s --check-prefix=ZERO

// Sizes below are bytes: tensor<16xf32> is 64, tensor<16xi8> 16. Lifetimes
// are op positions in the block, from the defining op to the last user.

// Tests that buffers live at the same time get disjoint ranges, that a
// buffer reuses the bytes of one whose lifetime has ended, and that the
// returned tensor (written into the caller's buffer) takes no arena space.
//
// %0: 64 bytes, ops 0-1. %1: 16 bytes, ops 1-2. %2: 64 bytes, ops 2-3.
// Largest first: %0 at 0; %2 at 0 too (disjoint with %0); %1 overlaps both
// in time, so it goes above them at 64. Arena: 80.

// CHECK-LABEL: func.func @chain
// CHECK-SAME: kernel.arena_bytes = 80 : i64
// ALIGN1-LABEL: func.func @chain
// ALIGN1-SAME: kernel.arena_bytes = 80 : i64
func.func @chain(%in: tensor<16xi8>) -> tensor<16xi8> {
  // CHECK: kernel.dequantize_f32 {{.*}}arena_offset = 0 : i64
  %0 = kernel.dequantize_f32 %in {scale = 0.5 : f32, zero_point = 0 : i32} : (tensor<16xi8>) -> tensor<16xf32>
  // CHECK: kernel.quantize_f32 {{.*}}arena_offset = 64 : i64
  %1 = kernel.quantize_f32 %0 {scale = 0.5 : f32, zero_point = 0 : i32} : (tensor<16xf32>) -> tensor<16xi8>
  // CHECK: kernel.dequantize_f32 {{.*}}arena_offset = 0 : i64
  %2 = kernel.dequantize_f32 %1 {scale = 0.5 : f32, zero_point = 0 : i32} : (tensor<16xi8>) -> tensor<16xf32>
  // CHECK: kernel.quantize_f32
  // CHECK-NOT: arena_offset
  // CHECK-SAME: -> tensor<16xi8>
  %3 = kernel.quantize_f32 %2 {scale = 0.5 : f32, zero_point = 0 : i32} : (tensor<16xf32>) -> tensor<16xi8>
  return %3 : tensor<16xi8>
}

// -----

// Tests that two buffers read by one op do not overlap, and that offsets are
// rounded up to the alignment (16 by default, 1 with alignment=1).
//
// %0 and %1: 3 bytes each, both live until the ADD.

// CHECK-LABEL: func.func @simultaneously_live
// CHECK-SAME: kernel.arena_bytes = 32 : i64
// ALIGN1-LABEL: func.func @simultaneously_live
// ALIGN1-SAME: kernel.arena_bytes = 6 : i64
func.func @simultaneously_live(%in: tensor<1x1x3x1xi8>) -> tensor<1x1x3x1xi8> {
  // CHECK: kernel.max_pool2d_s8 {{.*}}arena_offset = 0 : i64
  // ALIGN1: kernel.max_pool2d_s8 {{.*}}arena_offset = 0 : i64
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x1x3x1xi8>) -> tensor<1x1x3x1xi8>
  // CHECK: kernel.average_pool2d_s8 {{.*}}arena_offset = 16 : i64
  // ALIGN1: kernel.average_pool2d_s8 {{.*}}arena_offset = 3 : i64
  %1 = kernel.average_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x1x3x1xi8>) -> tensor<1x1x3x1xi8>
  %2 = kernel.add_s8 %0, %1 {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x1x3x1xi8>, tensor<1x1x3x1xi8>) -> tensor<1x1x3x1xi8>
  return %2 : tensor<1x1x3x1xi8>
}

// -----

// Tests that a state keeps its own slot for the whole program: %1 is
// defined after the state's last use but may not take its bytes.
//
// State, %0 and %1: 16 bytes each. State at 0; %0 (ops 1-2) at 16; %1
// (ops 2-3) overlaps %0 in time and the state always, so it goes at 32.

// CHECK-LABEL: func.func @state
// CHECK-SAME: kernel.arena_bytes = 48 : i64
func.func @state(%in: tensor<16xi8>) -> tensor<16xi8> {
  // CHECK: kernel.state "s" fill 0 {arena_offset = 0 : i64}
  %s = kernel.state "s" fill 0 : tensor<16xi8>
  // CHECK: kernel.add_s8 {{.*}}arena_offset = 16 : i64
  %0 = kernel.add_s8 %in, %s {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<16xi8>, tensor<16xi8>) -> tensor<16xi8>
  // CHECK: kernel.add_s8 {{.*}}arena_offset = 32 : i64
  %1 = kernel.add_s8 %0, %0 {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<16xi8>, tensor<16xi8>) -> tensor<16xi8>
  %2 = kernel.add_s8 %1, %1 {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<16xi8>, tensor<16xi8>) -> tensor<16xi8>
  return %2 : tensor<16xi8>
}

// -----

// Tests that a returned state keeps its arena slot: it must outlive the call,
// so the caller's output buffer only receives a copy of it.

// CHECK-LABEL: func.func @returned_state
// CHECK-SAME: kernel.arena_bytes = 16 : i64
func.func @returned_state(%in: tensor<16xi8>) -> tensor<16xi8> {
  // CHECK: kernel.state "s" fill 0 {arena_offset = 0 : i64}
  %s = kernel.state "s" fill 0 : tensor<16xi8>
  return %s : tensor<16xi8>
}

// -----

// Tests that an op's scratch memory is placed in the arena for the duration
// of that op, and that zero scratch bytes take no slot.
//
// Scratch: 32 bytes during op 1, placed first (largest) at 0. %0: 16 bytes,
// ops 0-1, overlaps it, so at 32. Arena: 48.

// CHECK-LABEL: func.func @scratch
// CHECK-SAME: kernel.arena_bytes = 48 : i64
func.func @scratch(%in: tensor<1x2x2x4xi8>) -> tensor<1x2x2x4xi8> {
  // CHECK: kernel.max_pool2d_s8 {{.*}}arena_offset = 32 : i64
  // CHECK-NOT: scratch_offset
  // CHECK-SAME: -> tensor<1x2x2x4xi8>
  %0 = kernel.max_pool2d_s8 %in {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32, scratch_bytes = 0 : i64} : (tensor<1x2x2x4xi8>) -> tensor<1x2x2x4xi8>
  // CHECK: kernel.max_pool2d_s8 {{.*}}scratch_bytes = 32 : i64, scratch_offset = 0 : i64
  %1 = kernel.max_pool2d_s8 %0 {filter = array<i64: 1, 1>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32, scratch_bytes = 32 : i64} : (tensor<1x2x2x4xi8>) -> tensor<1x2x2x4xi8>
  return %1 : tensor<1x2x2x4xi8>
}

// -----

// Tests that optional scratch (scratch_optional) never grows the arena: it
// takes bytes only where nothing else lives at its step, and is dropped
// (scratch_bytes removed, so the kernel gets nullptr) where none are free.
//
// %0: 16 bytes, ops 0-1 at 0; %1: 16 bytes, ops 1-2 at 16; %2 is returned.
// Arena: 32. Op 1's 32 optional bytes meet %0 and %1 there: dropped. Op 2's
// 16 meet only %1, so they reuse %0's bytes at 0.

// CHECK-LABEL: func.func @optional_scratch
// CHECK-SAME: kernel.arena_bytes = 32 : i64
func.func @optional_scratch(%in: tensor<16xi8>) -> tensor<16xi8> {
  // CHECK: kernel.requantize {{.*}}arena_offset = 0 : i64
  %0 = kernel.requantize %in {input_zero_point = 0 : i32, output_zero_point = 0 : i32, multiplier = 1073741824 : i32, shift = 1 : i32} : (tensor<16xi8>) -> tensor<16xi8>
  // CHECK: kernel.requantize
  // CHECK-NOT: scratch_bytes
  // CHECK-NOT: scratch_offset
  // CHECK-SAME: -> tensor<16xi8>
  %1 = kernel.requantize %0 {input_zero_point = 0 : i32, output_zero_point = 0 : i32, multiplier = 1073741824 : i32, shift = 1 : i32, scratch_bytes = 32 : i64, scratch_optional} : (tensor<16xi8>) -> tensor<16xi8>
  // CHECK: kernel.requantize {{.*}}scratch_bytes = 16 : i64, scratch_offset = 0 : i64
  %2 = kernel.requantize %1 {input_zero_point = 0 : i32, output_zero_point = 0 : i32, multiplier = 1073741824 : i32, shift = 1 : i32, scratch_bytes = 16 : i64, scratch_optional} : (tensor<16xi8>) -> tensor<16xi8>
  return %2 : tensor<16xi8>
}

// -----

// Tests that an alias keeps the buffer it views alive: %0 is read through
// %1 by the last op, so %2 may not reuse its bytes.
//
// %0: 16 bytes, ops 0-3 (through %1). %2: 16 bytes, ops 2-3. Equal sizes go
// in op order: %0 at 0, %2 at 16. Arena: 32 (16 if the alias were ignored).

// CHECK-LABEL: func.func @alias_extends_lifetime
// CHECK-SAME: kernel.arena_bytes = 32 : i64
func.func @alias_extends_lifetime(%in: tensor<16xi8>) -> tensor<1x16xi8> {
  // CHECK: kernel.requantize {{.*}}arena_offset = 0 : i64
  %0 = kernel.requantize %in {input_zero_point = 0 : i32, output_zero_point = 0 : i32, multiplier = 1073741824 : i32, shift = 1 : i32} : (tensor<16xi8>) -> tensor<16xi8>
  // CHECK: kernel.alias
  // CHECK-NOT: arena_offset
  // CHECK-SAME: -> tensor<1x16xi8>
  %1 = kernel.alias %0 : tensor<16xi8> -> tensor<1x16xi8>
  // CHECK: kernel.requantize {{.*}}arena_offset = 16 : i64
  %2 = kernel.requantize %in {input_zero_point = 0 : i32, output_zero_point = 0 : i32, multiplier = 1073741824 : i32, shift = 1 : i32} : (tensor<16xi8>) -> tensor<1x16xi8>
  %3 = kernel.add_s8 %1, %2 {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x16xi8>, tensor<1x16xi8>) -> tensor<1x16xi8>
  return %3 : tensor<1x16xi8>
}

// -----

// Tests that a buffer returned through an alias is caller-owned, and that
// weights take no arena space.

// CHECK-LABEL: func.func @returned_through_alias
// CHECK-SAME: kernel.arena_bytes = 0 : i64
func.func @returned_through_alias(%in: tensor<1x4xi8>) -> tensor<4xi8> {
  // CHECK: kernel.weight
  // CHECK-NOT: arena_offset
  %w = kernel.weight "w" dense<1> : tensor<4x4xi8> : tensor<4x4xi8>
  // CHECK: kernel.fully_connected_s8
  // CHECK-NOT: arena_offset
  // CHECK-SAME: -> tensor<1x4xi8>
  %0 = kernel.fully_connected_s8 %in, %w {input_offset = 0 : i32, filter_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = 0 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<4x4xi8>) -> tensor<1x4xi8>
  %1 = kernel.alias %0 : tensor<1x4xi8> -> tensor<4xi8>
  return %1 : tensor<4xi8>
}

// ZERO: error: alignment must be at least 1
