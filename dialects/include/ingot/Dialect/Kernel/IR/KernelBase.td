//===- KernelBase.td - ingot kernel dialect definition -----*- tablegen -*-===//
//
// The kernel dialect is one op per runtime kernel. Its tensors are plain
// integer storage types: every scale and zero point has been folded into the
// integer parameters the C++ kernel takes (offsets, Q31 multipliers, shifts,
// clamp bounds), so lowering to C++ is a one-to-one call emission.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_DIALECT_KERNEL_IR_KERNELBASE_TD
#define INGOT_DIALECT_KERNEL_IR_KERNELBASE_TD

include "mlir/IR/OpBase.td"

def Kernel_Dialect : Dialect {
  let name = "kernel";
  let summary = "Calls to ingot runtime kernels with resolved parameters";
  let description = [{
    Each op names one runtime kernel (`conv2d_s8` is `ingot::ref::conv2d_s8`)
    and carries every integer parameter it needs. Memory planning adds an
    `arena_offset` to each op whose result lives in the arena, and a
    `scratch_offset` where the kernel needs scratch memory.
  }];
  let cppNamespace = "::ingot::kernel";
  let useDefaultAttributePrinterParser = 1;
}

class Kernel_Op<string mnemonic, list<Trait> traits = []>
    : Op<Kernel_Dialect, mnemonic, traits>;

#endif // INGOT_DIALECT_KERNEL_IR_KERNELBASE_TD
