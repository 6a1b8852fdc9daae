//===- Profile.cpp - ingot profile
//-------------------------------------------===//
//
// Placeholder while `ingot profile` is written (issue 10).
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "llvm/Support/raw_ostream.h"

namespace ingot::driver {

int profileModel(llvm::StringRef modelPath) {
  llvm::errs() << "ingot profile: error: not built yet (" << modelPath << ")\n";
  return 1;
}

} // namespace ingot::driver
