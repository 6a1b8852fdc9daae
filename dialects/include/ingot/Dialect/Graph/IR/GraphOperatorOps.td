//===- GraphOperatorOps.td - elementwise, reduction and data ops -*- tablegen -*-===//
//
// The TensorFlow Lite operators whose semantics are an element function, a
// reduction or a rearrangement of their inputs. Families share one op with a
// kind attribute (as upstream's `arith.cmpi` shares its predicate); the
// operators that only reinterpret a shape (SQUEEZE, EXPAND_DIMS) import as
// `graph.reshape`, and those with several results (SPLIT, SPLIT_V, UNPACK) as
// one `graph.slice` per result.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_DIALECT_GRAPH_IR_GRAPHOPERATOROPS_TD
#define INGOT_DIALECT_GRAPH_IR_GRAPHOPERATOROPS_TD

def Graph_UnaryOp : Graph_Op<"unary", [Pure]> {
  let summary = "ABS, CEIL, COS, EXP, ... : one function applied per element";
  let description = [{
    The element function is `kind`; the input and result have the same
    shape. Quantized forms rescale from the input's to the result's
    parameters as TFLite's kernels do; `cast` converts between element
    types by value (no quantization parameters).
  }];
  let arguments = (ins AnyRankedTensor:$input, Graph_UnaryKindAttr:$kind);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$kind $input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_BinaryOp : Graph_Op<"binary", [Pure]> {
  let summary = "MUL, DIV, MAXIMUM, EQUAL, ... with numpy-style broadcasting";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      Graph_BinaryKindAttr:$kind, Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $kind $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Graph_SelectOp : Graph_Op<"select", [Pure]> {
  let summary = "SELECT_V2: condition ? x : y, with broadcasting";
  let arguments = (ins AnyRankedTensor:$condition, AnyRankedTensor:$x,
      AnyRankedTensor:$y);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $condition `,` $x `,` $y attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Graph_AddNOp : Graph_Op<"add_n", [Pure]> {
  let summary = "ADD_N: the sum of equally shaped tensors";
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_ReduceOp : Graph_Op<"reduce", [Pure]> {
  let summary = "MEAN, SUM, REDUCE_MAX, ... over constant axes";
  let description = [{
    `axes` are the reduced dimensions, normalized to [0, rank) and unique;
    with `keep_dims` they stay in the result with extent 1.
  }];
  let arguments = (ins AnyRankedTensor:$input, Graph_ReduceKindAttr:$kind,
      DenseI64ArrayAttr:$axes, BoolAttr:$keep_dims);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$kind $input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_ArgReduceOp : Graph_Op<"arg_reduce", [Pure]> {
  let summary = "ARG_MAX (`max`) or ARG_MIN: the index of the extreme along an axis";
  let arguments = (ins AnyRankedTensor:$input, BoolAttr:$max, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_CumsumOp : Graph_Op<"cumsum", [Pure]> {
  let summary = "CUMSUM along an axis";
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis,
      BoolAttr:$exclusive, BoolAttr:$reverse);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_TransposeOp : Graph_Op<"transpose", [Pure]> {
  let summary = "TRANSPOSE by a constant permutation";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_ConcatenationOp : Graph_Op<"concatenation", [Pure]> {
  let summary = "CONCATENATION (and PACK) along an axis";
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I64Attr:$axis,
      Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_SliceOp : Graph_Op<"slice", [Pure]> {
  let summary = "SLICE (and one result of SPLIT, SPLIT_V, UNPACK)";
  let description = [{
    The block of the input that starts at `begin` and has the result's
    shape.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$begin);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_GatherOp : Graph_Op<"gather", [Pure]> {
  let summary = "GATHER along an axis (EMBEDDING_LOOKUP is axis 0)";
  let arguments = (ins AnyRankedTensor:$params, AnyRankedTensor:$indices,
      I64Attr:$axis, I64Attr:$batch_dims);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$params `,` $indices attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_GatherNdOp : Graph_Op<"gather_nd", [Pure]> {
  let summary = "GATHER_ND";
  let arguments = (ins AnyRankedTensor:$params, AnyRankedTensor:$indices);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$params `,` $indices attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_MirrorPadOp : Graph_Op<"mirror_pad", [Pure]> {
  let summary = "MIRROR_PAD, REFLECT or SYMMETRIC";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$paddings,
      BoolAttr:$reflect);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_SpaceToDepthOp : Graph_Op<"space_to_depth", [Pure]> {
  let summary = "SPACE_TO_DEPTH (or DEPTH_TO_SPACE with `inverse`) on NHWC";
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$block_size,
      BoolAttr:$inverse);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_SpaceToBatchOp : Graph_Op<"space_to_batch", [Pure]> {
  let summary = "SPACE_TO_BATCH_ND (or BATCH_TO_SPACE_ND with `inverse`)";
  let description = [{
    `paddings` holds (before, after) per spatial dimension: the padding of
    SPACE_TO_BATCH_ND, or the crops of BATCH_TO_SPACE_ND.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$block_shape,
      DenseI64ArrayAttr:$paddings, BoolAttr:$inverse);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_BroadcastToOp : Graph_Op<"broadcast_to", [Pure]> {
  let summary = "BROADCAST_TO the result's shape";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_BroadcastArgsOp : Graph_Op<"broadcast_args", [Pure]> {
  let summary = "BROADCAST_ARGS: the broadcast shape of two shape vectors";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_ReverseOp : Graph_Op<"reverse", [Pure]> {
  let summary = "REVERSE_V2 along constant axes";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_DynamicUpdateSliceOp : Graph_Op<"dynamic_update_slice", [Pure]> {
  let summary = "DYNAMIC_UPDATE_SLICE: `update` written into `operand` at run-time indices";
  let arguments = (ins AnyRankedTensor:$operand, AnyRankedTensor:$update,
      AnyRankedTensor:$start_indices);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $operand `,` $update `,` $start_indices attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Graph_ResizeOp : Graph_Op<"resize", [Pure]> {
  let summary = "RESIZE_BILINEAR or RESIZE_NEAREST_NEIGHBOR (`nearest`) to the result's size";
  let arguments = (ins AnyRankedTensor:$input, BoolAttr:$nearest,
      BoolAttr:$align_corners, BoolAttr:$half_pixel_centers);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_FillOp : Graph_Op<"fill", [Pure]> {
  let summary = "FILL the result's shape with a one-element value tensor";
  let arguments = (ins AnyRankedTensor:$value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$value attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_BatchMatMulOp : Graph_Op<"batch_matmul", [Pure]> {
  let summary = "BATCH_MATMUL with broadcast batch dimensions";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      BoolAttr:$adj_x, BoolAttr:$adj_y);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_L2Pool2DOp : Graph_PoolOp<"l2_pool_2d", "L2_POOL_2D">;

def Graph_L2NormalizationOp : Graph_Op<"l2_normalization", [Pure]> {
  let summary = "L2_NORMALIZATION over the innermost dimension";
  let arguments = (ins AnyRankedTensor:$input,
      Graph_ActivationAttr:$fused_activation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_LogSoftmaxOp : Graph_Op<"log_softmax", [Pure]> {
  let summary = "LOG_SOFTMAX over the innermost dimension";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_UnidirectionalSequenceLstmOp
    : Graph_Op<"unidirectional_sequence_lstm", [AttrSizedOperandSegments]> {
  let summary = "UNIDIRECTIONAL_SEQUENCE_LSTM in the converter's 24-input layout";
  let description = [{
    The operands are TFLite's inputs in order; absent optional inputs (the
    input gate of a CIFG cell, peepholes, projection, layer norms) are
    omitted. `output_state` and `cell_state` are variable tensors the op
    updates in place. `activation` is TFLite's ActivationFunctionType code
    of the cell (4 is TANH); `cell_clip` and `proj_clip` are 0 for none.
  }];
  let arguments = (ins AnyRankedTensor:$input,
      Optional<AnyRankedTensor>:$input_to_input_weights,
      AnyRankedTensor:$input_to_forget_weights,
      AnyRankedTensor:$input_to_cell_weights,
      AnyRankedTensor:$input_to_output_weights,
      Optional<AnyRankedTensor>:$recurrent_to_input_weights,
      AnyRankedTensor:$recurrent_to_forget_weights,
      AnyRankedTensor:$recurrent_to_cell_weights,
      AnyRankedTensor:$recurrent_to_output_weights,
      Optional<AnyRankedTensor>:$cell_to_input_weights,
      Optional<AnyRankedTensor>:$cell_to_forget_weights,
      Optional<AnyRankedTensor>:$cell_to_output_weights,
      Optional<AnyRankedTensor>:$input_gate_bias,
      AnyRankedTensor:$forget_gate_bias,
      AnyRankedTensor:$cell_gate_bias,
      AnyRankedTensor:$output_gate_bias,
      Optional<AnyRankedTensor>:$projection_weights,
      Optional<AnyRankedTensor>:$projection_bias,
      AnyRankedTensor:$output_state,
      AnyRankedTensor:$cell_state,
      Optional<AnyRankedTensor>:$input_layer_norm_coefficients,
      Optional<AnyRankedTensor>:$forget_layer_norm_coefficients,
      Optional<AnyRankedTensor>:$cell_layer_norm_coefficients,
      Optional<AnyRankedTensor>:$output_layer_norm_coefficients,
      I64Attr:$activation, F32Attr:$cell_clip, F32Attr:$proj_clip,
      BoolAttr:$time_major);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

#endif // INGOT_DIALECT_GRAPH_IR_GRAPHOPERATOROPS_TD
