//===- BinaryCalls.cpp - Kernels of binary operators ------------------===//
//
// This file implements the planner of the per-element operators of two or
// more inputs: graph.binary, graph.select, graph.add_n, and the forms of
// graph.add and graph.sub the older patterns in GraphToKernel.cpp do not
// lower. The broadcasting kernels read each input through element strides
// along the output's dimensions (ref/broadcast.h), which are computed here.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"
#include "KernelParams.h"
#include "QuantizedMultiplier.h"

#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {
namespace {

constexpr size_t kMaxBroadcastRank = 6;

/// The output shape and each input's element strides along it, as the
/// broadcasting kernels take them: dimensions of extent 1 dropped and
/// neighbouring dimensions that every input traverses contiguously (or
/// repeats) merged, so that same-shaped inputs become one flat loop.
struct BroadcastLayout {
  SmallVector<int64_t> shape;
  SmallVector<SmallVector<int64_t>> strides;
};

BroadcastLayout broadcastLayout(ArrayRef<Value> inputs, Value output) {
  ArrayRef<int64_t> outputShape = shapeOf(output);
  SmallVector<SmallVector<int64_t>> full;
  for (Value input : inputs)
    full.push_back(broadcastStrides(input, outputShape));
  BroadcastLayout layout;
  layout.strides.resize(inputs.size());
  for (size_t dim = 0; dim < outputShape.size(); ++dim) {
    int64_t extent = outputShape[dim];
    if (extent == 1)
      continue;
    // An outer dimension of stride s and this one of stride t and extent n
    // form one loop of extent n * outer when s == t * n for every input.
    bool mergeable = !layout.shape.empty();
    for (size_t i = 0; i < inputs.size() && mergeable; ++i)
      mergeable = layout.strides[i].back() == full[i][dim] * extent;
    if (mergeable) {
      layout.shape.back() *= extent;
      for (size_t i = 0; i < inputs.size(); ++i)
        layout.strides[i].back() = full[i][dim];
      continue;
    }
    layout.shape.push_back(extent);
    for (size_t i = 0; i < inputs.size(); ++i)
      layout.strides[i].push_back(full[i][dim]);
  }
  if (layout.shape.empty()) {
    layout.shape.push_back(1);
    for (auto &strides : layout.strides)
      strides.push_back(0);
  }
  return layout;
}

/// Why `inputs` cannot be read broadcast to `output` by the kernels; empty
/// when they can.
std::string broadcastBlocker(ArrayRef<Value> inputs, Value output) {
  ArrayRef<int64_t> outputShape = shapeOf(output);
  for (Value input : inputs) {
    ArrayRef<int64_t> shape = shapeOf(input);
    if (shape.size() > outputShape.size())
      return "has an input of higher rank than its output";
    for (size_t i = 0; i < shape.size(); ++i) {
      int64_t outExtent = outputShape[outputShape.size() - shape.size() + i];
      if (shape[i] != 1 && shape[i] != outExtent)
        return "has an input that does not broadcast to its output";
    }
  }
  if (broadcastLayout(inputs, output).shape.size() > kMaxBroadcastRank)
    return "broadcasts over more than 6 dimensions";
  return "";
}

/// A call of `callee` from `header` on broadcast `inputs`: the pointers,
/// then rank, output shape and one stride array per input.
KernelCall broadcastCall(Operation *op, StringRef callee, StringRef header,
                         ArrayRef<Value> inputs) {
  static const char *const strideNames[] = {"input1_strides", "input2_strides",
                                            "input3_strides"};
  KernelCall call(op->getContext());
  call.callee = callee.str();
  call.header = header.str();
  for (Value input : inputs)
    call.operand(input);
  BroadcastLayout layout = broadcastLayout(inputs, op->getResult(0));
  call.i32("rank", layout.shape.size()).i32s("output_shape", layout.shape);
  for (size_t i = 0; i < inputs.size(); ++i)
    call.i32s(strideNames[i], layout.strides[i]);
  return call;
}

/// The float32 clamp bounds of a fused activation, as TFLite's
/// CalculateActivationRange gives them: the largest finite floats for an
/// unbounded side.
void floatActivation(KernelCall &call, Activation activation, Value output) {
  Clamp clamp = clampOf(activation, output);
  float largest = std::numeric_limits<float>::max();
  call.f32("activation_min", std::isinf(clamp.minF) ? -largest : clamp.minF)
      .f32("activation_max", std::isinf(clamp.maxF) ? largest : clamp.maxF);
}

/// The int32 clamp bounds of a fused activation on unquantized int32.
void int32Activation(KernelCall &call, Activation activation) {
  int64_t low = std::numeric_limits<int32_t>::min();
  int64_t high = std::numeric_limits<int32_t>::max();
  switch (activation) {
  case Activation::None:
    break;
  case Activation::Relu:
    low = 0;
    break;
  case Activation::Relu6:
    low = 0;
    high = 6;
    break;
  case Activation::ReluN1To1:
    low = -1;
    high = 1;
    break;
  }
  call.i32("activation_min", low).i32("activation_max", high);
}

/// A Q31 multiplier and shift, as two named arguments.
void multiplier(KernelCall &call, StringRef name, double real) {
  quant::QuantizedMultiplier q = quant::quantizeMultiplier(real);
  call.i32((name + "_multiplier").str(), q.multiplier)
      .i32((name + "_shift").str(), q.shift);
}

/// The full range of int8 or int16 as the activation bounds, where the
/// reference clamps to the storage type whatever the quantization says.
void typeRange(KernelCall &call, bool int8) {
  call.i32("activation_min", int8 ? std::numeric_limits<int8_t>::min()
                                  : std::numeric_limits<int16_t>::min())
      .i32("activation_max", int8 ? std::numeric_limits<int8_t>::max()
                                  : std::numeric_limits<int16_t>::max());
}

bool isQuantizedInt(Value value, StringRef tag) {
  return isQuantized(value) && typeTag(value) == tag;
}

bool isComparison(BinaryKind kind) {
  switch (kind) {
  case BinaryKind::Equal:
  case BinaryKind::NotEqual:
  case BinaryKind::Greater:
  case BinaryKind::GreaterEqual:
  case BinaryKind::Less:
  case BinaryKind::LessEqual:
    return true;
  default:
    return false;
  }
}

/// int8 or int16 SQUARED_DIFFERENCE, rescaled as TFLite Micro does: both
/// inputs to twice the larger input scale (after a left shift that keeps
/// precision without overflowing the square), the square back to the output.
KernelCall planSquaredDifference(BinaryOp op) {
  Value lhs = op.getLhs(), rhs = op.getRhs(), output = op.getOutput();
  bool int8 = typeTag(output) == "int8";
  if (!int8 && (zeroPointOf(lhs) != 0 || zeroPointOf(rhs) != 0 ||
                zeroPointOf(output) != 0))
    return KernelCall::blocked(op.getContext(),
                               "has an int16 zero point other than 0, which "
                               "TFLite's int16 SQUARED_DIFFERENCE does not "
                               "take");
  int32_t leftShift = int8 ? 7 : 0;
  float scale1 = static_cast<float>(scaleOf(lhs));
  float scale2 = static_cast<float>(scaleOf(rhs));
  float scaleOut = static_cast<float>(scaleOf(output));
  double twiceMax = 2.0 * static_cast<double>(std::max(scale1, scale2));
  // The reference multiplies 2^(2 * left_shift) by the output scale in float
  // (exact for a power of two) before the division in double.
  float denominator =
      static_cast<float>(int32_t{1} << (2 * leftShift)) * scaleOut;
  KernelCall call = broadcastCall(
      op, int8 ? "squared_difference_s8" : "squared_difference_s16",
      "ref/binary_quantized", {lhs, rhs});
  call.i32("input1_offset", -zeroPointOf(lhs));
  multiplier(call, "input1", static_cast<double>(scale1) / twiceMax);
  call.i32("input2_offset", -zeroPointOf(rhs));
  multiplier(call, "input2", static_cast<double>(scale2) / twiceMax);
  call.i32("left_shift", leftShift).i32("output_offset", zeroPointOf(output));
  multiplier(call, "output",
             twiceMax * twiceMax / static_cast<double>(denominator));
  // The reference has no fused activation here: it clamps to the type.
  typeRange(call, int8);
  return call;
}

/// int8 PRELU, and int16 PRELU with an int8 alpha (the only alpha type
/// TFLite Micro takes for it): the non-negative side rescaled by
/// input_scale / output_scale, the negative side's product with alpha by
/// input_scale * alpha_scale / output_scale.
KernelCall planQuantizedPrelu(BinaryOp op) {
  Value input = op.getLhs(), alpha = op.getRhs(), output = op.getOutput();
  double inputScale = static_cast<float>(scaleOf(input));
  double alphaScale = static_cast<float>(scaleOf(alpha));
  double outputScale = static_cast<float>(scaleOf(output));
  KernelCall call =
      broadcastCall(op, typeTag(output) == "int8" ? "prelu_s8" : "prelu_s16",
                    "ref/binary_quantized", {input, alpha});
  call.i32("input_offset", -zeroPointOf(input))
      .i32("alpha_offset", -zeroPointOf(alpha))
      .i32("output_offset", zeroPointOf(output));
  multiplier(call, "identity", inputScale / outputScale);
  multiplier(call, "alpha", inputScale * alphaScale / outputScale);
  return call;
}

std::optional<KernelCall> planBinary(BinaryOp op) {
  MLIRContext *context = op.getContext();
  std::string kind = stringifyBinaryKind(op.getKind()).str();
  Value lhs = op.getLhs(), rhs = op.getRhs(), output = op.getOutput();
  std::string in = typeTag(lhs), out = typeTag(output);
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  if (std::string why = broadcastBlocker({lhs, rhs}, output); !why.empty())
    return KernelCall::blocked(context, why);
  auto noKernel = [&] {
    return KernelCall::blocked(context, "has no " + kind + " kernel for " + in +
                                            " and " + typeTag(rhs) + " to " +
                                            out + " tensors");
  };
  if (op.getKind() == BinaryKind::Prelu && (in == "int8" || in == "int16") &&
      typeTag(rhs) == "int8" && out == in && isQuantized(lhs) &&
      isQuantized(rhs) && isQuantized(output))
    return planQuantizedPrelu(op);
  if (typeTag(rhs) != in)
    return noKernel();
  BinaryKind binaryKind = op.getKind();
  Activation activation = op.getFusedActivation();

  if (isComparison(binaryKind)) {
    if (out != "bool")
      return noKernel();
    if (in == "float32" || in == "int32" ||
        (in == "bool" && (binaryKind == BinaryKind::Equal ||
                          binaryKind == BinaryKind::NotEqual)))
      return broadcastCall(op, kind, "ref/comparison", {lhs, rhs});
    if (isQuantizedInt(lhs, "int8") && isQuantizedInt(rhs, "int8")) {
      // TFLite Micro rescales both inputs by their own scales (a Q31
      // multiplier each) after a left shift of 8, then compares.
      KernelCall call =
          broadcastCall(op, kind + "_s8", "ref/comparison", {lhs, rhs});
      call.i32("input1_offset", -zeroPointOf(lhs));
      multiplier(call, "input1", scaleOf(lhs));
      call.i32("input2_offset", -zeroPointOf(rhs));
      multiplier(call, "input2", scaleOf(rhs));
      return call;
    }
    return noKernel();
  }
  if (binaryKind == BinaryKind::LogicalAnd ||
      binaryKind == BinaryKind::LogicalOr) {
    if (in != "bool" || out != "bool")
      return noKernel();
    return broadcastCall(op, kind, "ref/comparison", {lhs, rhs});
  }
  if (out != in)
    return noKernel();
  if (binaryKind == BinaryKind::Maximum || binaryKind == BinaryKind::Minimum) {
    // The reference compares stored values, whatever the quantization.
    if (in == "float32" || in == "int32" || in == "int8" || in == "int16")
      return broadcastCall(op, kind, "ref/maximum_minimum", {lhs, rhs});
    return noKernel();
  }
  if (in == "float32") {
    switch (binaryKind) {
    case BinaryKind::Mul:
    case BinaryKind::Div: {
      KernelCall call =
          broadcastCall(op, kind + "_f32", "ref/binary_f32", {lhs, rhs});
      floatActivation(call, activation, output);
      return call;
    }
    case BinaryKind::SquaredDifference:
    case BinaryKind::FloorDiv:
    case BinaryKind::FloorMod:
    case BinaryKind::Prelu:
      return broadcastCall(op, kind + "_f32", "ref/binary_f32", {lhs, rhs});
    default:
      return noKernel();
    }
  }
  if (in == "int32") {
    switch (binaryKind) {
    case BinaryKind::Mul:
    case BinaryKind::Div: {
      KernelCall call =
          broadcastCall(op, kind + "_s32", "ref/binary_s32", {lhs, rhs});
      int32Activation(call, activation);
      return call;
    }
    case BinaryKind::SquaredDifference:
      return broadcastCall(op, kind + "_s32", "ref/binary_s32", {lhs, rhs});
    default:
      return noKernel();
    }
  }
  bool quantizedInts = isQuantized(lhs) && isQuantized(rhs) &&
                       isQuantized(output) && (in == "int8" || in == "int16");
  if (quantizedInts && binaryKind == BinaryKind::Mul) {
    // TFLite Micro's int16 MUL requires zero points of 0.
    if (in == "int16" && (zeroPointOf(lhs) != 0 || zeroPointOf(rhs) != 0 ||
                          zeroPointOf(output) != 0))
      return KernelCall::blocked(context, "has an int16 zero point other "
                                          "than 0, which TFLite's int16 MUL "
                                          "does not take");
    KernelCall call = broadcastCall(op, in == "int8" ? "mul_s8" : "mul_s16",
                                    "ref/binary_quantized", {lhs, rhs});
    call.i32("input1_offset", -zeroPointOf(lhs))
        .i32("input2_offset", -zeroPointOf(rhs))
        .i32("output_offset", zeroPointOf(output));
    multiplier(call, "output",
               static_cast<double>(static_cast<float>(scaleOf(lhs))) *
                   static_cast<double>(static_cast<float>(scaleOf(rhs))) /
                   static_cast<double>(static_cast<float>(scaleOf(output))));
    Clamp clamp = clampOf(activation, output);
    call.i32("activation_min", clamp.min).i32("activation_max", clamp.max);
    return call;
  }
  if (quantizedInts && binaryKind == BinaryKind::SquaredDifference)
    return planSquaredDifference(op);
  return noKernel();
}

/// ADD and SUB on the types and shapes the older patterns do not take:
/// float32 and int8 ADD of equal shapes and int16 ADD and SUB stay with
/// them (std::nullopt), as does anything else they already refuse.
template <typename AddOrSubOp>
std::optional<KernelCall> planAddSub(AddOrSubOp op, StringRef name) {
  MLIRContext *context = op.getContext();
  Value lhs = op.getLhs(), rhs = op.getRhs(), output = op.getOutput();
  std::string in = typeTag(lhs), out = typeTag(output);
  bool isAdd = std::is_same_v<AddOrSubOp, AddOp>;
  if (typeTag(rhs) != in || out != in)
    return std::nullopt;
  if (in == "int16")
    return std::nullopt;
  bool sameShapes =
      shapeOf(lhs) == shapeOf(output) && shapeOf(rhs) == shapeOf(output);
  if (isAdd && sameShapes && (in == "float32" || in == "int8"))
    return std::nullopt;
  bool int8 = in == "int8" && isQuantized(lhs) && isQuantized(rhs) &&
              isQuantized(output);
  if (in == "int8" && !int8)
    return KernelCall::blocked(context,
                               "has int8 tensors without quantization "
                               "parameters, which its broadcasting kernel "
                               "needs");
  if (in != "float32" && in != "int32" && !int8)
    return std::nullopt;
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  if (std::string why = broadcastBlocker({lhs, rhs}, output); !why.empty())
    return KernelCall::blocked(context, why);
  if (int8) {
    float scale1 = static_cast<float>(scaleOf(lhs));
    float scale2 = static_cast<float>(scaleOf(rhs));
    float scaleOut = static_cast<float>(scaleOf(output));
    quant::AddParams params = quant::computeAddParams(
        scale1, zeroPointOf(lhs), scale2, zeroPointOf(rhs), scaleOut,
        zeroPointOf(output));
    if (!isAdd) {
      // TFLite Micro's SUB rounds every quotient to float before widening
      // it, where ADD divides in double.
      float twiceMax = 2.0f * std::max(scale1, scale2);
      float real1 = scale1 / twiceMax;
      float real2 = scale2 / twiceMax;
      float denominator =
          static_cast<float>(int32_t{1} << params.leftShift) * scaleOut;
      float realOut = twiceMax / denominator;
      quant::QuantizedMultiplier q1 = quant::quantizeMultiplier(real1);
      quant::QuantizedMultiplier q2 = quant::quantizeMultiplier(real2);
      quant::QuantizedMultiplier qOut = quant::quantizeMultiplier(realOut);
      params.input1Multiplier = q1.multiplier;
      params.input1Shift = q1.shift;
      params.input2Multiplier = q2.multiplier;
      params.input2Shift = q2.shift;
      params.outputMultiplier = qOut.multiplier;
      params.outputShift = qOut.shift;
    }
    if (params.outputShift > 0)
      return KernelCall::blocked(context,
                                 "has an output scale too small for its "
                                 "input scales (TFLite refuses it too)");
    KernelCall call = broadcastCall(op, isAdd ? "add_broadcast_s8" : "sub_s8",
                                    "ref/binary_quantized", {lhs, rhs});
    Clamp clamp = clampOf(op.getFusedActivation(), output);
    call.i32("input1_offset", params.input1Offset)
        .i32("input1_multiplier", params.input1Multiplier)
        .i32("input1_shift", params.input1Shift)
        .i32("input2_offset", params.input2Offset)
        .i32("input2_multiplier", params.input2Multiplier)
        .i32("input2_shift", params.input2Shift)
        .i32("left_shift", params.leftShift)
        .i32("output_offset", params.outputOffset)
        .i32("output_multiplier", params.outputMultiplier)
        .i32("output_shift", params.outputShift)
        .i32("activation_min", clamp.min)
        .i32("activation_max", clamp.max);
    return call;
  }
  if (in == "float32") {
    KernelCall call = broadcastCall(op, isAdd ? "add_broadcast_f32" : "sub_f32",
                                    "ref/binary_f32", {lhs, rhs});
    floatActivation(call, op.getFusedActivation(), output);
    return call;
  }
  KernelCall call =
      broadcastCall(op, (name + "_s32").str(), "ref/binary_s32", {lhs, rhs});
  // TFLite Micro's int32 ADD ignores the fused activation; SUB applies it.
  int32Activation(call, isAdd ? Activation::None : op.getFusedActivation());
  return call;
}

std::optional<KernelCall> planSelect(SelectOp op) {
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  Value condition = op.getCondition(), x = op.getX(), y = op.getY();
  if (typeTag(condition) != "bool" || typeTag(x) != typeTag(op.getOutput()) ||
      typeTag(y) != typeTag(op.getOutput()))
    return KernelCall::blocked(
        context, "has no select_v2 kernel for a " + typeTag(condition) +
                     " condition and " + typeTag(x) + " and " + typeTag(y) +
                     " values to " + typeTag(op.getOutput()));
  if (std::string why = broadcastBlocker({condition, x, y}, op.getOutput());
      !why.empty())
    return KernelCall::blocked(context, why);
  return broadcastCall(op, "select_v2", "ref/select", {condition, x, y});
}

/// int8 ADD_N: each input rescaled as ADD rescales its inputs (all inputs
/// share one scale, so both of ADD's input rescales are the same 1/2), the
/// sum rescaled to the output once.
KernelCall planAddNInt8(AddNOp op) {
  MLIRContext *context = op.getContext();
  Value output = op.getOutput();
  Value first = op.getInputs().front();
  for (Value value : op.getOperation()->getOperands())
    if (!isQuantized(value))
      return KernelCall::blocked(context, "has an int8 input without "
                                          "quantization parameters");
  if (!isQuantized(output))
    return KernelCall::blocked(context, "has an int8 output without "
                                        "quantization parameters");
  for (Value input : op.getInputs())
    if (scaleOf(input) != scaleOf(first) ||
        zeroPointOf(input) != zeroPointOf(first))
      return KernelCall::blocked(context,
                                 "has int8 inputs of different scales or zero "
                                 "points, which TFLite's ADD_N does not take");
  // Each rescaled input is below 2^27 in magnitude (255 * 2^20 / 2).
  constexpr size_t kMaxInt8Inputs = 16;
  if (op.getInputs().size() > kMaxInt8Inputs)
    return KernelCall::blocked(context,
                               "has more than 16 int8 inputs, whose rescaled "
                               "sum could overflow int32");
  float inputScale = static_cast<float>(scaleOf(first));
  quant::AddParams params = quant::computeAddParams(
      inputScale, zeroPointOf(first), inputScale, zeroPointOf(first),
      static_cast<float>(scaleOf(output)), zeroPointOf(output));
  if (params.outputShift > 0)
    return KernelCall::blocked(context,
                               "has an output scale too small for its input "
                               "scale (TFLite refuses it too)");
  KernelCall call(context);
  call.callee = "add_n_s8";
  call.header = "ref/add_n";
  for (Value input : op.getInputs())
    call.operand(input);
  call.i32("count", elementsOf(output))
      .i32("input_offset", params.input1Offset)
      .i32("input_multiplier", params.input1Multiplier)
      .i32("input_shift", params.input1Shift)
      .i32("left_shift", params.leftShift)
      .i32("output_offset", params.outputOffset)
      .i32("output_multiplier", params.outputMultiplier)
      .i32("output_shift", params.outputShift);
  typeRange(call, /*int8=*/true);
  return call;
}

std::optional<KernelCall> planAddN(AddNOp op) {
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  std::string out = typeTag(op.getOutput());
  for (Value input : op.getInputs())
    if (typeTag(input) != out)
      return KernelCall::blocked(context,
                                 "has inputs of different types than its "
                                 "output");
  if (out == "float32") {
    KernelCall call(context);
    call.callee = "add_n_f32";
    call.header = "ref/add_n";
    for (Value input : op.getInputs())
      call.operand(input);
    call.i32("count", elementsOf(op.getOutput()));
    return call;
  }
  if (out == "int8")
    return planAddNInt8(op);
  return KernelCall::blocked(context,
                             "has no add_n kernel for " + out + " tensors");
}

} // namespace

std::optional<KernelCall> planBinaryCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](BinaryOp binary) { return planBinary(binary); })
      .Case([](AddOp add) { return planAddSub(add, "add"); })
      .Case([](SubOp sub) { return planAddSub(sub, "sub"); })
      .Case([](SelectOp select) { return planSelect(select); })
      .Case([](AddNOp addN) { return planAddN(addN); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
