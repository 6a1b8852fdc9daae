//===- RescaleShiftCheck.h - Refusing unappliable rescales -----*- C++ -*-===//
//
// A model whose scales need a rescale of 2^30 or more (or, for the int16x8
// kernels that rescale in int64, 2^7 or more) has no defined result in
// TFLite's kernels. Both places that compute kernel parameters (the requant
// pass and the kernel.call planners) refuse such a model with this one check
// and message.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_RESCALESHIFTCHECK_H
#define INGOT_QUANTIZATION_RESCALESHIFTCHECK_H

#include "QuantizedMultiplier.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace ingot::quant {

/// Whether the kernel parameter `name` = `value` is a rescale exponent the
/// runtime cannot apply. Parameters named *left_shift or *right_shift are
/// plain shift amounts, not rescale exponents, with ranges of their own (up
/// to 31 for int16 LOGISTIC), and are not checked here.
inline bool isUnrepresentableShift(llvm::StringRef name, mlir::Attribute value,
                                   int32_t maxShift = kMaxKernelShift) {
  if (!name.contains("shift") || name.contains("left_shift") ||
      name.contains("right_shift"))
    return false;
  if (auto scalar = llvm::dyn_cast<mlir::IntegerAttr>(value))
    return !fitsKernelShift(scalar.getInt(), maxShift);
  if (auto array = llvm::dyn_cast<mlir::DenseI32ArrayAttr>(value))
    return llvm::any_of(array.asArrayRef(), [&](int32_t shift) {
      return !fitsKernelShift(shift, maxShift);
    });
  return false;
}

/// The refusal for a rescale `name` beyond `maxShift`, after the operator's
/// description.
inline std::string unrepresentableShiftMessage(llvm::StringRef name,
                                               int32_t maxShift) {
  return "needs a rescale (" + name.str() + ") of 2^" +
         std::to_string(maxShift) + " or more between its tensors' scales, " +
         (maxShift == kMaxKernelShift
              ? "which no integer kernel can apply"
              : "which TFLite's int16x8 kernel for it cannot apply") +
         "; the model's quantization parameters are malformed";
}

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_RESCALESHIFTCHECK_H
