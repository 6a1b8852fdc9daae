//===- Targets.h - The machines ingot compiles for ---------------*- C++
//-*-===//
//
// The names `ingot compile --target=NAME` accepts and the features each
// stands for. Passes never see the name's meaning: the driver turns it into a
// #kernel.target attribute on the module, and passes read its features.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_TARGET_MACHINES_TARGETS_H
#define INGOT_TARGET_MACHINES_TARGETS_H

#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace ingot::target {

struct TargetDescription {
  llvm::StringLiteral name;
  llvm::StringLiteral summary;
  bool dsp;
  bool mve;
  bool fpu;
  bool dcache;
};

/// Every target, `generic` first.
llvm::ArrayRef<TargetDescription> allTargets();

/// The target called `name`, if there is one.
std::optional<TargetDescription> lookupTarget(llvm::StringRef name);

/// "generic, host, cortex-m4, ..." for messages and --help.
std::string targetNames();

/// The module attribute for `target` and an `optimize` of "speed" or "size".
kernel::TargetAttr makeTargetAttr(mlir::MLIRContext *context,
                                  const TargetDescription &target,
                                  llvm::StringRef optimize);

} // namespace ingot::target

#endif // INGOT_TARGET_MACHINES_TARGETS_H
