//===- ComputeRequantParams.cpp - Scales to kernel integers ---------------===//
//
// This file implements the ingot-compute-requant-params pass: one small
// function per op family turns the op's quantized types into the integer
// parameters of its kernel, through compiler/Quantization's reproductions of
// TensorFlow Lite's Prepare arithmetic.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Transforms/Passes.h"
#include "Quantization/Transforms/QuantTypes.h"

#include "Int16Params.h"
#include "KernelParams.h"
#include "RequantizeParams.h"
#include "RescaleShiftCheck.h"
#include "SoftmaxParams.h"
#include "SvdfParams.h"

#include "llvm/ADT/TypeSwitch.h"

namespace ingot {
#define GEN_PASS_DEF_COMPUTEREQUANTPARAMSPASS
#include "Quantization/Transforms/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;
using namespace ingot::quanttypes;
namespace iq = ingot::quant;

namespace {

/// Collects named integer parameters for one op.
class ParamList {
public:
  explicit ParamList(Builder &builder) : builder(builder) {}
  ParamList &i32(StringRef name, int64_t value) {
    entries.push_back(builder.getNamedAttr(
        name, builder.getI32IntegerAttr(static_cast<int32_t>(value))));
    return *this;
  }
  ParamList &i32Array(StringRef name, ArrayRef<int32_t> values) {
    entries.push_back(
        builder.getNamedAttr(name, builder.getDenseI32ArrayAttr(values)));
    return *this;
  }
  ParamList &clamp(iq::ActivationRange range) {
    return i32("activation_min", range.min).i32("activation_max", range.max);
  }
  DictionaryAttr build() { return builder.getDictionaryAttr(entries); }

private:
  Builder &builder;
  SmallVector<NamedAttribute> entries;
};

iq::FusedActivation toQuant(graph::Activation activation) {
  switch (activation) {
  case graph::Activation::None:
    return iq::FusedActivation::None;
  case graph::Activation::Relu:
    return iq::FusedActivation::Relu;
  case graph::Activation::ReluN1To1:
    return iq::FusedActivation::ReluN1To1;
  case graph::Activation::Relu6:
    return iq::FusedActivation::Relu6;
  }
  return iq::FusedActivation::None;
}

/// The clamp of a fused activation on an int8 output.
iq::ActivationRange int8Clamp(graph::Activation activation, Value output) {
  return iq::quantizedActivationRange(toQuant(activation), scaleOf(output),
                                      zeroPointOf(output), -128, 127);
}

/// Per-channel multipliers and shifts of a convolution-like op.
std::optional<std::pair<SmallVector<int32_t>, SmallVector<int32_t>>>
channelMultipliers(Value input, Value filter, Value output) {
  auto outputType = cast<RankedTensorType>(output.getType());
  int32_t channels = static_cast<int32_t>(outputType.getDimSize(3));
  std::vector<iq::QuantizedMultiplier> multipliers =
      iq::convPerChannelMultipliers(scaleOf(input), channelScales(filter),
                                    scaleOf(output), channels);
  if (multipliers.size() != static_cast<size_t>(channels))
    return std::nullopt;
  SmallVector<int32_t> multiplier, shift;
  for (const iq::QuantizedMultiplier &m : multipliers) {
    multiplier.push_back(m.multiplier);
    shift.push_back(m.shift);
  }
  return std::make_pair(multiplier, shift);
}

/// int16 activations (int16x8): no zero-point offsets, the int16 range.
template <typename ConvOp>
std::optional<DictionaryAttr>
convS16Params(ConvOp conv, iq::ActivationRange range, Builder &builder) {
  auto multipliers =
      channelMultipliers(conv.getInput(), conv.getFilter(), conv.getOutput());
  if (!multipliers)
    return std::nullopt;
  return ParamList(builder)
      .i32Array("output_multiplier", multipliers->first)
      .i32Array("output_shift", multipliers->second)
      .clamp(range)
      .build();
}

template <typename ConvOp>
std::optional<DictionaryAttr> convParams(ConvOp conv, Builder &builder) {
  if (isPerTensorInt(conv.getInput(), 16) &&
      isPerTensorInt(conv.getOutput(), 16))
    return convS16Params(conv,
                         iq::quantizedActivationRange(
                             toQuant(conv.getFusedActivation()),
                             scaleOf(conv.getOutput()),
                             zeroPointOf(conv.getOutput()), -32768, 32767),
                         builder);
  if (!isPerTensorInt(conv.getInput(), 8) ||
      !isPerTensorInt(conv.getOutput(), 8))
    return std::nullopt;
  auto outputType = cast<RankedTensorType>(conv.getOutput().getType());
  int32_t channels = static_cast<int32_t>(outputType.getDimSize(3));
  std::vector<iq::QuantizedMultiplier> multipliers =
      iq::convPerChannelMultipliers(scaleOf(conv.getInput()),
                                    channelScales(conv.getFilter()),
                                    scaleOf(conv.getOutput()), channels);
  if (multipliers.size() != static_cast<size_t>(channels))
    return std::nullopt;
  SmallVector<int32_t> multiplier, shift;
  for (const iq::QuantizedMultiplier &m : multipliers) {
    multiplier.push_back(m.multiplier);
    shift.push_back(m.shift);
  }
  return ParamList(builder)
      .i32("input_offset", -zeroPointOf(conv.getInput()))
      .i32("output_offset", zeroPointOf(conv.getOutput()))
      .i32Array("output_multiplier", multiplier)
      .i32Array("output_shift", shift)
      .clamp(int8Clamp(conv.getFusedActivation(), conv.getOutput()))
      .build();
}

std::optional<DictionaryAttr> fullyConnectedParams(graph::FullyConnectedOp fc,
                                                   Builder &builder) {
  if (isPerTensorInt(fc.getInput(), 16) && isPerTensorInt(fc.getOutput(), 16) &&
      isPerTensorInt(fc.getFilter(), 8)) {
    iq::QuantizedMultiplier multiplier = iq::fullyConnectedMultiplier(
        scaleOf(fc.getInput()), scaleOf(fc.getFilter()),
        scaleOf(fc.getOutput()));
    return ParamList(builder)
        .i32("output_multiplier", multiplier.multiplier)
        .i32("output_shift", multiplier.shift)
        .clamp(iq::quantizedActivationRange(
            toQuant(fc.getFusedActivation()), scaleOf(fc.getOutput()),
            zeroPointOf(fc.getOutput()), -32768, 32767))
        .build();
  }
  if (!isPerTensorInt(fc.getInput(), 8) || !isPerTensorInt(fc.getOutput(), 8) ||
      !isPerTensorInt(fc.getFilter(), 8))
    return std::nullopt;
  iq::QuantizedMultiplier multiplier = iq::fullyConnectedMultiplier(
      scaleOf(fc.getInput()), scaleOf(fc.getFilter()), scaleOf(fc.getOutput()));
  return ParamList(builder)
      .i32("input_offset", -zeroPointOf(fc.getInput()))
      .i32("filter_offset", -zeroPointOf(fc.getFilter()))
      .i32("output_offset", zeroPointOf(fc.getOutput()))
      .i32("output_multiplier", multiplier.multiplier)
      .i32("output_shift", multiplier.shift)
      .clamp(int8Clamp(fc.getFusedActivation(), fc.getOutput()))
      .build();
}

/// int16 ADD and SUB: TFLite's general (non power-of-two) int16 path.
template <typename BinaryOp>
std::optional<DictionaryAttr> binaryS16Params(BinaryOp op, Builder &builder) {
  Value lhs = op.getLhs(), rhs = op.getRhs(), output = op.getOutput();
  if (!isPerTensorInt(lhs, 16) || !isPerTensorInt(rhs, 16) ||
      !isPerTensorInt(output, 16))
    return std::nullopt;
  auto compute = std::is_same_v<BinaryOp, graph::AddOp> ? iq::addS16Params
                                                        : iq::subS16Params;
  iq::AddSubS16Params params =
      compute(scaleOf(lhs), zeroPointOf(lhs), scaleOf(rhs), zeroPointOf(rhs),
              scaleOf(output), zeroPointOf(output));
  return ParamList(builder)
      .i32("input1_offset", params.input1Offset)
      .i32("input1_multiplier", params.input1Multiplier)
      .i32("input1_shift", params.input1Shift)
      .i32("input2_offset", params.input2Offset)
      .i32("input2_multiplier", params.input2Multiplier)
      .i32("input2_shift", params.input2Shift)
      .i32("output_offset", params.outputOffset)
      .i32("output_multiplier", params.outputMultiplier)
      .i32("output_shift", params.outputShift)
      .clamp(iq::quantizedActivationRange(toQuant(op.getFusedActivation()),
                                          scaleOf(output), zeroPointOf(output),
                                          -32768, 32767))
      .build();
}

std::optional<DictionaryAttr> leakyReluParams(graph::LeakyReluOp op,
                                              Builder &builder) {
  if (!isPerTensorInt(op.getInput(), 16) || !isPerTensorInt(op.getOutput(), 16))
    return std::nullopt;
  iq::LeakyReluS16Params params = iq::leakyReluS16Params(
      scaleOf(op.getInput()), zeroPointOf(op.getInput()),
      op.getAlpha().convertToFloat(), scaleOf(op.getOutput()),
      zeroPointOf(op.getOutput()));
  return ParamList(builder)
      .i32("input_zero_point", params.inputZeroPoint)
      .i32("output_zero_point", params.outputZeroPoint)
      .i32("identity_multiplier", params.identityMultiplier)
      .i32("identity_shift", params.identityShift)
      .i32("alpha_multiplier", params.alphaMultiplier)
      .i32("alpha_shift", params.alphaShift)
      .build();
}

std::optional<DictionaryAttr> transposeConvParams(graph::TransposeConvOp op,
                                                  Builder &builder) {
  if (!isPerTensorInt(op.getInput(), 16) || !isPerTensorInt(op.getOutput(), 16))
    return std::nullopt;
  // TFLite applies no fused activation to quantized TRANSPOSE_CONV.
  return convS16Params(op, iq::ActivationRange{-32768, 32767}, builder);
}

std::optional<DictionaryAttr> addParams(graph::AddOp add, Builder &builder) {
  if (isPerTensorInt(add.getLhs(), 16))
    return binaryS16Params(add, builder);
  // add_s8's rescale divides only: a left shift would mean an output scale
  // below 2^-20 of the inputs', which TFLite rejects too.
  if (isPerTensorInt(add.getLhs(), 8) && isPerTensorInt(add.getRhs(), 8) &&
      isPerTensorInt(add.getOutput(), 8)) {
    iq::AddParams params = iq::computeAddParams(
        scaleOf(add.getLhs()), zeroPointOf(add.getLhs()), scaleOf(add.getRhs()),
        zeroPointOf(add.getRhs()), scaleOf(add.getOutput()),
        zeroPointOf(add.getOutput()));
    if (params.input1Shift > 0 || params.input2Shift > 0 ||
        params.outputShift > 0)
      return std::nullopt;
  }
  if (!isPerTensorInt(add.getLhs(), 8) || !isPerTensorInt(add.getRhs(), 8) ||
      !isPerTensorInt(add.getOutput(), 8))
    return std::nullopt;
  iq::AddParams params = iq::computeAddParams(
      scaleOf(add.getLhs()), zeroPointOf(add.getLhs()), scaleOf(add.getRhs()),
      zeroPointOf(add.getRhs()), scaleOf(add.getOutput()),
      zeroPointOf(add.getOutput()));
  return ParamList(builder)
      .i32("input1_offset", params.input1Offset)
      .i32("input1_multiplier", params.input1Multiplier)
      .i32("input1_shift", params.input1Shift)
      .i32("input2_offset", params.input2Offset)
      .i32("input2_multiplier", params.input2Multiplier)
      .i32("input2_shift", params.input2Shift)
      .i32("left_shift", params.leftShift)
      .i32("output_offset", params.outputOffset)
      .i32("output_multiplier", params.outputMultiplier)
      .i32("output_shift", params.outputShift)
      .clamp(int8Clamp(add.getFusedActivation(), add.getOutput()))
      .build();
}

template <typename PoolOp>
std::optional<DictionaryAttr> poolParams(PoolOp pool, Builder &builder) {
  if (isPerTensorInt(pool.getOutput(), 16))
    return ParamList(builder)
        .clamp(iq::quantizedActivationRange(
            toQuant(pool.getFusedActivation()), scaleOf(pool.getOutput()),
            zeroPointOf(pool.getOutput()), -32768, 32767))
        .build();
  if (!isPerTensorInt(pool.getOutput(), 8))
    return std::nullopt;
  return ParamList(builder)
      .clamp(int8Clamp(pool.getFusedActivation(), pool.getOutput()))
      .build();
}

std::optional<DictionaryAttr> softmaxParams(graph::SoftmaxOp softmax,
                                            Builder &builder) {
  if (isPerTensorInt(softmax.getInput(), 16)) {
    iq::SoftmaxParams params;
    if (!iq::computeSoftmaxParamsS16(scaleOf(softmax.getInput()),
                                     softmax.getBeta().convertToFloat(),
                                     params))
      return std::nullopt;
    return ParamList(builder)
        .i32("input_multiplier", params.inputMultiplier)
        .i32("input_left_shift", params.inputLeftShift)
        .build();
  }
  if (!isPerTensorInt(softmax.getInput(), 8))
    return std::nullopt;
  iq::SoftmaxParams params = iq::computeSoftmaxParams(
      scaleOf(softmax.getInput()), softmax.getBeta().convertToFloat());
  return ParamList(builder)
      .i32("input_multiplier", params.inputMultiplier)
      .i32("input_left_shift", params.inputLeftShift)
      .i32("diff_min", params.diffMin)
      .build();
}

std::optional<DictionaryAttr> quantizeParams(graph::QuantizeOp quantize,
                                             Builder &builder) {
  Value input = quantize.getInput(), output = quantize.getOutput();
  if (!perTensor(input) || !perTensor(output))
    return std::nullopt;
  iq::QuantizedMultiplier multiplier =
      iq::requantizeMultiplier(scaleOf(input), scaleOf(output));
  return ParamList(builder)
      .i32("input_zero_point", zeroPointOf(input))
      .i32("output_zero_point", zeroPointOf(output))
      .i32("multiplier", multiplier.multiplier)
      .i32("shift", multiplier.shift)
      .build();
}

std::optional<DictionaryAttr> svdfParams(graph::SvdfOp svdf, Builder &builder) {
  for (Value value :
       {svdf.getInput(), svdf.getWeightsFeature(), svdf.getWeightsTime(),
        svdf.getActivationState(), svdf.getOutput()})
    if (!isPerTensorInt(value, 8))
      return std::nullopt;
  iq::SvdfParams params = iq::computeSvdfParams(
      scaleOf(svdf.getInput()), scaleOf(svdf.getWeightsFeature()),
      scaleOf(svdf.getActivationState()), scaleOf(svdf.getWeightsTime()),
      scaleOf(svdf.getOutput()));
  return ParamList(builder)
      .i32("input_zero_point", zeroPointOf(svdf.getInput()))
      .i32("state_zero_point", zeroPointOf(svdf.getActivationState()))
      .i32("output_zero_point", zeroPointOf(svdf.getOutput()))
      .i32("feature_multiplier", params.feature.multiplier)
      .i32("feature_shift", params.feature.shift)
      .i32("time_multiplier", params.output.multiplier)
      .i32("time_shift", params.output.shift)
      .i32("activation_min", params.activationMin)
      .i32("activation_max", params.activationMax)
      .build();
}

struct ComputeRequantParamsPass
    : ingot::impl::ComputeRequantParamsPassBase<ComputeRequantParamsPass> {
  void runOnOperation() override {
    Builder builder(&getContext());
    bool malformed = false;
    getOperation().walk([&](Operation *op) {
      std::optional<DictionaryAttr> params =
          llvm::TypeSwitch<Operation *, std::optional<DictionaryAttr>>(op)
              .Case<graph::Conv2DOp, graph::DepthwiseConv2DOp>(
                  [&](auto conv) { return convParams(conv, builder); })
              .Case([&](graph::FullyConnectedOp fc) {
                return fullyConnectedParams(fc, builder);
              })
              .Case([&](graph::AddOp add) { return addParams(add, builder); })
              .Case([&](graph::SubOp sub) {
                return binaryS16Params(sub, builder);
              })
              .Case([&](graph::LeakyReluOp op) {
                return leakyReluParams(op, builder);
              })
              .Case([&](graph::TransposeConvOp op) {
                return transposeConvParams(op, builder);
              })
              .Case<graph::AveragePool2DOp, graph::MaxPool2DOp>(
                  [&](auto pool) { return poolParams(pool, builder); })
              .Case([&](graph::SoftmaxOp softmax) {
                return softmaxParams(softmax, builder);
              })
              .Case([&](graph::QuantizeOp quantize) {
                return quantizeParams(quantize, builder);
              })
              .Case(
                  [&](graph::SvdfOp svdf) { return svdfParams(svdf, builder); })
              .Default([](Operation *) { return std::nullopt; });
      if (params) {
        for (NamedAttribute entry : *params) {
          if (!iq::isUnrepresentableShift(entry.getName(), entry.getValue()))
            continue;
          op->emitError() << graph::describeImportedOperator(op)
                          << iq::unrepresentableShiftMessage(
                                 entry.getName(), iq::kMaxKernelShift);
          malformed = true;
          return;
        }
        op->setAttr(kRequantAttr, *params);
        return;
      }
      if (auto add = dyn_cast<graph::AddOp>(op);
          add && isPerTensorInt(add.getOutput(), 8)) {
        add.emitError() << graph::describeImportedOperator(add)
                        << "has an output scale too small for its inputs' "
                           "scales (TFLite's int8 ADD needs output_scale >= "
                           "2^-19 * max(input scales)); the model is "
                           "malformed";
        malformed = true;
      }
    });
    if (malformed)
      signalPassFailure();
  }
};

} // namespace
