//===- ElementwiseCalls.cpp - Kernels of per-element operators ------------===//
//
// This file implements the planner of graph.unary, the standalone
// activations (graph.relu, graph.relu6, int8 graph.leaky_relu), graph.binary,
// graph.select and graph.add_n: which runtime kernel computes each op for
// its tensor types, and with which parameters. Integer parameters follow
// TFLite Micro's Prepare functions, computed here once instead of at start-up.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "Int16Params.h"
#include "QuantizedMultiplier.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {
namespace {

/// "s8" or "s16" for a per-tensor quantized int8/int16 value, else "".
std::string quantizedSuffix(Value value) {
  if (!isQuantized(value))
    return "";
  std::string tag = typeTag(value);
  if (tag == "int8")
    return "s8";
  if (tag == "int16")
    return "s16";
  return "";
}

/// The storage range of a quantized value's type.
std::pair<int32_t, int32_t> storageRange(Value value) {
  auto type = cast<mlir::quant::UniformQuantizedType>(
      cast<ShapedType>(value.getType()).getElementType());
  return {static_cast<int32_t>(type.getStorageTypeMin()),
          static_cast<int32_t>(type.getStorageTypeMax())};
}

/// zero_point + round(real / scale) within the storage range, in float as
/// TFLM's FloatToQuantizedType and CalculateReluOpData compute it.
int32_t quantizeBound(float real, Value value) {
  auto [low, high] = storageRange(value);
  float steps = std::round(real / static_cast<float>(scaleOf(value)));
  int64_t quantized = roundSaturated(steps) + zeroPointOf(value);
  return static_cast<int32_t>(
      std::clamp<int64_t>(quantized, int64_t{low}, int64_t{high}));
}

KernelCall &rescaleArgs(KernelCall &call, Value input, Value output,
                        double realMultiplier) {
  ingot::quant::QuantizedMultiplier rescale =
      ingot::quant::quantizeMultiplier(realMultiplier);
  return call.i32("input_zero_point", zeroPointOf(input))
      .i32("output_zero_point", zeroPointOf(output))
      .i32("multiplier", rescale.multiplier)
      .i32("shift", rescale.shift);
}

/// TFLM's quantized RELU: rescale by input_scale / output_scale, clamp to
/// [quantized 0, quantized `upper`] (the type's maximum when `upper` is
/// infinite). Also TFLite's RELU6 between two quantizations.
KernelCall planQuantizedRelu(Value input, Value output, const std::string &tag,
                             float upper) {
  KernelCall call(input.getContext());
  call.callee = "relu_" + tag;
  call.header = "ref/relu_int";
  call.operand(input).i32("count", elementsOf(input));
  rescaleArgs(call, input, output,
              scaleOf(input) / static_cast<double>(scaleOf(output)));
  call.i32("low", quantizeBound(0.0f, output))
      .i32("high", std::isinf(upper) ? storageRange(output).second
                                     : quantizeBound(upper, output));
  return call;
}

KernelCall mathCall(MLIRContext *context, Value input, std::string callee) {
  KernelCall call(context);
  call.callee = std::move(callee);
  call.header = "ref/math_f32";
  call.operand(input).i32("count", elementsOf(input));
  return call;
}

KernelCall noKernel(Operation *op, llvm::StringRef kind, Value input,
                    Value output) {
  return KernelCall::blocked(op->getContext(),
                             ("has no " + kind + " kernel for ").str() +
                                 typeTag(input) + " to " + typeTag(output) +
                                 " tensors");
}

bool isCastType(const std::string &tag, bool asOutput) {
  static const char *const tags[] = {"int8", "int16", "int32", "float32"};
  return llvm::is_contained(tags, tag) || (!asOutput && tag == "bool");
}

/// TFLM's CheckedLog2: log2 of a float scale rounded to an integer, and
/// whether the scale is a power of two within TFLM's tolerance.
bool checkedLog2(float scale, int32_t &log2Rounded) {
  float log2 = std::log(scale) * (1.0f / std::log(2.0f));
  float rounded = std::round(log2);
  log2Rounded = static_cast<int32_t>(rounded);
  return std::abs(log2 - rounded) < 1e-3f;
}

/// int8 LOGISTIC and TANH as TFLM prepares them: the input, less its zero
/// point, is rescaled to Q4 by frexp(scale * 2^27) (mantissa rounded to Q31,
/// exponent as a left shift), and inputs whose Q4 value would overflow
/// saturate, beyond the radius floor(15 * 2^27 / 2^shift).
std::optional<KernelCall> planGemmlowpActivationS8(UnaryOp op,
                                                   llvm::StringRef callee,
                                                   int32_t outputScaleLog2,
                                                   int32_t outputZeroPoint) {
  Value input = op.getInput(), output = op.getOutput();
  MLIRContext *context = op.getContext();
  std::string kindName = stringifyUnaryKind(op.getKind()).str();
  if (scaleOf(output) != std::ldexp(1.0, outputScaleLog2) ||
      zeroPointOf(output) != outputZeroPoint)
    return KernelCall::blocked(
        context, llvm::formatv("int8 {0} needs TFLite's fixed output "
                               "quantization (scale 2^{1}, zero point {2})",
                               kindName, outputScaleLog2, outputZeroPoint)
                     .str());
  constexpr int32_t inputIntegerBits = 4;
  double realMultiplier =
      static_cast<double>(static_cast<float>(scaleOf(input))) *
      static_cast<double>(1 << (31 - inputIntegerBits));
  int exponent = 0;
  double mantissa = std::frexp(realMultiplier, &exponent);
  int64_t multiplier =
      static_cast<int64_t>(std::round(mantissa * 2147483648.0));
  // TFLM keeps the mantissa unnormalized (2^31 would overflow its int32) and
  // the shift must be a left shift within the int32 multiply.
  if (multiplier >= (int64_t{1} << 31) || exponent < 0 || exponent > 30)
    return KernelCall::blocked(
        context, llvm::formatv("int8 {0} has no kernel for the input scale {1}",
                               kindName, scaleOf(input))
                     .str());
  double radius = 1.0 * ((1 << inputIntegerBits) - 1) *
                  static_cast<double>(int64_t{1} << (31 - inputIntegerBits)) /
                  static_cast<double>(int64_t{1} << exponent);
  KernelCall call(context);
  call.callee = callee.str();
  call.operand(input)
      .i32("count", elementsOf(input))
      .i32("input_zero_point", zeroPointOf(input))
      .i32("input_range_radius", static_cast<int32_t>(std::floor(radius)))
      .i32("input_multiplier", static_cast<int32_t>(multiplier))
      .i32("input_left_shift", exponent);
  return call;
}

/// int16 LOGISTIC and TANH as TFLM prepares them: zero points 0, a Q0.15
/// output, and the input brought to steps of 1/(3 * 4096) by
/// (x * multiplier + half) >> shift. A power-of-two input scale of 2^-12
/// (LOGISTIC) or 2^-12 / 2^-11 (TANH) multiplies exactly by 3 << shift;
/// any other scale gets a 15-bit multiplier, doubled with the shift while it
/// stays at most 32767 / 2.
std::optional<KernelCall> planTableActivationS16(UnaryOp op,
                                                 llvm::StringRef callee,
                                                 int32_t maxPowerShift) {
  Value input = op.getInput(), output = op.getOutput();
  MLIRContext *context = op.getContext();
  std::string kindName = stringifyUnaryKind(op.getKind()).str();
  int32_t outputLog2 = 0;
  if (zeroPointOf(input) != 0 || zeroPointOf(output) != 0 ||
      !checkedLog2(static_cast<float>(scaleOf(output)), outputLog2) ||
      outputLog2 != -15)
    return KernelCall::blocked(
        context, "int16 " + kindName +
                     " needs zero points 0 and the output scale 2^-15");
  float inputScale = static_cast<float>(scaleOf(input));
  constexpr int32_t inputIntegerBits = 3;
  int32_t inputLog2 = 0;
  bool powerOfTwo = checkedLog2(inputScale, inputLog2);
  int32_t shift = (15 - inputIntegerBits) + inputLog2;
  int64_t multiplier = 0;
  if (powerOfTwo && shift >= 0 && shift <= maxPowerShift) {
    multiplier = int64_t{3} << shift;
    shift = 0;
  } else {
    double real = static_cast<double>(inputScale) * 4096.0 * 3.0;
    shift = 0;
    while (real <= 32767.0 / 2.0 && shift <= 30) {
      ++shift;
      real *= 2.0;
    }
    multiplier = static_cast<int64_t>(real);
  }
  // Larger multipliers would overflow the int32 product with the input.
  if (multiplier > 32767)
    return KernelCall::blocked(
        context, llvm::formatv("int16 {0} has no kernel for the input scale "
                               "{1} (above 2^-12 * 32767 / 3)",
                               kindName, scaleOf(input))
                     .str());
  KernelCall call(context);
  call.callee = callee.str();
  call.operand(input)
      .i32("count", elementsOf(input))
      .i32("input_multiplier", static_cast<int32_t>(multiplier))
      .i32("input_right_shift", shift);
  return call;
}

/// TFLM's DownScaleInt32ToInt16Multiplier: a Q31 multiplier rounded to Q15,
/// saturating at 32767.
int32_t downscaleToQ15(int32_t multiplier) {
  constexpr int32_t roundingOffset = 1 << 15;
  if (multiplier >= std::numeric_limits<int32_t>::max() - roundingOffset)
    return std::numeric_limits<int16_t>::max();
  return (multiplier + roundingOffset) >> 16;
}

/// int8 HARD_SWISH as TFLM prepares it: with the input widened by 2^7, the
/// output rescale is (input_scale / 128) / output_scale and the relu-ish
/// rescale maps the real value 3 to 2^15, (input_scale / 128) / (3 / 32768);
/// both are computed in float, quantized to Q31 and rounded to Q15.
std::optional<KernelCall> planHardSwishS8(UnaryOp op) {
  Value input = op.getInput(), output = op.getOutput();
  MLIRContext *context = op.getContext();
  float hiresInputScale = (1.0f / 128.0f) * static_cast<float>(scaleOf(input));
  float reluishScale = 3.0f / 32768.0f;
  ingot::quant::QuantizedMultiplier outputRescale =
      ingot::quant::quantizeMultiplier(static_cast<double>(
          hiresInputScale / static_cast<float>(scaleOf(output))));
  ingot::quant::QuantizedMultiplier reluishRescale =
      ingot::quant::quantizeMultiplier(
          static_cast<double>(hiresInputScale / reluishScale));
  // TFLM requires an output rescale below one. Smaller rescales, down to
  // quantizeMultiplier's 2^-31, divide a 16-bit value by up to 2^31, which
  // the kernel rounds as TFLM's 16-bit division does; the saturating left
  // shift reaches 30.
  if (outputRescale.shift > 0 || outputRescale.shift < -31 ||
      reluishRescale.shift < -31 || reluishRescale.shift > 30)
    return KernelCall::blocked(
        context,
        llvm::formatv("int8 hard_swish has no kernel for the input scale {0} "
                      "and the output scale {1}",
                      scaleOf(input), scaleOf(output))
            .str());
  KernelCall call(context);
  call.callee = "hard_swish_s8";
  call.operand(input)
      .i32("count", elementsOf(input))
      .i32("input_zero_point", zeroPointOf(input))
      .i32("output_zero_point", zeroPointOf(output))
      .i32("reluish_multiplier", downscaleToQ15(reluishRescale.multiplier))
      .i32("reluish_exponent", reluishRescale.shift)
      .i32("output_multiplier", downscaleToQ15(outputRescale.multiplier))
      .i32("output_exponent", outputRescale.shift);
  return call;
}

std::optional<KernelCall> planUnary(UnaryOp op) {
  MLIRContext *context = op.getContext();
  UnaryKind kind = op.getKind();
  std::string kindName = stringifyUnaryKind(kind).str();
  Value input = op.getInput(), output = op.getOutput();
  std::string in = typeTag(input), out = typeTag(output);
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);

  if (kind == UnaryKind::Cast) {
    if (!isCastType(in, false) || !isCastType(out, true))
      return noKernel(op, kindName, input, output);
    KernelCall call(context);
    call.callee = "cast";
    call.operand(input).i32("count", elementsOf(input));
    return call;
  }
  if (kind == UnaryKind::ZerosLike) {
    static const char *const tags[] = {"int8", "int16", "int32", "float32"};
    if (in != out || !llvm::is_contained(tags, in))
      return noKernel(op, kindName, input, output);
    KernelCall call(context);
    call.callee = "zeros_like";
    // A real 0: the zero point of a quantized output.
    call.operand(input)
        .i32("count", elementsOf(input))
        .i32("zero", isQuantized(output) ? zeroPointOf(output) : 0);
    return call;
  }
  if (kind == UnaryKind::LogicalNot) {
    if (in != "bool" || out != "bool")
      return noKernel(op, kindName, input, output);
    KernelCall call(context);
    call.callee = "logical_not";
    call.operand(input).i32("count", elementsOf(input));
    return call;
  }

  if (in == "float32" && out == "float32") {
    static const UnaryKind mathKinds[] = {
        UnaryKind::Abs,  UnaryKind::Ceil,      UnaryKind::Cos,
        UnaryKind::Exp,  UnaryKind::Floor,     UnaryKind::Log,
        UnaryKind::Neg,  UnaryKind::Round,     UnaryKind::Rsqrt,
        UnaryKind::Sin,  UnaryKind::Sqrt,      UnaryKind::Square,
        UnaryKind::Relu, UnaryKind::Relu6,     UnaryKind::Logistic,
        UnaryKind::Tanh, UnaryKind::HardSwish, UnaryKind::Elu};
    if (llvm::is_contained(mathKinds, kind))
      return mathCall(context, input, kindName + "_f32");
    return noKernel(op, kindName, input, output);
  }

  // Quantized kernels keep the element type.
  std::string suffix = quantizedSuffix(input);
  if (suffix.empty() || in != out || quantizedSuffix(output) != suffix)
    return noKernel(op, kindName, input, output);
  // TFLM's Prepare functions read the scales as float.
  float inputScale = static_cast<float>(scaleOf(input));
  float outputScale = static_cast<float>(scaleOf(output));
  switch (kind) {
  case UnaryKind::Relu:
    return planQuantizedRelu(input, output, suffix,
                             std::numeric_limits<float>::infinity());
  case UnaryKind::Relu6:
    return planQuantizedRelu(input, output, suffix, 6.0f);
  case UnaryKind::Abs: {
    KernelCall call(context);
    call.callee = "abs_" + suffix;
    call.header = "ref/abs_int";
    call.operand(input).i32("count", elementsOf(input));
    // TFLM divides the scales in float. Equal scales give the exact
    // multiplier of 1, TFLM's unscaled path.
    return rescaleArgs(call, input, output, inputScale / outputScale);
  }
  case UnaryKind::Elu: {
    if (suffix != "s8")
      break;
    // TFLM's Prepare builds this table in float: dequantize, e^x - 1 for
    // negatives, multiply by the inverse output scale, round, add the zero
    // point, saturate.
    float inverseOutputScale = 1.0f / outputScale;
    llvm::SmallVector<int32_t> table;
    for (int32_t value = -128; value <= 127; ++value) {
      float real = inputScale * static_cast<float>(value - zeroPointOf(input));
      float transformed = real < 0.0f ? std::exp(real) - 1.0f : real;
      float rescaled = std::round(transformed * inverseOutputScale);
      int64_t quantized =
          roundSaturated(rescaled + static_cast<float>(zeroPointOf(output)));
      table.push_back(
          static_cast<int32_t>(std::clamp<int64_t>(quantized, -128, 127)));
    }
    KernelCall call(context);
    call.callee = "elu_s8";
    call.operand(input).i32("count", elementsOf(input)).i32s("table", table);
    return call;
  }
  case UnaryKind::Logistic:
    if (suffix == "s8")
      return planGemmlowpActivationS8(op, "logistic_s8", -8, -128);
    return planTableActivationS16(op, "logistic_s16", 0);
  case UnaryKind::Tanh:
    if (suffix == "s8")
      return planGemmlowpActivationS8(op, "tanh_s8", -7, 0);
    return planTableActivationS16(op, "tanh_s16", 1);
  case UnaryKind::HardSwish:
    if (suffix != "s8")
      break;
    return planHardSwishS8(op);
  case UnaryKind::Rsqrt: {
    if (suffix != "s8")
      break;
    KernelCall call(context);
    call.callee = "rsqrt_s8";
    call.operand(input).i32("count", elementsOf(input));
    // TFLM takes the root and the product in float.
    float rootScale = std::sqrt(inputScale) * outputScale;
    return rescaleArgs(call, input, output, 1.0 / rootScale);
  }
  default:
    break;
  }
  return noKernel(op, kindName, input, output);
}

/// A standalone RELU keeps its input's quantization: TFLM still rescales
/// (by exactly 1) and clamps at the zero point.
std::optional<KernelCall> planRelu(ReluOp op) {
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(op.getContext(), why);
  if (typeTag(op.getInput()) == "float32")
    return mathCall(op.getContext(), op.getInput(), "relu_f32");
  std::string suffix = quantizedSuffix(op.getInput());
  if (suffix.empty())
    return noKernel(op, "relu", op.getInput(), op.getOutput());
  return planQuantizedRelu(op.getInput(), op.getOutput(), suffix,
                           std::numeric_limits<float>::infinity());
}

/// TFLM's RELU6 clamps raw values to [zero point, quantized 6].
std::optional<KernelCall> planRelu6(Relu6Op op) {
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(op.getContext(), why);
  Value input = op.getInput();
  if (typeTag(input) == "float32")
    return mathCall(op.getContext(), input, "relu6_f32");
  std::string suffix = quantizedSuffix(input);
  if (suffix.empty())
    return noKernel(op, "relu6", input, op.getOutput());
  KernelCall call(op.getContext());
  call.callee = "relu6_" + suffix;
  call.header = "ref/relu_int";
  call.operand(input)
      .i32("count", elementsOf(input))
      .i32("zero", zeroPointOf(input))
      .i32("six", quantizeBound(6.0f, input));
  return call;
}

/// int8 only: float32 and int16 LEAKY_RELU lower through their own patterns.
std::optional<KernelCall> planLeakyRelu(LeakyReluOp op) {
  Value input = op.getInput(), output = op.getOutput();
  if (quantizedSuffix(input) != "s8" || quantizedSuffix(output) != "s8")
    return std::nullopt;
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(op.getContext(), why);
  // TFLM computes the int8 multipliers as it does the int16 ones.
  ingot::quant::LeakyReluS16Params params = ingot::quant::leakyReluS16Params(
      static_cast<float>(scaleOf(input)), zeroPointOf(input),
      op.getAlpha().convertToFloat(), static_cast<float>(scaleOf(output)),
      zeroPointOf(output));
  KernelCall call(op.getContext());
  call.callee = "leaky_relu_s8";
  call.operand(input)
      .i32("count", elementsOf(input))
      .i32("input_zero_point", params.inputZeroPoint)
      .i32("output_zero_point", params.outputZeroPoint)
      .i32("identity_multiplier", params.identityMultiplier)
      .i32("identity_shift", params.identityShift)
      .i32("alpha_multiplier", params.alphaMultiplier)
      .i32("alpha_shift", params.alphaShift);
  return call;
}

} // namespace

std::optional<KernelCall> planElementwiseCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](UnaryOp unary) { return planUnary(unary); })
      .Case([](ReluOp relu) { return planRelu(relu); })
      .Case([](Relu6Op relu6) { return planRelu6(relu6); })
      .Case([](LeakyReluOp leakyRelu) { return planLeakyRelu(leakyRelu); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
