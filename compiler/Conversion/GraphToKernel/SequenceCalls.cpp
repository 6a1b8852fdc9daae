//===- SequenceCalls.cpp - Kernels of sequence operators ------------------===//
//
// This file implements the planner of graph.unidirectional_sequence_lstm.
// TensorFlow Lite Micro evaluates only the standard cell (all four gates, no
// peepholes, projection or layer normalization); the kernels here do the
// same and every other layout is refused by name.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {

namespace {

/// TFLite's ActivationFunctionType code of TANH.
constexpr int64_t kTanhActivation = 4;

/// Why the LSTM's cell layout has no kernel; empty when it is the standard
/// cell the kernels implement.
std::string layoutBlocker(UnidirectionalSequenceLstmOp op) {
  if (!op.getInputToInputWeights() || !op.getRecurrentToInputWeights() ||
      !op.getInputGateBias())
    return "is a CIFG cell (no input gate), which ingot's LSTM kernels do "
           "not implement";
  if (op.getCellToInputWeights() || op.getCellToForgetWeights() ||
      op.getCellToOutputWeights())
    return "has peephole connections, which TFLite Micro's LSTM does not "
           "support";
  if (op.getProjectionWeights() || op.getProjectionBias())
    return "has a projection layer, which TFLite Micro's LSTM does not "
           "support";
  if (op.getInputLayerNormCoefficients() ||
      op.getForgetLayerNormCoefficients() ||
      op.getCellLayerNormCoefficients() || op.getOutputLayerNormCoefficients())
    return "has layer normalization, which TFLite Micro's LSTM does not "
           "support";
  if (op.getActivation() != kTanhActivation)
    return "has a cell activation other than TANH, which ingot's LSTM "
           "kernels do not implement";
  if (op.getCellClip().convertToFloat() < 0.0f)
    return "has a negative cell_clip";
  ArrayRef<int64_t> recurrent = shapeOf(op.getRecurrentToForgetWeights());
  if (recurrent[0] != recurrent[1])
    return "has recurrent weights that are not square (cells != outputs "
           "needs a projection)";
  int64_t units = recurrent[0];
  for (Value bias : {op.getInputGateBias(), op.getForgetGateBias(),
                     op.getCellGateBias(), op.getOutputGateBias()})
    if (shapeOf(bias).size() != 1 || shapeOf(bias)[0] != units)
      return "has a gate bias that is not [cells]";
  ArrayRef<int64_t> input = shapeOf(op.getInput());
  int64_t batches = op.getTimeMajor() ? input[1] : input[0];
  if (shapeOf(op.getInputToInputWeights()) !=
          shapeOf(op.getInputToForgetWeights()) ||
      shapeOf(op.getRecurrentToInputWeights()) != recurrent)
    return "has input-gate weights of a different shape than the other "
           "gates'";
  for (Value state : {op.getOutputState(), op.getCellState()})
    if (elementsOf(state) != batches * units)
      return "has a state tensor that is not [batch, cells]";
  if (!op.getOutputState().getDefiningOp<VariableOp>() ||
      !op.getCellState().getDefiningOp<VariableOp>())
    return "has a state that is not a variable tensor";
  return "";
}

/// Operands in the kernels' order: input, the input weights of the input,
/// forget, cell and output gates, the recurrent weights in the same order,
/// the four biases, the hidden (output) state and the cell state.
void addOperands(KernelCall &call, UnidirectionalSequenceLstmOp op) {
  call.operand(op.getInput())
      .operand(op.getInputToInputWeights())
      .operand(op.getInputToForgetWeights())
      .operand(op.getInputToCellWeights())
      .operand(op.getInputToOutputWeights())
      .operand(op.getRecurrentToInputWeights())
      .operand(op.getRecurrentToForgetWeights())
      .operand(op.getRecurrentToCellWeights())
      .operand(op.getRecurrentToOutputWeights())
      .operand(op.getInputGateBias())
      .operand(op.getForgetGateBias())
      .operand(op.getCellGateBias())
      .operand(op.getOutputGateBias())
      .operand(op.getOutputState())
      .operand(op.getCellState());
}

void addSizes(KernelCall &call, UnidirectionalSequenceLstmOp op) {
  ArrayRef<int64_t> input = shapeOf(op.getInput());
  bool timeMajor = op.getTimeMajor();
  call.i32("batches", timeMajor ? input[1] : input[0])
      .i32("time_steps", timeMajor ? input[0] : input[1])
      .i32("input_size", input[2])
      .i32("units", shapeOf(op.getRecurrentToForgetWeights())[0])
      .i32("time_major", timeMajor ? 1 : 0);
}

bool allFloat(UnidirectionalSequenceLstmOp op) {
  for (Value value : llvm::concat<Value>(op->getOperands(), op->getResults()))
    if (typeTag(value) != "float32")
      return false;
  return true;
}

std::optional<KernelCall> planLstm(UnidirectionalSequenceLstmOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why = layoutBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  int64_t units = shapeOf(op.getRecurrentToForgetWeights())[0];
  KernelCall call(ctx);
  addOperands(call, op);
  if (allFloat(op)) {
    call.callee = "lstm_f32";
    call.scratchBytes = 4 * units * static_cast<int64_t>(sizeof(float));
    addSizes(call, op);
    call.f32("cell_clip", op.getCellClip().convertToDouble());
    return call;
  }
  return KernelCall::blocked(
      ctx, "has no kernel for input " + typeTag(op.getInput()) +
               " with weights " + typeTag(op.getInputToForgetWeights()) +
               " in ingot; float32 is implemented");
}

} // namespace

std::optional<KernelCall> planSequenceCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](UnidirectionalSequenceLstmOp lstm) { return planLstm(lstm); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
