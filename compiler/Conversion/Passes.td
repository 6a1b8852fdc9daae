//===- Passes.td - ingot conversion passes -----------------*- tablegen -*-===//
#ifndef INGOT_CONVERSION_PASSES_TD
#define INGOT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertGraphToKernelPass : Pass<"ingot-convert-graph-to-kernel", "::mlir::ModuleOp"> {
  let summary = "Lower TFLite-level graph ops to runtime kernel calls";
  let description = [{
    Resolves quantization into the integer parameters of each runtime kernel
    with exactly TensorFlow Lite's fixed-point arithmetic (Q31 multipliers and
    shifts, zero-point offsets, clamp bounds of the fused activation, SAME and
    VALID padding), and drops `!quant.uniform` element types for their storage
    types. Weights become named `kernel.weight` ops, variables `kernel.state`,
    and RESHAPE a `kernel.copy` that ingot-alias-reshapes may turn into an
    alias. An operator or type without an int8 kernel is reported by name.

    Before:
    ```mlir
    %0 = graph.fully_connected %in, %w, %b {fused_activation = #graph<activation relu>}
        : (tensor<1x16x!quant.uniform<i8:f32, 0.5:-128>>, ...) -> tensor<1x4x!quant.uniform<i8:f32, 0.25:-10>>
    ```
    After:
    ```mlir
    %0 = kernel.fully_connected_s8 %in, %w, %b {input_offset = 128 : i32,
        output_multiplier = 1073741824 : i32, output_shift = 1 : i32,
        output_offset = -10 : i32, activation_min = -10 : i32, ...}
        : (tensor<1x16xi8>, tensor<4x16xi8>, tensor<4xi32>) -> tensor<1x4xi8>
    ```
  }];
  let dependentDialects = ["::ingot::kernel::KernelDialect",
                           "::mlir::func::FuncDialect"];
}

def ConvertKernelToEmitCPass : Pass<"ingot-convert-kernel-to-emitc", "::mlir::ModuleOp"> {
  let summary = "Turn a planned kernel-dialect model into EmitC C++ files";
  let description = [{
    Replaces the module's planned kernel function with two `emitc.file` ops:
    `header` (the C-compatible API: invoke and init entry points, arena size,
    tensor shapes and quantization as macros) and `source` (weights as
    aligned static const arrays, one kernel call per layer preceded by a
    comment naming the TFLite layer). Needs `kernel.arena_bytes` from
    ingot-plan-memory.

    After:
    ```mlir
    emitc.file "source" {
      emitc.global static const @conv2d_0_filter : !emitc.array<72xi8> = dense<...>
      emitc.func @model_invoke(...) {
        emitc.verbatim "// CONV_2D conv1/Relu"
        emitc.call_opaque "ingot::ref::conv2d_s8"(...)
    ```
  }];
  let options = [
    Option<"modelName", "model-name", "std::string", /*default=*/"\"model\"",
           "Prefix of every generated C symbol and file">
  ];
  let dependentDialects = ["::mlir::emitc::EmitCDialect"];
}

#endif // INGOT_CONVERSION_PASSES_TD
