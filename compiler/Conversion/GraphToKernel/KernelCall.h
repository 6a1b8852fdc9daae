//===- KernelCall.h - Graph ops lowered to kernel.call ----------*- C++ -*-===//
//
// The operators whose runtime kernels take only tensor pointers and literal
// parameters lower to `kernel.call`. For each such op a planner decides the
// kernel (by op and tensor types), its operands and its parameters, or says
// why there is none; the one pattern in KernelCall.cpp turns a plan into
// the op. Planners are grouped by operator family, one file each.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_CONVERSION_GRAPHTOKERNEL_KERNELCALL_H
#define INGOT_CONVERSION_GRAPHTOKERNEL_KERNELCALL_H

#include "QuantizedMultiplier.h"
#include "ingot/Dialect/Graph/IR/Graph.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"

#include <optional>
#include <string>

namespace ingot::calls {

/// A planned call: `callee(operands..., result, [scratch], args...)`.
struct KernelCall {
  explicit KernelCall(mlir::MLIRContext *context) : builder(context) {}

  /// Non-empty when there is no kernel for the op: why, for the user.
  std::string blocker;
  std::string callee;
  /// The header under `kernels/` declaring the kernel, when it is not
  /// `ref/<callee>.h` (e.g. "ref/math_f32" for every float math function).
  std::string header;
  llvm::SmallVector<mlir::Value> operands;
  llvm::SmallVector<mlir::Attribute> args;
  llvm::SmallVector<std::string> argNames;
  int64_t scratchBytes = 0;
  /// The largest rescale shift the kernel applies: int16x8 kernels that
  /// rescale an int64 sum take less (kMaxWideKernelShift).
  int32_t maxRescaleShift = ingot::quant::kMaxKernelShift;

  KernelCall &operand(mlir::Value value) {
    operands.push_back(value);
    return *this;
  }
  KernelCall &i32(llvm::StringRef name, int64_t value) {
    return arg(name, builder.getI32IntegerAttr(static_cast<int32_t>(value)));
  }
  KernelCall &f32(llvm::StringRef name, double value) {
    return arg(name, builder.getF32FloatAttr(static_cast<float>(value)));
  }
  /// An int32 array, passed as a pointer to a named constant array.
  KernelCall &i32s(llvm::StringRef name, llvm::ArrayRef<int64_t> values) {
    llvm::SmallVector<int32_t> narrow(values.begin(), values.end());
    return arg(name, builder.getDenseI32ArrayAttr(narrow));
  }
  KernelCall &i32s(llvm::StringRef name, llvm::ArrayRef<int32_t> values) {
    return arg(name, builder.getDenseI32ArrayAttr(values));
  }
  KernelCall &f32s(llvm::StringRef name, llvm::ArrayRef<float> values) {
    return arg(name, builder.getDenseF32ArrayAttr(values));
  }

  static KernelCall blocked(mlir::MLIRContext *context, std::string why) {
    KernelCall call(context);
    call.blocker = std::move(why);
    return call;
  }

private:
  KernelCall &arg(llvm::StringRef name, mlir::Attribute value) {
    args.push_back(value);
    argNames.push_back(name.str());
    return *this;
  }
  mlir::Builder builder;
};

/// Each family's planner: std::nullopt when `op` is not one of its ops.
std::optional<KernelCall> planElementwiseCall(mlir::Operation *op);
std::optional<KernelCall> planReductionCall(mlir::Operation *op);
std::optional<KernelCall> planDataMovementCall(mlir::Operation *op);
std::optional<KernelCall> planBinaryCall(mlir::Operation *op);
std::optional<KernelCall> planLayerCall(mlir::Operation *op);
std::optional<KernelCall> planSequenceCall(mlir::Operation *op);

/// The plan of whichever family `op` belongs to.
std::optional<KernelCall> planKernelCall(mlir::Operation *op);

//===----------------------------------------------------------------------===//
// Helpers the planners share
//===----------------------------------------------------------------------===//

/// "int8", "int16", "int32", "float32", "bool", "uint8", ... for messages
/// and for choosing a kernel by type.
std::string typeTag(mlir::Value value);
llvm::ArrayRef<int64_t> shapeOf(mlir::Value value);
int64_t elementsOf(mlir::Value value);
/// The reason a tensor of `value` cannot reach a kernel: a zero-sized
/// dimension, or more than 2^31 - 1 elements; empty when it can.
std::string sizeBlocker(mlir::Operation *op);

/// Per-tensor scale and zero point of a quantized value.
double scaleOf(mlir::Value value);
/// std::round(value) as an integer, saturated to [-2^40, 2^40] (NaN gives
/// 0): a value worked out from a hostile model's scales can lie beyond every
/// integer type, and converting it would be undefined behaviour. Callers
/// clamp the result to their storage range.
int64_t roundSaturated(double value);
int32_t zeroPointOf(mlir::Value value);
bool isQuantized(mlir::Value value);

/// The clamp bounds of `activation` on the integer output `output`, or on
/// float32 when it is not quantized.
struct Clamp {
  int32_t min, max;
  float minF, maxF;
};
Clamp clampOf(graph::Activation activation, mlir::Value output);

/// The shape of `value` right-aligned to `rank` dimensions (leading 1s),
/// and the element strides for reading it broadcast to `outputShape`
/// (stride 0 along broadcast dimensions).
llvm::SmallVector<int64_t>
broadcastStrides(mlir::Value value, llvm::ArrayRef<int64_t> outputShape);

} // namespace ingot::calls

#endif // INGOT_CONVERSION_GRAPHTOKERNEL_KERNELCALL_H
