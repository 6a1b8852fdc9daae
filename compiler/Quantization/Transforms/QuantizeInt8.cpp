//===- QuantizeInt8.cpp - Full-integer post-training quantization ---------===//
//
// This file implements the ingot-quantize-int8 pass: given calibrated float
// ranges, every tensor of a float graph gets the int8 (weights, activations)
// or int32 (biases) type the TFLite converter would give it with a
// representative dataset. Types change in place; the ops keep their
// semantics, which is the point of keeping quantization in the type system.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Transforms/Passes.h"

#include "ActivationQuantization.h"
#include "WeightQuantization.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/TypeSwitch.h"

namespace ingot {
#define GEN_PASS_DEF_QUANTIZEINT8PASS
#include "Quantization/Transforms/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;
namespace mq = mlir::quant;
namespace iq = ingot::quant;

namespace {

RankedTensorType withElement(Value value, Type element) {
  return RankedTensorType::get(
      cast<RankedTensorType>(value.getType()).getShape(), element);
}

mq::UniformQuantizedType int8Type(MLIRContext *context,
                                  iq::AffineParams params) {
  return mq::UniformQuantizedType::get(
      mq::QuantizationFlags::Signed, IntegerType::get(context, 8),
      Float32Type::get(context), params.scale, params.zeroPoint, -128, 127);
}

/// The uint8 twin of an int8 type, as the converter writes for a uint8
/// inference_input_type: same scale, zero point 128 higher.
mq::UniformQuantizedType uint8Twin(mq::UniformQuantizedType int8) {
  MLIRContext *context = int8.getContext();
  return mq::UniformQuantizedType::get(
      0, IntegerType::get(context, 8), Float32Type::get(context),
      int8.getScale(), int8.getZeroPoint() + 128, 0, 255);
}

mq::UniformQuantizedType int16Type(MLIRContext *context,
                                   iq::AffineParams params) {
  return mq::UniformQuantizedType::get(
      mq::QuantizationFlags::Signed, IntegerType::get(context, 16),
      Float32Type::get(context), params.scale, params.zeroPoint, -32768, 32767);
}

std::optional<std::vector<float>> floatValues(Value value) {
  auto constant = value.getDefiningOp<graph::ConstOp>();
  auto values =
      constant ? dyn_cast<DenseElementsAttr>(constant.getValue()) : nullptr;
  if (!values || !values.getElementType().isF32())
    return std::nullopt;
  return std::vector<float>(values.getValues<float>().begin(),
                            values.getValues<float>().end());
}

class Int8Quantizer {
public:
  Int8Quantizer(func::FuncOp function, bool floatInterface, bool uint8Interface,
                bool int16Activations, bool strict)
      : function(function), floatInterface(floatInterface),
        uint8Interface(uint8Interface), int16Activations(int16Activations),
        strict(strict), builder(function.getContext()) {}

  LogicalResult run();

private:
  LogicalResult quantizeInputs();
  LogicalResult quantizeOp(Operation *op);
  LogicalResult quantizeOutputs();
  /// Keeps `op` in float between DEQUANTIZE and (at its users) QUANTIZE.
  LogicalResult keepFloat(Operation *op);
  /// Quantizes float activation operands that come from ops kept in float.
  void requantizeFloatOperands(Operation *op);
  /// The calibrated type of `op`'s result.
  FailureOr<mq::UniformQuantizedType> calibratedType(Operation *op);
  /// Replaces the float constant `filter` used by `user` with int8 values.
  FailureOr<std::vector<float>> quantizeFilter(Operation *user, Value filter,
                                               int axis);
  LogicalResult quantizeBias(Operation *user, Value bias, float inputScale,
                             const std::vector<float> &filterScales);
  mq::UniformQuantizedType typeOf(Value value) {
    return dyn_cast<mq::UniformQuantizedType>(
        cast<ShapedType>(value.getType()).getElementType());
  }

  /// The activation type for a calibrated range: asymmetric int8, or
  /// symmetric int16 in the int16x8 scheme.
  mq::UniformQuantizedType activationType(float min, float max) {
    if (int16Activations)
      return int16Type(builder.getContext(), iq::chooseInt16Params(min, max));
    return int8Type(builder.getContext(), iq::chooseInt8Params(min, max));
  }

  func::FuncOp function;
  bool floatInterface;
  /// Inputs and outputs are uint8, requantized to and from int8 at the edges.
  bool uint8Interface;
  bool int16Activations;
  bool strict;
  OpBuilder builder;
  /// The calibrated integer type of each output of an op kept in float.
  llvm::DenseMap<Value, mq::UniformQuantizedType> floatOutputTypes;
};

/// The ops ingot can give integer types, as the converter's
/// TFLITE_BUILTINS_INT8 set would for this graph.
bool isQuantizable(Operation *op) {
  return isa<graph::Conv2DOp, graph::DepthwiseConv2DOp, graph::FullyConnectedOp,
             graph::AddOp, graph::AveragePool2DOp, graph::MaxPool2DOp,
             graph::ReshapeOp, graph::SoftmaxOp>(op);
}

/// Operands of a quantizable op that are activations (not weights).
unsigned activationOperands(Operation *op) {
  return isa<graph::AddOp>(op) ? 2 : 1;
}

LogicalResult Int8Quantizer::keepFloat(Operation *op) {
  FailureOr<mq::UniformQuantizedType> type = calibratedType(op);
  if (failed(type))
    return failure();
  floatOutputTypes[op->getResult(0)] = *type;
  builder.setInsertionPoint(op);
  for (OpOperand &operand : op->getOpOperands()) {
    Value value = operand.get();
    if (!typeOf(value))
      continue;
    operand.set(graph::DequantizeOp::create(
        builder, op->getLoc(), withElement(value, builder.getF32Type()),
        value));
  }
  op->setAttr("ingot.kept_float", builder.getUnitAttr());
  return success();
}

void Int8Quantizer::requantizeFloatOperands(Operation *op) {
  builder.setInsertionPoint(op);
  for (unsigned i = 0; i < activationOperands(op); ++i) {
    Value value = op->getOperand(i);
    auto it = floatOutputTypes.find(value);
    if (it == floatOutputTypes.end())
      continue;
    op->setOperand(i, graph::QuantizeOp::create(builder, op->getLoc(),
                                                withElement(value, it->second),
                                                value));
  }
}

LogicalResult Int8Quantizer::quantizeInputs() {
  auto ranges = function->getAttrOfType<ArrayAttr>("ingot.input_ranges");
  Block &entry = function.getBody().front();
  for (BlockArgument argument : entry.getArguments()) {
    auto range =
        ranges && argument.getArgNumber() < ranges.size()
            ? dyn_cast<DenseF32ArrayAttr>(ranges[argument.getArgNumber()])
            : nullptr;
    if (!range || range.size() != 2)
      return function.emitError("input ")
             << argument.getArgNumber()
             << " has no calibrated range; calibrate the model first";
    auto type = activationType(range[0], range[1]);
    if (!floatInterface && !uint8Interface) {
      argument.setType(withElement(argument, type));
      continue;
    }
    // A float or uint8 input reaches the int8 graph through a QUANTIZE.
    if (uint8Interface)
      argument.setType(withElement(argument, uint8Twin(type)));
    builder.setInsertionPointToStart(&entry);
    auto quantize = graph::QuantizeOp::create(
        builder, function.getLoc(), withElement(argument, type), argument);
    argument.replaceAllUsesExcept(quantize.getOutput(), quantize);
  }
  return success();
}

FailureOr<mq::UniformQuantizedType>
Int8Quantizer::calibratedType(Operation *op) {
  auto range = op->getAttrOfType<DenseF32ArrayAttr>("ingot.range");
  if (!range || range.size() != 2)
    return op->emitError("has no calibrated range; calibrate the model first");
  return activationType(range[0], range[1]);
}

FailureOr<std::vector<float>>
Int8Quantizer::quantizeFilter(Operation *user, Value filter, int axis) {
  // A filter the converter already quantized (a dynamic-range model) keeps
  // its exact int8 values: requantizing them would round them twice.
  Type existing = cast<ShapedType>(filter.getType()).getElementType();
  if (auto perTensor = dyn_cast<mq::UniformQuantizedType>(existing))
    if (perTensor.getStorageTypeIntegralWidth() == 8 &&
        perTensor.getZeroPoint() == 0)
      return std::vector<float>{static_cast<float>(perTensor.getScale())};
  if (auto perAxis = dyn_cast<mq::UniformQuantizedPerAxisType>(existing))
    if (perAxis.getStorageTypeIntegralWidth() == 8 &&
        perAxis.getQuantizedDimension() == axis &&
        llvm::all_of(perAxis.getZeroPoints(), [](int64_t z) { return z == 0; }))
      return std::vector<float>(perAxis.getScales().begin(),
                                perAxis.getScales().end());
  std::optional<std::vector<float>> values = floatValues(filter);
  if (!values)
    return user->emitError("needs a constant float filter to quantize");
  auto shape = cast<RankedTensorType>(filter.getType()).getShape();
  iq::QuantizedWeights quantized;
  if (axis == 0)
    quantized = iq::quantizeWeightsPerChannel(*values, shape[0]);
  else if (axis > 0)
    quantized = iq::quantizeWeightsPerLastAxis(*values, shape[axis]);
  else
    quantized = iq::quantizeWeightsPerTensor(*values);
  MLIRContext *context = builder.getContext();
  Type storage = IntegerType::get(context, 8);
  Type element;
  if (axis >= 0) {
    SmallVector<double> scales(quantized.scales.begin(),
                               quantized.scales.end());
    element = mq::UniformQuantizedPerAxisType::get(
        mq::QuantizationFlags::Signed, storage, Float32Type::get(context),
        scales, SmallVector<int64_t>(scales.size(), 0), axis, -127, 127);
  } else {
    element = mq::UniformQuantizedType::get(
        mq::QuantizationFlags::Signed, storage, Float32Type::get(context),
        quantized.scales.front(), 0, -127, 127);
  }
  auto constant = filter.getDefiningOp<graph::ConstOp>();
  builder.setInsertionPoint(constant);
  auto value = DenseElementsAttr::get(RankedTensorType::get(shape, storage),
                                      ArrayRef<int8_t>(quantized.values));
  auto replacement = graph::ConstOp::create(
      builder, constant.getLoc(), withElement(filter, element), value);
  user->replaceUsesOfWith(filter, replacement);
  if (constant->use_empty())
    constant->erase();
  return quantized.scales;
}

LogicalResult
Int8Quantizer::quantizeBias(Operation *user, Value bias, float inputScale,
                            const std::vector<float> &filterScales) {
  if (!bias)
    return success();
  std::optional<std::vector<float>> values = floatValues(bias);
  if (!values)
    return user->emitError("needs a constant float bias to quantize");
  MLIRContext *context = builder.getContext();
  auto biasScale = [&](size_t i) {
    // The converter multiplies the scales in float.
    return inputScale * filterScales[filterScales.size() == 1 ? 0 : i];
  };
  auto constant = bias.getDefiningOp<graph::ConstOp>();
  auto shape = cast<RankedTensorType>(bias.getType()).getShape();
  if (int16Activations) {
    // int16x8 biases are 64-bit; MLIR's quant types stop at 32 bits, so they
    // are plain integers, which is how the importer reads them too.
    std::vector<int64_t> wide(values->size());
    for (size_t i = 0; i < values->size(); ++i)
      wide[i] = iq::quantizeBias64((*values)[i], biasScale(i));
    auto type = RankedTensorType::get(shape, IntegerType::get(context, 64));
    builder.setInsertionPoint(constant);
    auto replacement = graph::ConstOp::create(
        builder, constant.getLoc(), type,
        DenseElementsAttr::get(type, ArrayRef<int64_t>(wide)));
    user->replaceUsesOfWith(bias, replacement);
    if (constant->use_empty())
      constant->erase();
    return success();
  }
  Type storage = IntegerType::get(context, 32);
  std::vector<int32_t> stored(values->size());
  SmallVector<double> scales;
  for (size_t i = 0; i < values->size(); ++i) {
    float scale = biasScale(i);
    if (scales.size() < (filterScales.size() == 1 ? 1 : values->size()))
      scales.push_back(scale);
    stored[i] = iq::quantizeBias((*values)[i], scale);
  }
  int64_t limit = std::numeric_limits<int32_t>::max();
  Type element;
  if (scales.size() == 1)
    element = mq::UniformQuantizedType::get(mq::QuantizationFlags::Signed,
                                            storage, Float32Type::get(context),
                                            scales.front(), 0, -limit, limit);
  else
    element = mq::UniformQuantizedPerAxisType::get(
        mq::QuantizationFlags::Signed, storage, Float32Type::get(context),
        scales, SmallVector<int64_t>(scales.size(), 0), 0, -limit, limit);
  builder.setInsertionPoint(constant);
  auto value = DenseElementsAttr::get(RankedTensorType::get(shape, storage),
                                      ArrayRef<int32_t>(stored));
  auto replacement = graph::ConstOp::create(builder, constant.getLoc(),
                                            withElement(bias, element), value);
  user->replaceUsesOfWith(bias, replacement);
  if (constant->use_empty())
    constant->erase();
  return success();
}

LogicalResult Int8Quantizer::quantizeOp(Operation *op) {
  auto setResult = [&](mq::UniformQuantizedType type) {
    op->getResult(0).setType(withElement(op->getResult(0), type));
    return success();
  };
  auto weighted = [&](auto conv, int filterAxis) -> LogicalResult {
    mq::UniformQuantizedType input = typeOf(conv.getInput());
    FailureOr<mq::UniformQuantizedType> output = calibratedType(op);
    if (!input)
      return op->emitError("has an input that is not quantized");
    if (failed(output))
      return failure();
    FailureOr<std::vector<float>> scales =
        quantizeFilter(op, conv.getFilter(), filterAxis);
    if (failed(scales) ||
        failed(quantizeBias(op, conv.getBias(),
                            static_cast<float>(input.getScale()), *scales)))
      return failure();
    return setResult(*output);
  };
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](graph::Conv2DOp conv) { return weighted(conv, 0); })
      .Case([&](graph::DepthwiseConv2DOp conv) { return weighted(conv, 3); })
      .Case([&](graph::FullyConnectedOp fc) { return weighted(fc, -1); })
      .Case([&](graph::AddOp) -> LogicalResult {
        FailureOr<mq::UniformQuantizedType> output = calibratedType(op);
        if (failed(output))
          return failure();
        return setResult(*output);
      })
      .Case<graph::AveragePool2DOp, graph::MaxPool2DOp, graph::ReshapeOp>(
          [&](Operation *) -> LogicalResult {
            // TFLite's int8 pooling and reshape keep their input's scale.
            mq::UniformQuantizedType input = typeOf(op->getOperand(0));
            if (!input)
              return op->emitError("has an input that is not quantized");
            return setResult(input);
          })
      .Case([&](graph::SoftmaxOp) {
        // TFLite's fixed softmax outputs: [0, 1) over the whole type.
        if (int16Activations)
          return setResult(int16Type(builder.getContext(),
                                     iq::AffineParams{1.0f / 32768.0f, 0}));
        return setResult(int8Type(builder.getContext(),
                                  iq::AffineParams{1.0f / 256.0f, -128}));
      })
      .Default([&](Operation *other) {
        return other->emitError("cannot be quantized to int8 by ingot yet");
      });
}

LogicalResult Int8Quantizer::quantizeOutputs() {
  auto returnOp =
      cast<func::ReturnOp>(function.getBody().front().getTerminator());
  builder.setInsertionPoint(returnOp);
  for (OpOperand &operand : returnOp->getOpOperands()) {
    Value value = operand.get();
    if (floatInterface && typeOf(value)) {
      operand.set(graph::DequantizeOp::create(
          builder, returnOp.getLoc(), withElement(value, builder.getF32Type()),
          value));
    } else if (!floatInterface && floatOutputTypes.count(value)) {
      value = graph::QuantizeOp::create(
          builder, returnOp.getLoc(),
          withElement(value, floatOutputTypes[value]), value);
      operand.set(value);
    }
    if (uint8Interface)
      if (mq::UniformQuantizedType int8 = typeOf(value))
        operand.set(graph::QuantizeOp::create(
            builder, returnOp.getLoc(), withElement(value, uint8Twin(int8)),
            value));
  }
  function.setType(
      builder.getFunctionType(function.getBody().front().getArgumentTypes(),
                              returnOp.getOperandTypes()));
  return success();
}

LogicalResult Int8Quantizer::run() {
  auto isBookkeeping = [](Operation &op) {
    return isa<graph::ConstOp, graph::VariableOp, graph::QuantizeOp,
               graph::DequantizeOp, func::ReturnOp>(op);
  };
  if (strict) {
    // Checked before anything is rewritten, so that one error names every
    // operator, as the converter's TFLITE_BUILTINS_INT8 does.
    SmallVector<Operation *> floatOnly;
    for (Operation &op : function.getBody().front())
      if (!isBookkeeping(op) && !isQuantizable(&op))
        floatOnly.push_back(&op);
    if (!floatOnly.empty()) {
      InFlightDiagnostic diag = function.emitError(
          "cannot be quantized to integers only (--strict): ");
      for (auto [i, op] : llvm::enumerate(floatOnly)) {
        auto name = op->getAttrOfType<StringAttr>("ingot.tflite_op");
        auto index = op->getAttrOfType<IntegerAttr>("ingot.tflite_index");
        diag << (i ? ", " : "") << "operator ";
        if (index)
          diag << "#" << index.getInt() << " ";
        diag << "(" << (name ? name.getValue() : op->getName().getStringRef())
             << ")";
      }
      diag << " has no integer kernel; drop --strict to keep "
              "them in float between QUANTIZE and DEQUANTIZE";
      return failure();
    }
  }
  if (failed(quantizeInputs()))
    return failure();
  for (Operation &op : llvm::make_early_inc_range(function.getBody().front())) {
    if (isBookkeeping(op))
      continue;
    if (!isQuantizable(&op)) {
      if (failed(keepFloat(&op)))
        return failure();
      op.removeAttr("ingot.range");
      continue;
    }
    requantizeFloatOperands(&op);
    if (failed(quantizeOp(&op)))
      return failure();
    op.removeAttr("ingot.range");
  }
  function->removeAttr("ingot.input_ranges");
  return quantizeOutputs();
}

struct QuantizeInt8Pass : ingot::impl::QuantizeInt8PassBase<QuantizeInt8Pass> {
  using QuantizeInt8PassBase::QuantizeInt8PassBase;
  void runOnOperation() override {
    if (ioType != "float32" && ioType != "int8" && ioType != "int16" &&
        ioType != "uint8") {
      getOperation().emitError(
          "io-type must be float32, int8, uint8 or int16, not '")
          << ioType << "'";
      return signalPassFailure();
    }
    if (ioType == "uint8" && activationType != "int8") {
      getOperation().emitError("io-type uint8 needs activation-type int8");
      return signalPassFailure();
    }
    if (activationType != "int8" && activationType != "int16") {
      getOperation().emitError("activation-type must be int8 or int16, not '")
          << activationType << "'";
      return signalPassFailure();
    }
    Int8Quantizer quantizer(getOperation(), ioType == "float32",
                            ioType == "uint8", activationType == "int16",
                            strict);
    if (failed(quantizer.run()))
      signalPassFailure();
  }
};

} // namespace
