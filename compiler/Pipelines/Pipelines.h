//===- Pipelines.h - The order of ingot's passes ----------------*- C++ -*-===//
//
// The only place where pass order is written. Each stage ends at an IR that
// `ingot compile --emit=` can print and `ingot-opt` can resume from.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_PIPELINES_PIPELINES_H
#define INGOT_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"

#include <string>

namespace ingot {

/// Post-training quantization applied to an imported float graph.
enum class QuantizationMode { None, Dynamic, Int8, Int16x8, Float16 };

/// Graph-to-graph quantization passes for `mode` that need no data: weight
/// quantization for Dynamic and Float16; for Int8, activation fusion, so that
/// a standalone RELU is calibrated and quantized as part of its producer.
void buildQuantizationPipeline(mlir::OpPassManager &pm, QuantizationMode mode);

/// The passes that turn a copy of a float (or dynamic-range) graph into a
/// float graph that reports every activation, ready to lower and run for
/// calibration.
void buildCalibrationPipeline(mlir::OpPassManager &pm);

/// The passes that prepare the two sides of an evaluation (`--eval`), each
/// on a copy: the float reference (the imported model with its weights
/// dequantized) and the graph ingot compiles (quantized or not). Both fuse
/// standalone activations, as the int8 pipeline does before calibration, so
/// that the two have the same operators, then report every activation.
void buildEvaluationReferencePipeline(mlir::OpPassManager &pm);
void buildEvaluationPipeline(mlir::OpPassManager &pm);

/// Full-integer quantization of a graph annotated with calibrated ranges.
/// `activationType` is "int8", or "int16" for the int16x8 scheme.
/// `strict` fails on operators without an integer form instead of keeping
/// them in float.
void buildInt8QuantizationPipeline(mlir::OpPassManager &pm,
                                   const std::string &ioType,
                                   const std::string &activationType = "int8",
                                   bool strict = false);

/// graph dialect (as imported) -> planned kernel dialect.
void buildGraphToKernelPipeline(mlir::OpPassManager &pm);

/// planned kernel dialect -> EmitC `header` and `source` files.
void buildKernelToEmitCPipeline(mlir::OpPassManager &pm,
                                const std::string &modelName);

/// Registers "ingot-graph-to-kernel" and "ingot-kernel-to-emitc" as pass
/// pipelines, so that any stage reproduces with one ingot-opt command.
void registerPipelines();

} // namespace ingot

#endif // INGOT_PIPELINES_PIPELINES_H
