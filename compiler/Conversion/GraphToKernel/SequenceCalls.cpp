//===- SequenceCalls.cpp - Kernels of sequence operators ------------------===//
//
// This file implements the planner of graph.unidirectional_sequence_lstm.
// TensorFlow Lite Micro evaluates only the standard cell (all four gates, no
// peepholes, projection or layer normalization); the kernels here do the
// same and every other layout is refused by name.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "LstmParams.h"
#include "RescaleShiftCheck.h"

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

/// Why the integer LSTM with `activation` inputs ("int8" or "int16") has no
/// kernel; empty when its tensors are what TFLite Micro's integer kernel
/// takes.
std::string integerBlocker(UnidirectionalSequenceLstmOp op,
                           StringRef activation) {
  std::string bias = activation == "int8" ? "int32" : "int64";
  for (Value value : {op.getInput(), op.getOutputState(), op.getOutput()})
    if (!isQuantized(value) || typeTag(value) != activation)
      return ("has an " + activation +
              " input but its hidden state or output is not per-tensor " +
              activation)
          .str();
  for (Value weights :
       {op.getInputToInputWeights(), op.getInputToForgetWeights(),
        op.getInputToCellWeights(), op.getInputToOutputWeights(),
        op.getRecurrentToInputWeights(), op.getRecurrentToForgetWeights(),
        op.getRecurrentToCellWeights(), op.getRecurrentToOutputWeights()})
    if (!isQuantized(weights) || typeTag(weights) != "int8" ||
        zeroPointOf(weights) != 0)
      return "has weights that are not symmetric per-tensor int8";
  for (Value gateBias : {op.getInputGateBias(), op.getForgetGateBias(),
                         op.getCellGateBias(), op.getOutputGateBias()})
    if (typeTag(gateBias) != bias)
      return ("has " + activation +
              " activations but gate biases that are "
              "not " +
              bias)
          .str();
  Value cell = op.getCellState();
  if (!isQuantized(cell) || typeTag(cell) != "int16" || zeroPointOf(cell) != 0)
    return "has a cell state that is not symmetric int16";
  // TFLite Micro resets int16 variable tensors to 0 whatever their zero
  // point, while ingot starts a state at its zero point.
  if (activation == "int16" && zeroPointOf(op.getOutputState()) != 0)
    return "has an int16 hidden state with a nonzero zero point";
  return "";
}

std::optional<KernelCall> planIntegerLstm(UnidirectionalSequenceLstmOp op,
                                          KernelCall call,
                                          StringRef activation) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = integerBlocker(op, activation); !why.empty())
    return KernelCall::blocked(ctx, why);
  auto scaleOfValue = [](Value value) {
    return static_cast<float>(scaleOf(value));
  };
  quant::LstmScales scales;
  scales.input = scaleOfValue(op.getInput());
  scales.hidden = scaleOfValue(op.getOutputState());
  scales.cell = scaleOfValue(op.getCellState());
  scales.cellClip = op.getCellClip().convertToFloat();
  Value inputWeights[4] = {
      op.getInputToInputWeights(), op.getInputToForgetWeights(),
      op.getInputToCellWeights(), op.getInputToOutputWeights()};
  Value recurrentWeights[4] = {
      op.getRecurrentToInputWeights(), op.getRecurrentToForgetWeights(),
      op.getRecurrentToCellWeights(), op.getRecurrentToOutputWeights()};
  for (size_t gate = 0; gate < 4; ++gate) {
    scales.inputWeights[gate] = scaleOfValue(inputWeights[gate]);
    scales.recurrentWeights[gate] = scaleOfValue(recurrentWeights[gate]);
  }
  std::optional<quant::LstmParams> params = quant::computeLstmParams(scales);
  if (!params)
    return KernelCall::blocked(
        ctx, "has a cell state scale too far from 2^-12 for the int16 tanh");
  int64_t units = shapeOf(op.getRecurrentToForgetWeights())[0];
  call.callee = activation == "int8" ? "lstm_s8" : "lstm_s16";
  call.header = "ref/lstm_int";
  call.scratchBytes = 4 * units * static_cast<int64_t>(sizeof(int16_t));
  addSizes(call, op);
  if (activation == "int8")
    call.i32("input_zero_point", zeroPointOf(op.getInput()));
  call.i32("hidden_zero_point", zeroPointOf(op.getOutputState()));
  SmallVector<int64_t> gateParams;
  for (size_t gate = 0; gate < 4; ++gate)
    gateParams.append({params->inputToGate[gate].multiplier,
                       params->inputToGate[gate].shift,
                       params->recurrentToGate[gate].multiplier,
                       params->recurrentToGate[gate].shift});
  // The gate shifts travel in one array, which the planner's check of named
  // shifts does not read. int16 gates sum, and rescale, in int64.
  int32_t maxGateShift = activation == "int8"
                             ? ingot::quant::kMaxKernelShift
                             : ingot::quant::kMaxWideKernelShift;
  for (size_t gate = 0; gate < 4; ++gate)
    if (!ingot::quant::fitsKernelShift(params->inputToGate[gate].shift,
                                       maxGateShift) ||
        !ingot::quant::fitsKernelShift(params->recurrentToGate[gate].shift,
                                       maxGateShift))
      return KernelCall::blocked(ctx, ingot::quant::unrepresentableShiftMessage(
                                          "gate_params", maxGateShift));
  call.i32s("gate_params", gateParams)
      .i32("forget_cell_multiplier", params->forgetTimesCell.multiplier)
      .i32("forget_cell_shift", params->forgetTimesCell.shift)
      .i32("input_cell_multiplier", params->inputTimesCellGate.multiplier)
      .i32("input_cell_shift", params->inputTimesCellGate.shift)
      .i32("hidden_multiplier", params->hidden.multiplier)
      .i32("hidden_shift", params->hidden.shift)
      .i32("tanh_cell_multiplier", params->tanhCellMultiplier)
      .i32("tanh_cell_shift", params->tanhCellShift)
      .i32("cell_clip", params->quantizedCellClip);
  return call;
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
  std::string activation = typeTag(op.getInput());
  if (isQuantized(op.getInput()) &&
      (activation == "int8" || activation == "int16"))
    return planIntegerLstm(op, std::move(call), activation);
  return KernelCall::blocked(
      ctx, "has no kernel for input " + activation + " with weights " +
               typeTag(op.getInputToForgetWeights()) +
               " in ingot; float32, int8 and int16 are implemented");
}

} // namespace

std::optional<KernelCall> planSequenceCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](UnidirectionalSequenceLstmOp lstm) { return planLstm(lstm); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
