//===- SequenceHandlers.cpp - Import of sequence operators ----------------===//
//
// This file implements the import of UNIDIRECTIONAL_SEQUENCE_LSTM in the
// converter's 24-input layout. Its output and cell states are variable
// tensors that persist across invocations.
//
//===----------------------------------------------------------------------===//
#include "OperatorImport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::import {
namespace {

/// TFLite's input positions of the LSTM's operands that must be present.
constexpr unsigned kRequiredLstmInputs[] = {0, 2,  3,  4,  6,  7,
                                            8, 13, 14, 15, 18, 19};

FailureOr<Value> importUnidirectionalSequenceLstm(OperatorContext &ctx) {
  auto options = ctx.options<tflite::UnidirectionalSequenceLSTMOptions>();
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(options) || failed(outputType))
    return failure();
  if (ctx.numInputs() != 24)
    return ctx.fail("has " + llvm::Twine(ctx.numInputs()) +
                    " inputs; ingot reads the converter's 24-input layout");
  SmallVector<Value> operands;
  for (unsigned i = 0; i < 24; ++i) {
    FailureOr<Value> operand = llvm::is_contained(kRequiredLstmInputs, i)
                                   ? ctx.input(i)
                                   : ctx.optionalInput(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  for (unsigned state : {18u, 19u})
    if (!operands[state].getDefiningOp<VariableOp>())
      return ctx.fail("takes a state (input " + llvm::Twine(state) +
                      ") that is not a variable tensor");
  const tflite::UnidirectionalSequenceLSTMOptions &o = **options;
  if (o.diagonal_recurrent_tensors())
    return ctx.fail("has diagonal recurrent weights, which ingot does not "
                    "support");
  return UnidirectionalSequenceLstmOp::create(
             ctx.builder, ctx.loc, *outputType, operands[0], operands[1],
             operands[2], operands[3], operands[4], operands[5], operands[6],
             operands[7], operands[8], operands[9], operands[10], operands[11],
             operands[12], operands[13], operands[14], operands[15],
             operands[16], operands[17], operands[18], operands[19],
             operands[20], operands[21], operands[22], operands[23],
             ctx.builder.getI64IntegerAttr(o.fused_activation_function()),
             ctx.builder.getF32FloatAttr(o.cell_clip()),
             ctx.builder.getF32FloatAttr(o.proj_clip()),
             ctx.builder.getBoolAttr(o.time_major()))
      .getResult();
}

} // namespace

void appendSequenceHandlers(std::vector<HandlerEntry> &table) {
  table.push_back({/*UNIDIRECTIONAL_SEQUENCE_LSTM*/ 44, 5,
                   importUnidirectionalSequenceLstm});
}

} // namespace ingot::import
