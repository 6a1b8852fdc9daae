//===- KernelCalls.cpp - One runtime call per kernel op -------------------===//
//
// This file implements the emission of each kernel op as a call to its
// runtime function: the layer comment, the arena views of its result and
// scratch memory, per-layer parameter arrays, and the argument list with
// every shape and parameter as a literal.
//
//===----------------------------------------------------------------------===//
#include "Conversion/KernelToEmitC/ModelEmitter.h"

#include "Analysis/LayerCost.h"

#include "ingot/Dialect/Kernel/Transforms/RuntimeParams.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace ingot::emitc_lowering {

namespace {

template <typename ConvOp>
constexpr bool kIsDepthwise =
    std::is_same_v<ConvOp, kernel::DepthwiseConv2DOp> ||
    std::is_same_v<ConvOp, kernel::DepthwiseConv2DF32Op> ||
    std::is_same_v<ConvOp, kernel::DepthwiseConv2DHybridOp> ||
    std::is_same_v<ConvOp, kernel::DepthwiseConv2DS16Op>;

/// Kernels on int16 activations (the int16x8 scheme).
template <typename KernelOp>
constexpr bool kIsInt16 =
    std::is_same_v<KernelOp, kernel::Conv2DS16Op> ||
    std::is_same_v<KernelOp, kernel::DepthwiseConv2DS16Op> ||
    std::is_same_v<KernelOp, kernel::FullyConnectedS16Op>;

/// The geometry every convolution kernel takes, in their shared order:
/// input NHWC, filter height and width, output HWC, (depth multiplier),
/// strides, dilations, and top/left padding.
template <typename ConvOp>
void appendConvolutionGeometry(CallArguments &call, ConvOp conv) {
  auto in = tensorTypeOf(conv.getInput()).getShape();
  auto filter = tensorTypeOf(conv.getFilter()).getShape();
  auto out = tensorTypeOf(conv.getOutput()).getShape();
  call.i32s(in).i32s(filter.slice(1, 2)).i32s(out.drop_front());
  if constexpr (kIsDepthwise<ConvOp>)
    call.i32(conv.getDepthMultiplier());
  call.i32s(conv.getStrides())
      .i32s(conv.getDilations())
      .i32s(conv.getPadding());
}

/// "1, 2, 3": one group of a positional initializer.
std::string list(std::initializer_list<int32_t> values) {
  std::string text;
  for (int32_t value : values)
    text += (text.empty() ? "" : ", ") + std::to_string(value);
  return text;
}

/// `static constexpr ingot::Conv2DParams NAME = {...};`, positional in the
/// struct's field order (ingot/runtime/kernels/params.h), with the groups
/// named in comments.
std::string paramsDefinition(StringRef name, const ingot::Conv2DParams &p) {
  return ("static constexpr ingot::Conv2DParams " + name + " = {" +
          "/*batches, input h w c*/ " +
          list({p.batches, p.input_h, p.input_w, p.input_c}) +
          ", /*filter h w*/ " + list({p.filter_h, p.filter_w}) +
          ", /*output h w c*/ " + list({p.output_h, p.output_w, p.output_c}) +
          ", /*stride h w, dilation h w, pad top left*/ " +
          list({p.stride_h, p.stride_w, p.dilation_h, p.dilation_w, p.pad_top,
                p.pad_left}) +
          ", /*depth multiplier*/ " + list({p.depth_multiplier}) +
          ", /*input, output offset*/ " +
          list({p.input_offset, p.output_offset}) +
          ", /*activation min max*/ " +
          list({p.activation_min, p.activation_max}) +
          ", /*single rounding exact*/ " +
          (p.single_rounding_exact ? "true" : "false") + "};")
      .str();
}

std::string paramsDefinition(StringRef name,
                             const ingot::FullyConnectedParams &p) {
  return ("static constexpr ingot::FullyConnectedParams " + name + " = {" +
          "/*batches, input depth, output depth*/ " +
          list({p.batches, p.input_depth, p.output_depth}) +
          ", /*input, output offset*/ " +
          list({p.input_offset, p.output_offset}) +
          ", /*output multiplier, shift*/ " +
          list({p.output_multiplier, p.output_shift}) +
          ", /*activation min max*/ " +
          list({p.activation_min, p.activation_max}) +
          ", /*single rounding exact*/ " +
          (p.single_rounding_exact ? "true" : "false") + "};")
      .str();
}

/// Escapes what would end or break a C string literal.
std::string stringLiteralSafe(StringRef text) {
  std::string safe;
  for (char c : commentSafe(text)) {
    if (c == '"' || c == '\\')
      safe.push_back('\\');
    safe.push_back(c);
  }
  return safe;
}

/// Multiply-accumulates of one kernel op, by the arithmetic
/// analysis::macsOf applies to the graph op it came from (the profiling
/// hooks pass it to the firmware).
int64_t macsOfKernel(Operation *op) {
  auto shape = [](Value value) { return tensorTypeOf(value).getShape(); };
  auto elements = [](Value value) {
    return tensorTypeOf(value).getNumElements();
  };
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case<kernel::Conv2DOp, kernel::Conv2DF32Op, kernel::Conv2DHybridOp,
            kernel::Conv2DS16Op>([&](auto conv) {
        return analysis::convolutionMacs(elements(conv.getOutput()),
                                         shape(conv.getFilter()),
                                         /*depthwise=*/false);
      })
      .Case<kernel::DepthwiseConv2DOp, kernel::DepthwiseConv2DF32Op,
            kernel::DepthwiseConv2DHybridOp, kernel::DepthwiseConv2DS16Op>(
          [&](auto conv) {
            return analysis::convolutionMacs(elements(conv.getOutput()),
                                             shape(conv.getFilter()),
                                             /*depthwise=*/true);
          })
      .Case([&](kernel::PackedConv2DOp conv) {
        return analysis::convolutionMacs(elements(conv.getOutput()),
                                         conv.getFilterShape(),
                                         conv.getDepthwise());
      })
      .Case<kernel::FullyConnectedOp, kernel::FullyConnectedF32Op,
            kernel::FullyConnectedHybridOp, kernel::FullyConnectedS16Op>(
          [&](auto fc) {
            return analysis::fullyConnectedMacs(elements(fc.getOutput()),
                                                shape(fc.getFilter()));
          })
      .Case([&](kernel::PackedFullyConnectedOp fc) {
        return analysis::fullyConnectedMacs(elements(fc.getOutput()),
                                            fc.getFilterShape());
      })
      .Case([&](kernel::SvdfOp svdf) {
        return analysis::svdfMacs(shape(svdf.getInput())[0],
                                  shape(svdf.getWeightsFeature()),
                                  shape(svdf.getWeightsTime()));
      })
      // Operators lowered to a generic call: operands in the TFLite order.
      .Case([&](kernel::CallOp call) -> int64_t {
        StringRef callee = call.getCallee();
        auto inputs = call.getInputs();
        if (callee.starts_with("svdf_"))
          return analysis::svdfMacs(shape(inputs[0])[0], shape(inputs[1]),
                                    shape(inputs[2]));
        if (callee.starts_with("conv2d_") ||
            callee.starts_with("depthwise_conv2d_"))
          return analysis::convolutionMacs(
              elements(call.getOutput()), shape(inputs[1]),
              /*depthwise=*/callee.starts_with("depthwise_"));
        if (callee.starts_with("fully_connected_"))
          return analysis::fullyConnectedMacs(elements(call.getOutput()),
                                              shape(inputs[1]));
        return 0;
      })
      .Default([](Operation *) { return int64_t{0}; });
}

} // namespace

LogicalResult ModelEmitter::emitKernelCall(Operation *op) {
  auto layer = op->getAttrOfType<StringAttr>("ingot.layer");
  auto tfliteOp = op->getAttrOfType<StringAttr>("ingot.tflite_op");
  auto tfliteIndex = op->getAttrOfType<IntegerAttr>("ingot.tflite_index");
  if (!layer || !tfliteOp || !tfliteIndex || isa<kernel::CopyOp>(op))
    return emitKernelCallOnly(op);

  // Hooks around each layer, empty unless the build defines them
  // (ingot/runtime/config.h); `ingot profile` and the Cortex-M harness do.
  std::string hookArguments = "(" + std::to_string(tfliteIndex.getInt()) +
                              ", \"" + stringLiteralSafe(layer.getValue()) +
                              "\", \"" +
                              stringLiteralSafe(tfliteOp.getValue()) + "\", " +
                              std::to_string(macsOfKernel(op)) + ");";
  Location loc = op->getLoc();
  auto begin = emitc::VerbatimOp::create(
      builder, loc,
      builder.getStringAttr("INGOT_PROFILE_LAYER_BEGIN" + hookArguments));
  if (failed(emitKernelCallOnly(op)))
    return failure();
  // The layer's comment heads its code, so the hook goes below it.
  if (auto comment = dyn_cast_or_null<emitc::VerbatimOp>(begin->getNextNode()))
    if (comment.getValue().starts_with("//"))
      begin->moveAfter(comment);
  emitc::VerbatimOp::create(
      builder, loc,
      builder.getStringAttr("INGOT_PROFILE_LAYER_END" + hookArguments));
  return success();
}

LogicalResult ModelEmitter::emitKernelCallOnly(Operation *op) {
  Location loc = op->getLoc();
  Block *invokeBody = builder.getInsertionBlock();
  Value arena = invokeBody->getArguments().back();

  auto layer = op->getAttrOfType<StringAttr>("ingot.layer");
  if (!isa<kernel::WeightOp, kernel::AliasOp, kernel::StateOp>(op)) {
    auto tfliteOp = op->getAttrOfType<StringAttr>("ingot.tflite_op");
    std::string comment = "// " + (layer ? layer.str() : std::string("layer"));
    if (tfliteOp)
      comment += ": " + tfliteOp.str();
    std::string tensorName = tensorNameOf(loc);
    if (!tensorName.empty())
      comment += " '" + commentSafe(tensorName) + "'";
    emitc::VerbatimOp::create(builder, loc, builder.getStringAttr(comment));
  }

  // Views for results that live in the arena.
  if (op->getNumResults() == 1) {
    Value result = op->getResult(0);
    if (auto weight = dyn_cast<kernel::WeightOp>(op)) {
      RankedTensorType type = weight.getOutput().getType();
      auto arrayType =
          emitc::ArrayType::get({type.getNumElements()}, type.getElementType());
      pointers[result] =
          emitc::GetGlobalOp::create(builder, loc, arrayType, weight.getName());
      return success();
    }
    if (auto alias = dyn_cast<kernel::AliasOp>(op)) {
      pointers[result] = pointerTo(alias.getInput());
      return success();
    }
    if (!pointers.count(result)) {
      auto offset = op->getAttrOfType<IntegerAttr>(kernel::kArenaOffsetAttr);
      if (!offset)
        return op->emitError("has no planned arena offset; run "
                             "ingot-plan-memory before this pass");
      pointers[result] = arenaView(arena, tensorTypeOf(result).getElementType(),
                                   offset.getInt(), loc);
    }
  }
  if (isa<kernel::StateOp>(op))
    return success();

  auto shape = [](Value value) { return tensorTypeOf(value).getShape(); };
  auto arrayName = [&](StringRef suffix) {
    return (layer ? layer.str() : std::string("layer")) + "_" + suffix.str();
  };
  CallArguments call(builder);
  auto biasArg = [&](Value bias) {
    if (bias)
      call.pointer(pointerTo(bias));
    else
      call.nullPointer();
  };

  // The target kernels' scratch, or nullptr where the planner found no free
  // arena bytes for it (scratch_optional).
  auto scratchArg = [&] {
    if (op->hasAttr(kernel::kScratchOffsetAttr))
      call.pointer(scratchView(op, builder.getIntegerType(8), loc));
    else
      call.nullPointer();
  };
  // `ingot::<family>::<base>` from `<family>/<base>.h`; a non-empty
  // `templateParams` is the constexpr parameter struct of a shape-specialized
  // call.
  auto emitTargetKernel = [&](StringRef family, StringRef base,
                              StringRef templateParams) {
    kernelHeaders.insert(builder.getStringAttr(family + "/" + base).getValue());
    std::string callee = ("ingot::" + family + "::" + base).str();
    if (templateParams.empty())
      call.emit(loc, callee);
    else
      call.emit(loc, callee, templateParams);
  };

  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case<kernel::Conv2DOp, kernel::DepthwiseConv2DOp, kernel::Conv2DS16Op,
            kernel::DepthwiseConv2DS16Op>([&](auto conv) {
        constexpr bool wide = kIsInt16<decltype(conv)>;
        Value multiplier = constArray(arrayName("multiplier"),
                                      conv.getOutputMultiplier(), loc);
        Value shift =
            constArray(arrayName("shift"), conv.getOutputShift(), loc);
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()));
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()))
            .pointer(multiplier)
            .pointer(shift);
        appendConvolutionGeometry(call, conv);
        // int16 activations have zero point 0: those kernels take no offsets.
        if constexpr (!wide)
          call.i32(conv.getInputOffset()).i32(conv.getOutputOffset());
        call.i32(conv.getActivationMin()).i32(conv.getActivationMax());
        // kernelHeaders keeps the name, so it must be a literal.
        StringRef callee =
            kIsDepthwise<decltype(conv)>
                ? (wide ? "depthwise_conv2d_s16" : "depthwise_conv2d_s8")
                : (wide ? "conv2d_s16" : "conv2d_s8");
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case<kernel::FullyConnectedOp, kernel::FullyConnectedS16Op>(
          [&](auto fc) {
            constexpr bool wide = kIsInt16<decltype(fc)>;
            auto filter = shape(fc.getFilter());
            int64_t depth = filter[1];
            int64_t batches =
                tensorTypeOf(fc.getInput()).getNumElements() / depth;
            call.pointer(pointerTo(fc.getInput()))
                .pointer(pointerTo(fc.getFilter()));
            biasArg(fc.getBias());
            call.pointer(pointerTo(fc.getOutput()))
                .i32(batches)
                .i32(depth)
                .i32(filter[0]);
            if constexpr (!wide)
              call.i32(fc.getInputOffset())
                  .i32(fc.getFilterOffset())
                  .i32(fc.getOutputOffset());
            call.i32(fc.getOutputMultiplier())
                .i32(fc.getOutputShift())
                .i32(fc.getActivationMin())
                .i32(fc.getActivationMax());
            StringRef callee =
                wide ? "fully_connected_s16" : "fully_connected_s8";
            kernelHeaders.insert(callee);
            call.emit(loc, ("ingot::ref::" + callee).str());
            return success();
          })
      .Case([&](kernel::AddOp add) {
        call.pointer(pointerTo(add.getLhs()))
            .pointer(pointerTo(add.getRhs()))
            .pointer(pointerTo(add.getOutput()))
            .i32(tensorTypeOf(add.getOutput()).getNumElements())
            .i32(add.getInput1Offset())
            .i32(add.getInput1Multiplier())
            .i32(add.getInput1Shift())
            .i32(add.getInput2Offset())
            .i32(add.getInput2Multiplier())
            .i32(add.getInput2Shift())
            .i32(add.getLeftShift())
            .i32(add.getOutputOffset())
            .i32(add.getOutputMultiplier())
            .i32(add.getOutputShift())
            .i32(add.getActivationMin())
            .i32(add.getActivationMax());
        // A target kernel with the reference's signature (ingot-select-kernels
        // names it "<family>.add_s8") only changes the namespace.
        StringRef family = "ref";
        if (auto chosen =
                add->getAttrOfType<StringAttr>(kernel::kImplementationAttr))
          family = chosen.getValue().split('.').first;
        emitTargetKernel(family, "add_s8", "");
        return success();
      })
      .Case<kernel::AveragePool2DOp, kernel::MaxPool2DOp,
            kernel::AveragePool2DS16Op, kernel::MaxPool2DS16Op>([&](auto pool) {
        auto in = shape(pool.getInput());
        auto out = shape(pool.getOutput());
        call.pointer(pointerTo(pool.getInput()))
            .pointer(pointerTo(pool.getOutput()))
            .i32s(in)
            .i32s(out.slice(1, 2))
            .i32s(pool.getFilter())
            .i32s(pool.getStrides())
            .i32s(pool.getPadding())
            .i32(pool.getActivationMin())
            .i32(pool.getActivationMax());
        StringRef callee =
            isa<kernel::AveragePool2DOp>(op)      ? "average_pool2d_s8"
            : isa<kernel::MaxPool2DOp>(op)        ? "max_pool2d_s8"
            : isa<kernel::AveragePool2DS16Op>(op) ? "average_pool2d_s16"
                                                  : "max_pool2d_s16";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case<kernel::SoftmaxOp, kernel::SoftmaxS16Op>([&](auto softmax) {
        // Both run over rows of the innermost dimension.
        auto in = shape(softmax.getInput());
        int64_t depth = in.empty() ? 1 : in.back();
        int64_t outer =
            tensorTypeOf(softmax.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(softmax.getInput()))
            .pointer(pointerTo(softmax.getOutput()))
            .i32(outer)
            .i32(depth)
            .i32(softmax.getInputMultiplier())
            .i32(softmax.getInputLeftShift());
        StringRef callee;
        if constexpr (std::is_same_v<decltype(softmax), kernel::SoftmaxS16Op>) {
          call.pointer(pointerTo(softmax.getExpTable()))
              .pointer(pointerTo(softmax.getReciprocalTable()));
          callee = "softmax_s16";
        } else {
          call.i32(softmax.getDiffMin());
          callee =
              tensorTypeOf(softmax.getOutput()).getElementType().isInteger(16)
                  ? "softmax_s8_s16"
                  : "softmax_s8";
        }
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::RequantizeOp requantize) {
        auto typeTag = [](Value value) {
          Type element = tensorTypeOf(value).getElementType();
          return (element.isUnsignedInteger() ? "u" : "s") +
                 std::to_string(element.getIntOrFloatBitWidth());
        };
        std::string callee = "requantize_" + typeTag(requantize.getInput()) +
                             "_" + typeTag(requantize.getOutput());
        call.pointer(pointerTo(requantize.getInput()))
            .pointer(pointerTo(requantize.getOutput()))
            .i32(tensorTypeOf(requantize.getOutput()).getNumElements())
            .i32(requantize.getInputZeroPoint())
            .i32(requantize.getOutputZeroPoint())
            .i32(requantize.getMultiplier())
            .i32(requantize.getShift());
        kernelHeaders.insert(builder.getStringAttr(callee).getValue());
        call.emit(loc, "ingot::ref::" + callee);
        return success();
      })
      .Case([&](kernel::QuantizeOp quantize) {
        call.pointer(pointerTo(quantize.getInput()))
            .pointer(pointerTo(quantize.getOutput()))
            .i32(tensorTypeOf(quantize.getOutput()).getNumElements())
            .f32(quantize.getScale().convertToFloat())
            .i32(quantize.getZeroPoint());
        std::string callee =
            "quantize_f32_s" + std::to_string(tensorTypeOf(quantize.getOutput())
                                                  .getElementType()
                                                  .getIntOrFloatBitWidth());
        kernelHeaders.insert(builder.getStringAttr(callee).getValue());
        call.emit(loc, "ingot::ref::" + callee);
        return success();
      })
      .Case([&](kernel::DequantizeOp dequantize) {
        call.pointer(pointerTo(dequantize.getInput()))
            .pointer(pointerTo(dequantize.getOutput()))
            .i32(tensorTypeOf(dequantize.getOutput()).getNumElements())
            .f32(dequantize.getScale().convertToFloat())
            .i32(dequantize.getZeroPoint());
        std::string callee = "dequantize_s" +
                             std::to_string(tensorTypeOf(dequantize.getInput())
                                                .getElementType()
                                                .getIntOrFloatBitWidth()) +
                             "_f32";
        kernelHeaders.insert(builder.getStringAttr(callee).getValue());
        call.emit(loc, "ingot::ref::" + callee);
        return success();
      })
      .Case([&](kernel::SvdfOp svdf) {
        auto feature = shape(svdf.getWeightsFeature());
        auto time = shape(svdf.getWeightsTime());
        auto in = shape(svdf.getInput());
        int64_t filters = feature[0];
        call.pointer(pointerTo(svdf.getInput()))
            .pointer(pointerTo(svdf.getWeightsFeature()))
            .pointer(pointerTo(svdf.getWeightsTime()));
        biasArg(svdf.getBias());
        call.pointer(pointerTo(svdf.getActivationState()))
            .pointer(pointerTo(svdf.getOutput()))
            .i32(in[0])
            .i32(in[1])
            .i32(filters)
            .i32(filters / static_cast<int64_t>(svdf.getRank()))
            .i32(time[1])
            .i32(svdf.getRank())
            .i32(svdf.getInputZeroPoint())
            .i32(svdf.getStateZeroPoint())
            .i32(svdf.getOutputZeroPoint())
            .i32(svdf.getFeatureMultiplier())
            .i32(svdf.getFeatureShift())
            .i32(svdf.getTimeMultiplier())
            .i32(svdf.getTimeShift())
            .i32(svdf.getActivationMin())
            .i32(svdf.getActivationMax());
        kernelHeaders.insert("svdf_s8");
        call.emit(loc, "ingot::ref::svdf_s8");
        return success();
      })
      .Case<kernel::Conv2DF32Op, kernel::DepthwiseConv2DF32Op>([&](auto conv) {
        constexpr bool depthwise = kIsDepthwise<decltype(conv)>;
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getFilter()));
        biasArg(conv.getBias());
        call.pointer(pointerTo(conv.getOutput()));
        appendConvolutionGeometry(call, conv);
        call.f32(conv.getActivationMin().convertToFloat())
            .f32(conv.getActivationMax().convertToFloat());
        StringRef callee = depthwise ? "depthwise_conv2d_f32" : "conv2d_f32";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case<kernel::Conv2DHybridOp, kernel::DepthwiseConv2DHybridOp>(
          [&](auto conv) {
            SmallVector<float> scaleValues(conv.getFilterScales().begin(),
                                           conv.getFilterScales().end());
            Value scales = constArray(arrayName("filter_scales"),
                                      ArrayRef<float>(scaleValues), loc);
            Value scratch = scratchView(op, builder.getI8Type(), loc);
            call.pointer(pointerTo(conv.getInput()))
                .pointer(pointerTo(conv.getFilter()))
                .pointer(scales)
                .i32(scaleValues.size());
            biasArg(conv.getBias());
            call.pointer(pointerTo(conv.getOutput())).pointer(scratch);
            appendConvolutionGeometry(call, conv);
            call.f32(conv.getActivationMin().convertToFloat())
                .f32(conv.getActivationMax().convertToFloat());
            StringRef callee = kIsDepthwise<decltype(conv)>
                                   ? "depthwise_conv2d_hybrid_f32_s8"
                                   : "conv2d_hybrid_f32_s8";
            kernelHeaders.insert(callee);
            call.emit(loc, ("ingot::ref::" + callee).str());
            return success();
          })
      .Case([&](kernel::FullyConnectedHybridOp fc) {
        auto filter = shape(fc.getFilter());
        int64_t depth = filter[1];
        int64_t batches = tensorTypeOf(fc.getInput()).getNumElements() / depth;
        Value scratch = scratchView(op, builder.getI8Type(), loc);
        SmallVector<float> scaleValues(fc.getFilterScales().begin(),
                                       fc.getFilterScales().end());
        Value scales = constArray(arrayName("filter_scales"),
                                  ArrayRef<float>(scaleValues), loc);
        call.pointer(pointerTo(fc.getInput()))
            .pointer(pointerTo(fc.getFilter()))
            .pointer(scales);
        biasArg(fc.getBias());
        call.pointer(pointerTo(fc.getOutput()))
            .pointer(scratch)
            .i32(batches)
            .i32(depth)
            .i32(filter[0])
            .opaque(fc.getAsymmetricInputs() ? "true" : "false")
            .f32(fc.getActivationMin().convertToFloat())
            .f32(fc.getActivationMax().convertToFloat());
        kernelHeaders.insert("fully_connected_hybrid_f32_s8");
        call.emit(loc, "ingot::ref::fully_connected_hybrid_f32_s8");
        return success();
      })
      .Case([&](kernel::FullyConnectedF32Op fc) {
        auto filter = shape(fc.getFilter());
        int64_t depth = filter[1];
        int64_t batches = tensorTypeOf(fc.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(fc.getInput()))
            .pointer(pointerTo(fc.getFilter()));
        biasArg(fc.getBias());
        call.pointer(pointerTo(fc.getOutput()))
            .i32(batches)
            .i32(depth)
            .i32(filter[0])
            .f32(fc.getActivationMin().convertToFloat())
            .f32(fc.getActivationMax().convertToFloat());
        kernelHeaders.insert("fully_connected_f32");
        call.emit(loc, "ingot::ref::fully_connected_f32");
        return success();
      })
      .Case([&](kernel::AddF32Op add) {
        call.pointer(pointerTo(add.getLhs()))
            .pointer(pointerTo(add.getRhs()))
            .pointer(pointerTo(add.getOutput()))
            .i32(tensorTypeOf(add.getOutput()).getNumElements())
            .f32(add.getActivationMin().convertToFloat())
            .f32(add.getActivationMax().convertToFloat());
        kernelHeaders.insert("add_f32");
        call.emit(loc, "ingot::ref::add_f32");
        return success();
      })
      .Case<kernel::AveragePool2DF32Op, kernel::MaxPool2DF32Op>([&](auto pool) {
        auto in = shape(pool.getInput());
        auto out = shape(pool.getOutput());
        call.pointer(pointerTo(pool.getInput()))
            .pointer(pointerTo(pool.getOutput()))
            .i32s(in)
            .i32s(out.slice(1, 2))
            .i32s(pool.getFilter())
            .i32s(pool.getStrides())
            .i32s(pool.getPadding())
            .f32(pool.getActivationMin().convertToFloat())
            .f32(pool.getActivationMax().convertToFloat());
        StringRef callee = isa<kernel::AveragePool2DF32Op>(op)
                               ? "average_pool2d_f32"
                               : "max_pool2d_f32";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::LeakyReluF32Op relu) {
        call.pointer(pointerTo(relu.getInput()))
            .pointer(pointerTo(relu.getOutput()))
            .i32(tensorTypeOf(relu.getOutput()).getNumElements())
            .f32(relu.getAlpha().convertToFloat());
        kernelHeaders.insert("leaky_relu_f32");
        call.emit(loc, "ingot::ref::leaky_relu_f32");
        return success();
      })
      .Case([&](kernel::SoftmaxF32Op softmax) {
        auto in = shape(softmax.getInput());
        int64_t depth = in.empty() ? 1 : in.back();
        int64_t outer =
            tensorTypeOf(softmax.getInput()).getNumElements() / depth;
        call.pointer(pointerTo(softmax.getInput()))
            .pointer(pointerTo(softmax.getOutput()))
            .i32(outer)
            .i32(depth)
            .f32(softmax.getBeta().convertToFloat());
        kernelHeaders.insert("softmax_f32");
        call.emit(loc, "ingot::ref::softmax_f32");
        return success();
      })
      .Case<kernel::AddS16Op, kernel::SubS16Op>([&](auto binary) {
        bool isAdd = isa<kernel::AddS16Op>(op);
        Value outputShape =
            constArray(arrayName("output_shape"), binary.getOutputShape(), loc);
        Value strides1 = constArray(arrayName("input1_strides"),
                                    binary.getInput1Strides(), loc);
        Value strides2 = constArray(arrayName("input2_strides"),
                                    binary.getInput2Strides(), loc);
        call.pointer(pointerTo(binary.getLhs()))
            .pointer(pointerTo(binary.getRhs()))
            .pointer(pointerTo(binary.getOutput()))
            .pointer(outputShape)
            .pointer(strides1)
            .pointer(strides2)
            .i32(binary.getOutputShape().size())
            .i32(binary.getInput1Offset())
            .i32(binary.getInput1Multiplier())
            .i32(binary.getInput1Shift())
            .i32(binary.getInput2Offset())
            .i32(binary.getInput2Multiplier())
            .i32(binary.getInput2Shift())
            .i32(binary.getOutputOffset())
            .i32(binary.getOutputMultiplier())
            .i32(binary.getOutputShift())
            .i32(binary.getActivationMin())
            .i32(binary.getActivationMax());
        StringRef callee = isAdd ? "add_s16" : "sub_s16";
        kernelHeaders.insert(callee);
        call.emit(loc, ("ingot::ref::" + callee).str());
        return success();
      })
      .Case([&](kernel::LeakyReluS16Op relu) {
        call.pointer(pointerTo(relu.getInput()))
            .pointer(pointerTo(relu.getOutput()))
            .i32(tensorTypeOf(relu.getOutput()).getNumElements())
            .i32(relu.getInputZeroPoint())
            .i32(relu.getOutputZeroPoint())
            .i32(relu.getIdentityMultiplier())
            .i32(relu.getIdentityShift())
            .i32(relu.getAlphaMultiplier())
            .i32(relu.getAlphaShift());
        kernelHeaders.insert("leaky_relu_s16");
        call.emit(loc, "ingot::ref::leaky_relu_s16");
        return success();
      })
      .Case([&](kernel::PadS16Op pad) {
        auto inShape = shape(pad.getInput());
        SmallVector<int32_t> input32(inShape.begin(), inShape.end());
        Value inputShape = constArray(arrayName("input_shape"), input32, loc);
        Value before =
            constArray(arrayName("pad_before"), pad.getPadBefore(), loc);
        Value after =
            constArray(arrayName("pad_after"), pad.getPadAfter(), loc);
        call.pointer(pointerTo(pad.getInput()))
            .pointer(pointerTo(pad.getOutput()))
            .pointer(inputShape)
            .pointer(before)
            .pointer(after)
            .i32(input32.size())
            .i32(pad.getPadValue());
        kernelHeaders.insert("pad_s16");
        call.emit(loc, "ingot::ref::pad_s16");
        return success();
      })
      .Case([&](kernel::StridedSliceS16Op slice) {
        auto inShape = shape(slice.getInput());
        SmallVector<int32_t> input32(inShape.begin(), inShape.end());
        Value inputShape = constArray(arrayName("input_shape"), input32, loc);
        Value start = constArray(arrayName("start"), slice.getStart(), loc);
        Value stride = constArray(arrayName("stride"), slice.getStride(), loc);
        Value sliceShape =
            constArray(arrayName("slice_shape"), slice.getSliceShape(), loc);
        call.pointer(pointerTo(slice.getInput()))
            .pointer(pointerTo(slice.getOutput()))
            .pointer(inputShape)
            .pointer(start)
            .pointer(stride)
            .pointer(sliceShape)
            .i32(input32.size());
        kernelHeaders.insert("strided_slice_s16");
        call.emit(loc, "ingot::ref::strided_slice_s16");
        return success();
      })
      .Case([&](kernel::PackedConv2DOp conv) {
        std::string paramsName = arrayName("params");
        constDefinition(
            paramsDefinition(paramsName, kernel::conv2dParamsOf(conv)), loc);
        bool specialized = conv.getShapeSpecialized();
        if (!specialized)
          call.opaque(paramsName);
        call.pointer(pointerTo(conv.getInput()))
            .pointer(pointerTo(conv.getPackedFilter()))
            .pointer(pointerTo(conv.getFoldedBias()))
            .pointer(pointerTo(conv.getOutput()));
        if (Value rescale = conv.getRescale()) {
          // The family's requantization records (the dsp kernels), made by
          // the compiler in place of the two arrays.
          call.pointer(pointerTo(rescale));
        } else {
          Value multiplier = constArray(arrayName("multiplier"),
                                        conv.getOutputMultiplier(), loc);
          Value shift =
              constArray(arrayName("shift"), conv.getOutputShift(), loc);
          call.pointer(multiplier).pointer(shift);
        }
        scratchArg();
        emitTargetKernel(conv.getImplementation(),
                         conv.getDepthwise() ? "depthwise_conv2d_s8"
                                             : "conv2d_s8",
                         specialized ? paramsName : "");
        return success();
      })
      .Case([&](kernel::PackedFullyConnectedOp fc) {
        std::string paramsName = arrayName("params");
        constDefinition(
            paramsDefinition(paramsName, kernel::fullyConnectedParamsOf(fc)),
            loc);
        bool specialized = fc.getShapeSpecialized();
        if (!specialized)
          call.opaque(paramsName);
        call.pointer(pointerTo(fc.getInput()))
            .pointer(pointerTo(fc.getPackedFilter()))
            .pointer(pointerTo(fc.getFoldedBias()))
            .pointer(pointerTo(fc.getOutput()));
        scratchArg();
        emitTargetKernel(fc.getImplementation(), "fully_connected_s8",
                         specialized ? paramsName : "");
        return success();
      })
      .Case([&](kernel::CopyOp copy) {
        call.pointer(pointerTo(copy.getOutput()))
            .pointer(pointerTo(copy.getInput()))
            .i32(bytesOf(copy.getInput()));
        call.emit(loc, "std::memcpy");
        return success();
      })
      .Case([&](kernel::CallOp kernelCall) {
        for (Value input : kernelCall.getInputs())
          call.pointer(pointerTo(input));
        call.pointer(pointerTo(kernelCall.getOutput()));
        if (op->hasAttr(kernel::kScratchOffsetAttr))
          call.pointer(scratchView(op, builder.getIntegerType(8), loc));
        for (auto [arg, argName] : llvm::zip(
                 kernelCall.getArgs(),
                 kernelCall.getArgNames().getAsValueRange<StringAttr>())) {
          if (auto integer = dyn_cast<IntegerAttr>(arg))
            call.i32(integer.getInt());
          else if (auto real = dyn_cast<FloatAttr>(arg))
            call.f32(real.getValueAsDouble());
          else if (auto ints = dyn_cast<DenseI32ArrayAttr>(arg);
                   ints && ints.empty())
            call.nullPointer();
          else if (ints)
            call.pointer(
                constArray(arrayName(argName), ints.asArrayRef(), loc));
          else
            call.pointer(constArray(arrayName(argName),
                                    cast<DenseF32ArrayAttr>(arg).asArrayRef(),
                                    loc));
        }
        StringRef callee = kernelCall.getCallee();
        kernelHeaders.insert(kernelCall.getHeader() ? *kernelCall.getHeader()
                                                    : callee);
        auto [family, base] =
            callee.contains('/')
                ? callee.split('/')
                : std::pair<StringRef, StringRef>("ref", callee);
        call.emit(loc, ("ingot::" + family + "::" + base).str());
        return success();
      })
      .Default([&](Operation *other) {
        return other->emitError("has no C++ kernel to call");
      });
}

} // namespace ingot::emitc_lowering
