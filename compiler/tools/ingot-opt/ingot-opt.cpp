//===- ingot-opt.cpp - ingot's mlir-opt -----------------------------------===//
//
// This file implements ingot-opt: mlir-opt with ingot's dialects, passes and
// pipelines, for lit tests and for reproducing any stage of a compile.
//
//===----------------------------------------------------------------------===//
#include "Conversion/Passes.h"
#include "Pipelines/Pipelines.h"
#include "Quantization/Transforms/Passes.h"
#include "ingot/Dialect/Graph/Transforms/Passes.h"
#include "ingot/Dialect/Kernel/Transforms/Passes.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<ingot::graph::GraphDialect, ingot::kernel::KernelDialect,
                  mlir::quant::QuantDialect, mlir::func::FuncDialect,
                  mlir::emitc::EmitCDialect>();
  ingot::graph::registerGraphPasses();
  ingot::kernel::registerKernelPasses();
  ingot::registerConversionPasses();
  ingot::registerQuantizationPasses();
  ingot::registerPipelines();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "ingot optimizer driver\n", registry));
}
