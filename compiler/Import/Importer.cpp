//===- Importer.cpp - .tflite to graph dialect ----------------------------===//
//
// This file implements the model-level part of the importer: it verifies the
// flatbuffer before reading it, converts tensor types (quantization becomes
// `!quant.uniform` element types), materializes weights and variables, and
// dispatches each operator to the handler registered for its builtin code.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"
#include "OperatorImport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstring>
#include <map>

using namespace mlir;

namespace ingot::import {

static llvm::StringRef builtinOperatorName(int32_t code) {
  switch (code) {
#define INGOT_TFLITE_OPERATOR(NAME, CODE)                                      \
  case CODE:                                                                   \
    return #NAME;
#include "OperatorNames.def"
  default:
    return "UNKNOWN_OPERATOR";
  }
}

static std::string tensorName(const tflite::Tensor &tensor) {
  return tensor.name() ? tensor.name()->str() : std::string();
}

static const char *tensorTypeName(tflite::TensorType type) {
  const char *name = tflite::EnumNameTensorType(type);
  return name && *name ? name : "UNKNOWN";
}

/// Control flow is unrolled at import: a WHILE whose condition folds to a
/// constant on every iteration (a Keras recurrent layer over a fixed sequence
/// length) becomes its body's operators, once per iteration. These bound what
/// a hostile or unusual model can make the importer build.
constexpr unsigned kMaxLoopIterations = 4096;
constexpr uint64_t kMaxUnrolledOperators = 200000;
constexpr unsigned kMaxCallDepth = 8;
constexpr int32_t kSliceCode = 65;
constexpr int32_t kIfCode = 118;
constexpr int32_t kWhileCode = 119;

/// Imports one model; holds the tensor-index -> value map of the subgraph
/// being imported (the main one, or a WHILE's condition or body).
class ModelImporter {
public:
  ModelImporter(const tflite::Model &model, llvm::StringRef fileName,
                MLIRContext &context)
      : model(model), fileName(fileName), context(context) {}

  OwningOpRef<ModuleOp> run();

  FailureOr<Value> tensorValue(int32_t tensorIndex, OpBuilder &builder,
                               OperatorContext *user);
  FailureOr<RankedTensorType> tensorType(int32_t tensorIndex,
                                         OperatorContext *user);
  LogicalResult fail(const llvm::Twine &message) {
    emitError(UnknownLoc::get(&context)) << fileName << ": " << message;
    return failure();
  }
  const tflite::SubGraph &subgraph() const {
    return *model.subgraphs()->Get(currentSubgraph);
  }
  MLIRContext &getContext() { return context; }
  /// "" in the main subgraph, else which subgraph an operator belongs to.
  std::string scope() const;
  bool isEmptyTensor(int32_t tensorIndex) const {
    // The range check comes first: INT32_MAX and INT32_MIN are DenseSet's
    // reserved keys.
    auto tensors = subgraph().tensors();
    return tensors && tensorIndex >= 0 &&
           tensorIndex < static_cast<int32_t>(tensors->size()) &&
           emptyTensors.contains(tensorIndex);
  }

private:
  FailureOr<Type> elementType(const tflite::Tensor &tensor,
                              OperatorContext *user);
  Location tensorLoc(const tflite::Tensor &tensor);
  LogicalResult importOperator(int32_t index, OpBuilder &builder);
  FailureOr<RankedTensorType>
  foldableOperands(OperatorContext &operatorContext, unsigned count,
                   SmallVectorImpl<DenseIntElementsAttr> &operands);
  FailureOr<bool> foldConstantOperator(int32_t builtin,
                                       OperatorContext &operatorContext);
  FailureOr<bool> bindFolded(OperatorContext &operatorContext,
                             RankedTensorType type, ArrayRef<APInt> results);
  FailureOr<bool> foldConstantShapeOperator(int32_t builtin,
                                            OperatorContext &operatorContext);
  FailureOr<bool> resolveCounterSizedSlice(OperatorContext &operatorContext);
  LogicalResult bindOutputs(OperatorContext &operatorContext,
                            ValueRange results);
  LogicalResult importWhile(OperatorContext &operatorContext);
  LogicalResult importIf(OperatorContext &operatorContext);
  FailureOr<SmallVector<Value>> importSubgraphCall(int32_t subgraphIndex,
                                                   ValueRange arguments,
                                                   llvm::StringRef role,
                                                   OperatorContext &caller);
  void remember(int32_t tensorIndex, Value constant);
  Value createConstant(OpBuilder &builder, Location loc, RankedTensorType type,
                       Attribute value);

  const tflite::Model &model;
  llvm::StringRef fileName;
  MLIRContext &context;
  std::vector<HandlerEntry> handlers;
  llvm::DenseMap<int32_t, Value> values;
  /// Weights by (subgraph, tensor): a loop body's weights are made once and
  /// shared by every unrolled iteration, so they are in flash once.
  std::map<std::pair<uint32_t, int32_t>, Value> constants;
  /// In a loop body: the shapes of SLICEs sized by the loop counter, which
  /// the file declares only as placeholders, and those that are empty in
  /// this iteration (they can only be CONCATENATION inputs).
  llvm::DenseMap<int32_t, SmallVector<int64_t>> shapeOverrides;
  llvm::DenseSet<int32_t> emptyTensors;
  uint32_t currentSubgraph = 0;
  unsigned callDepth = 0;
  uint64_t unrolledOperators = 0;
  uint64_t foldedElements = 0;
  Operation *lastConstant = nullptr;
};

std::string ModelImporter::scope() const {
  if (currentSubgraph == 0)
    return "";
  std::string text = "subgraph " + std::to_string(currentSubgraph);
  if (const flatbuffers::String *name = subgraph().name())
    text += " ('" + name->str() + "')";
  return text + ", ";
}

void ModelImporter::remember(int32_t tensorIndex, Value constant) {
  values[tensorIndex] = constant;
  constants[{currentSubgraph, tensorIndex}] = constant;
}

/// Constants go to the top of the function, in the order they are made, so
/// that every later operator can use them.
Value ModelImporter::createConstant(OpBuilder &builder, Location loc,
                                    RankedTensorType type, Attribute value) {
  OpBuilder::InsertionGuard guard(builder);
  if (lastConstant)
    builder.setInsertionPointAfter(lastConstant);
  else
    builder.setInsertionPointToStart(builder.getInsertionBlock());
  Value constant =
      graph::ConstOp::create(builder, loc, type, cast<ElementsAttr>(value));
  lastConstant = constant.getDefiningOp();
  return constant;
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

Location ModelImporter::tensorLoc(const tflite::Tensor &tensor) {
  Location file = FileLineColLoc::get(&context, fileName, 0, 0);
  if (!tensor.name() || tensor.name()->size() == 0)
    return file;
  return NameLoc::get(StringAttr::get(&context, tensor.name()->string_view()),
                      file);
}

FailureOr<Type> ModelImporter::elementType(const tflite::Tensor &tensor,
                                           OperatorContext *user) {
  auto complain = [&](const llvm::Twine &message) -> FailureOr<Type> {
    if (user)
      return user->fail(message);
    return fail(message);
  };
  Type storage;
  bool isSigned = true;
  switch (tensor.type()) {
  case tflite::TensorType_FLOAT32:
    return Type(Float32Type::get(&context));
  case tflite::TensorType_FLOAT16:
    // Float16 weights of a converter float16 model; a DEQUANTIZE widens them.
    return Type(Float16Type::get(&context));
  case tflite::TensorType_INT8:
    storage = IntegerType::get(&context, 8);
    break;
  case tflite::TensorType_UINT8:
    // Only as the quantized input or output of a model converted with
    // inference_input_type or inference_output_type uint8.
    storage = IntegerType::get(&context, 8);
    isSigned = false;
    break;
  case tflite::TensorType_INT16:
    storage = IntegerType::get(&context, 16);
    break;
  case tflite::TensorType_INT32:
    storage = IntegerType::get(&context, 32);
    break;
  case tflite::TensorType_INT64:
    storage = IntegerType::get(&context, 64);
    break;
  case tflite::TensorType_BOOL:
    // One byte per element, as TFLite stores it.
    return Type(IntegerType::get(&context, 1));
  default:
    return complain(llvm::Twine("tensor type ") +
                    tensorTypeName(tensor.type()) +
                    " is not supported; ingot reads FLOAT32, FLOAT16, INT8, "
                    "quantized UINT8, INT16, INT32, INT64 and BOOL tensors");
  }
  const tflite::QuantizationParameters *quantization = tensor.quantization();
  bool quantized = quantization && quantization->scale() &&
                   quantization->scale()->size() != 0;
  if (!isSigned && (!quantized || quantization->scale()->size() != 1))
    return complain("tensor '" + tensorName(tensor) +
                    "' is UINT8 without one scale and zero point; ingot reads "
                    "UINT8 only as a per-tensor quantized model input or "
                    "output");
  if (!quantized)
    return storage;
  // MLIR's quant types store at most 32 bits. The one 64-bit quantized
  // tensor TFLite writes is the int16x8 bias, whose kernels read it as plain
  // integers, so it keeps its storage type.
  if (storage.getIntOrFloatBitWidth() > 32)
    return storage;

  auto scales = quantization->scale();
  auto zeroPoints = quantization->zero_point();
  if (!zeroPoints || zeroPoints->size() != scales->size())
    return complain("tensor '" + tensorName(tensor) +
                    "' has a different number of scales and zero points");
  // The verifier aligns a vector's length, not its 8-byte elements, so a
  // damaged file can misalign them: copy rather than load them in place.
  SmallVector<int64_t> zeroPointValues(zeroPoints->size());
  if (!zeroPointValues.empty())
    std::memcpy(zeroPointValues.data(), zeroPoints->Data(),
                zeroPointValues.size() * sizeof(int64_t));
  for (int64_t &value : zeroPointValues)
    value = flatbuffers::EndianScalar(value);
  unsigned width = storage.getIntOrFloatBitWidth();
  int64_t storageMin = isSigned ? -(int64_t{1} << (width - 1)) : 0;
  int64_t storageMax =
      isSigned ? (int64_t{1} << (width - 1)) - 1 : (int64_t{1} << width) - 1;
  Type expressed = Float32Type::get(&context);
  for (unsigned i = 0; i < scales->size(); ++i) {
    float scale = scales->Get(i);
    if (!(scale > 0.0f) || !std::isfinite(scale))
      return complain("tensor '" + tensorName(tensor) + "' has scale " +
                      std::to_string(scale) +
                      "; scales must be positive and finite");
    int64_t zeroPoint = zeroPointValues[i];
    if (zeroPoint < storageMin || zeroPoint > storageMax)
      return complain("tensor '" + tensorName(tensor) + "' has zero point " +
                      llvm::Twine(zeroPoint) + " outside its storage type");
  }
  unsigned flags = isSigned ? quant::QuantizationFlags::Signed : 0;
  if (scales->size() == 1)
    return Type(quant::UniformQuantizedType::get(
        flags, storage, expressed, scales->Get(0), zeroPointValues[0],
        storageMin, storageMax));
  SmallVector<double> scaleValues(scales->begin(), scales->end());
  int32_t axis = quantization->quantized_dimension();
  auto shape = tensor.shape();
  // Converters copy the filter's channel axis onto 1-D biases; a vector can
  // only be quantized along its one axis.
  if (shape && shape->size() == 1)
    axis = 0;
  if (!shape || axis < 0 || axis >= static_cast<int32_t>(shape->size()) ||
      shape->Get(axis) != static_cast<int32_t>(scales->size()))
    return complain("tensor '" + tensorName(tensor) +
                    "' has per-channel quantization along axis " +
                    llvm::Twine(axis) + " that does not match its shape");
  return Type(quant::UniformQuantizedPerAxisType::get(
      flags, storage, expressed, scaleValues, zeroPointValues, axis, storageMin,
      storageMax));
}

FailureOr<RankedTensorType> ModelImporter::tensorType(int32_t tensorIndex,
                                                      OperatorContext *user) {
  auto tensors = subgraph().tensors();
  if (tensorIndex < 0 || !tensors ||
      tensorIndex >= static_cast<int32_t>(tensors->size())) {
    std::string message = "refers to tensor " + std::to_string(tensorIndex) +
                          ", which does not exist";
    return user ? user->fail(message) : fail(message);
  }
  const tflite::Tensor &tensor = *tensors->Get(tensorIndex);
  if (tensor.sparsity()) {
    std::string message = "uses sparse tensor '" + tensorName(tensor) +
                          "'; densify the model before compiling";
    return user ? user->fail(message) : fail(message);
  }
  SmallVector<int64_t> shape;
  if (tensor.shape())
    for (int32_t dim : *tensor.shape())
      shape.push_back(dim);
  if (auto known = shapeOverrides.find(tensorIndex);
      known != shapeOverrides.end())
    shape = known->second;
  // A -1 in shape_signature only says the tensor may be resized (usually the
  // batch); the interpreter runs with `shape`, and so does ingot.
  bool dynamic = llvm::any_of(shape, [](int64_t d) { return d < 0; });
  if (dynamic) {
    std::string message =
        "tensor '" + tensorName(tensor) +
        "' has a dynamic shape; ingot needs static shapes: convert the model "
        "with a fixed batch size";
    return user ? user->fail(message) : fail(message);
  }
  // A tensor without elements has no bytes for a kernel to read or write,
  // and every kernel divides by some extent: refuse it here, once.
  if (llvm::is_contained(shape, 0)) {
    std::string message =
        "tensor '" + tensorName(tensor) +
        "' has a zero-sized dimension; ingot compiles tensors with at least "
        "one element";
    return user ? user->fail(message) : fail(message);
  }
  // Element counts (and byte sizes computed from them) must not overflow;
  // 2^31 elements is far beyond any model a microcontroller runs.
  constexpr int64_t kMaxElements = int64_t{1} << 31;
  int64_t elements = 1;
  for (int64_t extent : shape) {
    if (extent != 0 && elements > kMaxElements / extent) {
      std::string message =
          "tensor '" + tensorName(tensor) +
          "' has more than 2^31 elements; the model is corrupt or far too "
          "large for ingot";
      return user ? user->fail(message) : fail(message);
    }
    elements *= extent;
  }
  FailureOr<Type> element = elementType(tensor, user);
  if (failed(element))
    return failure();
  return RankedTensorType::get(shape, *element);
}

FailureOr<Value> ModelImporter::tensorValue(int32_t tensorIndex,
                                            OpBuilder &builder,
                                            OperatorContext *user) {
  // The type check also bounds-checks the index, which must come before any
  // map lookup: INT32_MAX and INT32_MIN are DenseMap's reserved keys.
  FailureOr<RankedTensorType> type = tensorType(tensorIndex, user);
  if (failed(type))
    return failure();
  if (Value known = values.lookup(tensorIndex))
    return known;
  if (emptyTensors.contains(tensorIndex)) {
    std::string message =
        "reads tensor " + std::to_string(tensorIndex) +
        ", which is empty in this iteration of its loop (a SLICE sized by the "
        "loop counter); ingot accepts such a tensor only as a CONCATENATION "
        "input";
    return user ? user->fail(message) : fail(message);
  }
  auto shared = constants.find({currentSubgraph, tensorIndex});
  if (shared != constants.end())
    return shared->second;
  const tflite::Tensor &tensor = *subgraph().tensors()->Get(tensorIndex);
  Location loc = tensorLoc(tensor);
  auto complain = [&](const llvm::Twine &message) -> FailureOr<Value> {
    if (user)
      return user->fail(message);
    return fail(message);
  };

  // Weights and variables are created at the top of the function, in the
  // order operators first use them, so that every later operator can use
  // them and generated code lists them in layer order.
  OpBuilder::InsertionGuard guard(builder);
  if (lastConstant)
    builder.setInsertionPointAfter(lastConstant);
  else
    builder.setInsertionPointToStart(builder.getInsertionBlock());

  if (tensor.is_variable()) {
    Value variable = graph::VariableOp::create(
        builder, loc, *type, builder.getStringAttr(tensorName(tensor)));
    lastConstant = variable.getDefiningOp();
    remember(tensorIndex, variable);
    return variable;
  }

  auto buffers = model.buffers();
  uint32_t bufferIndex = tensor.buffer();
  const tflite::Buffer *buffer = buffers && bufferIndex < buffers->size()
                                     ? buffers->Get(bufferIndex)
                                     : nullptr;
  if (!buffer || !buffer->data() || buffer->data()->size() == 0) {
    if (buffer && buffer->size() > 0)
      return complain("keeps tensor data outside the flatbuffer (a model "
                      "over 2 GB); such models are not supported");
    return complain("reads tensor '" + tensorName(tensor) +
                    "', which no operator produces and which has no data");
  }

  Type element = type->getElementType();
  Type storage = element;
  if (auto quantized = dyn_cast<quant::QuantizedType>(element))
    storage = quantized.getStorageType();
  int64_t bytesPerElement = (storage.getIntOrFloatBitWidth() + 7) / 8;
  int64_t expectedBytes = type->getNumElements() * bytesPerElement;
  if (static_cast<int64_t>(buffer->data()->size()) != expectedBytes)
    return complain("tensor '" + tensorName(tensor) + "' holds " +
                    llvm::Twine(buffer->data()->size()) +
                    " bytes of data but its shape needs " +
                    llvm::Twine(expectedBytes));
  auto storageType = RankedTensorType::get(type->getShape(), storage);
  if (storage.isInteger(1)) {
    // MLIR packs i1 raw buffers; TFLite stores a byte per element.
    SmallVector<bool> bits;
    for (uint8_t byte : *buffer->data())
      bits.push_back(byte != 0);
    Value constant = graph::ConstOp::create(
        builder, loc, *type, DenseElementsAttr::get(storageType, bits));
    lastConstant = constant.getDefiningOp();
    remember(tensorIndex, constant);
    return constant;
  }
  llvm::ArrayRef<char> raw(
      reinterpret_cast<const char *>(buffer->data()->data()),
      buffer->data()->size());
  bool isSplat = false;
  if (!DenseElementsAttr::isValidRawBuffer(storageType, raw, isSplat))
    return complain("tensor '" + tensorName(tensor) +
                    "' has data that does not match its type");
  auto value = DenseElementsAttr::getFromRawBuffer(storageType, raw);
  Value constant = graph::ConstOp::create(builder, loc, *type, value);
  lastConstant = constant.getDefiningOp();
  remember(tensorIndex, constant);
  return constant;
}

//===----------------------------------------------------------------------===//
// OperatorContext
//===----------------------------------------------------------------------===//

bool OperatorContext::isEmptyInput(unsigned i) const {
  return i < numInputs() && op.inputs()->Get(i) >= 0 &&
         importer.isEmptyTensor(op.inputs()->Get(i));
}

unsigned OperatorContext::numInputs() const {
  return op.inputs() ? op.inputs()->size() : 0;
}
unsigned OperatorContext::numOutputs() const {
  return op.outputs() ? op.outputs()->size() : 0;
}

FailureOr<Value> OperatorContext::optionalInput(unsigned i) {
  if (i >= numInputs() || op.inputs()->Get(i) < 0)
    return Value();
  return importer.tensorValue(op.inputs()->Get(i), builder, this);
}

FailureOr<Value> OperatorContext::input(unsigned i) {
  FailureOr<Value> value = optionalInput(i);
  if (succeeded(value) && !*value)
    return fail("is missing input " + llvm::Twine(i));
  return value;
}

FailureOr<SmallVector<int64_t>> OperatorContext::constantInts(unsigned i) {
  FailureOr<Value> value = input(i);
  if (failed(value))
    return failure();
  auto constant = value->getDefiningOp<graph::ConstOp>();
  auto elements =
      constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue()) : nullptr;
  if (!elements)
    return fail("needs input " + llvm::Twine(i) +
                " to be a constant integer tensor; ingot compiles static "
                "graphs only");
  SmallVector<int64_t> result;
  for (const APInt &element : elements.getValues<APInt>())
    result.push_back(element.getSExtValue());
  return result;
}

FailureOr<RankedTensorType> OperatorContext::outputType(unsigned i) {
  if (i >= numOutputs())
    return fail("is missing output " + llvm::Twine(i));
  return importer.tensorType(op.outputs()->Get(i), this);
}

FailureOr<graph::Activation>
OperatorContext::activation(tflite::ActivationFunctionType type) {
  switch (type) {
  case tflite::ActivationFunctionType_NONE:
    return graph::Activation::None;
  case tflite::ActivationFunctionType_RELU:
    return graph::Activation::Relu;
  case tflite::ActivationFunctionType_RELU_N1_TO_1:
    return graph::Activation::ReluN1To1;
  case tflite::ActivationFunctionType_RELU6:
    return graph::Activation::Relu6;
  default:
    return fail(llvm::Twine("has fused activation ") +
                tflite::EnumNameActivationFunctionType(type) +
                ", which ingot does not support");
  }
}

LogicalResult OperatorContext::fail(const llvm::Twine &message) {
  if (reported)
    return failure();
  reported = true;
  return importer.fail(importer.scope() + "operator #" + llvm::Twine(index) +
                       " (" + opName + ") " + message);
}

//===----------------------------------------------------------------------===//
// Model
//===----------------------------------------------------------------------===//

LogicalResult ModelImporter::importOperator(int32_t index, OpBuilder &builder) {
  const tflite::Operator &op = *subgraph().operators()->Get(index);
  auto codes = model.operator_codes();
  if (!codes || op.opcode_index() >= codes->size())
    return fail("operator #" + llvm::Twine(index) +
                " refers to a missing operator code");
  const tflite::OperatorCode &code = *codes->Get(op.opcode_index());
  // The format moved builtin codes past 127 into a new field; the larger of
  // the two is the real code.
  int32_t builtin =
      std::max<int32_t>(code.deprecated_builtin_code(), code.builtin_code());
  llvm::StringRef name = builtinOperatorName(builtin);
  if (builtin == 32 /*CUSTOM*/ && code.custom_code())
    name = code.custom_code()->string_view();

  Location loc = FileLineColLoc::get(&context, fileName, 0, 0);
  if (op.outputs() && op.outputs()->size() > 0) {
    int32_t output = op.outputs()->Get(0);
    auto tensors = subgraph().tensors();
    if (output >= 0 && tensors &&
        output < static_cast<int32_t>(tensors->size()))
      loc = tensorLoc(*tensors->Get(output));
  }
  OperatorContext context(*this, op, index, name, builder, loc);

  if (builtin == kWhileCode || builtin == kIfCode) {
    if (code.version() > 1)
      return context.fail("has version " + llvm::Twine(code.version()) +
                          ", newer than the version 1 ingot implements");
    return builtin == kWhileCode ? importWhile(context) : importIf(context);
  }
  FailureOr<bool> folded = foldConstantOperator(builtin, context);
  if (succeeded(folded) && !*folded)
    folded = foldConstantShapeOperator(builtin, context);
  if (succeeded(folded) && !*folded && currentSubgraph != 0 &&
      builtin == kSliceCode)
    folded = resolveCounterSizedSlice(context);
  if (failed(folded))
    return failure();
  if (*folded)
    return success();

  auto entry = llvm::find_if(
      handlers, [&](const HandlerEntry &e) { return e.code == builtin; });
  if (entry == handlers.end())
    return context.fail("is not supported by ingot yet; see docs/ops.md for "
                        "the supported operators");
  if (code.version() > entry->maxVersion)
    return context.fail("has version " + llvm::Twine(code.version()) +
                        ", newer than the version " +
                        llvm::Twine(entry->maxVersion) +
                        " ingot implements; re-export the model with an "
                        "older converter or file an issue");
  if (context.numOutputs() < 1)
    return context.fail("has no outputs");
  FailureOr<Value> first = entry->handler(context);
  if (failed(first))
    return failure();
  SmallVector<Value> results = {*first};
  llvm::append_range(results, context.moreResults);
  if (results.size() != context.numOutputs())
    return context.fail("has " + llvm::Twine(context.numOutputs()) +
                        " outputs; ingot supports " +
                        llvm::Twine(results.size()) + " for it");
  for (auto [position, result] : llvm::enumerate(results)) {
    Operation *defining = result.getDefiningOp();
    if (defining && !isa<graph::ConstOp>(defining)) {
      defining->setAttr(kTfliteOpAttr, builder.getStringAttr(name));
      // The index names an operator of the main subgraph, which is what
      // --eval and the profiling hooks compare against; an operator of an
      // unrolled loop body has none there.
      if (currentSubgraph == 0)
        defining->setAttr(kTfliteIndexAttr, builder.getI32IntegerAttr(index));
      // Verify while the operator's index and name are known: the verifier
      // checks TFLite's shape rules, and its message alone names neither the
      // file nor the operator.
      std::string problem;
      {
        ScopedDiagnosticHandler capture(
            defining->getContext(), [&](Diagnostic &diagnostic) {
              if (problem.empty() &&
                  diagnostic.getSeverity() == DiagnosticSeverity::Error)
                problem = diagnostic.str();
              return success();
            });
        if (failed(mlir::verify(defining)) && problem.empty())
          problem = "does not verify";
      }
      if (!problem.empty())
        return context.fail("is malformed: " + problem);
    }
    FailureOr<RankedTensorType> declared = context.outputType(position);
    if (failed(declared))
      return failure();
    if (result.getType() != *declared)
      return context.fail("produced an unexpected type");
    values[op.outputs()->Get(position)] = result;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Constant folding and control flow
//===----------------------------------------------------------------------===//

namespace {
enum class Fold {
  Add,
  Sub,
  Mul,
  Minimum,
  Maximum,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Equal,
  NotEqual,
  And,
  Or,
  Not
};

std::optional<Fold> foldKind(int32_t builtin) {
  switch (builtin) {
  case 0:
    return Fold::Add;
  case 41:
    return Fold::Sub;
  case 18:
    return Fold::Mul;
  case 57:
    return Fold::Minimum;
  case 55:
    return Fold::Maximum;
  case 58:
    return Fold::Less;
  case 63:
    return Fold::LessEqual;
  case 61:
    return Fold::Greater;
  case 62:
    return Fold::GreaterEqual;
  case 71:
    return Fold::Equal;
  case 72:
    return Fold::NotEqual;
  case 86:
    return Fold::And;
  case 84:
    return Fold::Or;
  case 87:
    return Fold::Not;
  default:
    return std::nullopt;
  }
}

/// ADD, SUB and MUL fold only without a fused activation: integer tensors
/// of loop counters and shape arithmetic have none.
bool hasFusedActivation(const tflite::Operator &op) {
  if (auto *add = op.builtin_options_as_AddOptions())
    return add->fused_activation_function() !=
           tflite::ActivationFunctionType_NONE;
  if (auto *sub = op.builtin_options_as_SubOptions())
    return sub->fused_activation_function() !=
           tflite::ActivationFunctionType_NONE;
  if (auto *mul = op.builtin_options_as_MulOptions())
    return mul->fused_activation_function() !=
           tflite::ActivationFunctionType_NONE;
  return false;
}

APInt foldElement(Fold kind, const APInt &lhs, const APInt &rhs) {
  auto truth = [](bool value) { return APInt(1, value ? 1 : 0); };
  switch (kind) {
  case Fold::Add:
    return lhs + rhs;
  case Fold::Sub:
    return lhs - rhs;
  case Fold::Mul:
    return lhs * rhs;
  case Fold::Minimum:
    return lhs.slt(rhs) ? lhs : rhs;
  case Fold::Maximum:
    return lhs.sgt(rhs) ? lhs : rhs;
  case Fold::Less:
    return truth(lhs.slt(rhs));
  case Fold::LessEqual:
    return truth(lhs.sle(rhs));
  case Fold::Greater:
    return truth(lhs.sgt(rhs));
  case Fold::GreaterEqual:
    return truth(lhs.sge(rhs));
  case Fold::Equal:
    return truth(lhs == rhs);
  case Fold::NotEqual:
    return truth(lhs != rhs);
  case Fold::And:
    return truth(!lhs.isZero() && !rhs.isZero());
  case Fold::Or:
    return truth(!lhs.isZero() || !rhs.isZero());
  case Fold::Not:
    return truth(lhs.isZero());
  }
  llvm_unreachable("every fold kind is handled");
}
} // namespace

/// The first `count` inputs of an operator as constant integer tensors, and
/// its output type (integer, at most 4,096 elements): a null type when the
/// operator cannot be folded, failure when an input cannot be read.
/// Quantized tensors keep integer storage in their attribute but are not
/// integers; they are left to the kernels.
FailureOr<RankedTensorType> ModelImporter::foldableOperands(
    OperatorContext &operatorContext, unsigned count,
    SmallVectorImpl<DenseIntElementsAttr> &operands) {
  constexpr int64_t kMaxFoldedElements = 4096;
  for (unsigned i = 0; i < count; ++i) {
    int32_t tensorIndex = operatorContext.op.inputs()->Get(i);
    if (tensorIndex < 0 || isEmptyTensor(tensorIndex))
      return RankedTensorType();
    FailureOr<Value> value = operatorContext.input(i);
    if (failed(value))
      return failure();
    auto constant = value->getDefiningOp<graph::ConstOp>();
    auto elements = constant
                        ? dyn_cast<DenseIntElementsAttr>(constant.getValue())
                        : nullptr;
    if (!elements || !isa<IntegerType>(getElementTypeOrSelf(value->getType())))
      return RankedTensorType();
    operands.push_back(elements);
  }
  FailureOr<RankedTensorType> outputType = operatorContext.outputType(0);
  if (failed(outputType))
    return failure();
  if (!isa<IntegerType>(outputType->getElementType()) ||
      outputType->getNumElements() > kMaxFoldedElements)
    return RankedTensorType();
  return *outputType;
}

/// Makes `results` the constant value of the operator's output. Every folded
/// attribute stays in the context until it is destroyed, so their total size
/// is bounded too.
FailureOr<bool> ModelImporter::bindFolded(OperatorContext &operatorContext,
                                          RankedTensorType type,
                                          ArrayRef<APInt> results) {
  constexpr uint64_t kMaxFoldedElementsInAll = uint64_t{1} << 24;
  foldedElements += results.size();
  if (foldedElements > kMaxFoldedElementsInAll)
    return operatorContext.fail(
        "makes the constants worked out at import exceed 2^24 elements; "
        "ingot folds integer operators of constants only that far");
  Value constant = createConstant(operatorContext.builder, operatorContext.loc,
                                  type, DenseElementsAttr::get(type, results));
  values[operatorContext.op.outputs()->Get(0)] = constant;
  return true;
}

/// Works out integer and bool operators whose operands are all constants
/// (WHILE counters and conditions, shape arithmetic): returns true when the
/// operator's output is now a constant, false to import it as usual.
FailureOr<bool>
ModelImporter::foldConstantOperator(int32_t builtin,
                                    OperatorContext &operatorContext) {
  std::optional<Fold> kind = foldKind(builtin);
  unsigned arity = kind == Fold::Not ? 1 : 2;
  if (!kind || operatorContext.numInputs() != arity ||
      operatorContext.numOutputs() != 1 ||
      hasFusedActivation(operatorContext.op))
    return false;
  SmallVector<DenseIntElementsAttr> operands;
  FailureOr<RankedTensorType> outputType =
      foldableOperands(operatorContext, arity, operands);
  if (failed(outputType))
    return failure();
  if (!*outputType)
    return false;
  auto outputElement = cast<IntegerType>(outputType->getElementType());
  int64_t count = outputType->getNumElements();
  bool isComparison = *kind >= Fold::Less && *kind <= Fold::NotEqual;
  bool isLogical = *kind >= Fold::And;
  bool outputMatchesAnOperand = false;
  for (DenseIntElementsAttr operand : operands) {
    Type element = operand.getElementType();
    if (isComparison ? !outputElement.isInteger(1) : element != outputElement)
      return false;
    // LOGICAL_* take bools, the arithmetic integers of 8 bits or more, as
    // TFLite's kernels do; other models are left to the handlers to refuse.
    if (isLogical != element.isInteger(1))
      return false;
    // One value, or one per output element in the output's shape; other
    // broadcasts are left to the kernels.
    if (operand.getType().getShape() == outputType->getShape())
      outputMatchesAnOperand = true;
    else if (operand.getNumElements() != 1)
      return false;
  }
  // The output has the shape of an operand, or one element: a declared
  // shape that no broadcast gives is left to the verifier.
  if (!outputMatchesAnOperand && count != 1)
    return false;
  if (isComparison &&
      operands.front().getElementType() != operands.back().getElementType())
    return false;
  SmallVector<APInt> results;
  results.reserve(count);
  auto element = [&](DenseIntElementsAttr operand, int64_t i) {
    return operand.getValues<APInt>()[operand.getNumElements() == 1 ? 0 : i];
  };
  for (int64_t i = 0; i < count; ++i) {
    APInt lhs = element(operands.front(), i);
    APInt rhs = element(operands.back(), i);
    results.push_back(foldElement(*kind, lhs, rhs));
  }
  return bindFolded(operatorContext, *outputType, results);
}

/// Folds RESHAPE, EXPAND_DIMS, SQUEEZE, CONCATENATION and PACK of constant
/// integer tensors: the index arithmetic a WHILE body builds from its loop
/// counter (the begin of a SLICE, say) must be known to unroll the loop.
FailureOr<bool>
ModelImporter::foldConstantShapeOperator(int32_t builtin,
                                         OperatorContext &operatorContext) {
  constexpr int32_t kConcatenation = 2, kReshape = 22, kSqueeze = 43,
                    kExpandDims = 70, kPack = 83;
  bool isReshape =
      builtin == kReshape || builtin == kSqueeze || builtin == kExpandDims;
  if (!isReshape && builtin != kConcatenation && builtin != kPack)
    return false;
  unsigned dataInputs = isReshape ? 1 : operatorContext.numInputs();
  if (dataInputs == 0 || operatorContext.numInputs() < dataInputs ||
      operatorContext.numOutputs() != 1)
    return false;
  SmallVector<DenseIntElementsAttr> operands;
  FailureOr<RankedTensorType> outputType =
      foldableOperands(operatorContext, dataInputs, operands);
  if (failed(outputType))
    return failure();
  if (!*outputType)
    return false;
  int64_t count = outputType->getNumElements();
  for (DenseIntElementsAttr operand : operands)
    if (operand.getElementType() != outputType->getElementType())
      return false;

  SmallVector<APInt> results;
  if (isReshape) {
    if (operands.front().getNumElements() != count)
      return false;
    llvm::append_range(results, operands.front().getValues<APInt>());
  } else {
    int64_t rank = outputType->getRank();
    int32_t axis = 0;
    if (builtin == kConcatenation) {
      auto *options =
          operatorContext.op.builtin_options_as_ConcatenationOptions();
      if (!options || options->fused_activation_function() !=
                          tflite::ActivationFunctionType_NONE)
        return false;
      axis = options->axis();
    } else {
      auto *options = operatorContext.op.builtin_options_as_PackOptions();
      if (!options)
        return false;
      axis = options->axis();
    }
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return false;
    ArrayRef<int64_t> shape = outputType->getShape();
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer *= shape[d];
    for (int64_t d = axis + 1; d < rank; ++d)
      inner *= shape[d];
    // Off the axis, every input has the output's shape (a PACK's inputs
    // lack the axis); a model where they do not is left to the handler and
    // the verifier to report.
    for (DenseIntElementsAttr operand : operands) {
      ArrayRef<int64_t> operandShape = operand.getType().getShape();
      SmallVector<int64_t> expected(shape);
      if (builtin == kPack)
        expected.erase(expected.begin() + axis);
      else if (static_cast<int64_t>(operandShape.size()) == rank)
        expected[axis] = operandShape[axis];
      if (operandShape != ArrayRef<int64_t>(expected))
        return false;
    }
    // Each input contributes a block of its extent along the axis (1 for a
    // PACK) times `inner` elements per outer index.
    SmallVector<int64_t> blocks;
    int64_t total = 0;
    for (DenseIntElementsAttr operand : operands) {
      int64_t block = operand.getNumElements() / std::max<int64_t>(outer, 1);
      if (block * outer != operand.getNumElements() || block % inner != 0)
        return false;
      blocks.push_back(block);
      total += block;
    }
    if (total * outer != count)
      return false;
    results.reserve(count);
    for (int64_t o = 0; o < outer; ++o)
      for (auto [operand, block] : llvm::zip_equal(operands, blocks)) {
        auto values = operand.getValues<APInt>();
        for (int64_t i = 0; i < block; ++i)
          results.push_back(values[o * block + i]);
      }
  }
  return bindFolded(operatorContext, *outputType, results);
}

/// A SLICE inside a loop body whose begin and size come from the loop
/// counter (Keras's return_sequences=True writes its output sequence so) has
/// a placeholder shape in the file. With the counter folded, its shape is
/// known: record it for the SLICE handler, or, when it is empty in this
/// iteration, record that instead of importing anything. Returns true when
/// the slice is empty and so handled here.
FailureOr<bool>
ModelImporter::resolveCounterSizedSlice(OperatorContext &operatorContext) {
  if (operatorContext.numInputs() != 3 || operatorContext.numOutputs() != 1)
    return false;
  FailureOr<Value> input = operatorContext.input(0);
  if (failed(input))
    return failure();
  SmallVector<SmallVector<int64_t>> bounds;
  for (unsigned i = 1; i < 3; ++i) {
    FailureOr<Value> value = operatorContext.input(i);
    if (failed(value))
      return failure();
    auto constant = value->getDefiningOp<graph::ConstOp>();
    auto elements = constant
                        ? dyn_cast<DenseIntElementsAttr>(constant.getValue())
                        : nullptr;
    if (!elements)
      return false;
    SmallVector<int64_t> entries;
    for (const APInt &element : elements.getValues<APInt>())
      entries.push_back(element.getSExtValue());
    bounds.push_back(std::move(entries));
  }
  ArrayRef<int64_t> inputShape =
      cast<RankedTensorType>(input->getType()).getShape();
  const SmallVector<int64_t> &begin = bounds[0], &size = bounds[1];
  if (begin.size() != inputShape.size() || size.size() != inputShape.size())
    return false;
  SmallVector<int64_t> shape;
  for (auto [extent, start, length] :
       llvm::zip_equal(inputShape, begin, size)) {
    if (start < 0 || start > extent)
      return operatorContext.fail("slices outside its input");
    int64_t resolved = length == -1 ? extent - start : length;
    if (resolved < 0 || resolved > extent - start)
      return operatorContext.fail("slices outside its input");
    shape.push_back(resolved);
  }
  // The range check comes before the maps: INT32_MAX and INT32_MIN are
  // their reserved keys. The output's declared shape is a placeholder, so
  // outputType() (which checks it) cannot be used.
  int32_t output = operatorContext.op.outputs()->Get(0);
  auto tensors = subgraph().tensors();
  if (!tensors || output < 0 || output >= static_cast<int32_t>(tensors->size()))
    return operatorContext.fail("refers to output tensor " +
                                llvm::Twine(output) + ", which does not exist");
  if (llvm::is_contained(shape, 0)) {
    emptyTensors.insert(output);
    return true;
  }
  shapeOverrides[output] = shape;
  return false;
}

FailureOr<SmallVector<Value>>
ModelImporter::importSubgraphCall(int32_t subgraphIndex, ValueRange arguments,
                                  llvm::StringRef role,
                                  OperatorContext &caller) {
  auto subgraphs = model.subgraphs();
  if (subgraphIndex <= 0 ||
      subgraphIndex >= static_cast<int32_t>(subgraphs->size()))
    return caller.fail("names subgraph " + llvm::Twine(subgraphIndex) +
                       " as its " + role +
                       ", which does not exist (or is the main subgraph)");
  if (callDepth >= kMaxCallDepth)
    return caller.fail("nests control flow more than " +
                       llvm::Twine(kMaxCallDepth) +
                       " levels deep; ingot unrolls up to that depth");
  const tflite::SubGraph &callee = *subgraphs->Get(subgraphIndex);
  if (!callee.inputs() || !callee.outputs() ||
      callee.inputs()->size() != arguments.size())
    return caller.fail("passes " + llvm::Twine(arguments.size()) +
                       " values to its " + role + " (subgraph " +
                       llvm::Twine(subgraphIndex) +
                       "), which declares a different number of inputs");

  llvm::DenseMap<int32_t, Value> callerValues = std::move(values);
  values.clear();
  auto callerOverrides = std::move(shapeOverrides);
  shapeOverrides.clear();
  auto callerEmpty = std::move(emptyTensors);
  emptyTensors.clear();
  uint32_t callerSubgraph = currentSubgraph;
  currentSubgraph = subgraphIndex;
  ++callDepth;
  llvm::scope_exit restore([&] {
    values = std::move(callerValues);
    shapeOverrides = std::move(callerOverrides);
    emptyTensors = std::move(callerEmpty);
    currentSubgraph = callerSubgraph;
    --callDepth;
  });

  // Each call counts as an operator per value it passes in and out, so that
  // loops of empty bodies, and loops carrying many values, also stop.
  unrolledOperators += 1 + callee.inputs()->size() + callee.outputs()->size();
  if (unrolledOperators > kMaxUnrolledOperators)
    return fail(scope() + "unrolling control flow makes more than " +
                llvm::Twine(kMaxUnrolledOperators) +
                " operators; ingot compiles loops by unrolling them");
  OpBuilder &builder = caller.builder;
  for (auto [argument, tensorIndex] :
       llvm::zip_equal(arguments, *callee.inputs())) {
    FailureOr<RankedTensorType> type = tensorType(tensorIndex, nullptr);
    if (failed(type))
      return failure();
    if (argument.getType() != *type) {
      std::string declared, passed;
      llvm::raw_string_ostream(declared) << *type;
      llvm::raw_string_ostream(passed) << argument.getType();
      return fail(scope() + "input tensor " + llvm::Twine(tensorIndex) +
                  " is " + declared + " but the " + role + "'s caller passes " +
                  passed +
                  " (a loop whose values change shape from one "
                  "iteration to the next?)");
    }
    values[tensorIndex] = argument;
  }
  if (callee.operators())
    for (int32_t index = 0;
         index < static_cast<int32_t>(callee.operators()->size()); ++index) {
      if (++unrolledOperators > kMaxUnrolledOperators)
        return fail(scope() + "unrolling control flow makes more than " +
                    llvm::Twine(kMaxUnrolledOperators) +
                    " operators; ingot compiles loops by unrolling them");
      if (failed(importOperator(index, builder)))
        return failure();
    }
  SmallVector<Value> results;
  for (int32_t tensorIndex : *callee.outputs()) {
    FailureOr<Value> value = tensorValue(tensorIndex, builder, nullptr);
    if (failed(value))
      return failure();
    results.push_back(*value);
  }
  return results;
}

/// Makes `results` the values of the operator's outputs, which must have the
/// types the file declares.
LogicalResult ModelImporter::bindOutputs(OperatorContext &operatorContext,
                                         ValueRange results) {
  for (auto [position, value] : llvm::enumerate(results)) {
    FailureOr<RankedTensorType> declared = operatorContext.outputType(position);
    if (failed(declared))
      return failure();
    if (value.getType() != *declared)
      return operatorContext.fail("produced an unexpected type");
    values[operatorContext.op.outputs()->Get(position)] = value;
  }
  return success();
}

LogicalResult ModelImporter::importWhile(OperatorContext &operatorContext) {
  FailureOr<const tflite::WhileOptions *> options =
      operatorContext.options<tflite::WhileOptions>();
  if (failed(options))
    return failure();
  unsigned count = operatorContext.numInputs();
  if (operatorContext.numOutputs() != count)
    return operatorContext.fail(
        "has " + llvm::Twine(count) + " inputs and " +
        llvm::Twine(operatorContext.numOutputs()) +
        " outputs; a WHILE returns the final value of each input");
  SmallVector<Value> carried;
  for (unsigned i = 0; i < count; ++i) {
    FailureOr<Value> value = operatorContext.input(i);
    if (failed(value))
      return failure();
    carried.push_back(*value);
  }
  int32_t condition = (*options)->cond_subgraph_index();
  int32_t body = (*options)->body_subgraph_index();
  for (unsigned iteration = 0;; ++iteration) {
    FailureOr<SmallVector<Value>> decision =
        importSubgraphCall(condition, carried, "condition", operatorContext);
    if (failed(decision))
      return failure();
    auto constant = decision->size() == 1
                        ? (*decision)[0].getDefiningOp<graph::ConstOp>()
                        : nullptr;
    auto flag = constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue())
                         : nullptr;
    if (!flag || flag.getNumElements() != 1 ||
        !flag.getElementType().isInteger(1))
      return operatorContext.fail(
          "has a condition (subgraph " + llvm::Twine(condition) +
          ") that is not a bool known when the model is compiled; ingot "
          "unrolls WHILE loops whose number of iterations is fixed, as in "
          "Keras recurrent layers over a fixed sequence length");
    if (!*flag.getValues<bool>().begin())
      break;
    if (iteration == kMaxLoopIterations)
      return operatorContext.fail(
          "runs more than " + llvm::Twine(kMaxLoopIterations) +
          " iterations; ingot unrolls WHILE loops up to that many");
    FailureOr<SmallVector<Value>> next =
        importSubgraphCall(body, carried, "body", operatorContext);
    if (failed(next))
      return failure();
    if (next->size() != count)
      return operatorContext.fail("has a body (subgraph " + llvm::Twine(body) +
                                  ") with " + llvm::Twine(next->size()) +
                                  " outputs for " + llvm::Twine(count) +
                                  " loop values");
    carried = std::move(*next);
  }
  return bindOutputs(operatorContext, carried);
}

LogicalResult ModelImporter::importIf(OperatorContext &operatorContext) {
  FailureOr<const tflite::IfOptions *> options =
      operatorContext.options<tflite::IfOptions>();
  if (failed(options))
    return failure();
  FailureOr<Value> condition = operatorContext.input(0);
  if (failed(condition))
    return failure();
  auto constant = condition->getDefiningOp<graph::ConstOp>();
  auto flag =
      constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue()) : nullptr;
  if (!flag || flag.getNumElements() != 1 ||
      !flag.getElementType().isInteger(1))
    return operatorContext.fail(
        "branches on a value known only when the model runs; ingot compiles "
        "an IF only when its condition is a constant");
  SmallVector<Value> arguments;
  for (unsigned i = 1; i < operatorContext.numInputs(); ++i) {
    FailureOr<Value> value = operatorContext.input(i);
    if (failed(value))
      return failure();
    arguments.push_back(*value);
  }
  bool taken = *flag.getValues<bool>().begin();
  int32_t branch = taken ? (*options)->then_subgraph_index()
                         : (*options)->else_subgraph_index();
  FailureOr<SmallVector<Value>> results = importSubgraphCall(
      branch, arguments, taken ? "then branch" : "else branch",
      operatorContext);
  if (failed(results))
    return failure();
  if (results->size() != operatorContext.numOutputs())
    return operatorContext.fail("has a branch with " +
                                llvm::Twine(results->size()) + " outputs for " +
                                llvm::Twine(operatorContext.numOutputs()));
  return bindOutputs(operatorContext, *results);
}

OwningOpRef<ModuleOp> ModelImporter::run() {
  if (!model.subgraphs() || model.subgraphs()->size() == 0) {
    (void)fail("the model has no subgraphs");
    return nullptr;
  }
  const tflite::SubGraph &graph = subgraph();
  if (!graph.inputs() || !graph.outputs() || graph.outputs()->size() == 0) {
    (void)fail("the main subgraph declares no inputs or outputs");
    return nullptr;
  }

  OpBuilder builder(&context);
  Location fileLoc = FileLineColLoc::get(&context, fileName, 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);

  SmallVector<Type> inputTypes, outputTypes;
  SmallVector<Attribute> inputNames, outputNames;
  for (int32_t index : *graph.inputs()) {
    FailureOr<RankedTensorType> type = tensorType(index, nullptr);
    if (failed(type))
      return nullptr;
    inputTypes.push_back(*type);
    inputNames.push_back(
        builder.getStringAttr(tensorName(*graph.tensors()->Get(index))));
  }
  for (int32_t index : *graph.outputs()) {
    FailureOr<RankedTensorType> type = tensorType(index, nullptr);
    if (failed(type))
      return nullptr;
    outputTypes.push_back(*type);
    outputNames.push_back(
        builder.getStringAttr(tensorName(*graph.tensors()->Get(index))));
  }

  builder.setInsertionPointToEnd(module->getBody());
  auto function =
      func::FuncOp::create(builder, fileLoc, "model",
                           builder.getFunctionType(inputTypes, outputTypes));
  function->setAttr(kInputNamesAttr, builder.getArrayAttr(inputNames));
  function->setAttr(kOutputNamesAttr, builder.getArrayAttr(outputNames));
  Block *entry = function.addEntryBlock();
  for (auto [position, index] : llvm::enumerate(*graph.inputs()))
    values[index] = entry->getArgument(position);
  builder.setInsertionPointToEnd(entry);

  appendConvolutionHandlers(handlers);
  appendElementwiseHandlers(handlers);
  appendRecurrentHandlers(handlers);
  appendShapeHandlers(handlers);
  appendReductionHandlers(handlers);
  appendSequenceHandlers(handlers);

  if (graph.operators())
    for (int32_t index = 0;
         index < static_cast<int32_t>(graph.operators()->size()); ++index)
      if (failed(importOperator(index, builder)))
        return nullptr;

  SmallVector<Value> results;
  for (int32_t index : *graph.outputs()) {
    FailureOr<Value> value = tensorValue(index, builder, nullptr);
    if (failed(value))
      return nullptr;
    results.push_back(*value);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  // Shape operands (RESHAPE's new shape, PAD's paddings, ...) become
  // attributes; their tensors would otherwise end up in flash unused.
  for (Operation &op : llvm::make_early_inc_range(*entry))
    if (isa<graph::ConstOp>(op) && op.use_empty())
      op.erase();
  if (failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> importTfliteBuffer(llvm::StringRef bytes,
                                         llvm::StringRef fileName,
                                         MLIRContext &context) {
  context.loadDialect<func::FuncDialect, graph::GraphDialect,
                      quant::QuantDialect>();
  auto report = [&](const llvm::Twine &message) {
    emitError(UnknownLoc::get(&context)) << fileName << ": " << message;
    return nullptr;
  };
  if (bytes.size() < 8 ||
      !flatbuffers::BufferHasIdentifier(bytes.data(), "TFL3"))
    return report("not a TensorFlow Lite model (no TFL3 identifier); "
                  "pass a .tflite file written by the TFLite converter");
  flatbuffers::Verifier verifier(
      reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  if (!tflite::VerifyModelBuffer(verifier))
    return report("truncated or corrupt TensorFlow Lite model (the "
                  "flatbuffer does not verify); re-export it");
  const tflite::Model *model = tflite::GetModel(bytes.data());
  ModelImporter importer(*model, fileName, context);
  return importer.run();
}

OwningOpRef<ModuleOp> importTfliteFile(llvm::StringRef path,
                                       MLIRContext &context) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file) {
    emitError(UnknownLoc::get(&context))
        << path << ": cannot read the model: " << file.getError().message();
    return nullptr;
  }
  return importTfliteBuffer((*file)->getBuffer(), path, context);
}

} // namespace ingot::import
