//===- Exporter.cpp - graph dialect to .tflite ----------------------------===//
//
// This file implements the model-level part of the exporter: it turns values
// into TFLite tensors (element type, shape, name, quantization, buffer),
// dispatches each graph op to the handler registered for it, collects the
// operator codes, and packs everything through flatc's object API, except
// that equal quantization vectors are written once and shared.
//
// The layout follows what the TFLite converter writes, so that other
// runtimes load the file: buffer 0 is an empty sentinel, every tensor has a
// buffer of its own (empty unless the tensor is a constant), constants'
// data is 16-byte aligned (schema.fbs says so), and the one subgraph is
// named "main".
//
//===----------------------------------------------------------------------===//
#include "Exporter.h"
#include "OperatorExport.h"

#include "Import/Importer.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <limits>
#include <map>

using namespace mlir;

namespace ingot::exporter {

/// The converter's schema version; readers reject other values.
static constexpr uint32_t kSchemaVersion = 3;
/// Builtin codes from 127 on live only in OperatorCode.builtin_code; the
/// deprecated byte field holds this placeholder for them.
static constexpr int32_t kPlaceholderForGreaterOpCodes = 127;
/// A flatbuffer addresses at most 2 GB; leave room for everything that is
/// not constant data.
static constexpr uint64_t kMaxDataBytes = (uint64_t{1} << 31) - (1 << 24);

/// The name a location gives a tensor: the first NameLoc inside it.
static std::string locationName(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

std::optional<tflite::TensorType> tfliteElementType(Type type) {
  bool isUnsigned = false;
  if (auto quantized = dyn_cast<quant::QuantizedType>(type)) {
    isUnsigned = !quantized.isSigned();
    type = quantized.getStorageType();
  }
  if (type.isF32())
    return tflite::TensorType_FLOAT32;
  if (type.isF16())
    return tflite::TensorType_FLOAT16;
  if (type.isF64())
    return tflite::TensorType_FLOAT64;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return std::nullopt;
  isUnsigned |= integer.isUnsigned();
  switch (integer.getWidth()) {
  case 8:
    return isUnsigned ? tflite::TensorType_UINT8 : tflite::TensorType_INT8;
  case 16:
    return isUnsigned ? tflite::TensorType_UINT16 : tflite::TensorType_INT16;
  case 32:
    return isUnsigned ? tflite::TensorType_UINT32 : tflite::TensorType_INT32;
  case 64:
    return isUnsigned ? tflite::TensorType_UINT64 : tflite::TensorType_INT64;
  default:
    return std::nullopt;
  }
}

std::optional<tflite::TensorType> tfliteElementType(Value value) {
  if (!value)
    return std::nullopt;
  auto type = dyn_cast<ShapedType>(value.getType());
  if (!type)
    return std::nullopt;
  return tfliteElementType(type.getElementType());
}

bool isPerAxisQuantized(Value value) {
  auto type = value ? dyn_cast<ShapedType>(value.getType()) : ShapedType();
  return type && isa<quant::UniformQuantizedPerAxisType>(type.getElementType());
}

/// Reports why a tensor cannot be exported and returns failure.
using FailureCallback = llvm::function_ref<LogicalResult(const llvm::Twine &)>;

/// Exports one function; holds the value -> tensor index map.
class ModelExporter {
public:
  ModelExporter(func::FuncOp function, const ExportOptions &options)
      : function(function), options(options) {}

  LogicalResult run(llvm::raw_ostream &os);

  /// The index of `value`'s tensor, created on first use.
  FailureOr<int32_t> tensorFor(Value value);
  /// Adds a constant tensor that has no value in the IR; `fail` reports
  /// what the format cannot hold.
  FailureOr<int32_t> addConstantTensor(llvm::StringRef name,
                                       RankedTensorType type,
                                       std::vector<uint8_t> data,
                                       FailureCallback fail);
  /// The name `value`'s tensor has or will have.
  std::string tensorName(Value value);

private:
  uint32_t addBuffer(std::vector<uint8_t> data);
  FailureOr<std::unique_ptr<tflite::TensorT>>
  newTensor(llvm::StringRef name, RankedTensorType type, FailureCallback fail);
  LogicalResult setQuantization(tflite::TensorT &tensor, Type element,
                                FailureCallback fail);
  FailureOr<std::vector<uint8_t>> constantData(graph::ConstOp constant,
                                               RankedTensorType type);
  LogicalResult exportOperator(Operation *op,
                               const std::vector<ExporterEntry> &table);
  uint32_t operatorCodeIndex(int32_t builtinCode, int32_t version);
  LogicalResult failOn(Value value, const llvm::Twine &message);
  void collectInterfaceNames();

  func::FuncOp function;
  ExportOptions options;
  tflite::ModelT model;
  tflite::SubGraphT *subgraph = nullptr;
  llvm::DenseMap<Value, int32_t> tensors;
  /// Names from ingot.input_names / ingot.output_names, which win over
  /// locations: they are the model's interface.
  llvm::DenseMap<Value, std::string> interfaceNames;
  std::map<std::pair<int32_t, int32_t>, uint32_t> operatorCodes;
  uint64_t dataBytes = 0;
};

//===----------------------------------------------------------------------===//
// Tensors and buffers
//===----------------------------------------------------------------------===//

void ModelExporter::collectInterfaceNames() {
  auto collect = [&](llvm::StringRef attrName, ValueRange values) {
    auto names = function->getAttrOfType<ArrayAttr>(attrName);
    if (!names || names.size() != values.size())
      return;
    for (auto [value, name] : llvm::zip(values, names))
      if (auto text = dyn_cast<StringAttr>(name))
        interfaceNames.try_emplace(value, text.str());
  };
  collect(import::kInputNamesAttr, function.getArguments());
  Block &body = function.getBody().front();
  if (!body.empty())
    if (auto terminator = dyn_cast<func::ReturnOp>(body.back()))
      collect(import::kOutputNamesAttr, terminator.getOperands());
}

std::string ModelExporter::tensorName(Value value) {
  auto interface = interfaceNames.find(value);
  if (interface != interfaceNames.end())
    return interface->second;
  if (auto variable = value.getDefiningOp<graph::VariableOp>())
    return variable.getName().str();
  return locationName(value.getLoc());
}

LogicalResult ModelExporter::failOn(Value value, const llvm::Twine &message) {
  emitError(value.getLoc()) << "cannot export tensor '" << tensorName(value)
                            << "' to TFLite: " << message;
  return failure();
}

uint32_t ModelExporter::addBuffer(std::vector<uint8_t> data) {
  dataBytes += data.size();
  auto buffer = std::make_unique<tflite::BufferT>();
  buffer->data = std::move(data);
  model.buffers.push_back(std::move(buffer));
  return model.buffers.size() - 1;
}

LogicalResult ModelExporter::setQuantization(tflite::TensorT &tensor,
                                             Type element,
                                             FailureCallback fail) {
  auto quantized = dyn_cast<quant::QuantizedType>(element);
  if (!quantized)
    return success();
  auto parameters = std::make_unique<tflite::QuantizationParametersT>();
  auto addScale = [&](double scale, int64_t zeroPoint) {
    float narrowed = static_cast<float>(scale);
    if (!(narrowed > 0.0f) || !std::isfinite(narrowed)) {
      std::string text;
      llvm::raw_string_ostream(text) << scale;
      return fail("scale " + text + " is not a positive finite float32");
    }
    parameters->scale.push_back(narrowed);
    parameters->zero_point.push_back(zeroPoint);
    return success();
  };
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(element)) {
    for (auto [scale, zeroPoint] :
         llvm::zip(perAxis.getScales(), perAxis.getZeroPoints()))
      if (failed(addScale(scale, zeroPoint)))
        return failure();
    parameters->quantized_dimension = perAxis.getQuantizedDimension();
  } else if (auto uniform = dyn_cast<quant::UniformQuantizedType>(element)) {
    if (failed(addScale(uniform.getScale(), uniform.getZeroPoint())))
      return failure();
  } else {
    std::string typeText;
    llvm::raw_string_ostream(typeText) << element;
    return fail("quantization " + typeText +
                " is neither per tensor nor per axis uniform");
  }
  tensor.quantization = std::move(parameters);
  return success();
}

FailureOr<std::vector<uint8_t>>
ModelExporter::constantData(graph::ConstOp constant, RankedTensorType type) {
  Value result = constant.getResult();
  Type storage = type.getElementType();
  if (auto quantized = dyn_cast<quant::QuantizedType>(storage))
    storage = quantized.getStorageType();
  uint64_t elementBytes = storage.getIntOrFloatBitWidth() / 8;
  uint64_t totalBytes = elementBytes * type.getNumElements();

  llvm::ArrayRef<char> raw;
  ElementsAttr value = constant.getValue();
  if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(value)) {
    raw = dense.getRawData();
    if (dense.isSplat()) {
      std::vector<uint8_t> data;
      data.reserve(totalBytes);
      for (int64_t i = 0, e = type.getNumElements(); i < e; ++i)
        data.insert(data.end(), raw.begin(), raw.begin() + elementBytes);
      return data;
    }
  } else if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return failOn(result, "its dense_resource data is missing");
    raw = blob->getData();
  } else {
    return failOn(result, "its value is neither dense nor a dense_resource");
  }
  if (raw.size() != totalBytes)
    return failOn(result, "its value holds " + llvm::Twine(raw.size()) +
                              " bytes but its type needs " +
                              llvm::Twine(totalBytes));
  return std::vector<uint8_t>(raw.begin(), raw.end());
}

FailureOr<std::unique_ptr<tflite::TensorT>>
ModelExporter::newTensor(llvm::StringRef name, RankedTensorType type,
                         FailureCallback fail) {
  if (!type.hasStaticShape()) {
    std::string typeText;
    llvm::raw_string_ostream(typeText) << type;
    return fail("type " + typeText + " is not a tensor of static shape");
  }
  std::optional<tflite::TensorType> element =
      tfliteElementType(type.getElementType());
  if (!element) {
    std::string typeText;
    llvm::raw_string_ostream(typeText) << type.getElementType();
    return fail("element type " + typeText + " has no TFLite type");
  }
  auto tensor = std::make_unique<tflite::TensorT>();
  tensor->name = name.str();
  tensor->type = *element;
  for (int64_t dim : type.getShape()) {
    if (dim > std::numeric_limits<int32_t>::max())
      return fail("dimension " + llvm::Twine(dim) +
                  " does not fit the format's 32 bits");
    tensor->shape.push_back(static_cast<int32_t>(dim));
  }
  if (failed(setQuantization(*tensor, type.getElementType(), fail)))
    return failure();
  return tensor;
}

FailureOr<int32_t> ModelExporter::tensorFor(Value value) {
  auto known = tensors.find(value);
  if (known != tensors.end())
    return known->second;

  auto fail = [&](const llvm::Twine &message) {
    return failOn(value, message);
  };
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type) {
    std::string typeText;
    llvm::raw_string_ostream(typeText) << value.getType();
    return fail("type " + typeText + " is not a ranked tensor");
  }
  FailureOr<std::unique_ptr<tflite::TensorT>> tensor =
      newTensor(tensorName(value), type, fail);
  if (failed(tensor))
    return failure();

  std::vector<uint8_t> data;
  if (auto constant = value.getDefiningOp<graph::ConstOp>()) {
    FailureOr<std::vector<uint8_t>> bytes = constantData(constant, type);
    if (failed(bytes))
      return failure();
    data = std::move(*bytes);
  }
  (*tensor)->is_variable =
      static_cast<bool>(value.getDefiningOp<graph::VariableOp>());
  (*tensor)->buffer = addBuffer(std::move(data));

  subgraph->tensors.push_back(std::move(*tensor));
  int32_t index = subgraph->tensors.size() - 1;
  tensors[value] = index;
  return index;
}

FailureOr<int32_t> ModelExporter::addConstantTensor(llvm::StringRef name,
                                                    RankedTensorType type,
                                                    std::vector<uint8_t> data,
                                                    FailureCallback fail) {
  FailureOr<std::unique_ptr<tflite::TensorT>> tensor =
      newTensor(name, type, fail);
  if (failed(tensor))
    return failure();
  (*tensor)->buffer = addBuffer(std::move(data));
  subgraph->tensors.push_back(std::move(*tensor));
  return static_cast<int32_t>(subgraph->tensors.size() - 1);
}

//===----------------------------------------------------------------------===//
// OperatorWriter
//===----------------------------------------------------------------------===//

LogicalResult OperatorWriter::addInput(Value value) {
  if (!value) {
    tfliteOp.inputs.push_back(-1);
    return success();
  }
  FailureOr<int32_t> index = exporter.tensorFor(value);
  if (failed(index))
    return failure();
  tfliteOp.inputs.push_back(*index);
  return success();
}

LogicalResult OperatorWriter::addConstantInput(llvm::StringRef name,
                                               mlir::Type elementType,
                                               llvm::ArrayRef<int64_t> shape,
                                               llvm::ArrayRef<int64_t> values) {
  Type storage = elementType;
  if (auto quantized = dyn_cast<quant::QuantizedType>(elementType))
    storage = quantized.getStorageType();
  auto integer = dyn_cast<IntegerType>(storage);
  if (!integer || integer.getWidth() % 8 != 0 || integer.getWidth() > 64)
    return fail("input '" + name + "' needs an integer element type");
  auto type = RankedTensorType::get(shape, elementType);
  if (type.getNumElements() != static_cast<int64_t>(values.size()))
    return fail("input '" + name + "' has " + llvm::Twine(values.size()) +
                " values for " + llvm::Twine(type.getNumElements()) +
                " elements");
  unsigned width = integer.getWidth();
  bool isUnsigned = integer.isUnsigned();
  if (auto quantized = dyn_cast<quant::QuantizedType>(elementType))
    isUnsigned = !quantized.isSigned();
  std::vector<uint8_t> data;
  for (int64_t value : values) {
    bool fits =
        isUnsigned ? llvm::isUIntN(width, value) : llvm::isIntN(width, value);
    if (!fits)
      return fail("value " + llvm::Twine(value) + " of input '" + name +
                  "' does not fit its " + llvm::Twine(width) + "-bit type");
    // TFLite buffers are little-endian.
    for (unsigned shift = 0; shift < width; shift += 8)
      data.push_back(
          static_cast<uint8_t>(static_cast<uint64_t>(value) >> shift));
  }
  FailureOr<int32_t> index = exporter.addConstantTensor(
      name, type, std::move(data),
      [&](const llvm::Twine &message) { return fail(message); });
  if (failed(index))
    return failure();
  tfliteOp.inputs.push_back(*index);
  return success();
}

LogicalResult OperatorWriter::addInt32Input(llvm::StringRef name,
                                            llvm::ArrayRef<int64_t> shape,
                                            llvm::ArrayRef<int64_t> values) {
  return addConstantInput(name, IntegerType::get(op->getContext(), 32), shape,
                          values);
}

std::string OperatorWriter::outputName() const {
  return op->getNumResults() == 1 ? exporter.tensorName(op->getResult(0))
                                  : std::string();
}

LogicalResult OperatorWriter::fail(const llvm::Twine &message) {
  emitError(op->getLoc()) << "cannot export '" << op->getName()
                          << "' producing '" << outputName()
                          << "' to TFLite: " << message;
  return failure();
}

//===----------------------------------------------------------------------===//
// Operators and the model
//===----------------------------------------------------------------------===//

uint32_t ModelExporter::operatorCodeIndex(int32_t builtinCode,
                                          int32_t version) {
  auto [entry, inserted] = operatorCodes.try_emplace(
      {builtinCode, version}, model.operator_codes.size());
  if (inserted) {
    auto code = std::make_unique<tflite::OperatorCodeT>();
    code->builtin_code = builtinCode;
    code->deprecated_builtin_code = static_cast<int8_t>(
        std::min(builtinCode, kPlaceholderForGreaterOpCodes));
    code->version = version;
    model.operator_codes.push_back(std::move(code));
  }
  return entry->second;
}

LogicalResult
ModelExporter::exportOperator(Operation *op,
                              const std::vector<ExporterEntry> &table) {
  auto tfliteOp = std::make_unique<tflite::OperatorT>();
  OperatorWriter writer(*this, op, *tfliteOp);
  auto entry = llvm::find_if(table, [&](const ExporterEntry &e) {
    return e.opType == op->getName().getTypeID();
  });
  if (entry == table.end())
    return writer.fail("no TFLite operator is known for it");
  if (op->getNumResults() != 1)
    return writer.fail("TFLite operators here have exactly one output");
  // Every option field in the format is 32 bits wide.
  for (NamedAttribute attr : op->getAttrs())
    if (auto integer = dyn_cast<IntegerAttr>(attr.getValue()))
      if (integer.getType().isInteger() &&
          (integer.getInt() < std::numeric_limits<int32_t>::min() ||
           integer.getInt() > std::numeric_limits<int32_t>::max()))
        return writer.fail("attribute '" + attr.getName().getValue() +
                           "' does not fit in int32");
  if (failed(entry->handler(op, writer)))
    return failure();
  FailureOr<int32_t> output = tensorFor(op->getResult(0));
  if (failed(output))
    return failure();
  tfliteOp->outputs.push_back(*output);
  tfliteOp->opcode_index =
      operatorCodeIndex(writer.getCode(), writer.getVersion());
  subgraph->operators.push_back(std::move(tfliteOp));
  return success();
}

namespace {
/// Packs a model the way `Model::Pack` does, except that quantization
/// vectors with equal contents are written once and shared (a flatbuffer may
/// point at one vector from many tables). Per-channel weights need one int64
/// zero point per channel, nearly always 0: on a narrow depthwise network
/// such as MobileNet those zeros alone are about 8% of a dynamic-range file.
class SharingPacker {
public:
  SharingPacker(flatbuffers::FlatBufferBuilder &builder,
                const ExportOptions &options)
      : builder(builder), options(options) {}

  flatbuffers::Offset<tflite::Model> pack(const tflite::ModelT &model) {
    std::vector<flatbuffers::Offset<tflite::OperatorCode>> codes;
    for (const auto &code : model.operator_codes)
      codes.push_back(tflite::OperatorCode::Pack(builder, code.get()));
    std::vector<flatbuffers::Offset<tflite::SubGraph>> subgraphs;
    for (const auto &subgraph : model.subgraphs)
      subgraphs.push_back(packSubGraph(*subgraph));
    std::vector<flatbuffers::Offset<tflite::Buffer>> buffers;
    for (const auto &buffer : model.buffers)
      buffers.push_back(tflite::Buffer::Pack(builder, buffer.get()));
    return tflite::CreateModel(
        builder, model.version, builder.CreateVector(codes),
        builder.CreateVector(subgraphs),
        builder.CreateString(model.description), builder.CreateVector(buffers));
  }

private:
  flatbuffers::Offset<tflite::SubGraph>
  packSubGraph(const tflite::SubGraphT &subgraph) {
    std::vector<flatbuffers::Offset<tflite::Tensor>> tensors;
    for (auto [index, tensor] : llvm::enumerate(subgraph.tensors)) {
      bool isInterface = llvm::is_contained(subgraph.inputs, index) ||
                         llvm::is_contained(subgraph.outputs, index);
      tensors.push_back(
          packTensor(*tensor, /*keepName=*/!options.stripNames || isInterface));
    }
    std::vector<flatbuffers::Offset<tflite::Operator>> operators;
    for (const auto &op : subgraph.operators)
      operators.push_back(tflite::Operator::Pack(builder, op.get()));
    return tflite::CreateSubGraph(builder, builder.CreateVector(tensors),
                                  builder.CreateVector(subgraph.inputs),
                                  builder.CreateVector(subgraph.outputs),
                                  builder.CreateVector(operators),
                                  builder.CreateString(subgraph.name));
  }

  /// Writes the fields the exporter sets; the others stay absent.
  flatbuffers::Offset<tflite::Tensor> packTensor(const tflite::TensorT &tensor,
                                                 bool keepName) {
    auto shape = tensor.shape.empty() ? 0 : builder.CreateVector(tensor.shape);
    auto name = !keepName || tensor.name.empty()
                    ? 0
                    : builder.CreateString(tensor.name);
    flatbuffers::Offset<tflite::QuantizationParameters> quantization;
    if (const tflite::QuantizationParametersT *parameters =
            tensor.quantization.get()) {
      quantization = tflite::CreateQuantizationParameters(
          builder, /*min=*/0, /*max=*/0, shared(parameters->scale, scales),
          shared(parameters->zero_point, zeroPoints),
          tflite::QuantizationDetails_NONE, /*details=*/0,
          parameters->quantized_dimension);
    }
    return tflite::CreateTensor(builder, shape, tensor.type, tensor.buffer,
                                name, quantization, tensor.is_variable);
  }

  template <typename T>
  flatbuffers::Offset<flatbuffers::Vector<T>>
  shared(const std::vector<T> &values,
         std::map<std::vector<T>, flatbuffers::Offset<flatbuffers::Vector<T>>>
             &written) {
    if (values.empty())
      return 0;
    auto [slot, isNew] = written.try_emplace(values);
    if (isNew)
      slot->second = builder.CreateVector(values);
    return slot->second;
  }

  flatbuffers::FlatBufferBuilder &builder;
  const ExportOptions &options;
  std::map<std::vector<float>, flatbuffers::Offset<flatbuffers::Vector<float>>>
      scales;
  std::map<std::vector<int64_t>,
           flatbuffers::Offset<flatbuffers::Vector<int64_t>>>
      zeroPoints;
};
} // namespace

static flatbuffers::Offset<tflite::Model>
packModel(flatbuffers::FlatBufferBuilder &builder, const tflite::ModelT &model,
          const ExportOptions &options) {
  return SharingPacker(builder, options).pack(model);
}

LogicalResult ModelExporter::run(llvm::raw_ostream &os) {
  if (!function.getBody().hasOneBlock()) {
    emitError(function.getLoc())
        << "cannot export @" << function.getSymName()
        << " to TFLite: it must have exactly one block";
    return failure();
  }
  model.version = kSchemaVersion;
  model.description = "ingot";
  // Buffer 0 is the empty sentinel the format reserves.
  model.buffers.push_back(std::make_unique<tflite::BufferT>());
  model.subgraphs.push_back(std::make_unique<tflite::SubGraphT>());
  subgraph = model.subgraphs.back().get();
  subgraph->name = "main";
  collectInterfaceNames();

  for (BlockArgument argument : function.getArguments()) {
    FailureOr<int32_t> index = tensorFor(argument);
    if (failed(index))
      return failure();
    subgraph->inputs.push_back(*index);
  }

  std::vector<ExporterEntry> table;
  appendConvolutionExporters(table);
  appendElementwiseExporters(table);
  appendRecurrentExporters(table);
  appendShapeExporters(table);

  for (Operation &op : function.getBody().front()) {
    // Constants and variables become tensors where operators use them.
    if (isa<graph::ConstOp, graph::VariableOp>(op))
      continue;
    if (isa<func::ReturnOp>(op)) {
      for (Value result : op.getOperands()) {
        FailureOr<int32_t> index = tensorFor(result);
        if (failed(index))
          return failure();
        subgraph->outputs.push_back(*index);
      }
      continue;
    }
    if (failed(exportOperator(&op, table)))
      return failure();
  }

  if (dataBytes > kMaxDataBytes) {
    emitError(function.getLoc())
        << "cannot export @" << function.getSymName() << " to TFLite: its "
        << dataBytes << " bytes of constants exceed what a flatbuffer holds";
    return failure();
  }
  flatbuffers::FlatBufferBuilder builder;
  tflite::FinishModelBuffer(builder, packModel(builder, model, options));
  os.write(reinterpret_cast<const char *>(builder.GetBufferPointer()),
           builder.GetSize());
  return success();
}

LogicalResult exportTflite(func::FuncOp model, llvm::raw_ostream &os,
                           const ExportOptions &options) {
  ModelExporter exporter(model, options);
  return exporter.run(os);
}

} // namespace ingot::exporter
