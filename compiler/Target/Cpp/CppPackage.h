//===- CppPackage.h - Write a compiled model as a C++ folder ----*- C++ -*-===//
#ifndef INGOT_TARGET_CPP_CPPPACKAGE_H
#define INGOT_TARGET_CPP_CPPPACKAGE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace ingot {

/// The two C++ texts of a model lowered to EmitC.
struct CppSources {
  std::string header;
  std::string source;
};

/// Translates the `header` and `source` emitc.file ops of `module` to C++.
mlir::FailureOr<CppSources> translateModelToCpp(mlir::ModuleOp module);

/// Writes `DIR/NAME.h`, `DIR/NAME.cpp` and every runtime header the source
/// includes (transitively) under `DIR/ingot/runtime/`, so that the folder
/// builds with `c++ -std=c++17 -I DIR -c DIR/NAME.cpp`. Reports problems on
/// `errors` and returns failure.
mlir::LogicalResult writeCppPackage(const CppSources &sources,
                                    llvm::StringRef directory,
                                    llvm::StringRef name,
                                    llvm::raw_ostream &errors);

} // namespace ingot

#endif // INGOT_TARGET_CPP_CPPPACKAGE_H
