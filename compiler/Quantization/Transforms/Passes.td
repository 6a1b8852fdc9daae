//===- Passes.td - quantization passes ---------------------*- tablegen -*-===//
#ifndef INGOT_QUANTIZATION_PASSES_TD
#define INGOT_QUANTIZATION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ComputeRequantParamsPass
    : Pass<"ingot-compute-requant-params", "::mlir::func::FuncOp"> {
  let summary = "Compute the integer requantization parameters of each op";
  let description = [{
    For every graph op on integer tensors, turns the scales and zero points
    of its `!quant.uniform` types into the integers its kernel takes, with
    exactly TensorFlow Lite's fixed-point arithmetic (compiler/Quantization):
    Q31 multipliers and shifts (per output channel for convolutions),
    zero-point offsets, and the clamp bounds of the fused activation. The
    result is attached as an `ingot.requant` dictionary whose entries are
    named like the kernel op attributes they become. Ops whose types have no
    integer kernel are left alone; the lowering reports them.

    Before:
    ```mlir
    %0 = graph.fully_connected %in, %w, %b {fused_activation = #graph<activation relu>}
        : (tensor<1x4x!quant.uniform<i8:f32, 0.5:-128>>,
           tensor<2x4x!quant.uniform<i8:f32, 0.5>>, ...)
        -> tensor<1x2x!quant.uniform<i8:f32, 0.5:-10>>
    ```
    After:
    ```mlir
    %0 = graph.fully_connected %in, %w, %b {fused_activation = #graph<activation relu>,
        ingot.requant = {activation_max = 127 : i32, activation_min = -10 : i32,
                         filter_offset = 0 : i32, input_offset = 128 : i32,
                         output_multiplier = 1073741824 : i32, output_offset = -10 : i32,
                         output_shift = 0 : i32}}
    ```
  }];
  let dependentDialects = ["::ingot::graph::GraphDialect"];
}

def QuantizeWeightsPass : Pass<"ingot-quantize-weights", "::mlir::func::FuncOp"> {
  let summary = "Dynamic-range quantization: int8 weights, float activations";
  let description = [{
    What the TFLite converter's `Optimize.DEFAULT` does without a
    representative dataset. The float filter of each CONV_2D (per output
    channel) and FULLY_CONNECTED (per tensor) with at least `min-elements`
    elements becomes a symmetric int8 constant; activations and biases stay
    float, and the ops lower to hybrid kernels that quantize their input on
    the fly. Smaller filters (and depthwise filters, which have no hybrid
    kernel) stay float, as they cost more in scales than they save.

    Before:
    ```mlir
    %w = graph.const dense<...> : tensor<64x3x3x8xf32> -> tensor<64x3x3x8xf32>
    ```
    After:
    ```mlir
    %w = graph.const dense<...> : tensor<64x3x3x8xi8>
        -> tensor<64x3x3x8x!quant.uniform<i8:f32:0, {0.0123, ...}>>
    ```
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"0",
           "Smallest filter (in elements) to quantize (the TFLite converter "
           "uses 1024)">
  ];
  let dependentDialects = ["::ingot::graph::GraphDialect",
                           "::mlir::quant::QuantDialect"];
}

def DequantizeWeightsPass : Pass<"ingot-dequantize-weights", "::mlir::func::FuncOp"> {
  let summary = "Turn a dynamic-range model's int8 weights back into floats";
  let description = [{
    The first step of re-quantizing a model the converter already shrank:
    every quantized constant used by an op with float activations becomes
    the float constant it stands for, (q - zero_point) * scale, per channel
    where the type is per-axis.
  }];
  let dependentDialects = ["::ingot::graph::GraphDialect"];
}

def ExposeActivationsPass : Pass<"ingot-expose-activations", "::mlir::func::FuncOp"> {
  let summary = "Make every activation a function result, for calibration";
  let description = [{
    Appends every input and then the result of every op (in op order) to
    the function's results, so that a host build of the float model
    reports each activation, and records the number of original results as
    `ingot.original_results`.
  }];
  let dependentDialects = ["::ingot::graph::GraphDialect"];
}

def QuantizeInt8Pass : Pass<"ingot-quantize-int8", "::mlir::func::FuncOp"> {
  let summary = "Full-integer quantization of a calibrated float graph";
  let description = [{
    Reads the calibrated range of each activation (`ingot.range = [min,
    max]` on each op, `ingot.input_ranges` on the function) and gives every
    tensor an int8 type as the TFLite converter does with a representative
    dataset: asymmetric per-tensor activations (pooling and reshape keep
    their input's parameters, softmax outputs 1/256 with zero point -128),
    symmetric per-channel convolution and depthwise filters, per-tensor
    fully connected filters, and int32 biases with scale input scale times
    filter scale. With io-type=float32 a QUANTIZE follows each input and a
    DEQUANTIZE precedes each output, like inference_input_type float; with
    io-type=uint8 the inputs and outputs are uint8 (the int8 scale, zero
    point plus 128) with an integer QUANTIZE to and from int8 at each.
    An operator with no integer form stays float between a DEQUANTIZE of
    its inputs and a QUANTIZE (with its calibrated range) in front of its
    integer users, and is marked `ingot.kept_float`; with `strict`, the pass
    fails instead, naming every such operator.
  }];
  let options = [
    Option<"ioType", "io-type", "std::string", /*default=*/"\"float32\"",
           "Type of the model's inputs and outputs: float32, uint8 (with "
           "int8 activations), or the activation type">,
    Option<"activationType", "activation-type", "std::string",
           /*default=*/"\"int8\"",
           "int8 (asymmetric) or int16 (symmetric, the int16x8 scheme with "
           "int8 weights and int64 biases)">,
    Option<"strict", "strict", "bool", /*default=*/"false",
           "Fail, naming every operator that has no integer form, instead "
           "of keeping those operators in float">
  ];
  let dependentDialects = ["::ingot::graph::GraphDialect",
                           "::mlir::quant::QuantDialect"];
}

def QuantizeFloat16Pass : Pass<"ingot-quantize-float16", "::mlir::func::FuncOp"> {
  let summary = "float16 weights: the converter's float16 quantization";
  let description = [{
    What the TFLite converter does with
    `target_spec.supported_types = [tf.float16]`: every float32 constant
    (weights and biases) is rounded to float16 (to nearest, ties to even) and
    widened back by a DEQUANTIZE in front of its users, halving the model
    file. Activations stay float32.

    Before:
    ```mlir
    %w = graph.const dense<...> : tensor<8x3xf32> -> tensor<8x3xf32>
    ```
    After:
    ```mlir
    %h = graph.const dense<...> : tensor<8x3xf16> -> tensor<8x3xf16>
    %w = graph.dequantize %h : (tensor<8x3xf16>) -> tensor<8x3xf32>
    ```
  }];
  let dependentDialects = ["::ingot::graph::GraphDialect"];
}

#endif // INGOT_QUANTIZATION_PASSES_TD
