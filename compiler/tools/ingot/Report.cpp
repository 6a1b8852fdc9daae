//===- Report.cpp - ingot report
//-------------------------------------------===//
//
// Placeholder while `ingot report` is written (issue 10).
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "llvm/Support/raw_ostream.h"

namespace ingot::driver {

int reportModel(llvm::StringRef modelPath) {
  llvm::errs() << "ingot report: error: not built yet (" << modelPath << ")\n";
  return 1;
}

} // namespace ingot::driver
