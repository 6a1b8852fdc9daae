//===- Passes.td - kernel dialect passes -------------------*- tablegen -*-===//
#ifndef INGOT_DIALECT_KERNEL_TRANSFORMS_PASSES_TD
#define INGOT_DIALECT_KERNEL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AliasReshapesPass : Pass<"ingot-alias-reshapes", "::mlir::func::FuncOp"> {
  let summary = "Turn reshape copies into aliases of their input's bytes";
  let description = [{
    A reshape of a row-major tensor does not move any byte. Each `kernel.copy`
    that changes only the shape becomes a `kernel.alias`, so that the memory
    planner gives both tensors one buffer. A copy is kept where aliasing would
    make a function result share storage with a function argument or with
    another result, because those live in caller-owned buffers.

    Before:
    ```mlir
    %1 = kernel.copy %0 : tensor<1x1x1x64xi8> -> tensor<1x64xi8>
    ```
    After:
    ```mlir
    %1 = kernel.alias %0 : tensor<1x1x1x64xi8> -> tensor<1x64xi8>
    ```
  }];
  let dependentDialects = ["::ingot::kernel::KernelDialect"];
}

def PlanMemoryPass : Pass<"ingot-plan-memory", "::mlir::func::FuncOp"> {
  let summary = "Place every activation, state and scratch buffer in one arena";
  let description = [{
    Computes each buffer's lifetime over the op order (aliases extend the
    lifetime of the buffer they view), then places buffers greedily by size:
    largest first, each at the lowest aligned offset that does not overlap a
    placed buffer whose lifetime intersects its own. States live for the whole
    program. Function arguments and results are caller-owned and take no
    arena space. Sets `arena_offset` (and `scratch_offset`) on ops and
    `kernel.arena_bytes` on the function.

    After:
    ```mlir
    func.func @model(...) attributes {kernel.arena_bytes = 2048 : i64} {
      %0 = kernel.conv2d_s8 %a, %w, %b {arena_offset = 0 : i64, ...}
    ```
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"16",
           "Byte alignment of every buffer in the arena">
  ];
  let dependentDialects = ["::ingot::kernel::KernelDialect"];
}

#endif // INGOT_DIALECT_KERNEL_TRANSFORMS_PASSES_TD
