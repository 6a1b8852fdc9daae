//===- Profile.cpp - ingot profile ----------------------------------------===//
//
// This file implements `ingot profile`: the model's generated code is built
// with the INGOT_PROFILE_LAYER_BEGIN/END hooks (ingot/runtime/config.h)
// defined to time each layer, and run, either on this machine (steady clock,
// the median of several runs) or as a bare-metal image on a Cortex-M core
// emulated by QEMU with -icount shift=0, where the harness of
// benchmarks/cortex-m (embedded in this binary) counts instructions. It
// prints each layer's cost next to the MACs the compiler passed to the hooks.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <optional>

using namespace mlir;
using namespace llvm;

namespace ingot::driver {
namespace {

cl::opt<unsigned>
    runCount("runs",
             cl::desc("Host: invokes to time after one warm-up; each layer's "
                      "figure is the median (default 20)"),
             cl::init(20), cl::sub(profileSubcommand()),
             cl::cat(optionCategory()));
cl::list<std::string>
    inputFiles("input",
               cl::desc("Raw little-endian input tensor, once per model "
                        "input in order (default: all bytes zero)"),
               cl::value_desc("file.bin"), cl::sub(profileSubcommand()),
               cl::cat(optionCategory()));
cl::opt<std::string>
    qemuCore("qemu",
             cl::desc("Run on QEMU instead of this machine and count "
                      "instructions: cortex-m4 (mps2-an386), cortex-m7 "
                      "(mps2-an500) or cortex-m55 (mps3-an547); the code is "
                      "compiled for that core unless --target says otherwise"),
             cl::value_desc("core"), cl::sub(profileSubcommand()),
             cl::cat(optionCategory()));
cl::opt<std::string>
    profileCompiler("cxx",
                    cl::desc("Host: C++ compiler (default: $CXX, else c++)"),
                    cl::value_desc("compiler"), cl::sub(profileSubcommand()),
                    cl::cat(optionCategory()));
cl::opt<bool> keepProfileBuild(
    "keep-build",
    cl::desc("Keep the temporary build folder and print its path"),
    cl::sub(profileSubcommand()), cl::cat(optionCategory()));

/// The Cortex-M harness's files (benchmarks/cortex-m), so that an installed
/// ingot needs no source tree.
const std::pair<StringRef, StringRef> kHarnessFiles[] = {
#include "CortexMHarness.inc"
};

struct Board {
  StringRef core;
  StringRef machine;
  StringRef linkerScript;
  StringRef fpuFlag;
};

const Board kBoards[] = {
    {"cortex-m4", "mps2-an386", "mps2.ld", "-mfpu=fpv4-sp-d16"},
    {"cortex-m7", "mps2-an500", "mps2.ld", "-mfpu=fpv5-d16"},
    // -mfpu=auto: the FPU and MVE the core has.
    {"cortex-m55", "mps3-an547", "mps3-an547.ld", ""},
};

/// One layer of one run: the records of its kernel ops (a TFLite operator
/// can lower to several) added together.
struct LayerCost {
  int64_t index = 0;
  std::string name;
  std::string op;
  int64_t macs = 0;
  double cost = 0;
};

int fail(const Twine &message) {
  diagnostics() << "ingot profile: error: " << message << "\n";
  return 1;
}

/// Adds one hook record to `layers`, merging it into the last layer when it
/// comes from the same TFLite operator.
void addRecord(std::vector<LayerCost> &layers, int64_t index, StringRef name,
               StringRef op, int64_t macs, double cost) {
  if (!layers.empty() && layers.back().index == index) {
    layers.back().macs += macs;
    layers.back().cost += cost;
    return;
  }
  layers.push_back({index, name.str(), op.str(), macs, cost});
}

/// `key=value` fields of a harness line; `name=` runs to the end of the line.
StringMap<std::string> parseFields(StringRef rest) {
  StringMap<std::string> fields;
  size_t name = rest.find(" name=");
  if (name != StringRef::npos) {
    fields["name"] = rest.substr(name + 6).str();
    rest = rest.take_front(name);
  }
  SmallVector<StringRef> tokens;
  rest.split(tokens, ' ', -1, /*KeepEmpty=*/false);
  for (StringRef token : tokens) {
    auto [key, value] = token.split('=');
    fields[key] = value.str();
  }
  return fields;
}

int64_t integerField(const StringMap<std::string> &fields, StringRef key) {
  int64_t value = 0;
  auto found = fields.find(key);
  if (found != fields.end())
    (void)StringRef(found->second).getAsInteger(10, value);
  return value;
}

/// C++ text of a `static const uint8_t NAME[]` holding `bytes`.
std::string byteArray(StringRef name, StringRef bytes) {
  std::string text = ("alignas(16) static const uint8_t " + name + "[" +
                      Twine(std::max<size_t>(bytes.size(), 1)) + "] = {")
                         .str();
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % 24 == 0)
      text += "\n ";
    text += " " + std::to_string(static_cast<uint8_t>(bytes[i])) + ",";
  }
  return text + "};\n";
}

/// Declarations and input copies shared by both harnesses: the arena, one
/// buffer per input and output, the inputs' bytes, `prepare()` (copy the
/// inputs, init) and `invoke()`.
std::string modelBuffers(ArrayRef<TensorSlot> inputs,
                         ArrayRef<TensorSlot> outputs,
                         ArrayRef<std::string> inputBytes) {
  std::string text;
  raw_string_ostream os(text);
  os << "alignas(16) static uint8_t arena[MODEL_ARENA_BYTES > 0 ? "
        "MODEL_ARENA_BYTES : 1];\n";
  for (size_t i = 0; i < inputs.size(); ++i) {
    os << "alignas(16) static " << inputs[i].cType << " input" << i << "["
       << inputs[i].elements << "];\n";
    os << byteArray("input" + std::to_string(i) + "_bytes", inputBytes[i]);
  }
  for (size_t i = 0; i < outputs.size(); ++i)
    os << "alignas(16) static " << outputs[i].cType << " output" << i << "["
       << outputs[i].elements << "];\n";
  os << "\n// The same inputs and a fresh state before every invoke.\n"
     << "static void prepare() {\n";
  for (size_t i = 0; i < inputs.size(); ++i)
    os << "  memcpy(input" << i << ", input" << i << "_bytes, sizeof input" << i
       << ");\n";
  os << "  model_init(arena);\n}\n\nstatic void invoke() {\n  model_invoke(";
  for (size_t i = 0; i < inputs.size(); ++i)
    os << "input" << i << ", ";
  for (size_t i = 0; i < outputs.size(); ++i)
    os << "output" << i << ", ";
  os << "arena);\n}\n";
  return text;
}

/// The host harness: hooks that read the steady clock, then `runs` timed
/// invokes after a warm-up, each printed as `layer INDEX NS MACS OP NAME`
/// lines after a `run R INVOKE_NS` line.
std::string hostMainSource(ArrayRef<TensorSlot> inputs,
                           ArrayRef<TensorSlot> outputs,
                           ArrayRef<std::string> inputBytes, unsigned runs) {
  std::string text =
      R"cpp(// ingot profile: the model with per-layer timing hooks.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace profile {
using Clock = std::chrono::steady_clock;
struct Record {
  int index;
  const char *name;
  const char *op;
  unsigned long long macs;
  long long ns;
};
constexpr unsigned kMaxRecords = 4096;
Record records[kMaxRecords];
unsigned count;
Clock::time_point opened;

inline void end(int index, const char *name, const char *op,
                unsigned long long macs) {
  Clock::time_point now = Clock::now();
  if (count < kMaxRecords)
    records[count++] = {index, name, op, macs,
                        std::chrono::duration_cast<std::chrono::nanoseconds>(
                            now - opened).count()};
}
} // namespace profile

#define INGOT_PROFILE_LAYER_BEGIN(index, layer, op, macs)                     \
  (profile::opened = profile::Clock::now())
#define INGOT_PROFILE_LAYER_END(index, layer, op, macs)                       \
  profile::end((index), (layer), (op), (macs))

#include "model.cpp"

)cpp";
  text += modelBuffers(inputs, outputs, inputBytes);
  text += R"cpp(
int main() {
  const int runs = )cpp" +
          std::to_string(runs) + R"cpp(;
  for (int run = 0; run <= runs; ++run) {
    prepare();
    profile::count = 0;
    profile::Clock::time_point start = profile::Clock::now();
    invoke();
    profile::Clock::time_point end = profile::Clock::now();
    if (run == 0)
      continue; // warm-up: caches, page faults
    std::printf("run %d %lld\n", run,
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::nanoseconds>(
                        end - start).count()));
    if (profile::count == profile::kMaxRecords)
      std::printf("error more than %u layers\n", profile::kMaxRecords);
    for (unsigned i = 0; i < profile::count; ++i) {
      const profile::Record &r = profile::records[i];
      std::printf("layer index=%d ns=%lld macs=%llu op=%s name=%s\n", r.index,
                  r.ns, r.macs, r.op, r.name);
    }
  }
  return 0;
}
)cpp";
  return text;
}

/// The bare-metal harness: benchmarks/cortex-m's counter and profile hooks
/// around the second of two invokes (as run.py measures), then the hooks'
/// own cost.
std::string qemuMainSource(ArrayRef<TensorSlot> inputs,
                           ArrayRef<TensorSlot> outputs,
                           ArrayRef<std::string> inputBytes) {
  std::string text = R"cpp(// ingot profile --qemu: the model with the Cortex-M
// harness's per-layer hooks (profile.h), counting instructions.
#define INGOT_HARNESS_PROFILE
#include "counter.h"
#include "profile.h"
#include "semihosting.h"

#include <cstdint>
#include <cstring>

#include "model.cpp"

)cpp";
  text += modelBuffers(inputs, outputs, inputBytes);
  text += R"cpp(
int main() {
  counter_start();
  uint64_t calibration_ticks = counter_calibrate();
  out_str("ingot-harness calibration ticks=");
  out_u64(calibration_ticks);
  out_line();
  for (unsigned run = 1; run <= 2; ++run) {
    prepare();
    uint64_t start = counter_ticks();
    if (run == 2)
      profile_begin(start);
    invoke();
    uint64_t end = counter_ticks();
    if (run == 2)
      profile_end(end);
    out_str("ingot-harness invoke run=");
    out_u64(run);
    out_str(" ticks=");
    out_u64(end - start);
    out_str(" instructions=");
    out_u64(counter_instructions(end - start, calibration_ticks));
    out_line();
  }
  profile_print(calibration_ticks);
  profile_measure_hooks(256, calibration_ticks);
  out_str("ingot-harness done failures=0");
  out_line();
  return 0;
}
)cpp";
  return text;
}

LogicalResult writeFile(const Twine &path, StringRef contents) {
  std::error_code error;
  raw_fd_ostream os(path.str(), error);
  if (!error) {
    os << contents;
    os.close();
    error = os.error();
  }
  if (error) {
    fail("cannot write " + path + ": " + error.message());
    return failure();
  }
  return success();
}

/// Runs `arguments` (the first is the program), its stdout and stderr into
/// `log`. Returns the exit status, or -1 when it could not run.
int execute(ArrayRef<std::string> arguments, StringRef log,
            std::string &message, unsigned timeoutSeconds = 0) {
  SmallVector<StringRef> argv(arguments.begin(), arguments.end());
  std::optional<StringRef> redirects[] = {StringRef(), log, log};
  return sys::ExecuteAndWait(argv.front(), argv, std::nullopt, redirects,
                             timeoutSeconds, 0, &message);
}

std::string readText(StringRef path) {
  auto buffer = MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// Host: builds `main.cpp` (which includes model.cpp) and runs it.
FailureOr<std::vector<LayerCost>> profileOnHost(StringRef folder, unsigned runs,
                                                double &invokeNs) {
  std::string compilerName = profileCompiler;
  if (compilerName.empty())
    compilerName = sys::Process::GetEnv("CXX").value_or("c++");
  auto compiler = sys::findProgramByName(compilerName);
  if (!compiler) {
    fail("cannot find the C++ compiler '" + compilerName +
         "'; install g++ (Debian's g++ package) or pass --cxx");
    return failure();
  }
  std::string message;
  std::string log = (folder + "/build.log").str();
  std::string program = (folder + "/profile").str();
  if (execute({*compiler, "-std=c++17", "-O2", "-I" + folder.str(),
               (folder + "/main.cpp").str(), "-o", program},
              log, message) != 0) {
    fail("building the generated code with " + *compiler + " failed" +
         (message.empty() ? "" : ": " + message) + " (build folder: " + folder +
         ")\n" + readText(log));
    return failure();
  }
  std::string output = (folder + "/output.txt").str();
  if (execute({program}, output, message) != 0) {
    fail("the profiled model failed" + (message.empty() ? "" : ": " + message) +
         " (build folder: " + folder + ")\n" + readText(output));
    return failure();
  }

  // Per run, the layers; then the median of each layer over the runs.
  std::vector<std::vector<LayerCost>> perRun;
  std::vector<double> invokes;
  SmallVector<StringRef> lines;
  std::string text = readText(output);
  StringRef(text).split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef line : lines) {
    if (line.consume_front("run ")) {
      perRun.emplace_back();
      invokes.push_back(std::atof(line.split(' ').second.str().c_str()));
    } else if (line.consume_front("layer ") && !perRun.empty()) {
      StringMap<std::string> fields = parseFields(line);
      addRecord(perRun.back(), integerField(fields, "index"), fields["name"],
                fields["op"], integerField(fields, "macs"),
                static_cast<double>(integerField(fields, "ns")));
    } else if (line.consume_front("error ")) {
      fail(line);
      return failure();
    }
  }
  if (perRun.empty() || perRun.front().empty()) {
    fail("the profiled model reported no layers (build folder: " + folder +
         ")");
    return failure();
  }
  auto median = [](std::vector<double> values) {
    std::sort(values.begin(), values.end());
    size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle]
                             : (values[middle - 1] + values[middle]) / 2;
  };
  std::vector<LayerCost> layers = perRun.front();
  for (size_t i = 0; i < layers.size(); ++i) {
    std::vector<double> costs;
    for (const std::vector<LayerCost> &run : perRun)
      if (i < run.size())
        costs.push_back(run[i].cost);
    layers[i].cost = median(costs);
  }
  invokeNs = median(invokes);
  return layers;
}

/// What the image measured besides the layers, in instructions.
struct QemuFigures {
  /// The profiled invoke, hooks included.
  double invoke = 0;
  /// One empty pair of hooks.
  double hooks = 0;
  /// One SysTick tick: the counter's resolution.
  double perTick = 0;
};

/// QEMU: writes the harness files, builds the image and runs it.
FailureOr<std::vector<LayerCost>>
profileOnQemu(StringRef folder, const Board &board, QemuFigures &figures) {
  auto qemu = sys::findProgramByName("qemu-system-arm");
  if (!qemu) {
    fail("--qemu needs qemu-system-arm, which is not on PATH; install "
         "Debian's qemu-system-arm package");
    return failure();
  }
  auto gcc = sys::findProgramByName("arm-none-eabi-gcc");
  auto gxx = sys::findProgramByName("arm-none-eabi-g++");
  if (!gcc || !gxx) {
    fail("--qemu needs the arm-none-eabi cross compiler, which is not on "
         "PATH; install Debian's gcc-arm-none-eabi, libnewlib-arm-none-eabi "
         "and libstdc++-arm-none-eabi-newlib packages");
    return failure();
  }
  for (const auto &[name, contents] : kHarnessFiles)
    if (failed(writeFile(folder + "/" + name, contents)))
      return failure();

  std::vector<std::string> cpuFlags = {"-mcpu=" + board.core.str(), "-mthumb",
                                       "-mfloat-abi=hard"};
  if (!board.fpuFlag.empty())
    cpuFlags.push_back(board.fpuFlag.str());
  std::vector<std::string> commonFlags = {
      "-O2", "-ffunction-sections", "-fdata-sections", "-I" + folder.str()};
  std::string log = (folder + "/build.log").str();
  std::string message;
  std::vector<std::string> objects;
  auto compile = [&](StringRef compiler, StringRef source,
                     ArrayRef<std::string> languageFlags) {
    std::string object = (folder + "/" + source + ".o").str();
    std::vector<std::string> command = {compiler.str()};
    command.insert(command.end(), cpuFlags.begin(), cpuFlags.end());
    command.insert(command.end(), commonFlags.begin(), commonFlags.end());
    command.insert(command.end(), languageFlags.begin(), languageFlags.end());
    command.insert(command.end(),
                   {"-c", (folder + "/" + source).str(), "-o", object});
    objects.push_back(object);
    if (execute(command, log, message) == 0)
      return success();
    fail("building the Cortex-M image (" + source + ") with " + compiler +
         " failed" + (message.empty() ? "" : ": " + message) +
         " (build folder: " + folder + ")\n" + readText(log));
    return failure();
  };
  const std::vector<std::string> cFlags = {"-std=c11"};
  const std::vector<std::string> cxxFlags = {"-std=c++17", "-fno-exceptions",
                                             "-fno-rtti"};
  for (StringRef source : {"startup.c", "semihosting.c", "counter.c"})
    if (failed(compile(*gcc, source, cFlags)))
      return failure();
  for (StringRef source : {"profile.cpp", "main.cpp"})
    if (failed(compile(*gxx, source, cxxFlags)))
      return failure();
  std::string image = (folder + "/profile.elf").str();
  std::vector<std::string> link = {*gxx};
  link.insert(link.end(), cpuFlags.begin(), cpuFlags.end());
  link.insert(link.end(),
              {"--specs=nano.specs", "--specs=nosys.specs", "-nostartfiles",
               "-Wl,--gc-sections", "-L" + folder.str(),
               "-T" + (folder + "/" + board.linkerScript).str()});
  link.insert(link.end(), objects.begin(), objects.end());
  link.insert(link.end(), {"-o", image});
  if (execute(link, log, message) != 0) {
    fail("linking the Cortex-M image failed" +
         (message.empty() ? "" : ": " + message) +
         " (the model may not fit the board's memory; build folder: " + folder +
         ")\n" + readText(log));
    return failure();
  }

  std::string output = (folder + "/output.txt").str();
  int status =
      execute({*qemu, "-machine", board.machine.str(), "-cpu", board.core.str(),
               "-icount", "shift=0", "-semihosting", "-nographic", "-monitor",
               "none", "-serial", "none", "-kernel", image},
              output, message, /*timeoutSeconds=*/600);
  std::string text = readText(output);
  if (status != 0 ||
      StringRef(text).find("ingot-harness done") == StringRef::npos) {
    fail("the image failed on QEMU " + board.machine + " (exit status " +
         Twine(status) + (message.empty() ? "" : ", " + message) +
         "; build folder: " + folder + ")\n" + text);
    return failure();
  }

  std::vector<LayerCost> layers;
  SmallVector<StringRef> lines;
  StringRef(text).split(lines, '\n', -1, /*KeepEmpty=*/false);
  double calibrationTicks = 0, hookTicks = 0, hookPairs = 0, invokeTicks = 0;
  std::vector<std::pair<StringMap<std::string>, double>> records;
  for (StringRef line : lines) {
    line = line.trim();
    if (!line.consume_front("ingot-harness "))
      continue;
    auto [kind, rest] = line.split(' ');
    StringMap<std::string> fields = parseFields(rest);
    if (kind == "calibration")
      calibrationTicks = integerField(fields, "ticks");
    else if (kind == "hooks") {
      hookTicks = integerField(fields, "ticks");
      hookPairs = integerField(fields, "pairs");
    } else if (kind == "invoke" && integerField(fields, "run") == 2)
      invokeTicks = integerField(fields, "ticks");
    else if (kind == "layer")
      records.push_back({fields, integerField(fields, "ticks")});
  }
  if (calibrationTicks <= 0 || hookPairs <= 0 || records.empty()) {
    fail("the image printed no profile (build folder: " + folder + ")\n" +
         text);
    return failure();
  }
  // Ticks to instructions by the image's own calibration (counter.h); each
  // layer less what an empty pair of hooks measures.
  figures.perTick = 10'000'000.0 / calibrationTicks;
  figures.hooks = hookTicks / hookPairs * figures.perTick;
  figures.invoke = std::round(invokeTicks * figures.perTick);
  for (auto &[fields, ticks] : records)
    addRecord(
        layers, integerField(fields, "index"), fields["name"], fields["op"],
        integerField(fields, "macs"),
        std::max(0.0, std::round(ticks * figures.perTick - figures.hooks)));
  return layers;
}

std::string grouped(int64_t value) {
  std::string digits = std::to_string(value), text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      text += ',';
    text += digits[i];
  }
  return text;
}

} // namespace

int profileModel(StringRef modelPath, bool json) {
  const Board *board = nullptr;
  if (!qemuCore.empty()) {
    for (const Board &candidate : kBoards)
      if (candidate.core == qemuCore)
        board = &candidate;
    if (!board)
      return fail("--qemu=" + qemuCore +
                  " is not a core ingot profile emulates; use cortex-m4, "
                  "cortex-m7 or cortex-m55");
    if (!targetChoice().explicitlyChosen) {
      TargetSettings settings = targetChoice();
      settings.name = board->core.str();
      setTarget(settings);
    }
  }
  if (!board && runCount == 0)
    return fail("--runs must be at least 1");

  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module =
      lowerModel(*context, modelPath, Stage::Kernel, "model");
  if (!module)
    return 1;
  auto function = *module->getOps<func::FuncOp>().begin();
  std::vector<TensorSlot> inputs, outputs;
  for (Type type : function.getArgumentTypes())
    inputs.push_back(describeTensor(type));
  for (Type type : function.getResultTypes())
    outputs.push_back(describeTensor(type));

  std::vector<std::string> inputBytes;
  if (inputFiles.empty()) {
    for (const TensorSlot &slot : inputs)
      inputBytes.push_back(std::string(slot.bytes, '\0'));
  } else {
    if (inputFiles.size() != inputs.size())
      return fail(modelPath + " has " + Twine(inputs.size()) +
                  " input(s) but " + Twine(inputFiles.size()) +
                  " --input file(s) were given; pass one per model input, "
                  "or none for all-zero inputs");
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto buffer = MemoryBuffer::getFile(inputFiles[i], /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
      if (!buffer)
        return fail("cannot read --input " + inputFiles[i] + ": " +
                    buffer.getError().message());
      if (static_cast<int64_t>((*buffer)->getBufferSize()) != inputs[i].bytes)
        return fail(
            inputFiles[i] + " has " + Twine((*buffer)->getBufferSize()) +
            " bytes, but input " + Twine(i) + " of " + modelPath + " is " +
            inputs[i].description + " = " + Twine(inputs[i].bytes) + " bytes");
      inputBytes.push_back((*buffer)->getBuffer().str());
    }
  }

  PassManager pm(context.get());
  buildKernelToEmitCPipeline(pm, "model");
  if (failed(pm.run(*module)))
    return 1;
  FailureOr<CppSources> sources = translateModelToCpp(*module);
  if (failed(sources))
    return fail(modelPath + ": the C++ translator rejected the generated "
                            "EmitC");

  SmallString<128> folder;
  if (sys::fs::createUniqueDirectory("ingot-profile", folder))
    return fail("cannot create a temporary build folder");
  if (failed(writeCppPackage(*sources, folder, "model", diagnostics())))
    return 1;
  std::string mainSource =
      board ? qemuMainSource(inputs, outputs, inputBytes)
            : hostMainSource(inputs, outputs, inputBytes, runCount);
  if (failed(writeFile(folder + "/main.cpp", mainSource)))
    return 1;

  double invokeNs = 0;
  QemuFigures figures;
  FailureOr<std::vector<LayerCost>> layers =
      board ? profileOnQemu(folder, *board, figures)
            : profileOnHost(folder, runCount, invokeNs);
  if (failed(layers))
    return 1; // the build folder is kept for inspection
  if (keepProfileBuild)
    diagnostics() << "build folder: " << folder << "\n";
  else
    sys::fs::remove_directories(folder);

  double totalCost = 0;
  int64_t totalMacs = 0;
  for (const LayerCost &layer : *layers) {
    totalCost += layer.cost;
    totalMacs += layer.macs;
  }

  std::string targetName = board ? board->core.str() : std::string("host");
  if (json) {
    json::Array jsonLayers;
    for (const LayerCost &layer : *layers)
      jsonLayers.push_back(json::Object{{"index", layer.index},
                                        {"name", layer.name},
                                        {"op", layer.op},
                                        {"macs", layer.macs},
                                        {"cost", layer.cost}});
    json::Object report{{"model", modelPath.str()},
                        {"target", targetName},
                        {"unit", board ? "instructions" : "ns"},
                        {"layers", std::move(jsonLayers)},
                        {"total", totalCost}};
    outs() << formatv("{0:2}", json::Value(std::move(report))) << "\n";
    return 0;
  }

  std::string inputsNote = inputFiles.empty()
                               ? "inputs: all bytes zero (no --input given)"
                               : "inputs: the --input files";
  raw_ostream &os = outs();
  if (board)
    os << modelPath << " on " << board->core << " (QEMU " << board->machine
       << ", -icount shift=0: instructions executed), code for --target="
       << targetChoice().name << ", image at -O2; " << inputsNote << "\n\n";
  else
    os << modelPath << " on this machine (steady clock, median of " << runCount
       << " runs after a warm-up), code for --target=" << targetChoice().name
       << ", built with -O2; " << inputsNote << "\n\n";

  // "µ" takes two bytes and one column.
  os << format(board ? "%5s  %-26s %-20s %12s %14s %7s %10s\n"
                     : "%5s  %-26s %-20s %12s %15s %7s %10s\n",
               "#", "layer", "op", "MACs", board ? "instructions" : "time (µs)",
               "share", board ? "instr/MAC" : "MAC/ns");
  auto costText = [&](double cost) {
    return board ? grouped(static_cast<int64_t>(cost))
                 : formatv("{0:f1}", cost / 1000.0).str();
  };
  auto rateText = [&](int64_t macs, double cost) {
    if (macs == 0 || cost <= 0)
      return std::string("-");
    return board ? formatv("{0:f2}", cost / macs).str()
                 : formatv("{0:f2}", macs / cost).str();
  };
  for (const LayerCost &layer : *layers)
    os << format("%5lld  %-26s %-20s %12s %14s %6.1f%% %10s\n",
                 static_cast<long long>(layer.index), layer.name.c_str(),
                 layer.op.c_str(), grouped(layer.macs).c_str(),
                 costText(layer.cost).c_str(),
                 totalCost > 0 ? 100.0 * layer.cost / totalCost : 0.0,
                 rateText(layer.macs, layer.cost).c_str());
  os << format("%5s  %-26s %-20s %12s %14s %6.1f%% %10s\n", "", "total", "",
               grouped(totalMacs).c_str(), costText(totalCost).c_str(), 100.0,
               rateText(totalMacs, totalCost).c_str());
  os << "\n";
  if (board)
    os << "Whole invoke, hooks included: "
       << grouped(static_cast<int64_t>(figures.invoke))
       << " instructions. Each layer's figure leaves out what an empty pair "
          "of hooks counts ("
       << formatv("{0:f1}", figures.hooks)
       << " instructions); the counter's resolution is one SysTick tick ("
       << formatv("{0:f2}", figures.perTick) << " instructions).\n";
  else
    os << "Whole invoke (median): " << formatv("{0:f1}", invokeNs / 1000.0)
       << " µs. Medians of layers need not add up to it: the layers leave "
          "out the code between them, and each median comes from its own "
          "run.\n";
  return 0;
}

} // namespace ingot::driver
