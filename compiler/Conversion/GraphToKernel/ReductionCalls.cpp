//===- ReductionCalls.cpp - Kernels of reductions -------------------------===//
//
// This file implements the planner of graph.reduce, graph.arg_reduce,
// graph.cumsum, graph.l2_normalization and graph.log_softmax.
//
// The quantized parameters are TFLM's: its kernels compute them in Prepare
// from the tensors' float scales, so the scales are narrowed to float before
// the double-precision ratios are taken.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"
#include "QuantizedMultiplier.h"
#include "SoftmaxParams.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {
namespace {

/// The kernels' index arrays hold at most this many dimensions.
constexpr size_t kMaxRank = 6;

/// A tensor's scale as TFLite stores it (float).
double floatScaleOf(Value value) {
  return static_cast<double>(static_cast<float>(scaleOf(value)));
}

/// The kernels view a tensor around `axis` as [outer, extent, inner].
struct AxisView {
  int64_t outer = 1, extent = 1, inner = 1;
};
AxisView viewAround(Value value, int64_t axis) {
  AxisView view;
  ArrayRef<int64_t> shape = shapeOf(value);
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    if (d < axis)
      view.outer *= shape[d];
    else if (d == axis)
      view.extent = shape[d];
    else
      view.inner *= shape[d];
  }
  return view;
}

/// MEAN's multiplier with the division by `count` folded in, as TFLM's
/// QuantizedMeanOrSum folds it: the multiplier is scaled up by up to
/// floor(log2(count)) bits (at most 32, and keeping the shift >= -31)
/// before the integer division, to keep precision.
quant::QuantizedMultiplier foldDivision(quant::QuantizedMultiplier rescale,
                                        int64_t count) {
  int64_t bits = 63 - llvm::countl_zero(static_cast<uint64_t>(count));
  bits = std::min<int64_t>(bits, 32);
  bits = std::min<int64_t>(bits, 31 + rescale.shift);
  rescale.multiplier = static_cast<int32_t>(
      (static_cast<int64_t>(rescale.multiplier) << bits) / count);
  rescale.shift -= static_cast<int32_t>(bits);
  return rescale;
}

std::optional<KernelCall> planReduce(ReduceOp op) {
  MLIRContext *context = op.getContext();
  std::string kind = stringifyReduceKind(op.getKind()).str();
  std::string in = typeTag(op.getInput()), out = typeTag(op.getOutput());
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  ArrayRef<int64_t> shape = shapeOf(op.getInput());
  if (op.getAxes().empty())
    return KernelCall::blocked(context,
                               "reduces over no axes; ingot has no kernel "
                               "for an identity reduction");
  if (shape.size() > kMaxRank)
    return KernelCall::blocked(context, "has more than 6 dimensions");
  SmallVector<int64_t> reduced(shape.size(), 0);
  int64_t count = 1;
  for (int64_t axis : op.getAxes()) {
    if (axis < 0 || axis >= static_cast<int64_t>(shape.size()) || reduced[axis])
      return KernelCall::blocked(context, "has invalid reduction axes");
    reduced[axis] = 1;
    count *= shape[axis];
  }

  KernelCall call(context);
  call.header = "ref/reduce";
  call.operand(op.getInput())
      .i32("rank", shape.size())
      .i32s("input_shape", shape)
      .i32s("reduced", reduced);
  auto blocked = [&] {
    return KernelCall::blocked(context, "has no " + kind + " kernel for " + in +
                                            " to " + out + " tensors");
  };
  if (in != out)
    return blocked();

  ReduceKind k = op.getKind();
  if (in == "float32") {
    switch (k) {
    case ReduceKind::Mean:
      call.callee = "reduce_mean_f32";
      call.i32("count", count);
      return call;
    case ReduceKind::Sum:
    case ReduceKind::Max:
    case ReduceKind::Min:
    case ReduceKind::Prod:
      call.callee = "reduce_" + kind + "_f32";
      return call;
    default:
      return blocked();
    }
  }
  if (in == "bool" && (k == ReduceKind::Any || k == ReduceKind::All)) {
    call.callee = "reduce_" + kind + "_bool";
    return call;
  }
  if (!isQuantized(op.getInput()) || !isQuantized(op.getOutput()))
    return blocked();
  double inScale = floatScaleOf(op.getInput());
  double outScale = floatScaleOf(op.getOutput());
  int32_t inZero = zeroPointOf(op.getInput());
  int32_t outZero = zeroPointOf(op.getOutput());
  bool sameQuantization = inScale == outScale && inZero == outZero;

  if (in == "int8" && (k == ReduceKind::Max || k == ReduceKind::Min)) {
    // TFLM requires this: the extremes are copied, never rescaled.
    if (!sameQuantization)
      return KernelCall::blocked(context, "has no int8 " + kind +
                                              " kernel for an output quantized "
                                              "unlike its input");
    call.callee = "reduce_" + kind + "_s8";
    return call;
  }
  if ((in == "int8" || in == "int16") &&
      (k == ReduceKind::Mean || k == ReduceKind::Sum)) {
    std::string suffix = in == "int8" ? "_s8" : "_s16";
    // Also with equal input and output quantization: TFLite Micro then
    // rounds the mean as this rescale does (a truncating division differs,
    // found by the differential fuzzer, seed 1068).
    quant::QuantizedMultiplier rescale =
        quant::quantizeMultiplier(inScale / outScale);
    if (k == ReduceKind::Mean)
      rescale = foldDivision(rescale, count);
    if (rescale.shift < -31 || rescale.shift > 30)
      return KernelCall::blocked(context, "has an input to output scale "
                                          "ratio outside the range of "
                                          "ingot's requantization");
    call.callee = "reduce_sum_requantize" + suffix;
    call.i32("count", count)
        .i32("input_zero_point", inZero)
        .i32("output_multiplier", rescale.multiplier)
        .i32("output_shift", rescale.shift)
        .i32("output_zero_point", outZero);
    return call;
  }
  return blocked();
}

std::optional<KernelCall> planArgReduce(ArgReduceOp op) {
  MLIRContext *context = op.getContext();
  std::string kind = op.getMax() ? "arg_max" : "arg_min";
  std::string in = typeTag(op.getInput()), out = typeTag(op.getOutput());
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  if ((in != "float32" && in != "int8" && in != "int32") ||
      (out != "int32" && out != "int64"))
    return KernelCall::blocked(context, "has no " + kind + " kernel for " + in +
                                            " to " + out + " tensors");
  int64_t axis = op.getAxis();
  if (axis < 0 || axis >= static_cast<int64_t>(shapeOf(op.getInput()).size()))
    return KernelCall::blocked(context, "has an invalid axis");
  AxisView view = viewAround(op.getInput(), axis);
  KernelCall call(context);
  call.callee = kind;
  call.header = "ref/arg_min_max";
  call.operand(op.getInput())
      .i32("outer", view.outer)
      .i32("axis_size", view.extent)
      .i32("inner", view.inner);
  return call;
}

std::optional<KernelCall> planCumsum(CumsumOp op) {
  MLIRContext *context = op.getContext();
  std::string in = typeTag(op.getInput()), out = typeTag(op.getOutput());
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  int64_t axis = op.getAxis();
  if (axis < 0 || axis >= static_cast<int64_t>(shapeOf(op.getInput()).size()))
    return KernelCall::blocked(context, "has an invalid axis");
  AxisView view = viewAround(op.getInput(), axis);
  KernelCall call(context);
  call.header = "ref/cumsum";
  call.operand(op.getInput())
      .i32("outer", view.outer)
      .i32("depth", view.extent)
      .i32("inner", view.inner)
      .i32("exclusive", op.getExclusive())
      .i32("reverse", op.getReverse());
  if (in == "float32" && out == "float32") {
    call.callee = "cumsum_f32";
    return call;
  }
  if (in == "int8" && out == "int8" && isQuantized(op.getInput()) &&
      isQuantized(op.getOutput())) {
    // TFLM halves the inputs (relative to twice the input scale) after a
    // 20-bit left shift, and takes the sums back to the output scale.
    double inScale = floatScaleOf(op.getInput());
    double twiceInScale = 2 * inScale;
    quant::QuantizedMultiplier input =
        quant::quantizeMultiplier(inScale / twiceInScale);
    quant::QuantizedMultiplier output = quant::quantizeMultiplier(
        twiceInScale / ((1 << 20) * floatScaleOf(op.getOutput())));
    // TFLM's rescales only scale down.
    if (input.shift > 0 || output.shift > 0 || output.shift < -31)
      return KernelCall::blocked(context,
                                 "has an output scale too small for TFLite's "
                                 "int8 CUMSUM (more than 2^-19 of the input "
                                 "scale)");
    call.callee = "cumsum_s8";
    call.i32("input_offset", -zeroPointOf(op.getInput()))
        .i32("input_multiplier", input.multiplier)
        .i32("input_shift", input.shift)
        .i32("output_multiplier", output.multiplier)
        .i32("output_shift", output.shift)
        .i32("output_offset", zeroPointOf(op.getOutput()));
    return call;
  }
  return KernelCall::blocked(context, "has no cumsum kernel for " + in +
                                          " to " + out + " tensors");
}

/// Rows of the innermost dimension, for the normalizations.
void addRows(KernelCall &call, Value input) {
  ArrayRef<int64_t> shape = shapeOf(input);
  call.i32("outer_size", elementsOf(input) / shape.back())
      .i32("depth", shape.back());
}

std::optional<KernelCall> planL2Normalization(L2NormalizationOp op) {
  MLIRContext *context = op.getContext();
  std::string in = typeTag(op.getInput()), out = typeTag(op.getOutput());
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  if (op.getFusedActivation() != Activation::None)
    return KernelCall::blocked(context, "has a fused activation, which "
                                        "TFLite's L2_NORMALIZATION does not "
                                        "support");
  KernelCall call(context);
  call.header = "ref/l2_normalization";
  call.operand(op.getInput());
  addRows(call, op.getInput());
  if (in == "float32" && out == "float32") {
    call.callee = "l2_normalization_f32";
    return call;
  }
  if (in == "int8" && out == "int8" && isQuantized(op.getInput()) &&
      isQuantized(op.getOutput())) {
    // TFLM's kernel writes its results at the fixed scale 1/128.
    if (floatScaleOf(op.getOutput()) != 1.0 / 128 ||
        zeroPointOf(op.getOutput()) != 0)
      return KernelCall::blocked(context,
                                 "has an int8 output quantized other than "
                                 "TFLite's required scale 1/128, zero point 0");
    call.callee = "l2_normalization_s8";
    call.i32("input_zero_point", zeroPointOf(op.getInput()));
    return call;
  }
  return KernelCall::blocked(context, "has no l2_normalization kernel for " +
                                          in + " to " + out + " tensors");
}

std::optional<KernelCall> planLogSoftmax(LogSoftmaxOp op) {
  MLIRContext *context = op.getContext();
  std::string in = typeTag(op.getInput()), out = typeTag(op.getOutput());
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  KernelCall call(context);
  call.operand(op.getInput());
  addRows(call, op.getInput());
  if (in == "float32" && out == "float32") {
    call.callee = "log_softmax_f32";
    return call;
  }
  if (in == "int8" && out == "int8" && isQuantized(op.getInput()) &&
      isQuantized(op.getOutput())) {
    if (floatScaleOf(op.getOutput()) != 16.0 / 256 ||
        zeroPointOf(op.getOutput()) != 127)
      return KernelCall::blocked(context,
                                 "has an int8 output quantized other than "
                                 "TFLite's required scale 16/256, zero "
                                 "point 127");
    // The input scaling is softmax's with beta 1; TFLM also needs its
    // inverse, 2^(31 - left_shift) / multiplier, as a multiplier below one.
    quant::SoftmaxParams params;
    if (!quant::computeSoftmaxParams(static_cast<float>(scaleOf(op.getInput())),
                                     1.0f, params) ||
        params.inputLeftShift < 1)
      return KernelCall::blocked(context, "has an int8 input scale too small "
                                          "for TFLite's LOG_SOFTMAX");
    quant::QuantizedMultiplier reverse = quant::quantizeMultiplier(
        static_cast<double>(int64_t{1} << (31 - params.inputLeftShift)) /
        static_cast<double>(params.inputMultiplier));
    if (reverse.shift > 0 || reverse.shift < -31)
      return KernelCall::blocked(context, "has an int8 input scale outside "
                                          "the range of TFLite's LOG_SOFTMAX");
    call.callee = "log_softmax_s8";
    call.i32("input_multiplier", params.inputMultiplier)
        .i32("input_left_shift", params.inputLeftShift)
        .i32("diff_min", params.diffMin)
        .i32("reverse_scaling_divisor", reverse.multiplier)
        .i32("reverse_scaling_shift", reverse.shift);
    return call;
  }
  return KernelCall::blocked(context, "has no log_softmax kernel for " + in +
                                          " to " + out + " tensors");
}

} // namespace

std::optional<KernelCall> planReductionCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](ReduceOp reduce) { return planReduce(reduce); })
      .Case([](ArgReduceOp arg) { return planArgReduce(arg); })
      .Case([](CumsumOp cumsum) { return planCumsum(cumsum); })
      .Case([](L2NormalizationOp l2) { return planL2Normalization(l2); })
      .Case([](LogSoftmaxOp logSoftmax) { return planLogSoftmax(logSoftmax); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
