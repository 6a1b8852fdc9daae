//===- Run.cpp - ingot run ------------------------------------------------===//
//
// This file implements `ingot run`: the generated code is built for the host
// with a small harness that reads raw input tensors, calls init and invoke
// once, and writes raw output tensors, the same contract as the reference
// files in the conformance suite.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace ingot::driver {

TensorSlot describeTensor(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  Type element = tensor.getElementType();
  TensorSlot slot;
  unsigned width = element.getIntOrFloatBitWidth();
  slot.cType = element.isF32() ? "float"
               : element.isInteger(1)
                   ? "bool"
                   : (element.isUnsignedInteger() ? "uint" : "int") +
                         std::to_string(width) + "_t";
  slot.elements = tensor.getNumElements();
  slot.bytes = slot.elements * ((width + 7) / 8);
  llvm::raw_string_ostream os(slot.description);
  os << slot.cType << " [";
  llvm::interleave(tensor.getShape(), os, ",");
  os << "]";
  return slot;
}

namespace {

/// A main() that moves raw bytes between files and the model's buffers.
std::string harnessSource(llvm::StringRef name,
                          const std::vector<TensorSlot> &inputs,
                          const std::vector<TensorSlot> &outputs) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string upper = llvm::StringRef(name).upper();
  os << "#include \"" << name << ".h\"\n"
     << "#include <cstdio>\n\n"
     << "alignas(16) static uint8_t arena[" << upper << "_ARENA_BYTES > 0 ? "
     << upper << "_ARENA_BYTES : 1];\n";
  for (size_t i = 0; i < inputs.size(); ++i)
    os << "static " << inputs[i].cType << " input" << i << "["
       << inputs[i].elements << "];\n";
  for (size_t i = 0; i < outputs.size(); ++i)
    os << "static " << outputs[i].cType << " output" << i << "["
       << outputs[i].elements << "];\n";
  os << R"(
static bool transfer(const char *path, void *data, size_t bytes, bool read) {
  FILE *file = std::fopen(path, read ? "rb" : "wb");
  if (!file) {
    std::fprintf(stderr, "cannot open %s\n", path);
    return false;
  }
  size_t done = read ? std::fread(data, 1, bytes, file)
                     : std::fwrite(data, 1, bytes, file);
  std::fclose(file);
  if (done != bytes)
    std::fprintf(stderr, "short %s on %s\n", read ? "read" : "write", path);
  return done == bytes;
}

int main(int argc, char **argv) {
)";
  size_t total = inputs.size() + outputs.size();
  os << "  if (argc != " << total + 1 << ") return 2;\n";
  for (size_t i = 0; i < inputs.size(); ++i)
    os << "  if (!transfer(argv[" << i + 1 << "], input" << i
       << ", sizeof input" << i << ", true)) return 1;\n";
  os << "  " << name << "_init(arena);\n  " << name << "_invoke(";
  for (size_t i = 0; i < inputs.size(); ++i)
    os << "input" << i << ", ";
  for (size_t i = 0; i < outputs.size(); ++i)
    os << "output" << i << ", ";
  os << "arena);\n";
  for (size_t i = 0; i < outputs.size(); ++i)
    os << "  if (!transfer(argv[" << inputs.size() + i + 1 << "], output" << i
       << ", sizeof output" << i << ", false)) return 1;\n";
  os << "  return 0;\n}\n";
  return text;
}

int fail(const llvm::Twine &message) {
  diagnostics() << "ingot: error: " << message << "\n";
  return 1;
}

} // namespace

int runModel(llvm::StringRef modelPath, const std::vector<std::string> &inputs,
             llvm::StringRef outputDir, llvm::StringRef compilerCommand,
             bool keepBuild) {
  std::string name = "model";
  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module =
      lowerModel(*context, modelPath, Stage::Kernel, name);
  if (!module)
    return 1;
  auto function = *module->getOps<func::FuncOp>().begin();
  std::vector<TensorSlot> inputSlots, outputSlots;
  for (Type type : function.getArgumentTypes())
    inputSlots.push_back(describeTensor(type));
  for (Type type : function.getResultTypes())
    outputSlots.push_back(describeTensor(type));

  if (inputs.size() != inputSlots.size())
    return fail(
        modelPath + ": the model has " + llvm::Twine(inputSlots.size()) +
        " input(s) but " + llvm::Twine(inputs.size()) +
        " --input file(s) were given; pass one --input per model input");
  for (size_t i = 0; i < inputs.size(); ++i) {
    uint64_t size = 0;
    if (llvm::sys::fs::file_size(inputs[i], size))
      return fail("cannot read input file " + inputs[i]);
    if (static_cast<int64_t>(size) != inputSlots[i].bytes)
      return fail(inputs[i] + " has " + llvm::Twine(size) +
                  " bytes, but input " + llvm::Twine(i) + " of " + modelPath +
                  " is " + inputSlots[i].description + " = " +
                  llvm::Twine(inputSlots[i].bytes) + " bytes");
  }

  PassManager pm(context.get());
  buildKernelToEmitCPipeline(pm, name);
  if (failed(pm.run(*module)))
    return 1;
  FailureOr<CppSources> sources = translateModelToCpp(*module);
  if (failed(sources))
    return fail(modelPath +
                ": the C++ translator rejected the generated EmitC");

  llvm::SmallString<128> buildDir;
  if (llvm::sys::fs::createUniqueDirectory("ingot-run", buildDir))
    return fail("cannot create a temporary build folder");
  if (failed(writeCppPackage(*sources, buildDir, name, diagnostics())))
    return 1;
  llvm::SmallString<128> harness(buildDir), binary(buildDir);
  llvm::sys::path::append(harness, "main.cpp");
  llvm::sys::path::append(binary, "model_runner");
  {
    std::error_code error;
    llvm::raw_fd_ostream os(harness, error);
    if (error)
      return fail("cannot write " + harness);
    os << harnessSource(name, inputSlots, outputSlots);
  }

  auto compiler = llvm::sys::findProgramByName(compilerCommand);
  if (!compiler)
    return fail("cannot find the C++ compiler '" + compilerCommand +
                "'; install g++ or pass --cxx");
  llvm::SmallString<128> source(buildDir);
  llvm::sys::path::append(source, name + ".cpp");
  std::string includeFlag = ("-I" + buildDir).str();
  llvm::SmallVector<llvm::StringRef> compileArgs = {
      *compiler, "-std=c++17", "-O2", includeFlag,
      source,    harness,      "-o",  binary};
  if (llvm::sys::ExecuteAndWait(*compiler, compileArgs) != 0)
    return fail("building the generated code for " + modelPath +
                " failed (build folder: " + buildDir + ")");

  if (llvm::sys::fs::create_directories(outputDir))
    return fail("cannot create the output folder " + outputDir);
  std::vector<std::string> runArgsStorage = {std::string(binary)};
  for (const std::string &input : inputs)
    runArgsStorage.push_back(input);
  for (size_t i = 0; i < outputSlots.size(); ++i) {
    llvm::SmallString<128> path(outputDir);
    llvm::sys::path::append(path, "output" + std::to_string(i) + ".bin");
    runArgsStorage.push_back(std::string(path));
  }
  llvm::SmallVector<llvm::StringRef> runArgs(runArgsStorage.begin(),
                                             runArgsStorage.end());
  int status = llvm::sys::ExecuteAndWait(binary, runArgs);
  if (keepBuild)
    llvm::outs() << "build folder: " << buildDir << "\n";
  else
    llvm::sys::fs::remove_directories(buildDir);
  if (status != 0)
    return fail("the compiled model exited with status " + llvm::Twine(status));
  return 0;
}

} // namespace ingot::driver
