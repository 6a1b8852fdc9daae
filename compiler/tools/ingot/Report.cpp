//===- Report.cpp - ingot report ------------------------------------------===//
//
// This file implements `ingot report`: one self-contained HTML file (inline
// CSS and SVG, no script, no network) that a person can open or pass on: the
// layers with their shapes, types and quantization, the planned arena drawn
// as tensors over time, MACs and weight bytes, and, when given, per-layer
// cost from `ingot profile --json`, per-layer SQNR (the `--eval --json`
// report, read from a file or measured here), and the reference
// interpreter's figures for the same model.
//
// The page is written in one pass into a string and only then to the file,
// so that a failure leaves no half-written report. Everything in it follows
// from the inputs (no date, no host name, sorted JSON keys) so that the same
// inputs give a byte-identical file.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"
#include "ReportHtml.h"

#include "Import/Importer.h"
#include "LayerCost.h"
#include "Pipelines/Pipelines.h"
#include "ingot/Dialect/Graph/IR/Graph.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace llvm;

namespace ingot::driver {
namespace {

cl::opt<std::string> htmlOutputPath("o",
                                    cl::desc("The HTML file to write ('-' for "
                                             "stdout)"),
                                    cl::value_desc("report.html"),
                                    cl::sub(reportSubcommand()),
                                    cl::cat(optionCategory()));
cl::opt<std::string> profilePath(
    "profile",
    cl::desc("Per-layer cost written by 'ingot profile --json', drawn as a "
             "chart"),
    cl::value_desc("profile.json"), cl::sub(reportSubcommand()),
    cl::cat(optionCategory()));
cl::opt<std::string> evalReportPath(
    "eval-json",
    cl::desc("Per-layer SQNR: the report 'ingot compile ... --eval=DATA "
             "--json' or 'ingot quantize ... --eval=DATA --json' printed, "
             "drawn as a chart"),
    cl::value_desc("eval.json"), cl::sub(reportSubcommand()),
    cl::cat(optionCategory()));
cl::opt<std::string> evalData(
    "eval-data",
    cl::desc("Per-layer SQNR measured here: the model as ingot compiles it "
             "(after --quantize) and the float model run on these samples (a "
             "float32 .npy or a folder of .bin, as for compile --eval), drawn "
             "as a chart"),
    cl::value_desc("DATA"), cl::sub(reportSubcommand()),
    cl::cat(optionCategory()));
cl::opt<std::string> evalDataSamples(
    "eval-data-samples",
    cl::desc("Which samples of --eval-data to use: all, even or odd indices"),
    cl::init("all"), cl::sub(reportSubcommand()), cl::cat(optionCategory()));
cl::opt<std::string> referencePath(
    "reference",
    cl::desc("Figures of the reference interpreter (e.g. "
             "../shared/anchors/tflm_cm4.json): arena, model and code bytes, "
             "MACs, instructions, shown next to ingot's"),
    cl::value_desc("anchors.json"), cl::sub(reportSubcommand()),
    cl::cat(optionCategory()));
cl::opt<std::string> referenceModel(
    "reference-model",
    cl::desc("The model's name in --reference (default: the file's name, or "
             "its folder's name when the file is model.tflite)"),
    cl::value_desc("NAME"), cl::sub(reportSubcommand()),
    cl::cat(optionCategory()));

int fail(const Twine &message) {
  diagnostics() << "ingot: error: " << message << "\n";
  return 1;
}

//===----------------------------------------------------------------------===//
// What the report shows, gathered before any HTML is written.
//===----------------------------------------------------------------------===//

struct LayerRow {
  int64_t index = 0;
  std::optional<int64_t> tfliteIndex;
  std::string op;
  std::string output;
  std::string shape;
  std::string type;
  std::string quantization;
  std::string weightQuantization;
  std::string kernel;
  int64_t macs = 0;
  int64_t weightBytes = 0;
};

struct ModelEdge {
  std::string name;
  std::string shape;
  std::string type;
  std::string quantization;
};

/// A buffer of the arena, spanning plan columns `first` to `last`.
struct PlannedBuffer {
  enum class Kind { Activation, Scratch, State };
  Kind kind = Kind::Activation;
  std::string name;
  std::string layer;
  std::string shape;
  std::string type;
  int64_t bytes = 0;
  int64_t offset = 0;
  int64_t first = 0;
  int64_t last = 0;
};

struct MemoryPlan;
std::string layerOfColumn(const MemoryPlan &plan, int64_t column);

struct MemoryPlan {
  bool planned = false;
  /// Why there is no plan (the first diagnostic of the lowering).
  std::string problem;
  /// One column per kernel call, in execution order: "layer (op)".
  std::vector<std::string> columns;
  /// Each column's row in the layers table, when it has one (a QUANTIZE
  /// that ingot inserted has none).
  std::vector<std::optional<int64_t>> columnRows;
  std::vector<PlannedBuffer> buffers;
  int64_t arenaBytes = 0;
};

struct ProfileLayer {
  int64_t index = 0;
  std::string name;
  std::string op;
  int64_t macs = 0;
  double cost = 0;
};

struct Profile {
  std::string path;
  std::string target;
  std::string unit;
  std::vector<ProfileLayer> layers;
  std::optional<double> total;
};

struct EvalLayer {
  int64_t index = 0;
  std::string op;
  std::string output;
  /// Empty: identical to the float reference.
  std::optional<double> sqnrDb;
};

struct EvalReport {
  std::string path;
  std::string data;
  std::optional<int64_t> samples;
  std::optional<double> agreement;
  std::optional<double> accuracy;
  std::optional<double> floatAccuracy;
  std::vector<EvalLayer> layers;
};

struct ReferenceFigures {
  std::string path;
  std::string model;
  std::string description;
  bool found = false;
  std::optional<int64_t> arenaBytes;
  std::string arenaKey;
  std::optional<int64_t> modelBytes;
  std::optional<int64_t> runtimeFlashBytes;
  std::optional<int64_t> macs;
  std::optional<int64_t> instructions;
};

//===----------------------------------------------------------------------===//
// Reading the model
//===----------------------------------------------------------------------===//

int64_t storageBytes(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  Type element = tensor.getElementType();
  if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(element))
    element = quantized.getStorageType();
  return tensor.getNumElements() * ((element.getIntOrFloatBitWidth() + 7) / 8);
}

std::string shapeText(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return "";
  std::string text;
  raw_string_ostream os(text);
  interleave(tensor.getShape(), os, "\u00d7");
  if (tensor.getShape().empty())
    os << "scalar";
  return text;
}

std::string elementText(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return "";
  Type element = tensor.getElementType();
  std::string text;
  raw_string_ostream os(text);
  if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(element)) {
    unsigned bits = quantized.getStorageType().getIntOrFloatBitWidth();
    os << (quantized.isSigned() ? "int" : "uint") << bits;
    return text;
  }
  if (element.isF32())
    return "float32";
  if (element.isF16())
    return "float16";
  if (auto integer = dyn_cast<IntegerType>(element)) {
    os << (integer.isUnsigned() ? "uint" : "int") << integer.getWidth();
    return text;
  }
  os << element;
  return text;
}

std::string number(double value) {
  std::string text;
  raw_string_ostream(text) << format("%.4g", value);
  return text;
}

/// Scale and zero point of a per-tensor type; the range of scales and the
/// zero points of a per-channel one (listing 64 scales helps no one).
std::string quantizationText(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return "";
  Type element = tensor.getElementType();
  if (auto uniform = dyn_cast<mlir::quant::UniformQuantizedType>(element))
    return number(uniform.getScale()) + ", " +
           std::to_string(uniform.getZeroPoint());
  if (auto perAxis =
          dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element)) {
    ArrayRef<double> scales = perAxis.getScales();
    ArrayRef<int64_t> zeroPoints = perAxis.getZeroPoints();
    auto [low, high] = std::minmax_element(scales.begin(), scales.end());
    auto [zpLow, zpHigh] =
        std::minmax_element(zeroPoints.begin(), zeroPoints.end());
    std::string text = std::to_string(scales.size()) + " ch (axis " +
                       std::to_string(perAxis.getQuantizedDimension()) +
                       "): " + number(*low);
    if (*high != *low)
      text += " \u2026 " + number(*high);
    text += ", " + std::to_string(*zpLow);
    if (*zpHigh != *zpLow)
      text += " \u2026 " + std::to_string(*zpHigh);
    return text;
  }
  return "";
}

/// The tensor name MLIR kept from the TFLite model, if any.
std::string locationName(Location location) {
  if (auto named = dyn_cast<NameLoc>(location))
    return named.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(location))
    for (Location inner : fused.getLocations()) {
      std::string name = locationName(inner);
      if (!name.empty())
        return name;
    }
  return "";
}

std::vector<std::string> stringArray(Operation *op, StringRef attribute) {
  std::vector<std::string> names;
  if (auto array = op->getAttrOfType<ArrayAttr>(attribute))
    for (Attribute name : array)
      if (auto text = dyn_cast<StringAttr>(name))
        names.push_back(text.str());
  return names;
}

/// Follows aliases back to the value that owns the bytes (as PlanMemory).
Value bufferRoot(Value value) {
  while (auto alias = value.getDefiningOp<kernel::AliasOp>())
    value = alias.getInput();
  return value;
}

/// Reads the planned kernel function back into buffers and columns: the
/// planner's lifetimes are reconstructed the same way PlanMemory derives
/// them (a buffer lives from its producer to the last use of any alias of
/// it), but counted in kernel calls rather than in ops.
MemoryPlan readPlan(func::FuncOp function,
                    const llvm::DenseMap<int64_t, int64_t> &rowOfTfliteIndex) {
  MemoryPlan plan;
  plan.planned = true;
  plan.arenaBytes =
      function->getAttrOfType<IntegerAttr>(kernel::kArenaBytesAttr).getInt();
  Block &body = function.getBody().front();
  llvm::DenseMap<Operation *, int64_t> column;
  for (Operation &op : body) {
    if (isa<kernel::WeightOp, kernel::AliasOp, kernel::StateOp, func::ReturnOp>(
            op))
      continue;
    column[&op] = plan.columns.size();
    std::optional<int64_t> row;
    if (auto index = op.getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr))
      if (auto found = rowOfTfliteIndex.find(index.getInt());
          found != rowOfTfliteIndex.end())
        row = found->second;
    plan.columnRows.push_back(row);
    auto layer = op.getAttrOfType<StringAttr>("ingot.layer");
    std::string label = layer ? layer.str() : op.getName().stripDialect().str();
    plan.columns.push_back(label + " (" + op.getName().stripDialect().str() +
                           ")");
  }
  int64_t lastColumn = std::max<int64_t>(int64_t(plan.columns.size()) - 1, 0);

  llvm::DenseMap<Value, size_t> bufferOfRoot;
  auto describe = [](Operation &op, Value value, PlannedBuffer &buffer) {
    buffer.name = locationName(op.getLoc());
    auto layer = op.getAttrOfType<StringAttr>("ingot.layer");
    buffer.layer = layer ? layer.str() : op.getName().stripDialect().str();
    if (buffer.name.empty())
      buffer.name = buffer.layer;
    if (value) {
      buffer.shape = shapeText(value.getType());
      buffer.type = elementText(value.getType());
    }
  };
  for (Operation &op : body) {
    if (auto offset = op.getAttrOfType<IntegerAttr>(kernel::kArenaOffsetAttr);
        offset && op.getNumResults() == 1) {
      PlannedBuffer buffer;
      describe(op, op.getResult(0), buffer);
      buffer.bytes = storageBytes(op.getResult(0).getType());
      buffer.offset = offset.getInt();
      if (isa<kernel::StateOp>(op)) {
        buffer.kind = PlannedBuffer::Kind::State;
        buffer.first = 0;
        buffer.last = lastColumn;
      } else {
        buffer.first = buffer.last = column.lookup(&op);
      }
      bufferOfRoot[op.getResult(0)] = plan.buffers.size();
      plan.buffers.push_back(std::move(buffer));
    }
    auto scratchOffset =
        op.getAttrOfType<IntegerAttr>(kernel::kScratchOffsetAttr);
    auto scratchBytes =
        op.getAttrOfType<IntegerAttr>(kernel::kScratchBytesAttr);
    if (scratchOffset && scratchBytes && scratchBytes.getInt() > 0) {
      PlannedBuffer buffer;
      describe(op, Value(), buffer);
      buffer.name = buffer.layer + " scratch";
      buffer.kind = PlannedBuffer::Kind::Scratch;
      buffer.type = "scratch";
      buffer.bytes = scratchBytes.getInt();
      buffer.offset = scratchOffset.getInt();
      buffer.first = buffer.last = column.lookup(&op);
      plan.buffers.push_back(std::move(buffer));
    }
  }
  for (Operation &op : body) {
    auto at = column.find(&op);
    if (at == column.end())
      continue;
    for (Value operand : op.getOperands()) {
      auto it = bufferOfRoot.find(bufferRoot(operand));
      if (it != bufferOfRoot.end())
        plan.buffers[it->second].last =
            std::max(plan.buffers[it->second].last, at->second);
    }
  }
  return plan;
}

/// "12", the row of the layers table; "call 12" for a kernel call that no
/// TFLite operator of the model stands for.
std::string layerOfColumn(const MemoryPlan &plan, int64_t column) {
  if (column < int64_t(plan.columnRows.size()) && plan.columnRows[column])
    return std::to_string(*plan.columnRows[column]);
  return "call " + std::to_string(column);
}

//===----------------------------------------------------------------------===//
// Reading the optional inputs
//===----------------------------------------------------------------------===//

Expected<json::Value> readJson(StringRef path, StringRef option) {
  auto buffer = MemoryBuffer::getFile(path);
  if (!buffer)
    return createStringError(option + ": cannot read " + path + ": " +
                             buffer.getError().message());
  Expected<json::Value> value = json::parse((*buffer)->getBuffer());
  if (!value)
    return createStringError(option + ": " + path + " is not valid JSON (" +
                             toString(value.takeError()) + ")");
  return value;
}

Expected<Profile> readProfile(StringRef path) {
  Expected<json::Value> value = readJson(path, "--profile");
  if (!value)
    return value.takeError();
  auto bad = [&](const Twine &what) {
    return createStringError(
        "--profile: " + path + ": " + what +
        "; expected what 'ingot profile --json' writes: {\"unit\": ..., "
        "\"layers\": [{\"index\", \"name\", \"op\", \"macs\", \"cost\"}, "
        "...], \"total\": ...}");
  };
  const json::Object *root = value->getAsObject();
  if (!root)
    return bad("the top level is not an object");
  Profile profile;
  profile.path = path.str();
  if (auto unit = root->getString("unit"))
    profile.unit = unit->str();
  if (auto target = root->getString("target"))
    profile.target = target->str();
  profile.total = root->getNumber("total");
  const json::Array *layers = root->getArray("layers");
  if (!layers)
    return bad("there is no \"layers\" list");
  for (auto [i, entry] : enumerate(*layers)) {
    const json::Object *layer = entry.getAsObject();
    std::optional<double> cost =
        layer ? layer->getNumber("cost") : std::nullopt;
    if (!cost)
      return bad("layer " + Twine(i) + " has no numeric \"cost\"");
    ProfileLayer row;
    row.index = layer->getInteger("index").value_or(int64_t(i));
    if (auto name = layer->getString("name"))
      row.name = name->str();
    if (auto op = layer->getString("op"))
      row.op = op->str();
    row.macs = layer->getInteger("macs").value_or(0);
    row.cost = *cost;
    profile.layers.push_back(std::move(row));
  }
  return profile;
}

/// The `--eval --json` report in `value`, read from `path`.
Expected<EvalReport> parseEvalReport(Expected<json::Value> value,
                                     StringRef path) {
  if (!value)
    return value.takeError();
  auto bad = [&](const Twine &what) {
    return createStringError(
        "--eval-json: " + path + ": " + what +
        "; expected the JSON report of 'ingot compile ... --eval=DATA --json'");
  };
  const json::Object *root = value->getAsObject();
  if (!root)
    return bad("the top level is not an object");
  EvalReport report;
  report.path = path.str();
  if (auto data = root->getString("eval_data"))
    report.data = data->str();
  report.samples = root->getInteger("samples");
  report.agreement = root->getNumber("top1_agreement");
  report.accuracy = root->getNumber("accuracy");
  report.floatAccuracy = root->getNumber("float_accuracy");
  const json::Array *layers = root->getArray("layers");
  if (!layers)
    return bad("there is no \"layers\" list");
  for (auto [i, entry] : enumerate(*layers)) {
    const json::Object *layer = entry.getAsObject();
    const json::Value *sqnr = layer ? layer->get("sqnr_db") : nullptr;
    if (!sqnr || (!sqnr->getAsNumber() && !sqnr->getAsNull()))
      return bad("layer " + Twine(i) +
                 " has no \"sqnr_db\" (a number, or "
                 "null when exact)");
    EvalLayer row;
    row.index = layer->getInteger("index").value_or(int64_t(i));
    if (auto op = layer->getString("op"))
      row.op = op->str();
    if (auto output = layer->getString("output"))
      row.output = output->str();
    row.sqnrDb = sqnr->getAsNumber();
    report.layers.push_back(std::move(row));
  }
  return report;
}

Expected<EvalReport> readEvalReport(StringRef path) {
  return parseEvalReport(readJson(path, "--eval-json"), path);
}

/// The name a model goes by in the anchors files: "mlperf_vww_int8" for
/// both .../mlperf_vww_int8.tflite and .../mlperf_vww_int8/model.tflite.
std::string modelNameOf(StringRef modelPath) {
  StringRef stem = sys::path::stem(modelPath);
  if (stem == "model") {
    StringRef folder = sys::path::filename(sys::path::parent_path(modelPath));
    if (!folder.empty() && folder != "." && folder != "..")
      return folder.str();
  }
  return stem.str();
}

Expected<ReferenceFigures> readReference(StringRef path, StringRef model) {
  Expected<json::Value> value = readJson(path, "--reference");
  if (!value)
    return value.takeError();
  ReferenceFigures figures;
  figures.path = path.str();
  figures.model = model.str();
  const json::Object *root = value->getAsObject();
  const json::Object *models = root ? root->getObject("models") : nullptr;
  if (!models)
    return createStringError("--reference: " + path +
                             ": expected an object with a \"models\" object "
                             "keyed by model name, as in ../shared/anchors");
  if (auto description = root->getString("description")) {
    // The first sentence says what was measured; the rest is in the file.
    StringRef text = *description;
    size_t end = text.find(". ");
    figures.description = text.take_front(end).str();
  }
  const json::Object *entry = models->getObject(model);
  if (!entry)
    return figures;
  figures.found = true;
  figures.macs = entry->getInteger("macs");
  figures.modelBytes = entry->getInteger("model_bytes");
  figures.instructions = entry->getInteger("instructions_per_inference_case0");
  // Arena figures are named by core (arena_used_bytes_cm4, _m55, ...):
  // the M4 one if present, else the first by name, so that the choice does
  // not depend on the JSON object's hash order.
  std::vector<std::string> arenaKeys;
  for (const auto &[key, field] : *entry)
    if (StringRef(key).starts_with("arena_used_bytes") && field.getAsInteger())
      arenaKeys.push_back(key.str());
  llvm::sort(arenaKeys);
  auto m4 = llvm::find(arenaKeys, "arena_used_bytes_cm4");
  if (m4 != arenaKeys.end() || !arenaKeys.empty()) {
    figures.arenaKey = m4 != arenaKeys.end() ? *m4 : arenaKeys.front();
    figures.arenaBytes = entry->getInteger(figures.arenaKey);
  }
  if (const json::Object *flash = entry->getObject("flash_min_resolver"))
    if (const json::Object *release = flash->getObject("cmsis_nn_release"))
      figures.runtimeFlashBytes =
          release->getInteger("text_minus_model_and_case_io");
  return figures;
}

//===----------------------------------------------------------------------===//
// The page
//===----------------------------------------------------------------------===//

const char *kindClass(PlannedBuffer::Kind kind) {
  switch (kind) {
  case PlannedBuffer::Kind::Activation:
    return "t";
  case PlannedBuffer::Kind::Scratch:
    return "s";
  case PlannedBuffer::Kind::State:
    return "p";
  }
  return "t";
}

/// The memory plan: x = kernel call in execution order, y = arena address,
/// one rectangle per buffer from its first to its last column.
void writePlanPicture(raw_ostream &os, const MemoryPlan &plan) {
  const double width = 1180, height = 460;
  const double left = 84, right = 150, top = 34, bottom = 56;
  const double plotWidth = width - left - right;
  const double plotHeight = height - top - bottom;
  int64_t columns = std::max<int64_t>(plan.columns.size(), 1);
  double columnWidth = plotWidth / columns;
  double arena = std::max<int64_t>(plan.arenaBytes, 1);
  auto xOf = [&](int64_t column) { return left + column * columnWidth; };
  auto yOf = [&](double address) {
    return top + plotHeight - address / arena * plotHeight;
  };

  // The highest address in use and the bytes live at each call: where the
  // first reaches the arena size is the peak; the gap between the two is
  // what the placement loses to fragmentation.
  std::vector<int64_t> high(columns, 0), live(columns, 0);
  for (const PlannedBuffer &buffer : plan.buffers)
    for (int64_t c = buffer.first; c <= buffer.last && c < columns; ++c) {
      high[c] = std::max(high[c], buffer.offset + buffer.bytes);
      live[c] += buffer.bytes;
    }

  os << "<svg id=\"memory-plan\" class=\"chart\" "
        "width=\""
     << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " "
     << height << "\" role=\"img\" aria-label=\"memory plan\">\n";
  // Peak columns first, as a band behind the tensors.
  for (int64_t c = 0; c < columns; ++c)
    if (plan.arenaBytes > 0 && high[c] == plan.arenaBytes)
      os << formatv("<rect class=\"peakband\" x=\"{0:F1}\" y=\"{1:F1}\" "
                    "width=\"{2:F1}\" height=\"{3:F1}\"/>\n",
                    xOf(c), top, columnWidth, plotHeight);
  // Axes and address grid: 1, 2 or 5 times a power of ten, about six lines.
  double rough = arena / 6;
  double magnitude =
      std::pow(10.0, std::floor(std::log10(std::max(rough, 1.0))));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 5.0, 10.0})
    if (factor * magnitude >= rough) {
      step = factor * magnitude;
      break;
    }
  for (double address = 0; address <= arena; address += step) {
    double y = yOf(address);
    os << formatv("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:F1}\" "
                  "y2=\"{2:F1}\"/>",
                  left, left + plotWidth, y)
       << formatv("<text class=\"tick\" x=\"{0}\" y=\"{1:F1}\" "
                  "text-anchor=\"end\">",
                  left - 6, y + 4)
       << html::thousands(int64_t(address)) << "</text>\n";
  }
  int64_t labelEvery = std::max<int64_t>(1, (columns + 39) / 40);
  for (int64_t c = 0; c < columns; c += labelEvery)
    if (c < int64_t(plan.columnRows.size()) && plan.columnRows[c])
      os << formatv("<text class=\"tick\" x=\"{0:F1}\" y=\"{1:F1}\" "
                    "text-anchor=\"middle\">{2}</text>",
                    xOf(c) + columnWidth / 2, top + plotHeight + 16,
                    *plan.columnRows[c]);
  os << "\n";
  os << formatv("<text class=\"axis\" x=\"{0:F1}\" y=\"{1:F1}\" "
                "text-anchor=\"middle\">layer (# of the layers table), in "
                "execution order</text>\n",
                left + plotWidth / 2, height - 12);
  os << formatv("<text class=\"axis\" transform=\"translate(16 {0:F1}) "
                "rotate(-90)\" text-anchor=\"middle\">arena address "
                "(bytes)</text>\n",
                top + plotHeight / 2);

  for (const PlannedBuffer &buffer : plan.buffers) {
    double x = xOf(buffer.first);
    double w = (buffer.last - buffer.first + 1) * columnWidth;
    double y = yOf(buffer.offset + buffer.bytes);
    double h = std::max(buffer.bytes / arena * plotHeight, 1.0);
    os << formatv("<rect class=\"{0}\" x=\"{1:F1}\" y=\"{2:F1}\" "
                  "width=\"{3:F1}\" height=\"{4:F1}\"><title>",
                  kindClass(buffer.kind), x, y, w, h)
       << html::escape(buffer.name) << "\n"
       << html::escape(buffer.layer);
    if (!buffer.shape.empty())
      os << ": " << html::escape(buffer.shape) << " "
         << html::escape(buffer.type);
    os << "\n"
       << html::thousands(buffer.bytes) << " B at offset "
       << html::thousands(buffer.offset) << " \u2026 "
       << html::thousands(buffer.offset + buffer.bytes) << "\nlive in layers "
       << layerOfColumn(plan, buffer.first) << " \u2026 "
       << layerOfColumn(plan, buffer.last) << "</title></rect>\n";
  }

  // Bytes live at each call, as a step line.
  os << "<polyline class=\"live\" points=\"";
  for (int64_t c = 0; c < columns; ++c)
    os << formatv("{0:F1},{1:F1} {2:F1},{1:F1} ", xOf(c), yOf(live[c]),
                  xOf(c + 1));
  os << "\"/>\n";

  // The arena size and where it is reached.
  double arenaY = yOf(plan.arenaBytes);
  os << formatv("<line class=\"peak\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:F1}\" "
                "y2=\"{2:F1}\"/>\n",
                left, left + plotWidth, arenaY);
  os << formatv("<text class=\"peaklabel\" x=\"{0:F1}\" y=\"{1:F1}\">arena "
                "{2} B</text>\n",
                left + plotWidth + 6, arenaY + 4,
                html::thousands(plan.arenaBytes));
  for (int64_t c = 0; c < columns; ++c)
    if (plan.arenaBytes > 0 && high[c] == plan.arenaBytes) {
      double x = xOf(c) + columnWidth / 2;
      os << formatv("<path class=\"peakmark\" d=\"M{0:F1},{1:F1} "
                    "l-6,-12 h12 z\"><title>peak: layer {2}, ",
                    x, top - 2, layerOfColumn(plan, c))
         << html::escape(c < int64_t(plan.columns.size()) ? plan.columns[c]
                                                          : "")
         << "</title></path>\n";
    }
  // Legend.
  double legendX = left + plotWidth + 10, legendY = top + 40;
  auto legend = [&](const char *cls, const char *text, double y) {
    os << formatv("<rect class=\"{0}\" x=\"{1:F1}\" y=\"{2:F1}\" width=\"14\" "
                  "height=\"10\"/><text class=\"tick\" x=\"{3:F1}\" "
                  "y=\"{4:F1}\">{5}</text>\n",
                  cls, legendX, y, legendX + 20, y + 9, text);
  };
  legend("t", "activation", legendY);
  legend("s", "kernel scratch", legendY + 18);
  legend("p", "state (persistent)", legendY + 36);
  os << formatv("<line class=\"live\" x1=\"{0:F1}\" x2=\"{1:F1}\" "
                "y1=\"{2:F1}\" y2=\"{2:F1}\"/><text class=\"tick\" "
                "x=\"{3:F1}\" y=\"{4:F1}\">bytes live</text>\n",
                legendX, legendX + 14, legendY + 59, legendX + 20,
                legendY + 63);
  os << formatv("<rect class=\"peakband\" x=\"{0:F1}\" y=\"{1:F1}\" "
                "width=\"14\" height=\"10\"/><text class=\"tick\" "
                "x=\"{2:F1}\" y=\"{3:F1}\">peak reached</text>\n",
                legendX, legendY + 72, legendX + 20, legendY + 81);
  os << "</svg>\n";
}

/// At most `limit` bytes of `text`, cut at a character boundary, with an
/// ellipsis when cut: converter-made tensor names run to hundreds of bytes.
std::string shortened(StringRef text, size_t limit) {
  if (text.size() <= limit)
    return text.str();
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  return text.take_front(end).str() + "\u2026";
}

struct Bar {
  std::string label;
  std::string tooltip;
  double value = 0;
  std::string valueText;
  /// Drawn in the "exact" style (an SQNR with no noise).
  bool special = false;
};

/// Horizontal bars, one row per layer, scaled to the largest value.
void writeBarChart(raw_ostream &os, StringRef id, StringRef barClass,
                   ArrayRef<Bar> bars) {
  const double labelWidth = 320, barWidth = 700, valueWidth = 150;
  const double rowHeight = 16, top = 6;
  double width = labelWidth + barWidth + valueWidth;
  double height = top + rowHeight * bars.size() + 6;
  double largest = 0;
  for (const Bar &bar : bars)
    largest = std::max(largest, bar.value);
  os << "<svg id=\"" << id << "\" class=\"chart\" "
     << "width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 "
     << width << " " << formatv("{0:F0}", height) << "\" role=\"img\">\n";
  for (auto [row, bar] : enumerate(bars)) {
    double y = top + row * rowHeight;
    double length =
        largest > 0 ? std::max(bar.value, 0.0) / largest * barWidth : 0;
    os << "<g><title>" << html::escape(bar.tooltip) << "</title>"
       << formatv("<text class=\"tick\" x=\"{0:F1}\" y=\"{1:F1}\" "
                  "text-anchor=\"end\">",
                  labelWidth - 8, y + 12)
       << html::escape(shortened(bar.label, 44)) << "</text>"
       << formatv("<rect class=\"{0}\" x=\"{1:F1}\" y=\"{2:F1}\" "
                  "width=\"{3:F1}\" height=\"{4:F1}\"/>",
                  bar.special ? "exact" : barClass, labelWidth, y + 2,
                  std::max(length, 1.0), rowHeight - 4)
       << formatv("<text class=\"tick\" x=\"{0:F1}\" y=\"{1:F1}\">",
                  labelWidth + length + 6, y + 12)
       << html::escape(bar.valueText) << "</text></g>\n";
  }
  os << "</svg>\n";
}

constexpr const char *kStyle = R"css(
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d232b;margin:24px;max-width:1240px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-bottom:1px solid #d8dde3;padding-bottom:3px}
.sub{color:#5a6470;margin:0 0 14px}.note{color:#5a6470;font-size:13px;margin:4px 0 8px}
table{border-collapse:collapse;font-size:12.5px}th,td{padding:3px 6px;border-bottom:1px solid #e6e9ed;text-align:left;vertical-align:top}
th{background:#f3f5f7;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.totals td.n{min-width:110px}td.nw{white-space:nowrap}div.clip{max-width:130px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}code{font-size:12px}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin:10px 0}.card{border:1px solid #d8dde3;border-radius:6px;padding:8px 14px;min-width:150px}
.card b{display:block;font-size:20px;font-variant-numeric:tabular-nums}.card span{color:#5a6470;font-size:12px}
.share{display:inline-block;height:8px;background:#a9c1e6;vertical-align:middle;margin-left:6px}
svg.chart{display:block;margin:6px 0;font-size:11px}
svg .tick{fill:#39424d;font-size:11px}svg .axis{fill:#1d232b;font-size:12px}
svg .grid{stroke:#e3e6ea;stroke-width:1}
svg rect.t{fill:#3a78d8;stroke:#fff;stroke-width:0.75}svg rect.t:hover{fill:#1d4f9e}
svg rect.s{fill:#e39b2d;stroke:#fff;stroke-width:0.75}svg rect.p{fill:#8a55c9;stroke:#fff;stroke-width:0.75}
svg .live{fill:none;stroke:#1d232b;stroke-width:1.2;stroke-dasharray:4 3}
svg .peak{stroke:#d0312d;stroke-width:2;stroke-dasharray:6 3}svg .peaklabel{fill:#d0312d;font-size:12px;font-weight:600}
svg .peakmark{fill:#d0312d}svg .peakband{fill:#fbe3e2}
svg rect.cost{fill:#2a9d8f}svg rect.sqnr{fill:#6c5ce7}svg rect.exact{fill:#b9b2f0}
details{margin:8px 0}summary{cursor:pointer;color:#2f5f9e}
)css";

struct ReportInputs {
  std::string modelPath;
  std::string title;
  std::vector<ModelEdge> inputs, outputs;
  std::vector<LayerRow> layers;
  MemoryPlan plan;
  std::optional<Profile> profile;
  std::optional<EvalReport> eval;
  std::optional<ReferenceFigures> reference;
};

void writeCard(raw_ostream &os, StringRef value, StringRef label) {
  os << "<div class=\"card\"><b>" << html::escape(value) << "</b><span>"
     << html::escape(label) << "</span></div>\n";
}

std::string optionalBytes(std::optional<int64_t> value) {
  return value ? html::thousands(*value) : std::string("\u2014");
}

void writeTotals(raw_ostream &os, const ReportInputs &in, int64_t totalMacs,
                 int64_t totalWeights) {
  const ReferenceFigures *ref =
      in.reference && in.reference->found ? &*in.reference : nullptr;
  std::optional<int64_t> arena;
  if (in.plan.planned)
    arena = in.plan.arenaBytes;
  std::optional<int64_t> instructions;
  if (in.profile && in.profile->total && in.profile->unit == "instructions")
    instructions = std::llround(*in.profile->total);

  os << "<table class=\"totals\"><tr><th></th><th class=\"n\">ingot</th>";
  if (ref)
    os << "<th class=\"n\">reference</th><th>reference figure</th>";
  os << "</tr>\n";
  auto row = [&](StringRef what, std::optional<int64_t> ours,
                 std::optional<int64_t> theirs, StringRef theirKey) {
    os << "<tr><td>" << html::escape(what) << "</td><td class=\"n\">"
       << optionalBytes(ours) << "</td>";
    if (ref)
      os << "<td class=\"n\">" << optionalBytes(theirs) << "</td><td><code>"
         << html::escape(theirs ? theirKey : "") << "</code></td>";
    os << "</tr>\n";
  };
  row("arena (RAM), bytes", arena, ref ? ref->arenaBytes : std::nullopt,
      ref ? ref->arenaKey : "");
  row("weights in flash, bytes (ingot) / model flatbuffer (reference)",
      totalWeights, ref ? ref->modelBytes : std::nullopt, "model_bytes");
  row("runtime code in flash, bytes", std::nullopt,
      ref ? ref->runtimeFlashBytes : std::nullopt,
      "flash_min_resolver.cmsis_nn_release.text_minus_model_and_case_io");
  row("MACs per inference", totalMacs, ref ? ref->macs : std::nullopt, "macs");
  row("instructions per inference", instructions,
      ref ? ref->instructions : std::nullopt,
      "instructions_per_inference_case0");
  os << "</table>\n";
  os << "<p class=\"note\">ingot's flash estimate counts the weights only; "
        "the generated code adds to it and depends on the compiler and "
        "flags. Model inputs and outputs are the caller's buffers, outside "
        "the arena.";
  if (instructions)
    os << " ingot's instructions are the total of the profile.";
  os << "</p>\n";
  if (in.reference) {
    os << "<p class=\"note\">Reference: <code>"
       << html::escape(in.reference->path) << "</code>";
    if (!in.reference->found)
      os << " has no figures for <code>" << html::escape(in.reference->model)
         << "</code>.";
    else
      os << ", entry <code>" << html::escape(in.reference->model)
         << "</code>: " << html::escape(in.reference->description) << ".";
    os << "</p>\n";
  }
}

std::string renderReport(const ReportInputs &in) {
  std::string page;
  raw_string_ostream os(page);
  int64_t totalMacs = 0, totalWeights = 0;
  for (const LayerRow &layer : in.layers) {
    totalMacs += layer.macs;
    totalWeights += layer.weightBytes;
  }

  os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<meta name=\"viewport\" "
        "content=\"width=device-width\">\n<title>ingot report: "
     << html::escape(in.title) << "</title>\n<style>" << kStyle
     << "</style>\n</head>\n<body>\n";
  os << "<h1>ingot report: " << html::escape(in.title) << "</h1>\n";
  const TargetSettings &target = targetChoice();
  os << "<p class=\"sub\"><code>" << html::escape(in.modelPath)
     << "</code> \u00b7 target " << html::escape(target.name) << " ("
     << html::escape(target.optimize) << ") \u00b7 " << in.layers.size()
     << " layers</p>\n";

  os << "<div class=\"cards\">\n";
  writeCard(os,
            in.plan.planned ? html::thousands(in.plan.arenaBytes) + " B"
                            : std::string("not planned"),
            "arena (RAM)");
  writeCard(os, html::thousands(totalWeights) + " B", "weights (flash)");
  writeCard(os, html::thousands(totalMacs), "MACs per inference");
  if (in.profile && in.profile->total)
    writeCard(os,
              html::thousands(std::llround(*in.profile->total)) + " " +
                  in.profile->unit,
              "profiled per inference");
  if (in.eval && in.eval->agreement)
    writeCard(os, formatv("{0:F1} %", 100 * *in.eval->agreement).str(),
              "top-1 agreement with float");
  os << "</div>\n";

  os << "<h2>Totals</h2>\n";
  writeTotals(os, in, totalMacs, totalWeights);

  os << "<h2>Memory plan</h2>\n";
  if (in.plan.planned) {
    std::vector<std::string> peaks;
    std::vector<int64_t> high(in.plan.columns.size(), 0);
    for (const PlannedBuffer &buffer : in.plan.buffers)
      for (int64_t c = buffer.first;
           c <= buffer.last && c < int64_t(high.size()); ++c)
        high[c] = std::max(high[c], buffer.offset + buffer.bytes);
    for (auto [c, reached] : enumerate(high))
      if (in.plan.arenaBytes > 0 && reached == in.plan.arenaBytes)
        peaks.push_back(layerOfColumn(in.plan, c) + " " + in.plan.columns[c]);
    os << "<p class=\"note\">Each rectangle is a tensor of the arena, from "
          "the layer that writes it to the last layer that reads it, at its "
          "planned offset. Hover for its name, shape and bytes. "
       << in.plan.buffers.size() << " buffers, " << in.plan.columns.size()
       << " kernel calls (a reshape is no call: it reuses its input's "
          "bytes); the arena's "
       << html::thousands(in.plan.arenaBytes) << " bytes are reached at layer ";
    for (auto [i, peak] : enumerate(peaks))
      os << (i ? ", " : "") << html::escape(peak);
    os << ".</p>\n";
    writePlanPicture(os, in.plan);
    os << "<details><summary>Buffers</summary>\n<table><tr><th>tensor</th>"
          "<th>written by</th><th>shape</th><th>type</th><th "
          "class=\"n\">bytes</th><th class=\"n\">offset</th><th "
          "class=\"n\">layers</th></tr>\n";
    for (const PlannedBuffer &buffer : in.plan.buffers)
      os << "<tr><td><div class=\"clip\" title=\"" << html::escape(buffer.name)
         << "\">" << html::escape(buffer.name) << "</div></td><td>"
         << html::escape(buffer.layer) << "</td><td>"
         << html::escape(buffer.shape) << "</td><td>"
         << html::escape(buffer.type) << "</td><td class=\"n\">"
         << html::thousands(buffer.bytes) << "</td><td class=\"n\">"
         << html::thousands(buffer.offset) << "</td><td class=\"n\">"
         << layerOfColumn(in.plan, buffer.first) << "\u2026"
         << layerOfColumn(in.plan, buffer.last) << "</td></tr>\n";
    os << "</table></details>\n";
  } else {
    os << "<p>The model could not be planned: " << html::escape(in.plan.problem)
       << "</p>\n";
  }

  if (in.profile) {
    const Profile &profile = *in.profile;
    os << "<h2>Per-layer cost</h2>\n<p class=\"note\">From <code>"
       << html::escape(profile.path) << "</code>";
    if (!profile.target.empty())
      os << ", target " << html::escape(profile.target);
    os << "; " << html::escape(profile.unit.empty() ? "cost" : profile.unit)
       << " per layer";
    if (profile.total)
      os << ", " << html::thousands(std::llround(*profile.total)) << " in all";
    os << ".</p>\n";
    std::vector<Bar> bars;
    for (const ProfileLayer &layer : profile.layers) {
      Bar bar;
      bar.label =
          std::to_string(layer.index) + " " + layer.op + " " + layer.name;
      bar.value = layer.cost;
      bar.valueText = html::thousands(std::llround(layer.cost));
      if (layer.macs > 0)
        bar.valueText += formatv(" ({0:F2}/MAC)", layer.cost / layer.macs);
      bar.tooltip = bar.label + "\n" + bar.valueText + " " + profile.unit +
                    "\n" + html::thousands(layer.macs) + " MACs";
      bars.push_back(std::move(bar));
    }
    writeBarChart(os, "profile-chart", "cost", bars);
  }

  if (in.eval) {
    const EvalReport &eval = *in.eval;
    os << "<h2>Per-layer SQNR</h2>\n<p class=\"note\">From <code>"
       << html::escape(eval.path) << "</code>: each layer's output against "
       << "the float model";
    if (!eval.data.empty())
      os << " on <code>" << html::escape(eval.data) << "</code>";
    if (eval.samples)
      os << " (" << *eval.samples << " samples)";
    os << ". Higher is closer; light bars are exact.";
    if (eval.agreement)
      os << formatv(" Top-1 agreement {0:F4}.", *eval.agreement);
    if (eval.accuracy)
      os << formatv(" Accuracy {0:F4}", *eval.accuracy)
         << (eval.floatAccuracy
                 ? formatv(" (float model {0:F4})", *eval.floatAccuracy).str()
                 : std::string())
         << ".";
    os << "</p>\n";
    std::vector<Bar> bars;
    double largest = 0;
    for (const EvalLayer &layer : eval.layers)
      if (layer.sqnrDb)
        largest = std::max(largest, *layer.sqnrDb);
    for (const EvalLayer &layer : eval.layers) {
      Bar bar;
      bar.label =
          std::to_string(layer.index) + " " + layer.op + " " + layer.output;
      bar.special = !layer.sqnrDb;
      bar.value = layer.sqnrDb ? *layer.sqnrDb : largest;
      bar.valueText = layer.sqnrDb ? formatv("{0:F2} dB", *layer.sqnrDb).str()
                                   : std::string("exact");
      bar.tooltip = bar.label + "\n" + bar.valueText;
      bars.push_back(std::move(bar));
    }
    writeBarChart(os, "sqnr-chart", "sqnr", bars);
  }

  os << "<h2>Inputs and outputs</h2>\n<table><tr><th></th><th>tensor</th>"
        "<th>shape</th><th>type</th><th>scale, zero point</th></tr>\n";
  auto edges = [&](StringRef kind, const std::vector<ModelEdge> &list) {
    for (const ModelEdge &edge : list)
      os << "<tr><td>" << kind << "</td><td>" << html::escape(edge.name)
         << "</td><td>" << html::escape(edge.shape) << "</td><td>"
         << html::escape(edge.type) << "</td><td>"
         << html::escape(edge.quantization) << "</td></tr>\n";
  };
  edges("input", in.inputs);
  edges("output", in.outputs);
  os << "</table>\n";

  os << "<h2>Layers</h2>\n<p class=\"note\">In execution order. The bar "
        "after the MACs is the layer's share of the largest layer's. Profile "
        "and SQNR figures are matched to layers by TFLite operator "
        "index.</p>\n";
  // Profile and eval rows name the TFLite operator they measure.
  llvm::DenseMap<int64_t, double> costOf, sqnrOf;
  llvm::DenseSet<int64_t> exact;
  if (in.profile)
    for (const ProfileLayer &layer : in.profile->layers)
      costOf.try_emplace(layer.index, layer.cost);
  if (in.eval)
    for (const EvalLayer &layer : in.eval->layers) {
      if (!layer.sqnrDb)
        exact.insert(layer.index);
      else
        sqnrOf.try_emplace(layer.index, *layer.sqnrDb);
    }
  os << "<table id=\"layers\"><tr><th class=\"n\">#</th><th>op</th><th>output "
        "tensor</th><th>shape, type</th><th>scale, zero "
        "point</th><th>weights: scale, zero point</th>";
  // Every kernel is a reference one unless a target was chosen.
  bool showKernels = targetChoice().explicitlyChosen;
  if (showKernels)
    os << "<th>kernel</th>";
  os << "<th class=\"n\">MACs</th><th class=\"n\">weight bytes</th>";
  if (in.profile)
    os << "<th class=\"n\">"
       << html::escape(in.profile->unit.empty() ? "cost" : in.profile->unit)
       << "</th>";
  if (in.eval)
    os << "<th class=\"n\">SQNR dB</th>";
  os << "</tr>\n";
  int64_t largestMacs = 0;
  for (const LayerRow &layer : in.layers)
    largestMacs = std::max(largestMacs, layer.macs);
  for (const LayerRow &layer : in.layers) {
    os << "<tr><td class=\"n\">" << layer.index << "</td><td>"
       << html::escape(layer.op) << "</td><td><div class=\"clip\" title=\""
       << html::escape(layer.output) << "\">" << html::escape(layer.output)
       << "</div></td><td class=\"nw\">" << html::escape(layer.shape) << " "
       << html::escape(layer.type) << "</td><td class=\"nw\">"
       << html::escape(layer.quantization) << "</td><td class=\"nw\">"
       << html::escape(layer.weightQuantization) << "</td>";
    if (showKernels)
      os << "<td><code>" << html::escape(layer.kernel) << "</code></td>";
    os << "<td class=\"n\">" << html::thousands(layer.macs);
    if (largestMacs > 0)
      os << formatv("<span class=\"share\" style=\"width:{0}px\"></span>",
                    (layer.macs * 40 + largestMacs - 1) / largestMacs);
    os << "</td><td class=\"n\">" << html::thousands(layer.weightBytes)
       << "</td>";
    std::optional<int64_t> index = layer.tfliteIndex;
    if (in.profile) {
      os << "<td class=\"n\">";
      if (index && costOf.count(*index))
        os << html::thousands(std::llround(costOf.lookup(*index)));
      os << "</td>";
    }
    if (in.eval) {
      os << "<td class=\"n\">";
      if (index && sqnrOf.count(*index))
        os << formatv("{0:F2}", sqnrOf.lookup(*index));
      else if (index && exact.count(*index))
        os << "exact";
      os << "</td>";
    }
    os << "</tr>\n";
  }
  os << "<tr><th></th><th>total</th><th colspan=\"" << (showKernels ? 5 : 4)
     << "\"></th><th class=\"n\">" << html::thousands(totalMacs)
     << "</th><th class=\"n\">" << html::thousands(totalWeights) << "</th>";
  if (in.profile)
    os << "<th class=\"n\">"
       << (in.profile->total ? html::thousands(std::llround(*in.profile->total))
                             : std::string())
       << "</th>";
  if (in.eval)
    os << "<th></th>";
  os << "</tr>\n</table>\n";
  os << "<p class=\"note\">Written by ingot report.</p>\n</body>\n</html>\n";
  return page;
}

} // namespace

int reportModel(StringRef modelPath) {
  if (htmlOutputPath.empty())
    return fail("say where to write the report with -o report.html");

  ReportInputs in;
  in.modelPath = modelPath.str();
  in.title = modelNameOf(modelPath);
  // The optional inputs first: a typo in a file name should not wait for
  // the compilation.
  if (!profilePath.empty()) {
    Expected<Profile> profile = readProfile(profilePath);
    if (!profile)
      return fail(toString(profile.takeError()));
    in.profile = std::move(*profile);
  }
  if (!evalData.empty() && !evalReportPath.empty())
    return fail("--eval-data measures what --eval-json would read; pass one "
                "of them");
  if (evalDataSamples != "all" && evalDataSamples != "even" &&
      evalDataSamples != "odd")
    return fail("--eval-data-samples takes all, even or odd");
  if (!evalReportPath.empty()) {
    Expected<EvalReport> eval = readEvalReport(evalReportPath);
    if (!eval)
      return fail(toString(eval.takeError()));
    in.eval = std::move(*eval);
  }
  if (!referencePath.empty()) {
    std::string name =
        referenceModel.empty() ? modelNameOf(modelPath) : referenceModel;
    Expected<ReferenceFigures> reference = readReference(referencePath, name);
    if (!reference)
      return fail(toString(reference.takeError()));
    if (!reference->found)
      diagnostics() << "ingot: warning: --reference: " << referencePath
                    << " has no model named '" << name
                    << "'; name it with --reference-model\n";
    in.reference = std::move(*reference);
  } else if (referenceModel.getNumOccurrences()) {
    return fail("--reference-model names the model in a --reference file; "
                "pass --reference=FILE too");
  }

  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module =
      lowerModel(*context, modelPath, Stage::Graph, "model");
  if (!module)
    return 1;
  auto function = *module->getOps<func::FuncOp>().begin();

  std::vector<std::string> inputNames =
      stringArray(function, import::kInputNamesAttr);
  std::vector<std::string> outputNames =
      stringArray(function, import::kOutputNamesAttr);
  for (auto [i, type] : enumerate(function.getArgumentTypes()))
    in.inputs.push_back({i < inputNames.size() ? inputNames[i] : "",
                         shapeText(type), elementText(type),
                         quantizationText(type)});
  for (auto [i, type] : enumerate(function.getResultTypes()))
    in.outputs.push_back({i < outputNames.size() ? outputNames[i] : "",
                          shapeText(type), elementText(type),
                          quantizationText(type)});

  llvm::DenseSet<Value> countedWeights;
  for (Operation &op : function.getBody().front()) {
    if (isa<graph::ConstOp, graph::VariableOp, func::ReturnOp>(op))
      continue;
    LayerRow row;
    row.index = in.layers.size();
    for (Value operand : op.getOperands()) {
      if (!operand.getDefiningOp<graph::ConstOp>())
        continue;
      if (countedWeights.insert(operand).second)
        row.weightBytes += storageBytes(operand.getType());
      // The filter comes before the bias: its quantization is the one shown.
      if (row.weightQuantization.empty())
        row.weightQuantization = quantizationText(operand.getType());
    }
    row.macs = analysis::macsOf(&op);
    auto opName = op.getAttrOfType<StringAttr>(import::kTfliteOpAttr);
    row.op = opName ? opName.str() : op.getName().getStringRef().str();
    row.output = locationName(op.getLoc());
    if (op.getNumResults() > 0) {
      Type type = op.getResult(0).getType();
      row.shape = shapeText(type);
      row.type = elementText(type);
      row.quantization = quantizationText(type);
    }
    if (auto index = op.getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr))
      row.tfliteIndex = index.getInt();
    in.layers.push_back(std::move(row));
  }

  if (!evalData.empty()) {
    // reportEvaluation prints the --eval report; here its JSON form is
    // read back, as --eval-json would read it from a file.
    setEvaluation({evalData, evalDataSamples, "", /*json=*/true});
    std::string text;
    raw_string_ostream stream(text);
    redirectOutput(nullptr, &stream);
    LogicalResult measured = reportEvaluation(modelPath, *module, std::nullopt);
    redirectOutput(nullptr, nullptr);
    if (failed(measured))
      return 1;
    Expected<EvalReport> eval =
        parseEvalReport(json::parse(text), "the --eval-data measurement");
    if (!eval)
      return fail(toString(eval.takeError()));
    in.eval = std::move(*eval);
  }

  // The plan comes from the real pipeline, as `ingot compile` runs it.
  if (failed(applyTarget(*module)))
    return 1;
  PassManager pm(context.get());
  buildGraphToKernelPipeline(pm);
  {
    // A model ingot cannot lower still gets its layer table.
    ScopedDiagnosticHandler capture(context.get(), [&](Diagnostic &diag) {
      if (in.plan.problem.empty())
        in.plan.problem = diag.str();
      return success();
    });
    if (succeeded(pm.run(*module))) {
      auto lowered = *module->getOps<func::FuncOp>().begin();
      std::string problem = in.plan.problem;
      llvm::DenseMap<int64_t, int64_t> rowOfTfliteIndex;
      for (const LayerRow &row : in.layers)
        if (row.tfliteIndex)
          rowOfTfliteIndex.try_emplace(*row.tfliteIndex, row.index);
      in.plan = readPlan(lowered, rowOfTfliteIndex);
      llvm::DenseMap<int64_t, std::string> kernels;
      lowered.walk([&](Operation *op) {
        auto index = op->getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr);
        if (!index || kernels.count(index.getInt()))
          return;
        auto chosen =
            op->getAttrOfType<StringAttr>(kernel::kImplementationAttr);
        kernels[index.getInt()] =
            chosen ? chosen.str() : "ref." + op->getName().stripDialect().str();
      });
      for (LayerRow &row : in.layers)
        if (row.tfliteIndex && kernels.count(*row.tfliteIndex))
          row.kernel = kernels[*row.tfliteIndex];
    }
  }
  if (!in.plan.planned)
    diagnostics() << "ingot: warning: " << modelPath
                  << ": no memory plan in the report: " << in.plan.problem
                  << "\n";

  std::string page = renderReport(in);
  std::error_code error;
  raw_fd_ostream file(htmlOutputPath, error, sys::fs::OF_None);
  if (error)
    return fail("cannot write the report to " + htmlOutputPath + ": " +
                error.message());
  file << page;
  file.close();
  if (file.has_error())
    return fail("cannot write the report to " + htmlOutputPath + ": " +
                file.error().message());
  return 0;
}

} // namespace ingot::driver
