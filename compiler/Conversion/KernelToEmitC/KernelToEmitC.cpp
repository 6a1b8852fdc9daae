//===- KernelToEmitC.cpp - Planned kernel IR to EmitC C++ files -----------===//
//
// This file implements the ingot-convert-kernel-to-emitc pass. It walks the
// planned kernel function in op order and emits, for each op, one call to its
// runtime kernel with every shape and parameter as a literal, preceded by a
// comment naming the TFLite layer. Tensors become pointers: model inputs and
// outputs are the caller's buffers, weights are static const arrays, and
// everything else is a typed view at its planned arena offset.
//
// EmitC has no preprocessor directives beyond #include, so the header's
// include guard, extern "C" block and constants are `emitc.verbatim`.
//
//===----------------------------------------------------------------------===//
#include "Conversion/Passes.h"

#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

namespace ingot {
#define GEN_PASS_DEF_CONVERTKERNELTOEMITCPASS
#include "Conversion/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;

namespace {

RankedTensorType tensorTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType());
}

int64_t bytesOf(Value value) {
  RankedTensorType type = tensorTypeOf(value);
  return type.getNumElements() *
         ((type.getElementType().getIntOrFloatBitWidth() + 7) / 8);
}

/// The C spelling of a scalar element type.
std::string cTypeName(Type type) {
  if (type.isF32())
    return "float";
  return "int" + std::to_string(type.getIntOrFloatBitWidth()) + "_t";
}

Value bufferRoot(Value value) {
  while (auto alias = value.getDefiningOp<kernel::AliasOp>())
    value = alias.getInput();
  return value;
}

/// Replaces characters that would end or confuse a `//` comment.
std::string commentSafe(StringRef text) {
  std::string safe;
  for (char c : text)
    safe.push_back(std::isprint(static_cast<unsigned char>(c)) ? c : '?');
  return safe;
}

/// The TFLite tensor name a location carries, if any.
std::string tensorNameOf(Location loc) {
  if (auto named = dyn_cast<NameLoc>(loc))
    return named.getName().str();
  return "";
}

/// Arguments of one kernel call: operand references and literals, in order.
class CallArguments {
public:
  explicit CallArguments(OpBuilder &builder) : builder(builder) {}

  CallArguments &pointer(Value emitcValue) {
    args.push_back(builder.getIndexAttr(operands.size()));
    operands.push_back(emitcValue);
    return *this;
  }
  CallArguments &nullPointer() {
    args.push_back(emitc::OpaqueAttr::get(builder.getContext(), "nullptr"));
    return *this;
  }
  CallArguments &i32(int64_t value) {
    args.push_back(builder.getI32IntegerAttr(static_cast<int32_t>(value)));
    return *this;
  }
  /// One int32 literal per value, e.g. a shape or (h, w) pair.
  CallArguments &i32s(ArrayRef<int64_t> values) {
    for (int64_t value : values)
      i32(value);
    return *this;
  }
  CallArguments &f32(float value) {
    args.push_back(builder.getF32FloatAttr(value));
    return *this;
  }

  void emit(Location loc, StringRef callee) {
    emitc::CallOpaqueOp::create(builder, loc, TypeRange{}, callee, operands,
                                builder.getArrayAttr(args));
  }

private:
  OpBuilder &builder;
  SmallVector<Attribute> args;
  SmallVector<Value> operands;
};

class ModelEmitter {
public:
  ModelEmitter(func::FuncOp function, StringRef name)
      : function(function), name(name), builder(function.getContext()) {}

  LogicalResult emit(ModuleOp module);

private:
  void emitHeader(emitc::FileOp file);
  void emitWeights();
  LogicalResult emitInvoke();
  void emitInit();
  LogicalResult emitKernelCall(Operation *op);

  Value pointerTo(Value tensor) { return pointers.lookup(tensor); }
  Value arenaView(Value arena, Type element, int64_t offset, Location loc);
  Value constArray(StringRef arrayName, ArrayRef<int32_t> values, Location loc);
  Value constArray(StringRef arrayName, ArrayRef<float> values, Location loc);
  Value scratchView(Operation *op, Type element, Location loc);
  Type pointerType(Type element, bool isConst) {
    if (isConst)
      return emitc::PointerType::get(emitc::OpaqueType::get(
          builder.getContext(), "const " + cTypeName(element)));
    return emitc::PointerType::get(element);
  }
  Type arenaType() {
    return emitc::PointerType::get(
        IntegerType::get(builder.getContext(), 8, IntegerType::Unsigned));
  }
  FunctionType invokeType();
  std::string upperName() const { return StringRef(name).upper(); }

  func::FuncOp function;
  std::string name;
  OpBuilder builder;
  llvm::DenseMap<Value, Value> pointers;
  llvm::DenseMap<StringRef, StringRef> weightGlobals;
  llvm::SetVector<StringRef> kernelHeaders;
  Operation *parameterAnchor = nullptr;
};

FunctionType ModelEmitter::invokeType() {
  SmallVector<Type> inputs;
  for (Type type : function.getArgumentTypes())
    inputs.push_back(
        pointerType(cast<RankedTensorType>(type).getElementType(), true));
  for (Type type : function.getResultTypes())
    inputs.push_back(
        pointerType(cast<RankedTensorType>(type).getElementType(), false));
  inputs.push_back(arenaType());
  return builder.getFunctionType(inputs, {});
}

Value ModelEmitter::arenaView(Value arena, Type element, int64_t offset,
                              Location loc) {
  return emitc::CallOpaqueOp::create(
             builder, loc, TypeRange{pointerType(element, false)},
             "ingot::arena_at", ValueRange{arena},
             builder.getArrayAttr({builder.getIndexAttr(0),
                                   builder.getI64IntegerAttr(offset)}),
             builder.getArrayAttr({TypeAttr::get(element)}))
      .getResult(0);
}

Value ModelEmitter::constArray(StringRef arrayName, ArrayRef<int32_t> values,
                               Location loc) {
  auto arrayType = emitc::ArrayType::get({static_cast<int64_t>(values.size())},
                                         builder.getI32Type());
  auto tensorType = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                          builder.getI32Type());
  {
    // File-scope arrays go after the weights, before the functions.
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(parameterAnchor);
    emitc::GlobalOp::create(builder, loc, arrayName, arrayType,
                            DenseElementsAttr::get(tensorType, values),
                            /*extern_specifier=*/false,
                            /*static_specifier=*/true,
                            /*const_specifier=*/true);
  }
  return emitc::GetGlobalOp::create(builder, loc, arrayType, arrayName);
}

Value ModelEmitter::constArray(StringRef arrayName, ArrayRef<float> values,
                               Location loc) {
  auto arrayType = emitc::ArrayType::get({static_cast<int64_t>(values.size())},
                                         builder.getF32Type());
  auto tensorType = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                          builder.getF32Type());
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(parameterAnchor);
    emitc::GlobalOp::create(builder, loc, arrayName, arrayType,
                            DenseElementsAttr::get(tensorType, values),
                            /*extern_specifier=*/false,
                            /*static_specifier=*/true,
                            /*const_specifier=*/true);
  }
  return emitc::GetGlobalOp::create(builder, loc, arrayType, arrayName);
}

/// The scratch memory the planner gave `op`.
Value ModelEmitter::scratchView(Operation *op, Type element, Location loc) {
  auto offset = op->getAttrOfType<IntegerAttr>(kernel::kScratchOffsetAttr);
  Value arena = builder.getInsertionBlock()->getArguments().back();
  return arenaView(arena, element, offset ? offset.getInt() : 0, loc);
}

void ModelEmitter::emitHeader(emitc::FileOp file) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(&file.getBodyRegion().front());
  Location loc = function.getLoc();
  std::string guardName = "INGOT_" + upperName() + "_H";
  auto verbatim = [&](const Twine &text) {
    emitc::VerbatimOp::create(builder, loc, builder.getStringAttr(text));
  };
  verbatim("// Generated by ingot. Do not edit: recompile the model instead.");
  verbatim("#ifndef " + guardName);
  verbatim("#define " + guardName);
  // C and C++ both include the C headers, so the API stays C-compatible.
  emitc::IncludeOp::create(builder, loc, "stddef.h", /*is_standard=*/true);
  emitc::IncludeOp::create(builder, loc, "stdint.h", /*is_standard=*/true);

  auto arenaBytes = function->getAttrOfType<IntegerAttr>(kernel::kArenaBytesAttr);
  verbatim("/* Bytes of working memory (activations, scratch and state) "
           "invoke needs; align the arena to 16 bytes and keep it between "
           "calls when the model has state. */");
  verbatim("#define " + upperName() + "_ARENA_BYTES " +
           Twine(arenaBytes.getInt()));

  auto describe = [&](StringRef kind, unsigned index, Type type,
                      Attribute quantization, Attribute tensorName) {
    auto tensor = cast<RankedTensorType>(type);
    std::string prefix =
        upperName() + "_" + kind.upper() + std::to_string(index);
    std::string shape;
    for (auto [i, extent] : llvm::enumerate(tensor.getShape()))
      shape += (i ? ", " : "") + std::to_string(extent);
    if (auto nameAttr = dyn_cast_or_null<StringAttr>(tensorName))
      verbatim("/* " + kind + " " + Twine(index) + ": '" +
               commentSafe(nameAttr.getValue()) + "' */");
    verbatim("#define " + prefix + "_TYPE " +
             cTypeName(tensor.getElementType()));
    verbatim("#define " + prefix + "_RANK " + Twine(tensor.getRank()));
    verbatim("#define " + prefix + "_SHAPE {" + shape + "}");
    verbatim("#define " + prefix + "_ELEMENTS " +
             Twine(tensor.getNumElements()));
    if (auto dict = dyn_cast_or_null<DictionaryAttr>(quantization)) {
      auto scale = dict.getAs<FloatAttr>("scale");
      auto zeroPoint = dict.getAs<IntegerAttr>("zero_point");
      std::string scaleText;
      llvm::raw_string_ostream os(scaleText);
      os << llvm::format("%.9g", scale.getValueAsDouble());
      verbatim("#define " + prefix + "_SCALE " + scaleText + "f");
      verbatim("#define " + prefix + "_ZERO_POINT " +
               Twine(zeroPoint.getInt()));
    }
  };
  auto inputQuant = function->getAttrOfType<ArrayAttr>("ingot.input_quantization");
  auto outputQuant = function->getAttrOfType<ArrayAttr>("ingot.output_quantization");
  auto inputNames = function->getAttrOfType<ArrayAttr>("ingot.input_names");
  auto outputNames = function->getAttrOfType<ArrayAttr>("ingot.output_names");
  auto at = [](ArrayAttr array, unsigned i) -> Attribute {
    return array && i < array.size() ? array[i] : Attribute();
  };
  for (auto [i, type] : llvm::enumerate(function.getArgumentTypes()))
    describe("input", i, type, at(inputQuant, i), at(inputNames, i));
  for (auto [i, type] : llvm::enumerate(function.getResultTypes()))
    describe("output", i, type, at(outputQuant, i), at(outputNames, i));

  verbatim("#ifdef __cplusplus");
  verbatim("extern \"C\" {");
  verbatim("#endif");
  verbatim("/* Sets the model's state (if any) to its initial value; call once "
           "before the first " + name + "_invoke and to reset. */");
  auto specifiers = builder.getStrArrayAttr({"extern"});
  emitc::FuncOp::create(builder, loc, name + "_init",
                        builder.getFunctionType({arenaType()}, {}),
                        {builder.getNamedAttr("specifiers", specifiers)})
      .setPrivate();
  verbatim("/* Runs one inference: inputs, then outputs, then the arena. */");
  emitc::FuncOp::create(builder, loc, name + "_invoke", invokeType(),
                        {builder.getNamedAttr("specifiers", specifiers)})
      .setPrivate();
  verbatim("#ifdef __cplusplus");
  verbatim("}");
  verbatim("#endif");
  verbatim("#endif /* " + guardName + " */");
}

void ModelEmitter::emitWeights() {
  Location loc = function.getLoc();
  function.walk([&](kernel::WeightOp weight) {
    auto value = cast<DenseElementsAttr>(weight.getValue());
    RankedTensorType type = weight.getOutput().getType();
    auto flat = RankedTensorType::get({type.getNumElements()},
                                      type.getElementType());
    auto arrayType = emitc::ArrayType::get({type.getNumElements()},
                                           type.getElementType());
    emitc::VerbatimOp::create(builder, loc,
                              builder.getStringAttr("alignas(INGOT_ALIGNMENT)"));
    emitc::GlobalOp::create(builder, weight.getLoc(), weight.getName(),
                            arrayType, value.reshape(flat),
                            /*extern_specifier=*/false,
                            /*static_specifier=*/true,
                            /*const_specifier=*/true);
  });
}

void ModelEmitter::emitInit() {
  Location loc = function.getLoc();
  auto init = emitc::FuncOp::create(
      builder, loc, name + "_init", builder.getFunctionType({arenaType()}, {}));
  Block *body = init.addEntryBlock();
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(body);
  Value arena = body->getArgument(0);
  bool hasState = false;
  function.walk([&](kernel::StateOp state) {
    hasState = true;
    auto offset = state->getAttrOfType<IntegerAttr>(kernel::kArenaOffsetAttr);
    emitc::VerbatimOp::create(
        builder, loc,
        builder.getStringAttr("// state '" + commentSafe(state.getName()) +
                              "' starts at its zero point"));
    Value view = arenaView(arena, builder.getIntegerType(8, false),
                           offset.getInt(), loc);
    CallArguments(builder)
        .pointer(view)
        .i32(state.getFillValue())
        .i32(bytesOf(state.getOutput()))
        .emit(loc, "std::memset");
  });
  if (!hasState)
    emitc::VerbatimOp::create(builder, loc,
                              builder.getStringAttr("(void){}; // no state"),
                              ValueRange{arena});
  emitc::ReturnOp::create(builder, loc, Value());
}

LogicalResult ModelEmitter::emitInvoke() {
  Location loc = function.getLoc();
  auto invoke = emitc::FuncOp::create(builder, loc, name + "_invoke",
                                      invokeType());
  Block *body = invoke.addEntryBlock();
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(body);

  unsigned numInputs = function.getNumArguments();
  for (unsigned i = 0; i < numInputs; ++i)
    pointers[function.getArgument(i)] = body->getArgument(i);
  auto returnOp = cast<func::ReturnOp>(function.getBody().front().getTerminator());
  // A returned tensor is computed straight into the caller's output buffer.
  SmallVector<std::pair<Value, Value>> copiesAtEnd;
  for (auto [i, result] : llvm::enumerate(returnOp.getOperands())) {
    Value output = body->getArgument(numInputs + i);
    Value root = bufferRoot(result);
    if (isa<BlockArgument>(root) || root.getDefiningOp<kernel::WeightOp>() ||
        root.getDefiningOp<kernel::StateOp>() || pointers.count(root))
      copiesAtEnd.push_back({output, result});
    else
      pointers[root] = output;
  }
  // An input no kernel reads (TRANSPOSE_CONV's output shape) would be an
  // unused parameter, which firmware builds with -Werror reject.
  for (unsigned i = 0; i < numInputs; ++i)
    if (function.getArgument(i).use_empty())
      emitc::VerbatimOp::create(
          builder, loc, builder.getStringAttr("(void){}; // input not read"),
          ValueRange{body->getArgument(i)});
  for (Operation &op : function.getBody().front()) {
    if (isa<func::ReturnOp>(op))
      continue;
    if (failed(emitKernelCall(&op)))
      return failure();
  }
  for (auto [output, value] : copiesAtEnd)
    CallArguments(builder)
        .pointer(output)
        .pointer(pointerTo(value))
        .i32(bytesOf(value))
        .emit(loc, "std::memcpy");
  emitc::ReturnOp::create(builder, loc, Value());
  return success();
}

LogicalResult ModelEmitter::emitKernelCall(Operation *op) {
  Location loc = op->getLoc();
  Block *invokeBody = builder.getInsertionBlock();
  Value arena = invokeBody->getArguments().back();

  auto layer = op->getAttrOfType<StringAttr>("ingot.layer");
  if (!isa<kernel::WeightOp, kernel::AliasOp, kernel::StateOp>(op)) {
    auto tfliteOp = op->getAttrOfType<StringAttr>("ingot.tflite_op");
    std::string comment = "// " + (layer ? layer.str() : std::string("layer"));
    if (tfliteOp)
      comment += ": " + tfliteOp.str();
    std::string tensorName = tensorNameOf(loc);
    if (!tensorName.empty())
      comment += " '" + commentSafe(tensorName) + "'";
    emitc::VerbatimOp::create(builder, loc, builder.getStringAttr(comment));
  }

  // Views for results that live in the arena.
  if (op->getNumResults() == 1) {
    Value result = op->getResult(0);
    if (auto weight = dyn_cast<kernel::WeightOp>(op)) {
      RankedTensorType type = weight.getOutput().getType();
      auto arrayType = emitc::ArrayType::get({type.getNumElements()},
                                             type.getElementType());
      pointers[result] = emitc::GetGlobalOp::create(builder, loc, arrayType,
                                                    weight.getName());
      return success();
    }
    if (auto alias = dyn_cast<kernel::AliasOp>(op)) {
      pointers[result] = pointerTo(alias.getInput());
      return success();
    }
    if (!pointers.count(result)) {
      auto offset = op->getAttrOfType<IntegerAttr>(kernel::kArenaOffsetAttr);
      if (!offset)
        return op->emitError("has no planned arena offset; run "
                             "ingot-plan-memory before this pass");
      pointers[result] = arenaView(arena, tensorTypeOf(result).getElementType(),
                                   offset.getInt(), loc);
    }
  }
  if (isa<kernel::StateOp>(op))
    return success();


  auto shape = [](Value value) { return tensorTypeOf(value).getShape(); };
  auto arrayName = [&](StringRef suffix) {
    return (layer ? layer.str() : std::string("layer")) + "_" + suffix.str();
  };
  CallArguments call(builder);
  auto biasArg = [&](Value bias) {
    if (bias)
      call.pointer(pointerTo(bias));
    else
      call.nullPointer();
  };

  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case<kernel::Conv2DOp, kernel::DepthwiseConv2DOp>([&](auto conv) {
        bool depthwise = isa<kernel::DepthwiseConv2DOp>(op);
        Value multiplier = constArray(arrayName("multiplier"),
                                      conv.getOutputMultiplier(), loc);
        Value shift = constArray(arrayName("shift"), conv.getOutputShift(), loc);
        auto in = shape(conv.getInput());
        auto filter = shape(conv.getFilter());
        auto out = shape(conv.getOutput());
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()));
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .pointer(multiplier)
            .pointer(shift)
            .i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front());
        if (depthwise)
          call.i32(cast<kernel::DepthwiseConv2DOp>(op).getDepthMultiplier());
        call.i32s(conv.getStrides()).i32s(conv.getDilations())
            .i32s(conv.getPadding())
            .i32(conv.getInputOffset()).i32(conv.getOutputOffset())
            .i32(conv.getActivationMin()).i32(conv.getActivationMax());
        StringRef callee = depthwise ? "depthwise_conv2d_s8" : "conv2d_s8";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::FullyConnectedOp fc) {
        auto filter = shape(fc.getFilter());
        int64_t depth = filter[1];
        int64_t batches = tensorTypeOf(fc.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(fc.getInput())).pointer(pointerTo(fc.getFilter()));
        biasArg(fc.getBias());
        call.pointer(pointerTo(fc.getOutput()))
            .i32(batches).i32(depth).i32(filter[0])
            .i32(fc.getInputOffset()).i32(fc.getFilterOffset())
            .i32(fc.getOutputOffset())
            .i32(fc.getOutputMultiplier()).i32(fc.getOutputShift())
            .i32(fc.getActivationMin()).i32(fc.getActivationMax());
        kernelHeaders.insert("fully_connected_s8");
        call.emit(loc, "ingot::ref::fully_connected_s8");
        return success();
      })
      .Case([&](kernel::AddOp add) {
        call.pointer(pointerTo(add.getLhs()))
            .pointer(pointerTo(add.getRhs()))
            .pointer(pointerTo(add.getOutput()))
            .i32(tensorTypeOf(add.getOutput()).getNumElements())
            .i32(add.getInput1Offset()).i32(add.getInput1Multiplier())
            .i32(add.getInput1Shift())
            .i32(add.getInput2Offset()).i32(add.getInput2Multiplier())
            .i32(add.getInput2Shift())
            .i32(add.getLeftShift()).i32(add.getOutputOffset())
            .i32(add.getOutputMultiplier()).i32(add.getOutputShift())
            .i32(add.getActivationMin()).i32(add.getActivationMax());
        kernelHeaders.insert("add_s8");
        call.emit(loc, "ingot::ref::add_s8");
        return success();
      })
      .Case<kernel::AveragePool2DOp, kernel::MaxPool2DOp,
            kernel::AveragePool2DS16Op, kernel::MaxPool2DS16Op>([&](auto pool) {
        auto in = shape(pool.getInput());
        auto out = shape(pool.getOutput());
        call.pointer(pointerTo(pool.getInput()))
            .pointer(pointerTo(pool.getOutput()))
            .i32s(in).i32s(out.slice(1, 2))
            .i32s(pool.getFilter()).i32s(pool.getStrides())
            .i32s(pool.getPadding())
            .i32(pool.getActivationMin()).i32(pool.getActivationMax());
        StringRef callee =
            isa<kernel::AveragePool2DOp>(op)      ? "average_pool2d_s8"
            : isa<kernel::MaxPool2DOp>(op)        ? "max_pool2d_s8"
            : isa<kernel::AveragePool2DS16Op>(op) ? "average_pool2d_s16"
                                                  : "max_pool2d_s16";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::SoftmaxOp softmax) {
        auto in = shape(softmax.getInput());
        int64_t depth = in.empty() ? 1 : in.back();
        int64_t outer = tensorTypeOf(softmax.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(softmax.getInput()))
            .pointer(pointerTo(softmax.getOutput()))
            .i32(outer).i32(depth)
            .i32(softmax.getInputMultiplier())
            .i32(softmax.getInputLeftShift()).i32(softmax.getDiffMin());
        StringRef callee =
            tensorTypeOf(softmax.getOutput()).getElementType().isInteger(16)
                ? "softmax_s8_s16"
                : "softmax_s8";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::RequantizeOp requantize) {
        auto typeTag = [](Value value) {
          Type element = tensorTypeOf(value).getElementType();
          return "s" + std::to_string(element.getIntOrFloatBitWidth());
        };
        std::string callee = "requantize_" + typeTag(requantize.getInput()) +
                             "_" + typeTag(requantize.getOutput());
        call.pointer(pointerTo(requantize.getInput()))
            .pointer(pointerTo(requantize.getOutput()))
            .i32(tensorTypeOf(requantize.getOutput()).getNumElements())
            .i32(requantize.getInputZeroPoint())
            .i32(requantize.getOutputZeroPoint())
            .i32(requantize.getMultiplier()).i32(requantize.getShift());
        kernelHeaders.insert(builder.getStringAttr(callee).getValue());
        call.emit(loc, "ingot::ref::" + callee);
        return success();
      })
      .Case([&](kernel::QuantizeOp quantize) {
        call.pointer(pointerTo(quantize.getInput()))
            .pointer(pointerTo(quantize.getOutput()))
            .i32(tensorTypeOf(quantize.getOutput()).getNumElements())
            .f32(quantize.getScale().convertToFloat())
            .i32(quantize.getZeroPoint());
        std::string callee =
            "quantize_f32_s" +
            std::to_string(tensorTypeOf(quantize.getOutput())
                               .getElementType()
                               .getIntOrFloatBitWidth());
        kernelHeaders.insert(builder.getStringAttr(callee).getValue());
        call.emit(loc, "ingot::ref::" + callee);
        return success();
      })
      .Case([&](kernel::DequantizeOp dequantize) {
        call.pointer(pointerTo(dequantize.getInput()))
            .pointer(pointerTo(dequantize.getOutput()))
            .i32(tensorTypeOf(dequantize.getOutput()).getNumElements())
            .f32(dequantize.getScale().convertToFloat())
            .i32(dequantize.getZeroPoint());
        std::string callee =
            "dequantize_s" +
            std::to_string(tensorTypeOf(dequantize.getInput())
                               .getElementType()
                               .getIntOrFloatBitWidth()) +
            "_f32";
        kernelHeaders.insert(builder.getStringAttr(callee).getValue());
        call.emit(loc, "ingot::ref::" + callee);
        return success();
      })
      .Case([&](kernel::SvdfOp svdf) {
        auto feature = shape(svdf.getWeightsFeature());
        auto time = shape(svdf.getWeightsTime());
        auto in = shape(svdf.getInput());
        int64_t filters = feature[0];
        call.pointer(pointerTo(svdf.getInput()))
            .pointer(pointerTo(svdf.getWeightsFeature()))
            .pointer(pointerTo(svdf.getWeightsTime()));
        biasArg(svdf.getBias());
        call.pointer(pointerTo(svdf.getActivationState()))
            .pointer(pointerTo(svdf.getOutput()))
            .i32(in[0]).i32(in[1]).i32(filters)
            .i32(filters / static_cast<int64_t>(svdf.getRank()))
            .i32(time[1]).i32(svdf.getRank())
            .i32(svdf.getInputZeroPoint()).i32(svdf.getStateZeroPoint())
            .i32(svdf.getOutputZeroPoint())
            .i32(svdf.getFeatureMultiplier()).i32(svdf.getFeatureShift())
            .i32(svdf.getTimeMultiplier()).i32(svdf.getTimeShift())
            .i32(svdf.getActivationMin()).i32(svdf.getActivationMax());
        kernelHeaders.insert("svdf_s8");
        call.emit(loc, "ingot::ref::svdf_s8");
        return success();
      })
      .Case<kernel::Conv2DF32Op, kernel::DepthwiseConv2DF32Op>([&](auto conv) {
        bool depthwise = isa<kernel::DepthwiseConv2DF32Op>(op);
        auto in = shape(conv.getInput());
        auto filter = shape(conv.getFilter());
        auto out = shape(conv.getOutput());
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()));
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front());
        if (depthwise)
          call.i32(cast<kernel::DepthwiseConv2DF32Op>(op).getDepthMultiplier());
        call.i32s(conv.getStrides()).i32s(conv.getDilations())
            .i32s(conv.getPadding())
            .f32(conv.getActivationMin().convertToFloat())
            .f32(conv.getActivationMax().convertToFloat());
        StringRef callee = depthwise ? "depthwise_conv2d_f32" : "conv2d_f32";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::Conv2DHybridOp conv) {
        SmallVector<float> scaleValues(conv.getFilterScales().begin(),
                                       conv.getFilterScales().end());
        Value scales = constArray(arrayName("filter_scales"),
                                  ArrayRef<float>(scaleValues), loc);
        Value scratch = scratchView(op, builder.getI8Type(), loc);
        auto in = shape(conv.getInput());
        auto filter = shape(conv.getFilter());
        auto out = shape(conv.getOutput());
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()))
            .pointer(scales)
            .i32(scaleValues.size());
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .pointer(scratch)
            .i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front())
            .i32s(conv.getStrides()).i32s(conv.getDilations())
            .i32s(conv.getPadding())
            .f32(conv.getActivationMin().convertToFloat())
            .f32(conv.getActivationMax().convertToFloat());
        kernelHeaders.insert("conv2d_hybrid_f32_s8");
        call.emit(loc, "ingot::ref::conv2d_hybrid_f32_s8");
        return success();
      })
      .Case([&](kernel::DepthwiseConv2DHybridOp conv) {
        SmallVector<float> scaleValues(conv.getFilterScales().begin(),
                                       conv.getFilterScales().end());
        Value scales = constArray(arrayName("filter_scales"),
                                  ArrayRef<float>(scaleValues), loc);
        Value scratch = scratchView(op, builder.getI8Type(), loc);
        auto in = shape(conv.getInput());
        auto filter = shape(conv.getFilter());
        auto out = shape(conv.getOutput());
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()))
            .pointer(scales)
            .i32(scaleValues.size());
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .pointer(scratch)
            .i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front())
            .i32(conv.getDepthMultiplier())
            .i32s(conv.getStrides()).i32s(conv.getDilations())
            .i32s(conv.getPadding())
            .f32(conv.getActivationMin().convertToFloat())
            .f32(conv.getActivationMax().convertToFloat());
        kernelHeaders.insert("depthwise_conv2d_hybrid_f32_s8");
        call.emit(loc, "ingot::ref::depthwise_conv2d_hybrid_f32_s8");
        return success();
      })
      .Case([&](kernel::FullyConnectedHybridOp fc) {
        auto filter = shape(fc.getFilter());
        int64_t depth = filter[1];
        int64_t batches = tensorTypeOf(fc.getInput()).getNumElements() / depth;
        Value scratch = scratchView(op, builder.getI8Type(), loc);
        call.pointer(pointerTo(fc.getInput()))
            .pointer(pointerTo(fc.getFilter()))
            .f32(fc.getFilterScale().convertToFloat());
        biasArg(fc.getBias());
        call.pointer(pointerTo(fc.getOutput()))
            .pointer(scratch)
            .i32(batches).i32(depth).i32(filter[0])
            .f32(fc.getActivationMin().convertToFloat())
            .f32(fc.getActivationMax().convertToFloat());
        kernelHeaders.insert("fully_connected_hybrid_f32_s8");
        call.emit(loc, "ingot::ref::fully_connected_hybrid_f32_s8");
        return success();
      })
      .Case([&](kernel::FullyConnectedF32Op fc) {
        auto filter = shape(fc.getFilter());
        int64_t depth = filter[1];
        int64_t batches = tensorTypeOf(fc.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(fc.getInput())).pointer(pointerTo(fc.getFilter()));
        biasArg(fc.getBias());
        call.pointer(pointerTo(fc.getOutput()))
            .i32(batches).i32(depth).i32(filter[0])
            .f32(fc.getActivationMin().convertToFloat())
            .f32(fc.getActivationMax().convertToFloat());
        kernelHeaders.insert("fully_connected_f32");
        call.emit(loc, "ingot::ref::fully_connected_f32");
        return success();
      })
      .Case([&](kernel::AddF32Op add) {
        call.pointer(pointerTo(add.getLhs()))
            .pointer(pointerTo(add.getRhs()))
            .pointer(pointerTo(add.getOutput()))
            .i32(tensorTypeOf(add.getOutput()).getNumElements())
            .f32(add.getActivationMin().convertToFloat())
            .f32(add.getActivationMax().convertToFloat());
        kernelHeaders.insert("add_f32");
        call.emit(loc, "ingot::ref::add_f32");
        return success();
      })
      .Case<kernel::AveragePool2DF32Op, kernel::MaxPool2DF32Op>([&](auto pool) {
        auto in = shape(pool.getInput());
        auto out = shape(pool.getOutput());
        call.pointer(pointerTo(pool.getInput()))
            .pointer(pointerTo(pool.getOutput()))
            .i32s(in).i32s(out.slice(1, 2))
            .i32s(pool.getFilter()).i32s(pool.getStrides())
            .i32s(pool.getPadding())
            .f32(pool.getActivationMin().convertToFloat())
            .f32(pool.getActivationMax().convertToFloat());
        StringRef callee = isa<kernel::AveragePool2DF32Op>(op)
                               ? "average_pool2d_f32"
                               : "max_pool2d_f32";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::SoftmaxF32Op softmax) {
        auto in = shape(softmax.getInput());
        int64_t depth = in.empty() ? 1 : in.back();
        int64_t outer = tensorTypeOf(softmax.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(softmax.getInput()))
            .pointer(pointerTo(softmax.getOutput()))
            .i32(outer).i32(depth)
            .f32(softmax.getBeta().convertToFloat());
        kernelHeaders.insert("softmax_f32");
        call.emit(loc, "ingot::ref::softmax_f32");
        return success();
      })
      .Case([&](kernel::DepthwiseConv2DS16Op conv) {
        Value multiplier = constArray(arrayName("multiplier"),
                                      conv.getOutputMultiplier(), loc);
        Value shift = constArray(arrayName("shift"), conv.getOutputShift(), loc);
        auto in = shape(conv.getInput());
        auto filter = shape(conv.getFilter());
        auto out = shape(conv.getOutput());
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()));
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .pointer(multiplier)
            .pointer(shift)
            .i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front())
            .i32(conv.getDepthMultiplier())
            .i32s(conv.getStrides()).i32s(conv.getDilations())
            .i32s(conv.getPadding())
            .i32(conv.getActivationMin()).i32(conv.getActivationMax());
        kernelHeaders.insert("depthwise_conv2d_s16");
        call.emit(loc, "ingot::ref::depthwise_conv2d_s16");
        return success();
      })
      .Case([&](kernel::FullyConnectedS16Op fc) {
        auto filter = shape(fc.getFilter());
        int64_t depth = filter[1];
        int64_t batches = tensorTypeOf(fc.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(fc.getInput())).pointer(pointerTo(fc.getFilter()));
        biasArg(fc.getBias());
        call.pointer(pointerTo(fc.getOutput()))
            .i32(batches).i32(depth).i32(filter[0])
            .i32(fc.getOutputMultiplier()).i32(fc.getOutputShift())
            .i32(fc.getActivationMin()).i32(fc.getActivationMax());
        kernelHeaders.insert("fully_connected_s16");
        call.emit(loc, "ingot::ref::fully_connected_s16");
        return success();
      })
      .Case([&](kernel::Conv2DS16Op conv) {
        Value multiplier = constArray(arrayName("multiplier"),
                                      conv.getOutputMultiplier(), loc);
        Value shift = constArray(arrayName("shift"), conv.getOutputShift(), loc);
        auto in = shape(conv.getInput());
        auto filter = shape(conv.getFilter());
        auto out = shape(conv.getOutput());
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()));
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .pointer(multiplier)
            .pointer(shift)
            .i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front())
            .i32s(conv.getStrides()).i32s(conv.getDilations())
            .i32s(conv.getPadding())
            .i32(conv.getActivationMin()).i32(conv.getActivationMax());
        kernelHeaders.insert("conv2d_s16");
        call.emit(loc, "ingot::ref::conv2d_s16");
        return success();
      })
      .Case([&](kernel::TransposeConv2DS16Op conv) {
        Value multiplier = constArray(arrayName("multiplier"),
                                      conv.getOutputMultiplier(), loc);
        Value shift = constArray(arrayName("shift"), conv.getOutputShift(), loc);
        auto in = shape(conv.getInput());
        auto filter = shape(conv.getFilter());
        auto out = shape(conv.getOutput());
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()));
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .pointer(multiplier)
            .pointer(shift)
            .i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front())
            .i32s(conv.getStrides()).i32s(conv.getPadding())
            .i32(conv.getActivationMin()).i32(conv.getActivationMax());
        kernelHeaders.insert("transpose_conv2d_s16");
        call.emit(loc, "ingot::ref::transpose_conv2d_s16");
        return success();
      })
      .Case<kernel::AddS16Op, kernel::SubS16Op>([&](auto binary) {
        bool isAdd = isa<kernel::AddS16Op>(op);
        Value outputShape = constArray(arrayName("output_shape"),
                                       binary.getOutputShape(), loc);
        Value strides1 = constArray(arrayName("input1_strides"),
                                    binary.getInput1Strides(), loc);
        Value strides2 = constArray(arrayName("input2_strides"),
                                    binary.getInput2Strides(), loc);
        call.pointer(pointerTo(binary.getLhs()))
            .pointer(pointerTo(binary.getRhs()))
            .pointer(pointerTo(binary.getOutput()))
            .pointer(outputShape).pointer(strides1).pointer(strides2)
            .i32(binary.getOutputShape().size())
            .i32(binary.getInput1Offset()).i32(binary.getInput1Multiplier())
            .i32(binary.getInput1Shift())
            .i32(binary.getInput2Offset()).i32(binary.getInput2Multiplier())
            .i32(binary.getInput2Shift())
            .i32(binary.getOutputOffset()).i32(binary.getOutputMultiplier())
            .i32(binary.getOutputShift())
            .i32(binary.getActivationMin()).i32(binary.getActivationMax());
        StringRef callee = isAdd ? "add_s16" : "sub_s16";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::LeakyReluS16Op relu) {
        call.pointer(pointerTo(relu.getInput()))
            .pointer(pointerTo(relu.getOutput()))
            .i32(tensorTypeOf(relu.getOutput()).getNumElements())
            .i32(relu.getInputZeroPoint()).i32(relu.getOutputZeroPoint())
            .i32(relu.getIdentityMultiplier()).i32(relu.getIdentityShift())
            .i32(relu.getAlphaMultiplier()).i32(relu.getAlphaShift());
        kernelHeaders.insert("leaky_relu_s16");
        call.emit(loc, "ingot::ref::leaky_relu_s16");
        return success();
      })
      .Case([&](kernel::PadS16Op pad) {
        auto inShape = shape(pad.getInput());
        SmallVector<int32_t> input32(inShape.begin(), inShape.end());
        Value inputShape = constArray(arrayName("input_shape"), input32, loc);
        Value before = constArray(arrayName("pad_before"), pad.getPadBefore(), loc);
        Value after = constArray(arrayName("pad_after"), pad.getPadAfter(), loc);
        call.pointer(pointerTo(pad.getInput()))
            .pointer(pointerTo(pad.getOutput()))
            .pointer(inputShape).pointer(before).pointer(after)
            .i32(input32.size()).i32(pad.getPadValue());
        kernelHeaders.insert("pad_s16");
        call.emit(loc, "ingot::ref::pad_s16");
        return success();
      })
      .Case([&](kernel::StridedSliceS16Op slice) {
        auto inShape = shape(slice.getInput());
        SmallVector<int32_t> input32(inShape.begin(), inShape.end());
        Value inputShape = constArray(arrayName("input_shape"), input32, loc);
        Value start = constArray(arrayName("start"), slice.getStart(), loc);
        Value stride = constArray(arrayName("stride"), slice.getStride(), loc);
        Value sliceShape =
            constArray(arrayName("slice_shape"), slice.getSliceShape(), loc);
        call.pointer(pointerTo(slice.getInput()))
            .pointer(pointerTo(slice.getOutput()))
            .pointer(inputShape).pointer(start).pointer(stride)
            .pointer(sliceShape).i32(input32.size());
        kernelHeaders.insert("strided_slice_s16");
        call.emit(loc, "ingot::ref::strided_slice_s16");
        return success();
      })
      .Case([&](kernel::CopyOp copy) {
        call.pointer(pointerTo(copy.getOutput()))
            .pointer(pointerTo(copy.getInput()))
            .i32(bytesOf(copy.getInput()));
        call.emit(loc, "std::memcpy");
        return success();
      })
      .Default([&](Operation *other) {
        return other->emitError("has no C++ kernel to call");
      });
}

LogicalResult ModelEmitter::emit(ModuleOp module) {
  Location loc = function.getLoc();
  builder.setInsertionPointToEnd(module.getBody());
  auto header = emitc::FileOp::create(builder, loc, "header");
  if (header.getBodyRegion().empty())
    header.getBodyRegion().emplaceBlock();
  emitHeader(header);

  builder.setInsertionPointToEnd(module.getBody());
  auto sourceFile = emitc::FileOp::create(builder, loc, "source");
  if (sourceFile.getBodyRegion().empty())
    sourceFile.getBodyRegion().emplaceBlock();
  Block *source = &sourceFile.getBodyRegion().front();
  builder.setInsertionPointToEnd(source);
  emitc::VerbatimOp::create(
      builder, loc,
      builder.getStringAttr("// Generated by ingot. Do not edit: recompile "
                            "the model instead."));
  emitc::IncludeOp::create(builder, loc, name + ".h", false);
  emitc::IncludeOp::create(builder, loc, "cstddef", true);
  emitc::IncludeOp::create(builder, loc, "cstdint", true);
  emitc::IncludeOp::create(builder, loc, "cstring", true);
  emitc::IncludeOp::create(builder, loc, "ingot/runtime/abi.h", false);
  auto includesEnd = emitc::VerbatimOp::create(builder, loc,
                                               builder.getStringAttr(""));
  emitWeights();
  // Per-layer parameter arrays are inserted here as calls are emitted.
  auto parametersEnd = emitc::VerbatimOp::create(builder, loc,
                                                 builder.getStringAttr(""));
  parameterAnchor = parametersEnd;
  emitInit();
  if (failed(emitInvoke()))
    return failure();

  // Kernel headers are known once every call is emitted.
  builder.setInsertionPoint(includesEnd);
  for (StringRef kernel : kernelHeaders)
    emitc::IncludeOp::create(
        builder, loc, ("ingot/runtime/kernels/ref/" + kernel + ".h").str(),
        false);
  includesEnd->erase();
  parametersEnd->erase();
  return success();
}

struct ConvertKernelToEmitCPass
    : ingot::impl::ConvertKernelToEmitCPassBase<ConvertKernelToEmitCPass> {
  using ConvertKernelToEmitCPassBase::ConvertKernelToEmitCPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> functions(module.getOps<func::FuncOp>());
    if (functions.size() != 1) {
      module.emitError("expected exactly one model function");
      return signalPassFailure();
    }
    func::FuncOp function = functions.front();
    if (!function->hasAttr(kernel::kArenaBytesAttr)) {
      function.emitError("has no memory plan; run ingot-plan-memory first");
      return signalPassFailure();
    }
    ModelEmitter emitter(function, modelName);
    if (failed(emitter.emit(module)))
      return signalPassFailure();
    function.erase();
  }
};

} // namespace
