//===- GraphBase.td - ingot graph dialect definition -------*- tablegen -*-===//
//
// The graph dialect mirrors TensorFlow Lite operators and their semantics on
// value-semantic tensors. Quantization lives in the element types (MLIR's
// upstream `!quant.uniform`, per tensor or per axis), so that quantization
// passes can rewrite types rather than side tables.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_DIALECT_GRAPH_IR_GRAPHBASE_TD
#define INGOT_DIALECT_GRAPH_IR_GRAPHBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Graph_Dialect : Dialect {
  let name = "graph";
  let summary = "TensorFlow Lite operators on quantized tensors";
  let description = [{
    One op per TensorFlow Lite builtin operator that ingot imports, with the
    operator's options as attributes and its fused activation kept as an
    attribute. Tensor element types are `!quant.uniform` for quantized
    tensors and plain integer or float types otherwise.
  }];
  let cppNamespace = "::ingot::graph";
  let dependentDialects = ["::mlir::quant::QuantDialect"];
  let useDefaultAttributePrinterParser = 1;
}

def Graph_Activation : I32EnumAttr<"Activation",
    "activation function fused into an operator", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"Relu", 1, "relu">,
      I32EnumAttrCase<"ReluN1To1", 2, "relu_n1_to_1">,
      I32EnumAttrCase<"Relu6", 3, "relu6">
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ingot::graph";
}
def Graph_ActivationAttr : EnumAttr<Graph_Dialect, Graph_Activation, "activation">;

def Graph_Padding : I32EnumAttr<"Padding", "TensorFlow Lite padding scheme", [
      I32EnumAttrCase<"Same", 0, "same">,
      I32EnumAttrCase<"Valid", 1, "valid">
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ingot::graph";
}
def Graph_PaddingAttr : EnumAttr<Graph_Dialect, Graph_Padding, "padding">;

class Graph_Op<string mnemonic, list<Trait> traits = []>
    : Op<Graph_Dialect, mnemonic, traits>;

#endif // INGOT_DIALECT_GRAPH_IR_GRAPHBASE_TD
