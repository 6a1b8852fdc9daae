//===- Inspect.cpp - ingot inspect ----------------------------------------===//
//
// This file implements `ingot inspect`: what a firmware engineer wants to
// know before compiling: the layers, their multiply-accumulates and weight
// bytes, and the arena the planner needs.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "Analysis/LayerCost.h"
#include "Import/Importer.h"
#include "Pipelines/Pipelines.h"
#include "ingot/Dialect/Graph/IR/Graph.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace ingot::driver {
namespace {

int64_t storageBytes(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  Type element = type.getElementType();
  if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(element))
    element = quantized.getStorageType();
  return type.getNumElements() * ((element.getIntOrFloatBitWidth() + 7) / 8);
}

std::string typeText(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto tensor = cast<RankedTensorType>(type);
  Type element = tensor.getElementType();
  if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(element)) {
    element = quantized.getStorageType();
    // uint8 model inputs and outputs store in a signless i8.
    if (!quantized.isSigned())
      element =
          IntegerType::get(type.getContext(), element.getIntOrFloatBitWidth(),
                           IntegerType::Unsigned);
  }
  os << element << "[";
  llvm::interleave(tensor.getShape(), os, ",");
  os << "]";
  return text;
}

} // namespace

int inspectModel(llvm::StringRef modelPath, bool json) {
  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module =
      lowerModel(*context, modelPath, Stage::Graph, "model");
  if (!module)
    return 1;
  auto function = *module->getOps<func::FuncOp>().begin();

  llvm::json::Array layers;
  std::vector<std::optional<int64_t>> tfliteIndices;
  int64_t totalMacs = 0, totalWeightBytes = 0, index = 0;
  llvm::DenseSet<Value> countedWeights;
  for (Operation &op : function.getBody().front()) {
    if (isa<graph::ConstOp, graph::VariableOp, func::ReturnOp>(op))
      continue;
    int64_t weightBytes = 0;
    for (Value operand : op.getOperands())
      if (operand.getDefiningOp<graph::ConstOp>() &&
          countedWeights.insert(operand).second)
        weightBytes += storageBytes(operand);
    int64_t macs = analysis::macsOf(&op);
    totalMacs += macs;
    totalWeightBytes += weightBytes;
    auto opName = op.getAttrOfType<StringAttr>(import::kTfliteOpAttr);
    std::string output;
    if (auto named = dyn_cast<NameLoc>(op.getLoc()))
      output = named.getName().str();
    auto tfliteIndex = op.getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr);
    tfliteIndices.push_back(tfliteIndex ? std::optional(tfliteIndex.getInt())
                                        : std::nullopt);
    layers.push_back(llvm::json::Object{
        {"index", index++},
        {"op", opName ? opName.str() : op.getName().getStringRef().str()},
        {"output", output},
        {"output_type", typeText(op.getResult(0).getType())},
        {"macs", macs},
        {"weight_bytes", weightBytes}});
  }

  // The arena comes from the real pipeline, not an estimate.
  if (failed(applyTarget(*module)))
    return 1;
  PassManager pm(context.get());
  buildGraphToKernelPipeline(pm);
  std::optional<int64_t> arenaBytes;
  std::string arenaProblem;
  {
    // An unsupported op should not hide the rest of the report.
    ScopedDiagnosticHandler capture(context.get(), [&](Diagnostic &diag) {
      if (arenaProblem.empty())
        arenaProblem = diag.str();
      return success();
    });
    if (succeeded(pm.run(*module))) {
      auto lowered = *module->getOps<func::FuncOp>().begin();
      arenaBytes =
          lowered->getAttrOfType<IntegerAttr>(kernel::kArenaBytesAttr).getInt();
      // Each layer's kernel, found through the TFLite operator index the
      // lowering keeps on the kernel op.
      llvm::DenseMap<int64_t, std::string> kernels;
      lowered.walk([&](Operation *op) {
        auto tfliteIndex =
            op->getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr);
        if (!tfliteIndex || kernels.count(tfliteIndex.getInt()))
          return;
        auto chosen =
            op->getAttrOfType<StringAttr>(kernel::kImplementationAttr);
        kernels[tfliteIndex.getInt()] =
            chosen ? chosen.str() : "ref." + op->getName().stripDialect().str();
      });
      for (auto [layer, tfliteIndex] : llvm::zip(layers, tfliteIndices))
        if (targetChoice().explicitlyChosen && tfliteIndex &&
            kernels.count(*tfliteIndex))
          (*layer.getAsObject())["kernel"] = kernels[*tfliteIndex];
    }
  }

  bool showKernels = targetChoice().explicitlyChosen;
  if (json) {
    llvm::json::Object report{{"model", modelPath.str()},
                              {"layers", std::move(layers)},
                              {"macs", totalMacs},
                              {"weight_bytes", totalWeightBytes}};
    if (showKernels)
      report["target"] = targetChoice().name;
    if (arenaBytes)
      report["arena_bytes"] = *arenaBytes;
    else
      report["unsupported"] = arenaProblem;
    reportOutput() << llvm::formatv("{0:2}",
                                    llvm::json::Value(std::move(report)))
                   << "\n";
    return 0;
  }

  reportOutput() << modelPath << "\n\n";
  reportOutput() << llvm::format("%5s  %-20s %-24s %12s %12s  %s\n", "#", "op",
                                 "output", "MACs", "weights B",
                                 showKernels ? "kernel" : "tensor");
  for (const llvm::json::Value &layer : layers) {
    const llvm::json::Object &fields = *layer.getAsObject();
    reportOutput() << llvm::format(
        "%5lld  %-20s %-24s %12lld %12lld  %s\n",
        static_cast<long long>(*fields.getInteger("index")),
        fields.getString("op")->str().c_str(),
        fields.getString("output_type")->str().c_str(),
        static_cast<long long>(*fields.getInteger("macs")),
        static_cast<long long>(*fields.getInteger("weight_bytes")),
        showKernels ? (fields.getString("kernel")
                           ? fields.getString("kernel")->str().c_str()
                           : "- (no code)")
                    : fields.getString("output")->str().c_str());
  }
  if (showKernels)
    reportOutput() << "\ntarget:        " << targetChoice().name << " ("
                   << targetChoice().optimize << ")";
  reportOutput() << "\ntotal MACs:    " << totalMacs
                 << "\nweight bytes:  " << totalWeightBytes << "\n";
  if (arenaBytes)
    reportOutput() << "arena bytes:   " << *arenaBytes << "\n";
  else
    reportOutput() << "arena bytes:   not planned: " << arenaProblem << "\n";
  return 0;
}

} // namespace ingot::driver
