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

def SelectKernelsPass : Pass<"ingot-select-kernels", "::mlir::ModuleOp"> {
  let summary = "Choose each layer's kernel for the module's target";
  let description = [{
    The one place that maps a layer to a kernel implementation. It reads the
    module's `kernel.target` (no attribute means `generic`: the reference
    kernels everywhere) and, for each op a target kernel exists for, checks
    the layer's shapes and parameters, then rewrites the op into its packed
    form and does at compile time everything that depends only on
    constants: the filter is re-laid out for the kernel's inner loop
    (`ingot/runtime/kernels/<implementation>/packing.h` defines the layout),
    `input_offset * sum(filter)` is folded into the bias, the accumulator
    bound decides whether one rounding multiply is exact, and the kernel's
    scratch memory is requested from the memory planner (as optional: see
    ingot-plan-memory). Every op it moves to a target kernel gets a
    `kernel.implementation` naming the choice; an op without one stays on
    the reference kernel of its own name. `ingot inspect --target` prints
    both.

    Rules, by target feature (the first that applies):
    - `mve` (Armv8.1-M with Helium): the same operators as `dsp`, to
      `ingot::mve`, and int8 ADD to `ingot::mve::add_s8` (the reference
      kernel's signature, so only `kernel.implementation` changes).
    - `dsp` (Armv7E-M): int8 CONV_2D, DEPTHWISE_CONV_2D with
      depth multiplier 1, and FULLY_CONNECTED with filter zero point 0, when
      filter and bias are constants, go to `ingot::dsp`. A DEPTHWISE_CONV_2D
      with one input channel (any depth multiplier) is a CONV_2D with the
      filter transposed, and goes to the convolution kernel. A dead output
      channel (all weights zero) gets the identity rescale with its output
      folded into the bias, so that it does not cost its layer the
      one-multiply requantization. int8 ADD goes to `ingot::dsp::add_s8`
      (the reference kernel's signature).
    - everything else stays on the reference kernels (`ingot::ref`).

    `optimize = "speed"` marks the chosen kernels shape-specialized (their
    parameters become a template argument); `size` keeps one compact copy.

    Before (target cortex-m4):
    ```mlir
    %2 = kernel.conv2d_s8 %0, %w, %b {...} : (...) -> tensor<1x16x16x8xi8>
    ```
    After:
    ```mlir
    %pw = kernel.weight "w_dsp" dense<...> : tensor<80xi8>
    %fb = kernel.weight "b_folded" dense<...> : tensor<8xi32>
    %2 = kernel.packed_conv2d_s8 %0, %pw, %fb, %records {implementation = "dsp",
        kernel.implementation = "dsp.conv2d_s8<1x1>", scratch_bytes = 80,
        scratch_optional, ...}
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
    arena space. Scratch marked `scratch_optional` (a target kernel's
    speed-up, e.g. an im2col buffer, that it can run without) is placed last
    and only where it fits inside the arena the rest needs; where it does
    not, its `scratch_bytes` is removed and the kernel gets nullptr, so a
    target never needs a larger arena than the generic code (the kernels'
    no-scratch paths use at most a few hundred bytes of stack). Sets `arena_offset`
    (and `scratch_offset`) on ops and `kernel.arena_bytes` on the function.

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
