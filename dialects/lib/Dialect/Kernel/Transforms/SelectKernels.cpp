//===- SelectKernels.cpp - Choose each layer's kernel for the target ------===//
//
// This file implements ingot-select-kernels, the one place that maps a layer
// to a kernel implementation. The packed layouts and the folding arithmetic
// come from the runtime's own packing headers, so the compiler and the
// kernels cannot disagree on them.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Kernel/Transforms/Passes.h"
#include "ingot/Dialect/Kernel/Transforms/RuntimeParams.h"

#include "ingot/runtime/kernels/dsp/packing.h"
#include "ingot/runtime/kernels/mve/packing.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <cstdlib>
#include <set>

namespace ingot::kernel {
#define GEN_PASS_DEF_SELECTKERNELSPASS
#include "ingot/Dialect/Kernel/Transforms/Passes.h.inc"
} // namespace ingot::kernel

using namespace mlir;
using namespace ingot::kernel;

namespace {

/// A family of target kernels and its compile-time transforms, from the
/// runtime's packing header for that family.
struct KernelFamily {
  const char *name;
  int32_t (*gemmPackedFilterBytes)(int32_t rows, int32_t depth);
  void (*packGemmFilter)(const int8_t *, int32_t, int32_t, int8_t *);
  int32_t (*depthwisePackedFilterBytes)(int32_t taps, int32_t channels);
  void (*packDepthwiseFilter)(const int8_t *, int32_t, int32_t, int8_t *);
  void (*foldGemm)(const int8_t *, int32_t, int32_t, const int32_t *, int32_t,
                   int32_t *);
  void (*foldDepthwise)(const int8_t *, int32_t, int32_t, const int32_t *,
                        int32_t, int32_t *);
  int32_t (*convScratchBytes)(const ingot::Conv2DParams &);
  int32_t (*depthwiseScratchBytes)(const ingot::Conv2DParams &);
  int32_t (*fullyConnectedScratchBytes)(const ingot::FullyConnectedParams &);
  bool (*singleRoundingExact)(int64_t, int32_t);
  /// Rewrites an all-zero channel's bias, multiplier and shift into the
  /// form the fast rescale handles; nullptr when the family has no such form.
  void (*foldConstantChannel)(int32_t *, int32_t *, int32_t *);
  /// Writes the convolutions' per-channel requantization records, which
  /// their kernels take in place of the multiplier and shift arrays;
  /// nullptr when the family takes the arrays.
  int32_t (*rescaleRecordsWords)(int32_t channels);
  void (*packRescaleRecords)(const int32_t *, const int32_t *, int32_t, int32_t,
                             bool, int32_t *);
  /// Whether the family's kernels also run without scratch (nullptr), so
  /// that the memory planner gives them scratch only where it is free.
  bool scratchOptional;
};

#define INGOT_KERNEL_FAMILY(NS, FOLD_CONSTANT_CHANNEL, RECORDS_WORDS,          \
                            PACK_RECORDS, SCRATCH_OPTIONAL)                    \
  KernelFamily {                                                               \
    #NS, &ingot::NS::gemm_packed_filter_bytes, &ingot::NS::pack_gemm_filter,   \
        &ingot::NS::depthwise_packed_filter_bytes,                             \
        &ingot::NS::pack_depthwise_filter, &ingot::NS::fold_input_offset_gemm, \
        &ingot::NS::fold_input_offset_depthwise,                               \
        &ingot::NS::conv2d_s8_scratch_bytes,                                   \
        &ingot::NS::depthwise_conv2d_s8_scratch_bytes,                         \
        &ingot::NS::fully_connected_s8_scratch_bytes,                          \
        &ingot::NS::single_rounding_exact, FOLD_CONSTANT_CHANNEL,              \
        RECORDS_WORDS, PACK_RECORDS, SCRATCH_OPTIONAL                          \
  }

const KernelFamily kDspFamily = INGOT_KERNEL_FAMILY(
    dsp, &ingot::dsp::fold_constant_channel, &ingot::dsp::rescale_records_words,
    &ingot::dsp::pack_rescale_records,
    /*scratchOptional=*/true);
const KernelFamily kMveFamily =
    INGOT_KERNEL_FAMILY(mve, nullptr, nullptr, nullptr,
                        /*scratchOptional=*/true);

/// The int8 values of a constant operand, or nothing when it is not one.
std::optional<SmallVector<int8_t>> int8Constant(Value value) {
  auto weight = value.getDefiningOp<WeightOp>();
  if (!weight)
    return std::nullopt;
  auto dense = dyn_cast<DenseElementsAttr>(weight.getValue());
  if (!dense || !dense.getElementType().isInteger(8))
    return std::nullopt;
  return llvm::to_vector(dense.getValues<int8_t>());
}

/// The int32 bias values (all zero when the op has no bias), or nothing when
/// the bias is not a constant.
std::optional<SmallVector<int32_t>> biasConstant(Value bias, int64_t channels) {
  if (!bias)
    return SmallVector<int32_t>(channels, 0);
  auto weight = bias.getDefiningOp<WeightOp>();
  if (!weight)
    return std::nullopt;
  auto dense = dyn_cast<DenseElementsAttr>(weight.getValue());
  if (!dense || !dense.getElementType().isInteger(32) ||
      dense.getNumElements() != channels)
    return std::nullopt;
  return llvm::to_vector(dense.getValues<int32_t>());
}

std::string weightName(Value value, StringRef fallback, StringRef suffix) {
  std::string base = fallback.str();
  if (value)
    if (auto weight = value.getDefiningOp<WeightOp>())
      base = weight.getName().str();
  return base + "_" + suffix.str();
}

/// sum |w| over each output channel's weights: zero marks a dead channel, and
/// it bounds the channel's accumulators.
SmallVector<int64_t> channelAbsSums(ArrayRef<int8_t> filter, int64_t rows,
                                    bool depthwise) {
  int64_t depth = static_cast<int64_t>(filter.size()) / rows;
  SmallVector<int64_t> sums(rows, 0);
  for (int64_t row = 0; row < rows; ++row)
    for (int64_t k = 0; k < depth; ++k)
      sums[row] += std::abs(static_cast<int64_t>(
          depthwise ? filter[k * rows + row] : filter[row * depth + k]));
  return sums;
}

/// Whether the one-multiply requantization is exact for every channel: the
/// largest accumulator is |folded bias| + 128 * sum|w| (raw int8 inputs).
bool singleRoundingExact(const KernelFamily &family, ArrayRef<int64_t> absSums,
                         ArrayRef<int32_t> folded, ArrayRef<int32_t> shifts) {
  for (size_t row = 0; row < absSums.size(); ++row) {
    int64_t bound =
        std::abs(static_cast<int64_t>(folded[row])) + 128 * absSums[row];
    int32_t shift = shifts.size() == 1 ? shifts[0] : shifts[row];
    if (!family.singleRoundingExact(bound, shift))
      return false;
  }
  return true;
}

class KernelSelector {
public:
  KernelSelector(TargetAttr target, func::FuncOp function)
      : target(target), chosenFamily(familyFor(target)) {
    function.walk(
        [&](WeightOp weight) { usedNames.insert(weight.getName().str()); });
  }

  /// Rewrites `op` into a target kernel when one applies. Reference kernels
  /// get no kernel.implementation: an op without one runs ingot::ref's
  /// kernel of its own name.
  void select(Operation *op) {
    if (!chosenFamily)
      return;
    OpBuilder builder(op);
    if (auto conv = dyn_cast<Conv2DOp>(op))
      (void)packConvolution(*chosenFamily, conv, Layout::Convolution, builder);
    else if (auto conv = dyn_cast<DepthwiseConv2DOp>(op)) {
      int64_t inputChannels =
          cast<RankedTensorType>(conv.getInput().getType()).getDimSize(3);
      if (conv.getDepthMultiplier() == 1)
        (void)packConvolution(*chosenFamily, conv, Layout::Depthwise, builder);
      // One input channel: every output channel reads the same taps, which
      // is a CONV_2D whose filter is the depthwise filter transposed.
      else if (inputChannels == 1)
        (void)packConvolution(*chosenFamily, conv,
                              Layout::DepthwiseAsConvolution, builder);
    } else if (isa<AddOp>(op)) {
      // Same signature as the reference kernel: only the name changes.
      op->setAttr(kImplementationAttr,
                  StringAttr::get(op->getContext(),
                                  std::string(chosenFamily->name) + ".add_s8"));
    } else if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
      if (fc.getFilterOffset() == 0)
        (void)packFullyConnected(*chosenFamily, fc, builder);
    }
  }

private:
  /// The integer kernel family a target's features allow, best first.
  static const KernelFamily *familyFor(TargetAttr target) {
    if (target.getMve())
      return &kMveFamily;
    if (target.getDsp())
      return &kDspFamily;
    return nullptr;
  }

  enum class Layout { Convolution, Depthwise, DepthwiseAsConvolution };

  template <typename ConvOp>
  LogicalResult packConvolution(const KernelFamily &family, ConvOp conv,
                                Layout layout, OpBuilder &builder) {
    bool depthwise = layout == Layout::Depthwise;
    auto filterType = cast<RankedTensorType>(conv.getFilter().getType());
    auto outputType = cast<RankedTensorType>(conv.getOutput().getType());
    int64_t channels = outputType.getDimSize(3);
    std::optional<SmallVector<int8_t>> filter = int8Constant(conv.getFilter());
    std::optional<SmallVector<int32_t>> bias =
        biasConstant(conv.getBias(), channels);
    if (!filter || !bias ||
        !cast<RankedTensorType>(conv.getInput().getType())
             .getElementType()
             .isInteger(8))
      return failure();
    SmallVector<int64_t> fshape(filterType.getShape());
    int32_t taps = static_cast<int32_t>(fshape[1] * fshape[2]);
    int32_t rows = static_cast<int32_t>(channels);
    int32_t depth = static_cast<int32_t>(filterType.getNumElements() / rows);
    if (layout == Layout::DepthwiseAsConvolution) {
      // [1][h][w][rows] -> [rows][h][w][1]
      SmallVector<int8_t> transposed(filter->size());
      for (int32_t row = 0; row < rows; ++row)
        for (int32_t tap = 0; tap < taps; ++tap)
          transposed[row * taps + tap] = (*filter)[tap * rows + row];
      filter = std::move(transposed);
      fshape = {rows, fshape[1], fshape[2], 1};
    }

    SmallVector<int8_t> packed;
    SmallVector<int32_t> folded(channels);
    int32_t offset = conv.getInputOffset();
    if (depthwise) {
      packed.resize(family.depthwisePackedFilterBytes(taps, rows));
      family.packDepthwiseFilter(filter->data(), taps, rows, packed.data());
      family.foldDepthwise(filter->data(), taps, rows, bias->data(), offset,
                           folded.data());
    } else {
      packed.resize(family.gemmPackedFilterBytes(rows, depth));
      family.packGemmFilter(filter->data(), rows, depth, packed.data());
      family.foldGemm(filter->data(), rows, depth, bias->data(), offset,
                      folded.data());
    }
    SmallVector<int32_t> multipliers(conv.getOutputMultiplier());
    SmallVector<int32_t> shifts(conv.getOutputShift());
    SmallVector<int64_t> absSums = channelAbsSums(*filter, rows, depthwise);
    if (family.foldConstantChannel)
      for (int32_t row = 0; row < rows; ++row)
        if (absSums[row] == 0)
          family.foldConstantChannel(&folded[row], &multipliers[row],
                                     &shifts[row]);
    bool exact = singleRoundingExact(family, absSums, folded, shifts);

    std::string layer = layerName(conv);
    Value packedFilter =
        packedWeight(builder, conv.getLoc(), conv.getFilter(),
                     static_cast<int>(layout), layer, family.name, packed);
    Value foldedBias = int32Weight(
        builder, conv.getLoc(),
        weightName(conv.getBias(), layer + "_bias", "folded"), folded);
    Value rescale;
    if (family.packRescaleRecords) {
      SmallVector<int32_t> records(family.rescaleRecordsWords(rows));
      family.packRescaleRecords(multipliers.data(), shifts.data(), rows,
                                conv.getOutputOffset(), exact, records.data());
      rescale =
          int32Weight(builder, conv.getLoc(), layer + "_rescale", records);
    }
    auto packedOp = PackedConv2DOp::create(
        builder, conv.getLoc(), outputType, conv.getInput(), packedFilter,
        foldedBias, rescale, builder.getStringAttr(family.name),
        builder.getBoolAttr(depthwise),
        builder.getBoolAttr(target.optimizeForSpeed()),
        builder.getBoolAttr(exact), builder.getDenseI64ArrayAttr(fshape),
        conv.getStridesAttr(), conv.getDilationsAttr(), conv.getPaddingAttr(),
        builder.getI64IntegerAttr(1), conv.getInputOffsetAttr(),
        conv.getOutputOffsetAttr(), builder.getDenseI32ArrayAttr(multipliers),
        builder.getDenseI32ArrayAttr(shifts), conv.getActivationMinAttr(),
        conv.getActivationMaxAttr());
    ingot::Conv2DParams params = conv2dParamsOf(packedOp);
    int64_t scratch = depthwise ? family.depthwiseScratchBytes(params)
                                : family.convScratchBytes(params);
    std::string description = depthwise ? describeDepthwise(family, params)
                                        : describeConv(family, params);
    if (layout == Layout::DepthwiseAsConvolution)
      description += " (depthwise, one input channel)";
    finish(family, conv, packedOp, scratch, description);
    return success();
  }

  LogicalResult packFullyConnected(const KernelFamily &family,
                                   FullyConnectedOp fc, OpBuilder &builder) {
    auto filterType = cast<RankedTensorType>(fc.getFilter().getType());
    if (filterType.getRank() != 2)
      return failure();
    int32_t rows = static_cast<int32_t>(filterType.getDimSize(0));
    int32_t depth = static_cast<int32_t>(filterType.getDimSize(1));
    std::optional<SmallVector<int8_t>> filter = int8Constant(fc.getFilter());
    std::optional<SmallVector<int32_t>> bias = biasConstant(fc.getBias(), rows);
    if (!filter || !bias ||
        !cast<RankedTensorType>(fc.getInput().getType())
             .getElementType()
             .isInteger(8))
      return failure();
    SmallVector<int8_t> packed(family.gemmPackedFilterBytes(rows, depth));
    family.packGemmFilter(filter->data(), rows, depth, packed.data());
    SmallVector<int32_t> folded(rows);
    family.foldGemm(filter->data(), rows, depth, bias->data(),
                    fc.getInputOffset(), folded.data());
    int32_t shift = fc.getOutputShift();
    bool exact = singleRoundingExact(
        family, channelAbsSums(*filter, rows, /*depthwise=*/false), folded,
        {shift});

    std::string layer = layerName(fc);
    Value packedFilter = packedWeight(builder, fc.getLoc(), fc.getFilter(),
                                      /*layout=*/0, layer, family.name, packed);
    Value foldedBias = int32Weight(
        builder, fc.getLoc(),
        weightName(fc.getBias(), layer + "_bias", "folded"), folded);
    auto packedOp = PackedFullyConnectedOp::create(
        builder, fc.getLoc(), fc.getOutput().getType(), fc.getInput(),
        packedFilter, foldedBias, builder.getStringAttr(family.name),
        builder.getBoolAttr(target.optimizeForSpeed()),
        builder.getBoolAttr(exact),
        builder.getDenseI64ArrayAttr(filterType.getShape()),
        fc.getInputOffsetAttr(), fc.getOutputOffsetAttr(),
        fc.getOutputMultiplierAttr(), fc.getOutputShiftAttr(),
        fc.getActivationMinAttr(), fc.getActivationMaxAttr());
    ingot::FullyConnectedParams params = fullyConnectedParamsOf(packedOp);
    finish(family, fc, packedOp, family.fullyConnectedScratchBytes(params),
           std::string(family.name) + ".fully_connected_s8<" +
               std::to_string(params.output_depth) + "x" +
               std::to_string(params.input_depth) + ">");
    return success();
  }

  static std::string describeConv(const KernelFamily &family,
                                  const ingot::Conv2DParams &p) {
    std::string kind =
        p.filter_h == 1 && p.filter_w == 1 && p.stride_h == 1 && p.stride_w == 1
            ? "1x1"
            : std::to_string(p.filter_h) + "x" + std::to_string(p.filter_w) +
                  "/" + std::to_string(p.stride_h);
    return std::string(family.name) + ".conv2d_s8<" + kind + ">";
  }
  static std::string describeDepthwise(const KernelFamily &family,
                                       const ingot::Conv2DParams &p) {
    return std::string(family.name) + ".depthwise_conv2d_s8<" +
           std::to_string(p.filter_h) + "x" + std::to_string(p.filter_w) + "/" +
           std::to_string(p.stride_h) + ">";
  }

  /// Moves the layer's identity (names, TFLite op, location) to the packed
  /// op and drops the original. Its constants go at the end of the pass,
  /// when no packed copy is looked up by them any more.
  void finish(const KernelFamily &family, Operation *original,
              Operation *packed, int64_t scratchBytes,
              const std::string &description) {
    for (NamedAttribute attr : original->getDiscardableAttrs())
      packed->setAttr(attr.getName(), attr.getValue());
    if (scratchBytes > 0) {
      packed->setAttr(
          kScratchBytesAttr,
          IntegerAttr::get(IntegerType::get(packed->getContext(), 64),
                           scratchBytes));
      if (family.scratchOptional)
        packed->setAttr(kScratchOptionalAttr,
                        UnitAttr::get(packed->getContext()));
    }
    std::string choice =
        description + (target.optimizeForSpeed() ? "" : " (compact)");
    packed->setAttr(kImplementationAttr,
                    StringAttr::get(packed->getContext(), choice));
    original->getResult(0).replaceAllUsesWith(packed->getResult(0));
    original->erase();
  }

  static std::string layerName(Operation *op) {
    auto layer = op->getAttrOfType<StringAttr>("ingot.layer");
    return layer ? layer.str() : std::string("layer");
  }

  /// The packed form of `filter`, made once per filter: layers that share a
  /// filter share its packed copy too.
  Value packedWeight(OpBuilder &builder, Location loc, Value filter, int layout,
                     StringRef layer, StringRef family,
                     ArrayRef<int8_t> values) {
    Value &packed = packedFilters[{filter, layout}];
    if (!packed) {
      auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                        builder.getIntegerType(8));
      // Before the filter's first user, so every user sees it.
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointAfterValue(filter);
      packed = WeightOp::create(
          builder, loc, type,
          builder.getStringAttr(uniqueName(weightName(filter, layer, family))),
          DenseElementsAttr::get(type, values));
    }
    return packed;
  }
  Value int32Weight(OpBuilder &builder, Location loc, StringRef name,
                    ArrayRef<int32_t> values) {
    auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                      builder.getIntegerType(32));
    return WeightOp::create(builder, loc, type,
                            builder.getStringAttr(uniqueName(name.str())),
                            DenseElementsAttr::get(type, values));
  }
  /// Weight names become C++ globals, so each must be new.
  std::string uniqueName(const std::string &base) {
    std::string name = base;
    for (int suffix = 1; usedNames.count(name); ++suffix)
      name = base + "_" + std::to_string(suffix);
    usedNames.insert(name);
    return name;
  }

  TargetAttr target;
  /// The kernel family the target's features allow; nullptr for none.
  const KernelFamily *chosenFamily;
  std::set<std::string> usedNames;
  /// Packed copies by original filter and layout.
  llvm::DenseMap<std::pair<Value, int>, Value> packedFilters;
};

struct SelectKernelsPass
    : public ingot::kernel::impl::SelectKernelsPassBase<SelectKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto target = module->getAttrOfType<TargetAttr>(kTargetAttr);
    // No target is today's portable code: nothing to choose.
    if (!target)
      return;
    module.walk([&](func::FuncOp function) {
      KernelSelector selector(target, function);
      for (Operation &op :
           llvm::make_early_inc_range(function.getBody().getOps()))
        selector.select(&op);
      // The original filters and biases the packed copies replaced.
      function.walk([](WeightOp weight) {
        if (weight->use_empty())
          weight->erase();
      });
    });
  }
};

} // namespace
