//===- KernelParams.h - Integer parameters of the ref kernels ---*- C++ -*-===//
//
// The compiler derives every integer argument of the int8 reference kernels
// (runtime/include/ingot/runtime/kernels/ref) from the float scales and zero
// points of a TFLite model. To stay bit-exact with TensorFlow Lite Micro, each
// function here reproduces the arithmetic of the matching TFLM Prepare step,
// down to which products are rounded to float and which are kept in double.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_KERNELPARAMS_H
#define INGOT_QUANTIZATION_KERNELPARAMS_H

#include "QuantizedMultiplier.h"

#include <cstdint>
#include <vector>

namespace ingot::quant {

/// Per-output-channel rescale of CONV_2D and DEPTHWISE_CONV_2D: channel c gets
/// input_scale * filter_scale[c] / output_scale, evaluated in double from the
/// float scales. A single filter scale is per-tensor quantization and applies
/// to every channel. Returns an empty vector when filterScales has neither 1
/// nor outputChannels entries.
std::vector<QuantizedMultiplier>
convPerChannelMultipliers(float inputScale,
                          const std::vector<float> &filterScales,
                          float outputScale, int32_t outputChannels);

/// Per-tensor rescale of FULLY_CONNECTED: the product input_scale *
/// filter_scale is rounded to float (as TFLite does) before it is divided by
/// output_scale in double.
QuantizedMultiplier fullyConnectedMultiplier(float inputScale,
                                             float filterScale,
                                             float outputScale);

/// Every integer argument of add_s8 except the element count and the
/// activation bounds. Offsets follow the kernel convention: inputs carry the
/// negated zero point, the output the zero point itself.
struct AddParams {
  int32_t input1Offset = 0;
  int32_t input1Multiplier = 0;
  int32_t input1Shift = 0;
  int32_t input2Offset = 0;
  int32_t input2Multiplier = 0;
  int32_t input2Shift = 0;
  int32_t leftShift = 0;
  int32_t outputOffset = 0;
  int32_t outputMultiplier = 0;
  int32_t outputShift = 0;
};

/// Parameters of an int8 ADD. TFLite rejects (and so should the caller) an
/// output scale so small that outputMultiplier * 2^(outputShift - 31) >= 1,
/// i.e. outputShift > 0.
AddParams computeAddParams(float input1Scale, int32_t input1ZeroPoint,
                           float input2Scale, int32_t input2ZeroPoint,
                           float outputScale, int32_t outputZeroPoint);

/// The fused activations TFLite's int8 kernels apply by clamping.
enum class FusedActivation { None, Relu, ReluN1To1, Relu6 };

/// Inclusive bounds of the quantized output after the fused activation.
struct ActivationRange {
  int32_t min;
  int32_t max;
};

/// TFLite's CalculateActivationRangeQuantized: the real bounds 0, 6, -1 and 1
/// are quantized as zero_point + round(bound / scale), the division done in
/// float and the rounding half away from zero, then intersected with
/// [qmin, qmax] (the storage type's range, [-128, 127] for int8).
ActivationRange quantizedActivationRange(FusedActivation activation,
                                         float outputScale,
                                         int32_t outputZeroPoint, int32_t qmin,
                                         int32_t qmax);

/// Output size and leading padding of a windowed op (convolution or pooling).
/// SAME padding may need one more row or column at the bottom or right than
/// at the top or left; the kernels only need the leading amounts.
struct PaddingValues {
  int32_t top, left;
  int32_t outputH, outputW;
};

/// TFLite's output size and padding for SAME (`same` true) or VALID padding,
/// with dilation (pass 1 for pooling, which has none). Invalid arguments
/// (non-positive stride, dilation or filter size, negative input size, or a
/// VALID window larger than the input) give all zeros, as TFLite Micro does.
PaddingValues computePadding(bool same, int32_t inH, int32_t inW,
                             int32_t filterH, int32_t filterW, int32_t strideH,
                             int32_t strideW, int32_t dilationH,
                             int32_t dilationW);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_KERNELPARAMS_H
