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

#include "Conversion/KernelToEmitC/ModelEmitter.h"

#include <charconv>
#include <cmath>
#include <iterator>

namespace ingot {
#define GEN_PASS_DEF_CONVERTKERNELTOEMITCPASS
#include "Conversion/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;

using namespace ingot::emitc_lowering;

namespace ingot::emitc_lowering {

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
             builder.getArrayAttr(
                 {builder.getIndexAttr(0), builder.getI64IntegerAttr(offset)}),
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
void ModelEmitter::constDefinition(StringRef text, Location loc) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPoint(parameterAnchor);
  emitc::VerbatimOp::create(builder, loc, builder.getStringAttr(text));
}

Value ModelEmitter::scratchView(Operation *op, Type element, Location loc) {
  auto offset = op->getAttrOfType<IntegerAttr>(kernel::kScratchOffsetAttr);
  Value arena = builder.getInsertionBlock()->getArguments().back();
  return arenaView(arena, element, offset ? offset.getInt() : 0, loc);
}

/// `value` as a literal that C and C++ both parse back to the same float:
/// the shortest digits that round-trip, with `.0` where they would read as an
/// integer, since `1f` is not a number in either language.
static std::string floatLiteral(float value) {
  char digits[32]; // at most 15: a sign, 9 digits, a point and e-38
  std::to_chars_result printed =
      std::to_chars(std::begin(digits), std::end(digits), value);
  std::string text(digits, printed.ptr);
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  return text + "f";
}

/// The quantization scale `describe` prints for a header tensor, or null.
static FloatAttr headerScale(Attribute quantization) {
  auto dict = dyn_cast_or_null<DictionaryAttr>(quantization);
  return dict ? dict.getAs<FloatAttr>("scale") : FloatAttr();
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
  auto isBool = [](Type type) {
    return cast<RankedTensorType>(type).getElementType().isInteger(1);
  };
  if (llvm::any_of(function.getArgumentTypes(), isBool) ||
      llvm::any_of(function.getResultTypes(), isBool)) {
    // C before C23 has no `bool` without it; C++ needs nothing.
    verbatim("#ifndef __cplusplus");
    emitc::IncludeOp::create(builder, loc, "stdbool.h", /*is_standard=*/true);
    verbatim("#endif");
  }

  auto arenaBytes =
      function->getAttrOfType<IntegerAttr>(kernel::kArenaBytesAttr);
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
    if (tensor.getRank() > 0)
      verbatim("#define " + prefix + "_SHAPE {" + shape + "}");
    else
      verbatim("/* A scalar: no " + prefix +
               "_SHAPE, as C has no empty initializer. */");
    verbatim("#define " + prefix + "_ELEMENTS " +
             Twine(tensor.getNumElements()));
    if (auto dict = dyn_cast_or_null<DictionaryAttr>(quantization)) {
      // TFLite scales are float32: the f64 attribute holds one exactly.
      float scale = static_cast<float>(headerScale(dict).getValueAsDouble());
      auto zeroPoint = dict.getAs<IntegerAttr>("zero_point");
      verbatim("#define " + prefix + "_SCALE " + floatLiteral(scale));
      verbatim("#define " + prefix + "_ZERO_POINT " +
               Twine(zeroPoint.getInt()));
    }
  };
  auto inputQuant =
      function->getAttrOfType<ArrayAttr>("ingot.input_quantization");
  auto outputQuant =
      function->getAttrOfType<ArrayAttr>("ingot.output_quantization");
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
           "before the first " +
           name + "_invoke and to reset. */");
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
    auto flat =
        RankedTensorType::get({type.getNumElements()}, type.getElementType());
    auto arrayType =
        emitc::ArrayType::get({type.getNumElements()}, type.getElementType());
    emitc::VerbatimOp::create(
        builder, loc, builder.getStringAttr("alignas(INGOT_ALIGNMENT)"));
    emitc::GlobalOp::create(builder, weight.getLoc(), weight.getName(),
                            arrayType, value.reshape(flat),
                            /*extern_specifier=*/false,
                            /*static_specifier=*/true,
                            /*const_specifier=*/true);
  });
}

LogicalResult ModelEmitter::emitInit() {
  Location loc = function.getLoc();
  auto init = emitc::FuncOp::create(builder, loc, name + "_init",
                                    builder.getFunctionType({arenaType()}, {}));
  Block *body = init.addEntryBlock();
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(body);
  Value arena = body->getArgument(0);
  bool hasState = false;
  WalkResult walk = function.walk([&](kernel::StateOp state) {
    auto offset = state->getAttrOfType<IntegerAttr>(kernel::kArenaOffsetAttr);
    if (!offset) {
      state.emitError("has no planned arena offset; run ingot-plan-memory "
                      "before this pass");
      return WalkResult::interrupt();
    }
    hasState = true;
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
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  if (!hasState)
    emitc::VerbatimOp::create(builder, loc,
                              builder.getStringAttr("(void){}; // no state"),
                              ValueRange{arena});
  emitc::ReturnOp::create(builder, loc, Value());
  return success();
}

LogicalResult ModelEmitter::emitInvoke() {
  Location loc = function.getLoc();
  auto invoke =
      emitc::FuncOp::create(builder, loc, name + "_invoke", invokeType());
  Block *body = invoke.addEntryBlock();
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(body);

  unsigned numInputs = function.getNumArguments();
  for (unsigned i = 0; i < numInputs; ++i)
    pointers[function.getArgument(i)] = body->getArgument(i);
  auto returnOp =
      cast<func::ReturnOp>(function.getBody().front().getTerminator());
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

LogicalResult ModelEmitter::emit(ModuleOp module) {
  Location loc = function.getLoc();
  // The importer refuses such scales; IR written by hand can still hold one,
  // and no C literal spells it.
  for (StringRef key :
       {"ingot.input_quantization", "ingot.output_quantization"})
    if (auto quantizations = function->getAttrOfType<ArrayAttr>(key))
      for (Attribute quantization : quantizations)
        if (FloatAttr scale = headerScale(quantization);
            scale &&
            !std::isfinite(static_cast<float>(scale.getValueAsDouble())))
          return function.emitError()
                 << key << " has the scale " << scale.getValueAsDouble()
                 << ", which is not a finite float32; the header cannot "
                    "define it as a C constant";
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
  auto includesEnd =
      emitc::VerbatimOp::create(builder, loc, builder.getStringAttr(""));
  emitWeights();
  // Per-layer parameter arrays are inserted here as calls are emitted.
  auto parametersEnd =
      emitc::VerbatimOp::create(builder, loc, builder.getStringAttr(""));
  parameterAnchor = parametersEnd;
  if (failed(emitInit()) || failed(emitInvoke()))
    return failure();

  // Kernel headers are known once every call is emitted.
  builder.setInsertionPoint(includesEnd);
  // A plain kernel name is a reference kernel; target kernels are named with
  // their folder (e.g. "dsp/conv2d_s8").
  for (StringRef kernel : kernelHeaders)
    emitc::IncludeOp::create(builder, loc,
                             (Twine("ingot/runtime/kernels/") +
                              (kernel.contains('/') ? "" : "ref/") + kernel +
                              ".h")
                                 .str(),
                             false);
  includesEnd->erase();
  parametersEnd->erase();
  return success();
}

} // namespace ingot::emitc_lowering

namespace {

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
