//===- GraphToKernelPass.cpp - Driver of the graph-to-kernel lowering -----===//
//
// This file implements the ingot-convert-graph-to-kernel pass. Before running
// the conversion it names every layer and weight deterministically (the names
// become C identifiers) and reports every op that has no kernel, with the
// TFLite operator index and name, so that the user sees all problems at once.
//
//===----------------------------------------------------------------------===//
#include "Conversion/Passes.h"

#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/StringMap.h"

namespace ingot {
#define GEN_PASS_DEF_CONVERTGRAPHTOKERNELPASS
#include "Conversion/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;

namespace {

/// What each operand position of an op holds, for weight names.
std::string operandRole(Operation *user, unsigned position) {
  if (isa<graph::SvdfOp>(user)) {
    static const char *roles[] = {"input", "weights_feature", "weights_time",
                                  "bias", "state"};
    if (position < 5)
      return roles[position];
  } else if (auto lstm = dyn_cast<graph::UnidirectionalSequenceLstmOp>(user)) {
    // Named after the operand's segment (absent ones take no position).
    static const char *roles[] = {"input",
                                  "input_to_input_weights",
                                  "input_to_forget_weights",
                                  "input_to_cell_weights",
                                  "input_to_output_weights",
                                  "recurrent_to_input_weights",
                                  "recurrent_to_forget_weights",
                                  "recurrent_to_cell_weights",
                                  "recurrent_to_output_weights",
                                  "cell_to_input_weights",
                                  "cell_to_forget_weights",
                                  "cell_to_output_weights",
                                  "input_gate_bias",
                                  "forget_gate_bias",
                                  "cell_gate_bias",
                                  "output_gate_bias",
                                  "projection_weights",
                                  "projection_bias",
                                  "output_state",
                                  "cell_state",
                                  "input_layer_norm",
                                  "forget_layer_norm",
                                  "cell_layer_norm",
                                  "output_layer_norm"};
    unsigned segment = 0, start = 0;
    for (int32_t size : lstm.getProperties().operandSegmentSizes) {
      if (position < start + size)
        return roles[segment];
      start += size;
      ++segment;
    }
  } else if (position < 3) {
    static const char *roles[] = {"input", "filter", "bias"};
    return roles[position];
  }
  return "operand" + std::to_string(position);
}

/// Gives each graph op an `ingot.layer` name (mnemonic and a per-kind index)
/// and each constant an `ingot.weight_name` derived from its first user.
void nameLayersAndWeights(func::FuncOp function) {
  llvm::StringMap<unsigned> countByKind;
  Builder builder(function.getContext());
  function.walk([&](Operation *op) {
    if (op->getDialect() == nullptr ||
        !isa<graph::GraphDialect>(op->getDialect()) ||
        isa<graph::ConstOp, graph::VariableOp>(op))
      return;
    // Family ops are named by their kind ("mul_0", not "binary_0").
    std::string kind = op->getName().stripDialect().str();
    if (auto unary = dyn_cast<graph::UnaryOp>(op))
      kind = graph::stringifyUnaryKind(unary.getKind()).str();
    else if (auto binary = dyn_cast<graph::BinaryOp>(op))
      kind = graph::stringifyBinaryKind(binary.getKind()).str();
    else if (auto reduce = dyn_cast<graph::ReduceOp>(op))
      kind = "reduce_" + graph::stringifyReduceKind(reduce.getKind()).str();
    std::string layer = kind + "_" + std::to_string(countByKind[kind]++);
    op->setAttr("ingot.layer", builder.getStringAttr(layer));
    for (OpOperand &operand : op->getOpOperands()) {
      auto constant = operand.get().getDefiningOp<graph::ConstOp>();
      if (!constant || constant->hasAttr("ingot.weight_name"))
        continue;
      std::string name =
          layer + "_" + operandRole(op, operand.getOperandNumber());
      constant->setAttr("ingot.weight_name", builder.getStringAttr(name));
    }
  });
  // A constant no op reads is a model output (SHAPE of a static tensor,
  // folded at import).
  unsigned unread = 0;
  function.walk([&](graph::ConstOp constant) {
    if (!constant->hasAttr("ingot.weight_name"))
      constant->setAttr(
          "ingot.weight_name",
          builder.getStringAttr("constant_output_" + std::to_string(unread++)));
  });
}

/// Records the scale and zero point of each model input and output, which
/// the generated header publishes and the kernel types no longer carry.
void recordInterfaceQuantization(func::FuncOp function) {
  Builder builder(function.getContext());
  auto describe = [&](TypeRange types) {
    SmallVector<Attribute> entries;
    for (Type type : types) {
      auto element = cast<ShapedType>(type).getElementType();
      auto quantized = dyn_cast<mlir::quant::UniformQuantizedType>(element);
      if (!quantized) {
        entries.push_back(builder.getUnitAttr());
        continue;
      }
      entries.push_back(builder.getDictionaryAttr(
          {builder.getNamedAttr("scale",
                                builder.getF64FloatAttr(quantized.getScale())),
           builder.getNamedAttr("zero_point", builder.getI64IntegerAttr(
                                                  quantized.getZeroPoint()))}));
    }
    return builder.getArrayAttr(entries);
  };
  function->setAttr("ingot.input_quantization",
                    describe(function.getArgumentTypes()));
  function->setAttr("ingot.output_quantization",
                    describe(function.getResultTypes()));
}

/// Widens float16 constants behind a DEQUANTIZE (the converter's float16
/// quantization) into float32 constants at compile time: Cortex-M cores have
/// no half-precision arithmetic, so the C++ keeps float32 weights while the
/// .tflite keeps float16 ones.
void foldConstantDequantize(func::FuncOp function) {
  OpBuilder builder(function.getContext());
  function.walk([&](graph::DequantizeOp dequantize) {
    auto constant = dequantize.getInput().getDefiningOp<graph::ConstOp>();
    auto values =
        constant ? dyn_cast<DenseFPElementsAttr>(constant.getValue()) : nullptr;
    if (!values || !values.getElementType().isF16())
      return;
    SmallVector<APFloat> widened;
    for (APFloat value : values.getValues<APFloat>()) {
      bool lost = false;
      value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
      widened.push_back(value);
    }
    auto type = cast<RankedTensorType>(dequantize.getOutput().getType());
    builder.setInsertionPoint(dequantize);
    auto folded = graph::ConstOp::create(builder, constant.getLoc(), type,
                                         DenseElementsAttr::get(type, widened));
    dequantize.getOutput().replaceAllUsesWith(folded.getOutput());
    dequantize.erase();
    if (constant->use_empty())
      constant.erase();
  });
}

struct ConvertGraphToKernelPass
    : ingot::impl::ConvertGraphToKernelPassBase<ConvertGraphToKernelPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // One error for the first operator without a kernel, with a count of
    // the others: a float model should not print one line per layer.
    Operation *firstBlocked = nullptr;
    std::string firstReason;
    unsigned blockedCount = 0;
    module.walk([&](func::FuncOp function) {
      foldConstantDequantize(function);
      nameLayersAndWeights(function);
      recordInterfaceQuantization(function);
      function.walk([&](Operation *op) {
        std::string reason = graphOpLoweringBlocker(op);
        if (reason.empty())
          return;
        if (!firstBlocked) {
          firstBlocked = op;
          firstReason = reason;
        }
        ++blockedCount;
      });
    });
    if (firstBlocked) {
      Operation *op = firstBlocked;
      InFlightDiagnostic diag = op->emitError();
      diag << graph::describeImportedOperator(op) << firstReason;
      if (blockedCount > 1)
        diag << " (" << blockedCount - 1
             << " more operators cannot be compiled either; 'ingot inspect' "
                "lists the model's operators)";
      return signalPassFailure();
    }

    QuantStorageTypeConverter converter;
    ConversionTarget target(getContext());
    target.addLegalDialect<kernel::KernelDialect>();
    target.addIllegalDialect<graph::GraphDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp function) {
      return converter.isSignatureLegal(function.getFunctionType());
    });
    target.addDynamicallyLegalOp<func::ReturnOp>([&](func::ReturnOp ret) {
      return converter.isLegal(ret.getOperandTypes());
    });

    RewritePatternSet patterns(&getContext());
    populateKernelCallPatterns(converter, patterns);
    populateGraphToKernelPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
