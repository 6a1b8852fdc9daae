//===- GraphOps.td - ingot graph dialect operations --------*- tablegen -*-===//
#ifndef INGOT_DIALECT_GRAPH_IR_GRAPHOPS_TD
#define INGOT_DIALECT_GRAPH_IR_GRAPHOPS_TD

include "ingot/Dialect/Graph/IR/GraphBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/OpBase.td"

def Graph_ConstOp : Graph_Op<"const", [Pure, ConstantLike]> {
  let summary = "A weight or other constant tensor";
  let description = [{
    Holds a constant tensor's stored integer or float values. For a quantized
    result type the value's element type is the quantized storage type.

    ```mlir
    %w = graph.const dense<1> : tensor<8x3xi8> -> tensor<8x3x!quant.uniform<i8:f32, 0.5>>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$value attr-dict `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Graph_VariableOp : Graph_Op<"variable"> {
  let summary = "A stateful tensor that persists across invocations";
  let description = [{
    A TensorFlow Lite variable tensor (for example SVDF's activation state).
    Operators that take it as an operand update it in place; it keeps its
    contents from one invocation to the next and starts at the zero point of
    its type.
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$name attr-dict `:` type($output)";
}

class Graph_Conv2DLikeOp<string mnemonic> : Graph_Op<mnemonic, [Pure]> {
  let results = (outs AnyRankedTensor:$output);
  let hasVerifier = 1;
}

def Graph_Conv2DOp : Graph_Conv2DLikeOp<"conv_2d"> {
  let summary = "TFLite CONV_2D: NHWC input, OHWI filter";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      Graph_PaddingAttr:$padding, I64Attr:$stride_h, I64Attr:$stride_w,
      I64Attr:$dilation_h, I64Attr:$dilation_w,
      Graph_ActivationAttr:$fused_activation);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Graph_DepthwiseConv2DOp : Graph_Conv2DLikeOp<"depthwise_conv_2d"> {
  let summary = "TFLite DEPTHWISE_CONV_2D: NHWC input, 1HWO filter";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      Graph_PaddingAttr:$padding, I64Attr:$stride_h, I64Attr:$stride_w,
      I64Attr:$dilation_h, I64Attr:$dilation_w, I64Attr:$depth_multiplier,
      Graph_ActivationAttr:$fused_activation);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Graph_FullyConnectedOp : Graph_Op<"fully_connected", [Pure]> {
  let summary = "TFLite FULLY_CONNECTED with a [units, depth] filter";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias, Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Graph_AddOp : Graph_Op<"add", [Pure]> {
  let summary = "TFLite ADD with numpy-style broadcasting";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Graph_SubOp : Graph_Op<"sub", [Pure]> {
  let summary = "TFLite SUB with numpy-style broadcasting";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Graph_LeakyReluOp : Graph_Op<"leaky_relu", [Pure]> {
  let summary = "TFLite LEAKY_RELU: x for x >= 0, alpha * x otherwise";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$alpha);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_PadOp : Graph_Op<"pad", [Pure]> {
  let summary = "TFLite PAD/PADV2 with constant paddings";
  let description = [{
    `paddings` holds (before, after) for each dimension, as TFLite's
    [rank, 2] paddings tensor does; `constant` is PADV2's fill value in
    stored units (absent for PAD), `float_constant` a float32 PADV2's.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$paddings,
      OptionalAttr<I64Attr>:$constant, OptionalAttr<F32Attr>:$float_constant);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_StridedSliceOp : Graph_Op<"strided_slice", [Pure]> {
  let summary = "TFLite STRIDED_SLICE with constant begin, end and strides";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$begin,
      DenseI64ArrayAttr:$end, DenseI64ArrayAttr:$strides,
      I64Attr:$begin_mask, I64Attr:$end_mask, I64Attr:$ellipsis_mask,
      I64Attr:$new_axis_mask, I64Attr:$shrink_axis_mask, BoolAttr:$offset);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_TransposeConvOp : Graph_Op<"transpose_conv", [Pure]> {
  let summary = "TFLite TRANSPOSE_CONV; the output shape is the result type's";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias, Graph_PaddingAttr:$padding,
      I64Attr:$stride_h, I64Attr:$stride_w);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class Graph_PoolOp<string mnemonic, string opName> : Graph_Op<mnemonic, [Pure]> {
  let summary = "TFLite " # opName # " over NHWC windows";
  let arguments = (ins AnyRankedTensor:$input, Graph_PaddingAttr:$padding,
      I64Attr:$filter_h, I64Attr:$filter_w, I64Attr:$stride_h, I64Attr:$stride_w,
      Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}
def Graph_AveragePool2DOp : Graph_PoolOp<"average_pool_2d", "AVERAGE_POOL_2D">;
def Graph_MaxPool2DOp : Graph_PoolOp<"max_pool_2d", "MAX_POOL_2D">;

def Graph_ReshapeOp : Graph_Op<"reshape", [Pure]> {
  let summary = "TFLite RESHAPE; the new shape is the result type's";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_SoftmaxOp : Graph_Op<"softmax", [Pure]> {
  let summary = "TFLite SOFTMAX over the innermost dimension";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$beta);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_QuantizeOp : Graph_Op<"quantize", [Pure]> {
  let summary = "TFLite QUANTIZE: float to quantized, or requantize";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_DequantizeOp : Graph_Op<"dequantize", [Pure]> {
  let summary = "TFLite DEQUANTIZE: quantized (or float16) to float";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_SvdfOp : Graph_Op<"svdf"> {
  let summary = "TFLite SVDF; updates its activation state in place";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weights_feature,
      AnyRankedTensor:$weights_time, Optional<AnyRankedTensor>:$bias,
      AnyRankedTensor:$activation_state, I64Attr:$rank,
      Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weights_feature `,` $weights_time (`,` $bias^)? `state` $activation_state
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class Graph_ActivationOp<string mnemonic, string opName>
    : Graph_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "TFLite " # opName # " as a standalone operator";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}
def Graph_ReluOp : Graph_ActivationOp<"relu", "RELU">;
def Graph_Relu6Op : Graph_ActivationOp<"relu6", "RELU6">;

include "ingot/Dialect/Graph/IR/GraphOperatorOps.td"

#endif // INGOT_DIALECT_GRAPH_IR_GRAPHOPS_TD
