//===- Passes.td - graph dialect passes --------------------*- tablegen -*-===//
#ifndef INGOT_DIALECT_GRAPH_TRANSFORMS_PASSES_TD
#define INGOT_DIALECT_GRAPH_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FuseActivationPass : Pass<"ingot-fuse-activation", "::mlir::func::FuncOp"> {
  let summary = "Fold standalone RELU/RELU6 operators into their producer";
  let description = [{
    TensorFlow Lite applies a fused activation by clamping the producer's
    quantized output, which equals a separate RELU only when the RELU keeps
    the producer's quantization. Such a RELU whose input has no other user and
    comes from an operator with no fused activation is folded into it. SVDF
    is never a target: TFLite's int8 SVDF ignores its fused activation.

    Before:
    ```mlir
    %0 = graph.conv_2d %in, %w, %b {fused_activation = #graph<activation none>, ...}
    %1 = graph.relu %0 : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:-128>>
    ```
    After:
    ```mlir
    %1 = graph.conv_2d %in, %w, %b {fused_activation = #graph<activation relu>, ...}
    ```
  }];
  let dependentDialects = ["::ingot::graph::GraphDialect"];
}

#endif // INGOT_DIALECT_GRAPH_TRANSFORMS_PASSES_TD
