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
#include "llvm/Support/MemoryBuffer.h"

#include <cstring>

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

/// Imports one model; holds the tensor-index -> value map of the subgraph.
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
    return *model.subgraphs()->Get(0);
  }
  MLIRContext &getContext() { return context; }

private:
  FailureOr<Type> elementType(const tflite::Tensor &tensor,
                              OperatorContext *user);
  Location tensorLoc(const tflite::Tensor &tensor);
  LogicalResult importOperator(int32_t index, OpBuilder &builder,
                               const std::vector<HandlerEntry> &table);

  const tflite::Model &model;
  llvm::StringRef fileName;
  MLIRContext &context;
  llvm::DenseMap<int32_t, Value> values;
  Operation *lastConstant = nullptr;
};

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
    values[tensorIndex] = variable;
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
    values[tensorIndex] = constant;
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
  values[tensorIndex] = constant;
  return constant;
}

//===----------------------------------------------------------------------===//
// OperatorContext
//===----------------------------------------------------------------------===//

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
  return importer.fail("operator #" + llvm::Twine(index) + " (" + opName +
                       ") " + message);
}

//===----------------------------------------------------------------------===//
// Model
//===----------------------------------------------------------------------===//

LogicalResult
ModelImporter::importOperator(int32_t index, OpBuilder &builder,
                              const std::vector<HandlerEntry> &table) {
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

  auto entry = llvm::find_if(
      table, [&](const HandlerEntry &e) { return e.code == builtin; });
  if (entry == table.end())
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

OwningOpRef<ModuleOp> ModelImporter::run() {
  if (!model.subgraphs() || model.subgraphs()->size() == 0) {
    (void)fail("the model has no subgraphs");
    return nullptr;
  }
  if (model.subgraphs()->size() > 1) {
    (void)fail("the model has " + llvm::Twine(model.subgraphs()->size()) +
               " subgraphs; ingot supports single-subgraph models (no "
               "control flow operators)");
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

  std::vector<HandlerEntry> table;
  appendConvolutionHandlers(table);
  appendElementwiseHandlers(table);
  appendRecurrentHandlers(table);
  appendShapeHandlers(table);
  appendReductionHandlers(table);
  appendSequenceHandlers(table);

  if (graph.operators())
    for (int32_t index = 0;
         index < static_cast<int32_t>(graph.operators()->size()); ++index)
      if (failed(importOperator(index, builder, table)))
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
