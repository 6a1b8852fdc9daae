//===- ModelEmitter.h - Kernel IR to EmitC, shared pieces --------*- C++
//-*-===//
//
// The state of one kernel-to-EmitC translation, shared by the file-level
// emission (KernelToEmitC.cpp) and the per-kernel calls (KernelCalls.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_CONVERSION_KERNELTOEMITC_MODELEMITTER_H
#define INGOT_CONVERSION_KERNELTOEMITC_MODELEMITTER_H

#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SetVector.h"

#include <string>

namespace ingot::emitc_lowering {

using namespace mlir;

inline RankedTensorType tensorTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType());
}

inline int64_t bytesOf(Value value) {
  RankedTensorType type = tensorTypeOf(value);
  return type.getNumElements() *
         ((type.getElementType().getIntOrFloatBitWidth() + 7) / 8);
}

/// The C spelling of a scalar element type.
inline std::string cTypeName(Type type) {
  if (type.isF32())
    return "float";
  if (type.isInteger(1))
    return "bool";
  return (type.isUnsignedInteger() ? "uint" : "int") +
         std::to_string(type.getIntOrFloatBitWidth()) + "_t";
}

inline Value bufferRoot(Value value) {
  while (auto alias = value.getDefiningOp<kernel::AliasOp>())
    value = alias.getInput();
  return value;
}

/// Replaces characters that would end or confuse a `//` comment.
inline std::string commentSafe(StringRef text) {
  std::string safe;
  for (char c : text) {
    // A name with "*/" would end a /* */ comment early, and "/*" inside one
    // is a -Wcomment warning: keep the two characters apart.
    if ((c == '/' && !safe.empty() && safe.back() == '*') ||
        (c == '*' && !safe.empty() && safe.back() == '/'))
      safe.push_back(' ');
    safe.push_back(std::isprint(static_cast<unsigned char>(c)) ? c : '?');
  }
  return safe;
}

/// The TFLite tensor name a location carries, if any.
inline std::string tensorNameOf(Location loc) {
  if (auto named = dyn_cast<NameLoc>(loc))
    return named.getName().str();
  return "";
}

/// Arguments of one kernel call: operand references and literals, in order.
class CallArguments {
public:
  explicit CallArguments(OpBuilder &builder) : builder(builder) {}

  CallArguments &pointer(Value emitcValue) {
    args.push_back(builder.getIndexAttr(operands.size()));
    operands.push_back(emitcValue);
    return *this;
  }
  CallArguments &nullPointer() {
    args.push_back(emitc::OpaqueAttr::get(builder.getContext(), "nullptr"));
    return *this;
  }
  CallArguments &i32(int64_t value) {
    args.push_back(builder.getI32IntegerAttr(static_cast<int32_t>(value)));
    return *this;
  }
  /// One int32 literal per value, e.g. a shape or (h, w) pair.
  CallArguments &i32s(ArrayRef<int64_t> values) {
    for (int64_t value : values)
      i32(value);
    return *this;
  }
  CallArguments &f32(float value) {
    args.push_back(builder.getF32FloatAttr(value));
    return *this;
  }

  /// A C++ expression passed as it is, e.g. a constexpr parameter struct.
  CallArguments &opaque(StringRef text) {
    args.push_back(emitc::OpaqueAttr::get(builder.getContext(), text));
    return *this;
  }

  void emit(Location loc, StringRef callee) {
    emitc::CallOpaqueOp::create(builder, loc, TypeRange{}, callee, operands,
                                builder.getArrayAttr(args));
  }
  /// A call to a function template, e.g. `f<layer_params>(...)`.
  void emit(Location loc, StringRef callee, StringRef templateArgument) {
    emitc::CallOpaqueOp::create(
        builder, loc, TypeRange{}, callee, operands, builder.getArrayAttr(args),
        builder.getArrayAttr(
            {emitc::OpaqueAttr::get(builder.getContext(), templateArgument)}));
  }

private:
  OpBuilder &builder;
  SmallVector<Attribute> args;
  SmallVector<Value> operands;
};

class ModelEmitter {
public:
  ModelEmitter(func::FuncOp function, StringRef name)
      : function(function), name(name), builder(function.getContext()) {}

  LogicalResult emit(ModuleOp module);

private:
  void emitHeader(emitc::FileOp file);
  void emitWeights();
  LogicalResult emitInvoke();
  LogicalResult emitInit();
  LogicalResult emitKernelCall(Operation *op);
  LogicalResult emitKernelCallOnly(Operation *op);

  Value pointerTo(Value tensor) { return pointers.lookup(tensor); }
  Value arenaView(Value arena, Type element, int64_t offset, Location loc);
  Value constArray(StringRef arrayName, ArrayRef<int32_t> values, Location loc);
  Value constArray(StringRef arrayName, ArrayRef<float> values, Location loc);
  Value scratchView(Operation *op, Type element, Location loc);
  /// A file-scope definition (e.g. a constexpr parameter struct), placed with
  /// the per-layer parameter arrays.
  void constDefinition(StringRef text, Location loc);
  Type pointerType(Type element, bool isConst) {
    if (isConst)
      return emitc::PointerType::get(emitc::OpaqueType::get(
          builder.getContext(), "const " + cTypeName(element)));
    return emitc::PointerType::get(element);
  }
  Type arenaType() {
    return emitc::PointerType::get(
        IntegerType::get(builder.getContext(), 8, IntegerType::Unsigned));
  }
  FunctionType invokeType();
  std::string upperName() const { return StringRef(name).upper(); }

  func::FuncOp function;
  std::string name;
  OpBuilder builder;
  llvm::DenseMap<Value, Value> pointers;
  llvm::DenseMap<StringRef, StringRef> weightGlobals;
  llvm::SetVector<StringRef> kernelHeaders;
  Operation *parameterAnchor = nullptr;
};

} // namespace ingot::emitc_lowering

#endif // INGOT_CONVERSION_KERNELTOEMITC_MODELEMITTER_H
