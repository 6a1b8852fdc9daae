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


def Graph_UnaryKind : I32EnumAttr<"UnaryKind",
    "per-element function of one tensor", [
      I32EnumAttrCase<"Abs", 0, "abs">,
      I32EnumAttrCase<"Ceil", 1, "ceil">,
      I32EnumAttrCase<"Cos", 2, "cos">,
      I32EnumAttrCase<"Exp", 3, "exp">,
      I32EnumAttrCase<"Floor", 4, "floor">,
      I32EnumAttrCase<"Log", 5, "log">,
      I32EnumAttrCase<"Neg", 6, "neg">,
      I32EnumAttrCase<"Round", 7, "round">,
      I32EnumAttrCase<"Rsqrt", 8, "rsqrt">,
      I32EnumAttrCase<"Sin", 9, "sin">,
      I32EnumAttrCase<"Sqrt", 10, "sqrt">,
      I32EnumAttrCase<"Square", 11, "square">,
      I32EnumAttrCase<"LogicalNot", 12, "logical_not">,
      I32EnumAttrCase<"Logistic", 13, "logistic">,
      I32EnumAttrCase<"Tanh", 14, "tanh">,
      I32EnumAttrCase<"HardSwish", 15, "hard_swish">,
      I32EnumAttrCase<"Elu", 16, "elu">,
      I32EnumAttrCase<"Cast", 17, "cast">,
      I32EnumAttrCase<"ZerosLike", 18, "zeros_like">,
      I32EnumAttrCase<"Relu", 19, "relu">,
      I32EnumAttrCase<"Relu6", 20, "relu6">
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ingot::graph";
}
def Graph_UnaryKindAttr : EnumAttr<Graph_Dialect, Graph_UnaryKind, "unary_kind">;

def Graph_BinaryKind : I32EnumAttr<"BinaryKind",
    "per-element function of two broadcast tensors", [
      I32EnumAttrCase<"Mul", 0, "mul">,
      I32EnumAttrCase<"Div", 1, "div">,
      I32EnumAttrCase<"Maximum", 2, "maximum">,
      I32EnumAttrCase<"Minimum", 3, "minimum">,
      I32EnumAttrCase<"SquaredDifference", 4, "squared_difference">,
      I32EnumAttrCase<"FloorDiv", 5, "floor_div">,
      I32EnumAttrCase<"FloorMod", 6, "floor_mod">,
      I32EnumAttrCase<"Pow", 7, "pow">,
      I32EnumAttrCase<"Equal", 8, "equal">,
      I32EnumAttrCase<"NotEqual", 9, "not_equal">,
      I32EnumAttrCase<"Greater", 10, "greater">,
      I32EnumAttrCase<"GreaterEqual", 11, "greater_equal">,
      I32EnumAttrCase<"Less", 12, "less">,
      I32EnumAttrCase<"LessEqual", 13, "less_equal">,
      I32EnumAttrCase<"LogicalAnd", 14, "logical_and">,
      I32EnumAttrCase<"LogicalOr", 15, "logical_or">,
      I32EnumAttrCase<"Prelu", 16, "prelu">
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ingot::graph";
}
def Graph_BinaryKindAttr : EnumAttr<Graph_Dialect, Graph_BinaryKind, "binary_kind">;

def Graph_ReduceKind : I32EnumAttr<"ReduceKind", "reduction over axes", [
      I32EnumAttrCase<"Mean", 0, "mean">,
      I32EnumAttrCase<"Sum", 1, "sum">,
      I32EnumAttrCase<"Max", 2, "max">,
      I32EnumAttrCase<"Min", 3, "min">,
      I32EnumAttrCase<"Prod", 4, "prod">,
      I32EnumAttrCase<"Any", 5, "any">,
      I32EnumAttrCase<"All", 6, "all">
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::ingot::graph";
}
def Graph_ReduceKindAttr : EnumAttr<Graph_Dialect, Graph_ReduceKind, "reduce_kind">;

class Graph_Op<string mnemonic, list<Trait> traits = []>
    : Op<Graph_Dialect, mnemonic, traits>;

#endif // INGOT_DIALECT_GRAPH_IR_GRAPHBASE_TD
