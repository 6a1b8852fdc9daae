//===- QuantTypes.h - Reading scales and zero points from types -*- C++ -*-===//
//
// Small accessors over MLIR's `!quant` types shared by the passes that turn
// quantized types into kernel parameters.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_TRANSFORMS_QUANTTYPES_H
#define INGOT_QUANTIZATION_TRANSFORMS_QUANTTYPES_H

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"

#include <vector>

namespace ingot::quanttypes {

inline mlir::Type elementTypeOf(mlir::Value value) {
  return mlir::cast<mlir::ShapedType>(value.getType()).getElementType();
}

inline mlir::quant::UniformQuantizedType perTensor(mlir::Value value) {
  return mlir::dyn_cast<mlir::quant::UniformQuantizedType>(
      elementTypeOf(value));
}

/// Whether `value` is quantized per tensor to a signed `width`-bit type.
inline bool isPerTensorInt(mlir::Value value, unsigned width) {
  auto type = perTensor(value);
  return type && type.getStorageTypeIntegralWidth() == width && type.isSigned();
}

/// TFLite stores scales as float32; the quant types hold them exactly as
/// doubles, so converting back to float is exact.
inline float scaleOf(mlir::Value value) {
  return static_cast<float>(perTensor(value).getScale());
}

inline int32_t zeroPointOf(mlir::Value value) {
  return static_cast<int32_t>(perTensor(value).getZeroPoint());
}

/// Per-channel scales of a weight, or its one per-tensor scale.
inline std::vector<float> channelScales(mlir::Value value) {
  mlir::Type element = elementTypeOf(value);
  if (auto axis =
          mlir::dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
    return std::vector<float>(axis.getScales().begin(), axis.getScales().end());
  return {static_cast<float>(
      mlir::cast<mlir::quant::UniformQuantizedType>(element).getScale())};
}

} // namespace ingot::quanttypes

#endif // INGOT_QUANTIZATION_TRANSFORMS_QUANTTYPES_H
