//===- Targets.cpp - The machines ingot compiles for ----------------------===//
#include "Target/Machines/Targets.h"

using namespace ingot::target;

static const TargetDescription kTargets[] = {
    {"generic", "portable reference kernels, any C++17 compiler", false, false,
     false, false},
    {"host", "the machine ingot runs on (reference kernels for now)", false,
     false, true, true},
    {"cortex-m4", "Armv7E-M with DSP and single-precision FPU", true, false,
     true, false},
    {"cortex-m7", "Armv7E-M with DSP, FPU and data cache", true, false, true,
     true},
    {"cortex-m55", "Armv8.1-M with DSP, MVE (Helium) and FPU", true, true, true,
     true},
};

llvm::ArrayRef<TargetDescription> ingot::target::allTargets() {
  return kTargets;
}

std::optional<TargetDescription>
ingot::target::lookupTarget(llvm::StringRef name) {
  for (const TargetDescription &target : kTargets)
    if (target.name == name)
      return target;
  return std::nullopt;
}

std::string ingot::target::targetNames() {
  std::string names;
  for (const TargetDescription &target : kTargets)
    names += (names.empty() ? "" : ", ") + target.name.str();
  return names;
}

ingot::kernel::TargetAttr
ingot::target::makeTargetAttr(mlir::MLIRContext *context,
                              const TargetDescription &target,
                              llvm::StringRef optimize) {
  return kernel::TargetAttr::get(context, target.name, target.dsp, target.mve,
                                 target.fpu, target.dcache, optimize);
}
