//===- KernelAttrs.td - ingot kernel dialect attributes ----*- tablegen -*-===//
#ifndef INGOT_DIALECT_KERNEL_IR_KERNELATTRS_TD
#define INGOT_DIALECT_KERNEL_IR_KERNELATTRS_TD

include "ingot/Dialect/Kernel/IR/KernelBase.td"
include "mlir/IR/AttrTypeBase.td"

def Kernel_TargetAttr : AttrDef<Kernel_Dialect, "Target"> {
  let mnemonic = "target";
  let summary = "The machine the generated code is for";
  let description = [{
    Set on the module (as `kernel.target`) by `ingot compile --target=NAME`.
    Passes read the features, never the name: `ingot-select-kernels` picks
    each layer's kernel from them, and the name only labels the output.

    - `dsp`: the Armv7E-M DSP extension (SMLAD, SXTB16, SMMULR).
    - `mve`: Armv8.1-M MVE (Helium) integer vectors.
    - `fpu`: a single-precision FPU.
    - `dcache`: a data cache, so that packed layouts that trade flash for
      sequential reads pay off.
    - `optimize`: `speed` (shape-specialized kernels, shapes as template
      arguments) or `size` (one compact copy of each kernel, shapes read at
      run time).

    ```mlir
    module attributes {kernel.target = #kernel.target<name = "cortex-m4",
        dsp = true, mve = false, fpu = true, dcache = false, optimize = "speed">}
    ```
  }];
  let parameters = (ins StringRefParameter<"target name">:$name,
                        "bool":$dsp, "bool":$mve, "bool":$fpu, "bool":$dcache,
                        StringRefParameter<"speed or size">:$optimize);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    bool optimizeForSpeed() const { return getOptimize() == "speed"; }
  }];
}

#endif // INGOT_DIALECT_KERNEL_IR_KERNELATTRS_TD
