//===- Pipelines.cpp - The order of ingot's passes ------------------------===//
//
// This file implements ingot's pass pipelines: activation fusion on the
// graph, requantization parameters, lowering to kernels, reshape aliasing,
// arena planning, then EmitC.
//
//===----------------------------------------------------------------------===//
#include "Pipelines/Pipelines.h"

#include "Conversion/Passes.h"
#include "Quantization/Transforms/Passes.h"
#include "ingot/Dialect/Graph/Transforms/Passes.h"
#include "ingot/Dialect/Kernel/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

void ingot::buildQuantizationPipeline(OpPassManager &pm,
                                      QuantizationMode mode) {
  if (mode == QuantizationMode::Dynamic)
    pm.addNestedPass<func::FuncOp>(createQuantizeWeightsPass());
  if (mode == QuantizationMode::Float16)
    pm.addNestedPass<func::FuncOp>(createQuantizeFloat16Pass());
  if (mode == QuantizationMode::Int8 || mode == QuantizationMode::Int16x8)
    pm.addNestedPass<func::FuncOp>(graph::createFuseActivationPass());
}

void ingot::buildCalibrationPipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(createDequantizeWeightsPass());
  pm.addNestedPass<func::FuncOp>(createExposeActivationsPass());
}

void ingot::buildEvaluationReferencePipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(graph::createFuseActivationPass());
  pm.addNestedPass<func::FuncOp>(createDequantizeWeightsPass());
  pm.addNestedPass<func::FuncOp>(createExposeActivationsPass());
}

void ingot::buildEvaluationPipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(graph::createFuseActivationPass());
  pm.addNestedPass<func::FuncOp>(createExposeActivationsPass());
}

void ingot::buildInt8QuantizationPipeline(OpPassManager &pm,
                                          const std::string &ioType,
                                          const std::string &activationType,
                                          bool strict) {
  QuantizeInt8PassOptions options;
  options.ioType = ioType;
  options.activationType = activationType;
  options.strict = strict;
  pm.addNestedPass<func::FuncOp>(createQuantizeInt8Pass(options));
}

void ingot::buildGraphToKernelPipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(graph::createFuseActivationPass());
  pm.addNestedPass<func::FuncOp>(createComputeRequantParamsPass());
  pm.addPass(createConvertGraphToKernelPass());
  pm.addNestedPass<func::FuncOp>(kernel::createAliasReshapesPass());
  // Before planning: the chosen kernels' scratch memory goes in the arena.
  pm.addPass(kernel::createSelectKernelsPass());
  pm.addNestedPass<func::FuncOp>(kernel::createPlanMemoryPass());
}

void ingot::buildKernelToEmitCPipeline(OpPassManager &pm,
                                       const std::string &modelName) {
  ConvertKernelToEmitCPassOptions options;
  options.modelName = modelName;
  pm.addPass(createConvertKernelToEmitCPass(options));
}

namespace {
struct EmitCPipelineOptions : public PassPipelineOptions<EmitCPipelineOptions> {
  Option<std::string> modelName{*this, "model-name",
                                llvm::cl::desc("Prefix of generated symbols"),
                                llvm::cl::init("model")};
};
} // namespace

void ingot::registerPipelines() {
  PassPipelineRegistration<>(
      "ingot-graph-to-kernel", "Lower imported graph IR to planned kernel IR",
      [](OpPassManager &pm) { buildGraphToKernelPipeline(pm); });
  PassPipelineRegistration<EmitCPipelineOptions>(
      "ingot-kernel-to-emitc", "Lower planned kernel IR to EmitC files",
      [](OpPassManager &pm, const EmitCPipelineOptions &options) {
        buildKernelToEmitCPipeline(pm, options.modelName);
      });
}
