//===- RecurrentExporters.cpp - Export of stateful operators --------------===//
//
// This file implements the export of svdf, whose activation state operand
// is a graph.variable and becomes a variable tensor.
//
//===----------------------------------------------------------------------===//
#include "OperatorExport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::exporter {
namespace {

LogicalResult exportSvdf(SvdfOp op, OperatorWriter &writer) {
  if (!op.getActivationState().getDefiningOp<VariableOp>())
    return writer.fail("its activation state is not a graph.variable, and "
                       "TFLite keeps SVDF state in a variable tensor");
  for (Value input :
       {op.getInput(), op.getWeightsFeature(), op.getWeightsTime(),
        op.getBias(), op.getActivationState()})
    if (failed(writer.addInput(input)))
      return failure();
  tflite::SVDFOptionsT options;
  options.rank = op.getRank();
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  writer.setOptions(options);

  std::optional<tflite::TensorType> input = tfliteElementType(op.getInput());
  std::optional<tflite::TensorType> weights =
      tfliteElementType(op.getWeightsFeature());
  std::optional<tflite::TensorType> output = tfliteElementType(op.getOutput());
  int32_t version = 1;
  if (input == tflite::TensorType_INT8)
    version = 3;
  else if (input == tflite::TensorType_FLOAT32 &&
           weights == tflite::TensorType_INT8 &&
           output == tflite::TensorType_FLOAT32)
    version = 2;
  writer.setCode(builtin::SVDF, version);
  return success();
}

} // namespace

void appendRecurrentExporters(std::vector<ExporterEntry> &table) {
  table.push_back(exporterFor<SvdfOp, exportSvdf>());
}

} // namespace ingot::exporter
