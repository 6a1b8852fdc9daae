//===- KernelOps.td - ingot kernel dialect operations ------*- tablegen -*-===//
#ifndef INGOT_DIALECT_KERNEL_IR_KERNELOPS_TD
#define INGOT_DIALECT_KERNEL_IR_KERNELOPS_TD

include "ingot/Dialect/Kernel/IR/KernelBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Kernel_WeightOp : Kernel_Op<"weight", [Pure, ConstantLike]> {
  let summary = "A named constant placed in flash";
  let description = [{
    ```mlir
    %w = kernel.weight "conv1_filter" dense<1> : tensor<8x3x3x1xi8>
    ```
  }];
  let arguments = (ins StrAttr:$name, ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$name $value attr-dict `:` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kernel_StateOp : Kernel_Op<"state"> {
  let summary = "A tensor kept in the arena across invocations";
  let description = [{
    Filled with `fill_value` by the generated init function and updated in
    place by the kernels that take it.
  }];
  let arguments = (ins StrAttr:$name, I64Attr:$fill_value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$name `fill` $fill_value attr-dict `:` type($output)";
}

def Kernel_AliasOp : Kernel_Op<"alias", [Pure]> {
  let summary = "The same bytes viewed with another shape (a no-op reshape)";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Kernel_CopyOp : Kernel_Op<"copy", [Pure]> {
  let summary = "A byte copy into a new buffer (e.g. a model output that aliases another tensor)";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

// Shared by all ops that clamp their output.
class Kernel_ComputeOp<string mnemonic, list<Trait> traits = []>
    : Kernel_Op<mnemonic, traits # [Pure]> {
  let results = (outs AnyRankedTensor:$output);
  let hasVerifier = 1;
}

def Kernel_Conv2DOp : Kernel_ComputeOp<"conv2d_s8"> {
  let summary = "int8 convolution with per-channel requantization";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding,
      I32Attr:$input_offset, I32Attr:$output_offset,
      DenseI32ArrayAttr:$output_multiplier, DenseI32ArrayAttr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_DepthwiseConv2DOp : Kernel_ComputeOp<"depthwise_conv2d_s8"> {
  let summary = "int8 depthwise convolution with per-channel requantization";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding, I64Attr:$depth_multiplier,
      I32Attr:$input_offset, I32Attr:$output_offset,
      DenseI32ArrayAttr:$output_multiplier, DenseI32ArrayAttr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_FullyConnectedOp : Kernel_ComputeOp<"fully_connected_s8"> {
  let summary = "int8 matrix-vector product with per-tensor requantization";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      I32Attr:$input_offset, I32Attr:$filter_offset, I32Attr:$output_offset,
      I32Attr:$output_multiplier, I32Attr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

// Target-specific kernels. ingot-select-kernels rewrites a reference op into
// one of these when the target has a faster implementation: the filter is
// re-laid out in the order the target's inner loop reads it, and the input
// zero point's contribution, input_offset * sum(filter), is folded into the
// bias, so the kernels multiply raw int8 inputs.

def Kernel_PackedConv2DOp : Kernel_ComputeOp<"packed_conv2d_s8"> {
  let summary = "int8 CONV_2D or DEPTHWISE_CONV_2D on a target kernel with a packed filter";
  let description = [{
    `implementation` is the runtime namespace of the kernel (`dsp` calls
    `ingot::dsp::conv2d_s8`, or `depthwise_conv2d_s8` when `depthwise`).
    `filter_shape` is the original filter's shape; `packed_filter` holds it
    in the layout that implementation's `packing.h` defines, and
    `folded_bias` is bias + input_offset * sum(filter) per output channel.
    With `shape_specialized`, the generated code passes the parameters as a
    template argument, so every shape is a constant in the kernel;
    `single_rounding_exact` says the compiler proved the accumulators small
    enough for the one-multiply requantization. `rescale`, when present,
    holds the per-channel requantization records of that implementation's
    `packing.h`, which the kernel takes in place of the multiplier and shift
    arrays.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$packed_filter,
      AnyRankedTensor:$folded_bias, Optional<AnyRankedTensor>:$rescale,
      StrAttr:$implementation, BoolAttr:$depthwise,
      BoolAttr:$shape_specialized, BoolAttr:$single_rounding_exact,
      DenseI64ArrayAttr:$filter_shape,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding, I64Attr:$depth_multiplier,
      I32Attr:$input_offset, I32Attr:$output_offset,
      DenseI32ArrayAttr:$output_multiplier, DenseI32ArrayAttr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $packed_filter `,` $folded_bias (`,` $rescale^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_PackedFullyConnectedOp : Kernel_ComputeOp<"packed_fully_connected_s8"> {
  let summary = "int8 FULLY_CONNECTED on a target kernel with a packed filter";
  let description = [{
    As `kernel.packed_conv2d_s8`, for a `[output_depth][input_depth]` filter
    with zero point 0 and per-tensor requantization.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$packed_filter,
      AnyRankedTensor:$folded_bias,
      StrAttr:$implementation, BoolAttr:$shape_specialized,
      BoolAttr:$single_rounding_exact, DenseI64ArrayAttr:$filter_shape,
      I32Attr:$input_offset, I32Attr:$output_offset,
      I32Attr:$output_multiplier, I32Attr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $packed_filter `,` $folded_bias attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_AddOp : Kernel_ComputeOp<"add_s8"> {
  let summary = "int8 elementwise addition of two differently scaled inputs";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      I32Attr:$input1_offset, I32Attr:$input1_multiplier, I32Attr:$input1_shift,
      I32Attr:$input2_offset, I32Attr:$input2_multiplier, I32Attr:$input2_shift,
      I32Attr:$left_shift, I32Attr:$output_offset,
      I32Attr:$output_multiplier, I32Attr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

class Kernel_PoolOp<string mnemonic, string what> : Kernel_ComputeOp<mnemonic> {
  let summary = what # " pooling";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$filter,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}
def Kernel_AveragePool2DOp : Kernel_PoolOp<"average_pool2d_s8", "int8 average">;
def Kernel_MaxPool2DOp : Kernel_PoolOp<"max_pool2d_s8", "int8 max">;

def Kernel_SoftmaxOp : Kernel_ComputeOp<"softmax"> {
  let summary = "int8 softmax to int8 (scale 1/256) or int16 (scale 1/65536) output";
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$input_multiplier,
      I32Attr:$input_left_shift, I32Attr:$diff_min);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_SoftmaxS16Op : Kernel_ComputeOp<"softmax_s16"> {
  let summary = "int16 softmax to int16 (scale 1/32768) through exp and reciprocal tables";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$exp_table,
      AnyRankedTensor:$reciprocal_table, I32Attr:$input_multiplier,
      I32Attr:$input_left_shift);
  let assemblyFormat = "$input `,` $exp_table `,` $reciprocal_table attr-dict `:` functional-type(operands, results)";
}

def Kernel_RequantizeOp : Kernel_ComputeOp<"requantize"> {
  let summary = "Integer to integer rescale (TFLite QUANTIZE between integer types)";
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$input_zero_point,
      I32Attr:$output_zero_point, I32Attr:$multiplier, I32Attr:$shift);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_QuantizeOp : Kernel_ComputeOp<"quantize_f32"> {
  let summary = "float32 to integer affine quantization";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$scale, I32Attr:$zero_point);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_DequantizeOp : Kernel_ComputeOp<"dequantize_f32"> {
  let summary = "integer to float32 affine dequantization";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$scale, I32Attr:$zero_point);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_SvdfOp : Kernel_Op<"svdf_s8"> {
  let summary = "int8 SVDF; shifts and updates its state operand in place";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weights_feature,
      AnyRankedTensor:$weights_time, Optional<AnyRankedTensor>:$bias,
      AnyRankedTensor:$activation_state, I64Attr:$rank,
      I32Attr:$input_zero_point, I32Attr:$state_zero_point,
      I32Attr:$output_zero_point,
      I32Attr:$feature_multiplier, I32Attr:$feature_shift,
      I32Attr:$time_multiplier, I32Attr:$time_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weights_feature `,` $weights_time (`,` $bias^)? `state` $activation_state
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// float32 kernels
//===----------------------------------------------------------------------===//

def Kernel_Conv2DF32Op : Kernel_ComputeOp<"conv2d_f32"> {
  let summary = "float32 convolution";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_DepthwiseConv2DF32Op : Kernel_ComputeOp<"depthwise_conv2d_f32"> {
  let summary = "float32 depthwise convolution";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding, I64Attr:$depth_multiplier,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_FullyConnectedF32Op : Kernel_ComputeOp<"fully_connected_f32"> {
  let summary = "float32 matrix-vector product";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_AddF32Op : Kernel_ComputeOp<"add_f32"> {
  let summary = "float32 elementwise addition";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

class Kernel_PoolF32Op<string mnemonic, string what> : Kernel_ComputeOp<mnemonic> {
  let summary = "float32 " # what # " pooling";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$filter,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}
def Kernel_AveragePool2DF32Op : Kernel_PoolF32Op<"average_pool2d_f32", "average">;
def Kernel_MaxPool2DF32Op : Kernel_PoolF32Op<"max_pool2d_f32", "max">;

def Kernel_LeakyReluF32Op : Kernel_ComputeOp<"leaky_relu_f32"> {
  let summary = "float32 leaky ReLU";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$alpha);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_SoftmaxF32Op : Kernel_ComputeOp<"softmax_f32"> {
  let summary = "float32 softmax over the innermost dimension";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$beta);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_Conv2DHybridOp : Kernel_ComputeOp<"conv2d_hybrid_f32_s8"> {
  let summary = "float32 convolution with int8 weights, quantizing its input on the fly";
  let description = [{
    TFLite's dynamic-range ("hybrid") convolution: the float input is
    quantized to int8 per batch while the kernel runs (into scratch memory,
    see `scratch_bytes`), multiplied with the int8 filter in integers, and
    rescaled to float by the input and filter scales.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding, DenseF32ArrayAttr:$filter_scales,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_DepthwiseConv2DHybridOp : Kernel_ComputeOp<"depthwise_conv2d_hybrid_f32_s8"> {
  let summary = "float32 depthwise convolution with int8 weights (dynamic range)";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding, I64Attr:$depth_multiplier,
      DenseF32ArrayAttr:$filter_scales,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_FullyConnectedHybridOp : Kernel_ComputeOp<"fully_connected_hybrid_f32_s8"> {
  let summary = "float32 matrix-vector product with int8 weights (dynamic range)";
  let description = [{
    One filter scale per output unit (a per-tensor scale repeated).
    `asymmetric_inputs` quantizes each input row with a zero point, as
    TFLite does when FullyConnectedOptions.asymmetric_quantize_inputs is set.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias, DenseF32ArrayAttr:$filter_scales,
      UnitAttr:$asymmetric_inputs,
      F32Attr:$activation_min, F32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// int16 activations, int8 weights (int16x8)
//===----------------------------------------------------------------------===//

def Kernel_Conv2DS16Op : Kernel_ComputeOp<"conv2d_s16"> {
  let summary = "int16 convolution with int8 weights, int64 bias, 64-bit accumulation";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding,
      DenseI32ArrayAttr:$output_multiplier, DenseI32ArrayAttr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_DepthwiseConv2DS16Op : Kernel_ComputeOp<"depthwise_conv2d_s16"> {
  let summary = "int16 depthwise convolution with int8 weights and int64 bias";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$padding, I64Attr:$depth_multiplier,
      DenseI32ArrayAttr:$output_multiplier, DenseI32ArrayAttr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_FullyConnectedS16Op : Kernel_ComputeOp<"fully_connected_s16"> {
  let summary = "int16 matrix-vector product with int8 weights and int64 bias";
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
      Optional<AnyRankedTensor>:$bias,
      I32Attr:$output_multiplier, I32Attr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kernel_AveragePool2DS16Op : Kernel_PoolOp<"average_pool2d_s16", "int16 average">;
def Kernel_MaxPool2DS16Op : Kernel_PoolOp<"max_pool2d_s16", "int16 max">;

class Kernel_BinaryS16Op<string mnemonic, string what>
    : Kernel_ComputeOp<mnemonic> {
  let summary = "int16 elementwise " # what # " with broadcasting";
  let description = [{
    `output_shape` and the two stride arrays describe the broadcast: an
    operand's stride is 0 along a dimension it broadcasts.
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      DenseI32ArrayAttr:$output_shape, DenseI32ArrayAttr:$input1_strides,
      DenseI32ArrayAttr:$input2_strides,
      I32Attr:$input1_offset, I32Attr:$input1_multiplier, I32Attr:$input1_shift,
      I32Attr:$input2_offset, I32Attr:$input2_multiplier, I32Attr:$input2_shift,
      I32Attr:$output_offset, I32Attr:$output_multiplier, I32Attr:$output_shift,
      I32Attr:$activation_min, I32Attr:$activation_max);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}
def Kernel_AddS16Op : Kernel_BinaryS16Op<"add_s16", "addition">;
def Kernel_SubS16Op : Kernel_BinaryS16Op<"sub_s16", "subtraction">;

def Kernel_LeakyReluS16Op : Kernel_ComputeOp<"leaky_relu_s16"> {
  let summary = "int16 leaky ReLU";
  let arguments = (ins AnyRankedTensor:$input, I32Attr:$input_zero_point,
      I32Attr:$output_zero_point, I32Attr:$identity_multiplier,
      I32Attr:$identity_shift, I32Attr:$alpha_multiplier, I32Attr:$alpha_shift);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_PadS16Op : Kernel_ComputeOp<"pad_s16"> {
  let summary = "int16 constant padding";
  let arguments = (ins AnyRankedTensor:$input, DenseI32ArrayAttr:$pad_before,
      DenseI32ArrayAttr:$pad_after, I32Attr:$pad_value);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kernel_StridedSliceS16Op : Kernel_ComputeOp<"strided_slice_s16"> {
  let summary = "int16 strided slice with resolved starts and strides";
  let arguments = (ins AnyRankedTensor:$input, DenseI32ArrayAttr:$start,
      DenseI32ArrayAttr:$stride, DenseI32ArrayAttr:$slice_shape);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}


//===----------------------------------------------------------------------===//
// Kernels without an op of their own
//===----------------------------------------------------------------------===//

def Kernel_CallOp : Kernel_Op<"call"> {
  let summary = "A call to a runtime kernel whose parameters are all literals";
  let description = [{
    The operators whose kernels take nothing but tensor pointers, shapes and
    scalar parameters lower to this op rather than to one op each. It calls
    `ingot::ref::<callee>` (header `kernels/ref/<callee>.h`), or
    `ingot::<family>::<name>` when `callee` is `<family>/<name>`, with, in
    order: a pointer to each operand, a pointer to the result, then each
    entry of `args`: an integer or float attribute as a literal, an array
    attribute as a pointer to a constant array named after the layer and the
    entry's `arg_names` name (which also comments the literals). `header`,
    when present, names the header (under `kernels/`, as `ref/math_f32`)
    that declares the kernel, for kernels that share one.

    ```mlir
    %y = kernel.call "mul_s8"(%a, %b) {args = [8 : i32, ...],
        arg_names = ["count", ...]} : (tensor<8xi8>, tensor<8xi8>) -> tensor<8xi8>
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, StrAttr:$callee,
      ArrayAttr:$args, StrArrayAttr:$arg_names, OptionalAttr<StrAttr>:$header);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $callee `(` $inputs `)` attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

#endif // INGOT_DIALECT_KERNEL_IR_KERNELOPS_TD
