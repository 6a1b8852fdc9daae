//===- RequantizeParams.h - Parameters of integer QUANTIZE ------*- C++ -*-===//
//
// The compiler-side half of the requantize_* kernels (QUANTIZE between two
// integer types), computed as TensorFlow Lite Micro's quantize Prepare does.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_REQUANTIZEPARAMS_H
#define INGOT_QUANTIZATION_REQUANTIZEPARAMS_H

#include "QuantizedMultiplier.h"

namespace ingot::quant {

/// The multiplier and shift for rescaling from `inputScale` to
/// `outputScale`: the quotient is taken in double precision from the float
/// scales, then decomposed into Q31 form.
QuantizedMultiplier requantizeMultiplier(float inputScale, float outputScale);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_REQUANTIZEPARAMS_H
