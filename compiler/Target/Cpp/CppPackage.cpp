//===- CppPackage.cpp - Write a compiled model as a C++ folder ------------===//
//
// This file implements the last step of `ingot compile`: MLIR's EmitC
// translator prints the header and source, and the runtime headers they
// include are copied from the copy embedded in the binary at build time.
//
//===----------------------------------------------------------------------===//
#include "Target/Cpp/CppPackage.h"

#include "mlir/Target/Cpp/CppEmitter.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <set>

using namespace mlir;

namespace {

struct EmbeddedHeader {
  const char *path;
  const char *text;
};

const EmbeddedHeader kRuntimeHeaders[] = {
#include "RuntimeHeaders.inc"
};

/// The `ingot/runtime/...` headers a C++ text includes with quotes.
llvm::SmallVector<std::string> runtimeIncludes(llvm::StringRef text) {
  llvm::SmallVector<std::string> found;
  llvm::StringRef marker = "#include \"ingot/runtime/";
  size_t position = 0;
  while ((position = text.find(marker, position)) != llvm::StringRef::npos) {
    size_t start = position + strlen("#include \"");
    size_t end = text.find('"', start);
    if (end == llvm::StringRef::npos)
      break;
    found.push_back(text.slice(start, end).str());
    position = end;
  }
  return found;
}

mlir::LogicalResult writeFile(llvm::StringRef path, llvm::StringRef contents,
                              llvm::raw_ostream &errors) {
  if (std::error_code error = llvm::sys::fs::create_directories(
          llvm::sys::path::parent_path(path))) {
    errors << "cannot create the folder for " << path << ": " << error.message()
           << "\n";
    return failure();
  }
  std::error_code error;
  llvm::raw_fd_ostream os(path, error, llvm::sys::fs::OF_None);
  if (error) {
    errors << "cannot write " << path << ": " << error.message() << "\n";
    return failure();
  }
  os << contents;
  return success();
}

} // namespace

FailureOr<ingot::CppSources> ingot::translateModelToCpp(ModuleOp module) {
  CppSources sources;
  llvm::raw_string_ostream header(sources.header);
  llvm::raw_string_ostream source(sources.source);
  if (failed(emitc::translateToCpp(module, header, false, "header")) ||
      failed(emitc::translateToCpp(module, source, false, "source")))
    return failure();
  return sources;
}

LogicalResult ingot::writeCppPackage(const CppSources &sources,
                                     llvm::StringRef directory,
                                     llvm::StringRef name,
                                     llvm::raw_ostream &errors) {
  llvm::StringMap<const char *> embedded;
  for (const EmbeddedHeader &header : kRuntimeHeaders)
    embedded[header.path] = header.text;

  llvm::SetVector<std::string, std::vector<std::string>, std::set<std::string>>
      needed;
  for (std::string &include : runtimeIncludes(sources.source))
    needed.insert(include);
  // Headers include each other; the set grows while it is walked.
  for (size_t i = 0; i < needed.size(); ++i) {
    auto it = embedded.find(needed[i]);
    if (it == embedded.end()) {
      errors << "internal error: the generated code includes " << needed[i]
             << ", which is not part of this ingot's runtime\n";
      return failure();
    }
    for (std::string &include : runtimeIncludes(it->second))
      needed.insert(include);
  }

  auto join = [&](llvm::StringRef file) {
    llvm::SmallString<256> path(directory);
    llvm::sys::path::append(path, file);
    return std::string(path);
  };
  if (failed(writeFile(join((name + ".h").str()), sources.header, errors)) ||
      failed(writeFile(join((name + ".cpp").str()), sources.source, errors)))
    return failure();
  std::vector<std::string> sorted(needed.begin(), needed.end());
  std::sort(sorted.begin(), sorted.end());
  for (const std::string &header : sorted)
    if (failed(writeFile(join(header), embedded[header], errors)))
      return failure();
  return success();
}
