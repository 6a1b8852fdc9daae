//===- FuzzTarget.cpp - What a hostile model is run through ---------------===//
//
// This file implements the body shared by the libFuzzer target and the
// deterministic mutation test: the same import + lowering + C++ translation
// that `ingot compile` runs, with diagnostics swallowed, plus a round trip
// through the exporter (`ingot quantize` / `--emit=tflite`): whatever the
// exporter writes, the importer must read back.
//
//===----------------------------------------------------------------------===//
#include "FuzzTarget.h"

#include "Export/Exporter.h"
#include "Import/Importer.h"
#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"
#include "ingot/Dialect/Graph/IR/Graph.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

bool ingot::fuzz::compileUntrustedModel(const uint8_t *data, size_t size) {
  DialectRegistry registry;
  registry
      .insert<graph::GraphDialect, kernel::KernelDialect, quant::QuantDialect,
              func::FuncDialect, emitc::EmitCDialect>();
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.loadAllAvailableDialects();
  ScopedDiagnosticHandler silence(&context,
                                  [](Diagnostic &) { return success(); });
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module =
      import::importTfliteBuffer(bytes, "fuzz.tflite", context);
  if (!module)
    return false;

  // The exporter may refuse a graph (an error, not a crash), but a file it
  // writes is a file ingot made, and ingot must be able to read it.
  std::string exported;
  llvm::raw_string_ostream exportStream(exported);
  auto function = *module->getOps<func::FuncOp>().begin();
  if (succeeded(exporter::exportTflite(function, exportStream)) &&
      !import::importTfliteBuffer(exported, "exported.tflite", context))
    llvm::report_fatal_error("the importer rejects a model the exporter wrote");

  PassManager pm(&context);
  buildGraphToKernelPipeline(pm);
  buildKernelToEmitCPipeline(pm, "model");
  if (failed(pm.run(*module)))
    return false;
  return succeeded(translateModelToCpp(*module));
}
