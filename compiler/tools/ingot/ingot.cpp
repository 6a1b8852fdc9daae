//===- ingot.cpp - The ingot command line ---------------------------------===//
//
// This file implements the `ingot` tool's command line: the `compile`, `run`,
// `inspect`, `quantize`, `profile` and `report` subcommands over LLVM's
// CommandLine library.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"
#include "Target/Machines/Targets.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace ingot::driver;

static cl::SubCommand compileCommand(
    "compile", "Compile a .tflite model to a folder of dependency-free C++");
static cl::SubCommand runCommand(
    "run", "Compile, build for this machine, and run a model on raw inputs");
static cl::SubCommand
    inspectCommand("inspect",
                   "Show a model's layers, MACs, weights and planned arena");
static cl::SubCommand
    quantizeCommand("quantize",
                    "Quantize a float (or dynamic-range) model and write a "
                    "standard .tflite that other runtimes load");

// Function-local statics: the profile and report subcommands define their own
// options in other files, whose static initializers may run before this
// file's.
cl::OptionCategory &ingot::driver::optionCategory() {
  static cl::OptionCategory category("ingot options");
  return category;
}
cl::SubCommand &ingot::driver::profileSubcommand() {
  static cl::SubCommand command(
      "profile", "Run a model layer by layer and print each layer's cost: on "
                 "this machine, or on an emulated Cortex-M core");
  return command;
}
cl::SubCommand &ingot::driver::reportSubcommand() {
  static cl::SubCommand command(
      "report", "Write a self-contained HTML report of a model: layers, "
                "memory plan, MACs, weights, and profile or --eval data");
  return command;
}
static cl::OptionCategory &category = optionCategory();
static cl::SubCommand &profileCommand = profileSubcommand();
static cl::SubCommand &reportCommand = reportSubcommand();

static cl::opt<std::string>
    modelPath(cl::Positional, cl::Required, cl::desc("<model.tflite>"),
              cl::sub(compileCommand), cl::sub(runCommand),
              cl::sub(inspectCommand), cl::sub(profileCommand),
              cl::sub(reportCommand), cl::sub(quantizeCommand),
              cl::cat(category));

// compile, run and inspect: the machine the code is for
static cl::opt<std::string> targetName(
    "target",
    cl::desc("Machine to generate code for: generic (portable reference "
             "kernels, the default), host, cortex-m4, cortex-m7 (Armv7E-M "
             "DSP kernels), cortex-m55 (Armv8.1-M); docs/targets.md"),
    cl::value_desc("NAME"), cl::init("generic"), cl::sub(compileCommand),
    cl::sub(runCommand), cl::sub(inspectCommand), cl::sub(profileCommand),
    cl::sub(reportCommand), cl::cat(category));
static cl::opt<std::string> optimizeFor(
    "optimize",
    cl::desc("speed (shape-specialized kernels, the default) or size (one "
             "compact copy of each kernel)"),
    cl::value_desc("speed|size"), cl::init("speed"), cl::sub(compileCommand),
    cl::sub(runCommand), cl::sub(inspectCommand), cl::sub(profileCommand),
    cl::sub(reportCommand), cl::cat(category));

// compile
static cl::opt<std::string>
    compileOutput("o",
                  cl::desc("Folder to write NAME.h, NAME.cpp and the "
                           "runtime headers into (with --emit=tflite: "
                           "the file to write)"),
                  cl::value_desc("dir"), cl::sub(compileCommand),
                  cl::sub(quantizeCommand), cl::cat(category));
static cl::opt<std::string>
    modelName("name",
              cl::desc("Name of the generated files and the prefix of every C "
                       "symbol (default: the model file's name)"),
              cl::value_desc("NAME"), cl::sub(compileCommand),
              cl::cat(category));
static cl::opt<std::string> emitStage(
    "emit",
    cl::desc("Print the IR after a stage instead of writing C++: graph "
             "(imported), kernel (lowered and planned), emitc, or cpp (the "
             "generated header and source); or tflite: the graph (after "
             "--quantize, if given) written as a .tflite file (to -o FILE or "
             "stdout)"),
    cl::value_desc("graph|kernel|emitc|cpp|tflite"), cl::sub(compileCommand),
    cl::cat(category));

// run
static cl::list<std::string>
    runInputs("input",
              cl::desc("Raw little-endian input tensor, once per model input "
                       "in order"),
              cl::value_desc("file.bin"), cl::sub(runCommand),
              cl::cat(category));
static cl::opt<std::string>
    runOutputDir("outdir", cl::desc("Folder to write output0.bin, ... into"),
                 cl::value_desc("dir"), cl::Required, cl::sub(runCommand),
                 cl::cat(category));
static cl::opt<std::string>
    hostCompiler("cxx",
                 cl::desc("C++ compiler used to build the generated code "
                          "(default: $CXX, else c++)"),
                 cl::value_desc("compiler"), cl::sub(runCommand),
                 cl::cat(category));
static cl::opt<bool>
    keepBuild("keep-build",
              cl::desc("Keep the temporary build folder and print its path"),
              cl::sub(runCommand), cl::cat(category));

// every subcommand
static cl::opt<ingot::QuantizationMode> quantizeMode(
    "quantize",
    cl::desc("Post-training quantization to apply to a float model first"),
    cl::values(clEnumValN(ingot::QuantizationMode::None, "none",
                          "compile the model as it is (default)"),
               clEnumValN(ingot::QuantizationMode::Dynamic, "dynamic",
                          "int8 weights, float activations (like the TFLite "
                          "converter's Optimize.DEFAULT without a "
                          "representative dataset)"),
               clEnumValN(ingot::QuantizationMode::Int8, "int8",
                          "full-integer int8, calibrated on --calibration "
                          "data (like Optimize.DEFAULT with a "
                          "representative dataset)"),
               clEnumValN(ingot::QuantizationMode::Int16x8, "int16x8",
                          "int16 activations, int8 weights, int64 biases, "
                          "calibrated on --calibration data (the converter's "
                          "EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_"
                          "WEIGHTS_INT8)"),
               clEnumValN(ingot::QuantizationMode::Float16, "float16",
                          "float16 weights, float32 arithmetic (the "
                          "converter's supported_types=[tf.float16])")),
    cl::init(ingot::QuantizationMode::None), cl::sub(compileCommand),
    cl::sub(runCommand), cl::sub(inspectCommand), cl::sub(profileCommand),
    cl::sub(reportCommand), cl::sub(quantizeCommand), cl::cat(category));

static cl::opt<std::string> calibrationData(
    "calibration",
    cl::desc("Representative data for --quantize=int8: a float32 .npy of "
             "shape (N, input shape without batch), or a folder of raw "
             "float32 .bin tensors"),
    cl::value_desc("DATA"), cl::sub(compileCommand), cl::sub(runCommand),
    cl::sub(inspectCommand), cl::sub(profileCommand), cl::sub(reportCommand),
    cl::sub(quantizeCommand), cl::cat(category));
static cl::opt<std::string> calibrationMethod(
    "calibration-method",
    cl::desc("How ranges are read from the data: minmax (as the TFLite "
             "converter), percentile (clips the 0.01% extremes) or mse (the "
             "clipping with the least int8 quantization error)"),
    cl::init("minmax"), cl::sub(compileCommand), cl::sub(runCommand),
    cl::sub(inspectCommand), cl::sub(profileCommand), cl::sub(reportCommand),
    cl::sub(quantizeCommand), cl::cat(category));
static cl::opt<std::string> calibrationSamples(
    "calibration-samples",
    cl::desc("Which samples of the data to calibrate on: all, even or odd "
             "indices (to keep the other half for evaluation)"),
    cl::init("all"), cl::sub(compileCommand), cl::sub(runCommand),
    cl::sub(inspectCommand), cl::sub(profileCommand), cl::sub(reportCommand),
    cl::sub(quantizeCommand), cl::cat(category));
static cl::opt<std::string>
    ioType("io-type",
           cl::desc("Input and output type of an int8-quantized model: float32 "
                    "(QUANTIZE/DEQUANTIZE at the edges), int8 or uint8"),
           cl::init("float32"), cl::sub(compileCommand), cl::sub(runCommand),
           cl::sub(inspectCommand), cl::sub(profileCommand),
           cl::sub(reportCommand), cl::sub(quantizeCommand), cl::cat(category));

// quantize and compile: what quantization cost
static cl::opt<std::string> evalData(
    "eval",
    cl::desc("After writing the model, measure it against the float model "
             "on these samples (a float32 .npy or a folder of .bin, as for "
             "--calibration) and print the model sizes, the SQNR of every "
             "layer, the top-1 agreement and, with --labels, the accuracy"),
    cl::value_desc("DATA"), cl::sub(compileCommand), cl::sub(quantizeCommand),
    cl::cat(category));
static cl::opt<std::string> evalSamples(
    "eval-samples",
    cl::desc("Which samples of --eval to use: all, even or odd indices (the "
             "half that --calibration-samples left out)"),
    cl::init("all"), cl::sub(compileCommand), cl::sub(quantizeCommand),
    cl::cat(category));
static cl::opt<std::string> evalLabels(
    "labels",
    cl::desc("CSV file with a 'label' column, row i the class of --eval "
             "sample i, for the accuracy of the top-1 class"),
    cl::value_desc("FILE.csv"), cl::sub(compileCommand),
    cl::sub(quantizeCommand), cl::cat(category));

static cl::opt<bool> biasCorrection(
    "bias-correction",
    cl::desc("With --quantize=int8: after calibration, move each "
             "convolution's and fully connected layer's bias by the mean "
             "error of its output channels on the calibration data, layer "
             "by layer (empirical bias correction; one host build and run "
             "per layer)"),
    cl::sub(compileCommand), cl::sub(runCommand), cl::sub(inspectCommand),
    cl::sub(profileCommand), cl::sub(reportCommand), cl::sub(quantizeCommand),
    cl::cat(category));

static cl::opt<bool> strictQuantization(
    "strict",
    cl::desc("With --quantize=int8/int16x8: fail, naming every operator "
             "that has no integer form (like TFLITE_BUILTINS_INT8), instead "
             "of keeping those operators in float between QUANTIZE and "
             "DEQUANTIZE"),
    cl::sub(compileCommand), cl::sub(runCommand), cl::sub(inspectCommand),
    cl::sub(profileCommand), cl::sub(reportCommand), cl::sub(quantizeCommand),
    cl::cat(category));

static cl::opt<bool> stripNames(
    "strip-names",
    cl::desc("When writing a .tflite: leave out the names of every tensor "
             "but the model's inputs and outputs (like TFLite's "
             "strip_strings; smaller file, less to read when debugging)"),
    cl::sub(compileCommand), cl::sub(quantizeCommand), cl::cat(category));

// inspect, and the --eval report
static cl::opt<bool> jsonOutput("json",
                                cl::desc("Print JSON (inspect, profile; the "
                                         "--eval report of compile and "
                                         "quantize)"),
                                cl::sub(inspectCommand),
                                cl::sub(profileCommand),
                                cl::sub(compileCommand),
                                cl::sub(quantizeCommand), cl::cat(category));

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // MLIR and LLVM register hundreds of options; --help shows only ingot's.
  cl::HideUnrelatedOptions(category, compileCommand);
  cl::HideUnrelatedOptions(category, runCommand);
  cl::HideUnrelatedOptions(category, inspectCommand);
  cl::HideUnrelatedOptions(category, quantizeCommand);
  cl::HideUnrelatedOptions(category, profileCommand);
  cl::HideUnrelatedOptions(category, reportCommand);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "ingot: compiles TensorFlow Lite models to dependency-free C++\n\n"
      "  ingot compile model.tflite -o out/    write out/model.h, "
      "out/model.cpp and runtime headers\n"
      "  ingot run model.tflite --input in0.bin --outdir results/\n"
      "  ingot inspect model.tflite [--json]\n"
      "  ingot quantize model.tflite --quantize=int8 --calibration=data.npy "
      "-o model_int8.tflite\n"
      "  ingot profile model.tflite [--qemu=cortex-m4 --target=cortex-m4]\n"
      "  ingot report model.tflite -o report.html\n\n"
      "Run 'ingot <subcommand> --help' for a subcommand's options.\n");

  if (calibrationMethod != "minmax" && calibrationMethod != "percentile" &&
      calibrationMethod != "mse") {
    errs() << "ingot: error: --calibration-method takes minmax, percentile "
              "or mse\n";
    return 1;
  }
  if (calibrationSamples != "all" && calibrationSamples != "even" &&
      calibrationSamples != "odd") {
    errs() << "ingot: error: --calibration-samples takes all, even or odd\n";
    return 1;
  }
  if (ioType != "float32" && ioType != "int8" && ioType != "uint8") {
    errs() << "ingot: error: --io-type takes float32, int8 or uint8\n";
    return 1;
  }
  if (ioType == "uint8" && quantizeMode == ingot::QuantizationMode::Int16x8) {
    errs() << "ingot: error: --io-type=uint8 needs --quantize=int8; the "
              "int16x8 scheme's integer inputs and outputs are int16\n";
    return 1;
  }
  if (biasCorrection && quantizeMode != ingot::QuantizationMode::Int8) {
    errs() << "ingot: error: --bias-correction corrects int8 biases; use it "
              "with --quantize=int8\n";
    return 1;
  }
  if (optimizeFor != "speed" && optimizeFor != "size") {
    errs() << "ingot: error: --optimize takes speed or size, not '"
           << optimizeFor << "'\n";
    return 1;
  }
  if (!ingot::target::lookupTarget(targetName)) {
    errs() << "ingot: error: unknown --target '" << targetName
           << "'; use one of " << ingot::target::targetNames() << "\n";
    return 1;
  }
  setTarget({targetName, optimizeFor, targetName.getNumOccurrences() > 0});
  setQuantization({quantizeMode, calibrationData, calibrationMethod,
                   calibrationSamples, ioType, strictQuantization,
                   biasCorrection});
  if (compileCommand || quantizeCommand) {
    if (evalSamples != "all" && evalSamples != "even" && evalSamples != "odd") {
      errs() << "ingot: error: --eval-samples takes all, even or odd\n";
      return 1;
    }
    if (evalData.empty() && (!evalLabels.empty() || jsonOutput ||
                             evalSamples.getNumOccurrences())) {
      errs() << "ingot: error: --labels, --eval-samples and --json describe "
                "the --eval report; pass --eval=DATA too\n";
      return 1;
    }
    // The report goes to stdout, so the model cannot.
    bool modelOnStdout = compileOutput == "-";
    if (compileCommand && !emitStage.empty())
      modelOnStdout = emitStage != "tflite" || compileOutput.empty() ||
                      compileOutput == "-";
    if (!evalData.empty() && modelOnStdout) {
      errs() << "ingot: error: --eval prints its report on stdout; write the "
                "model to a file or folder with -o (and no --emit other than "
                "tflite)\n";
      return 1;
    }
    setEvaluation({evalData, evalSamples, evalLabels, jsonOutput});
  }
  if (compileCommand && stripNames && emitStage != "tflite") {
    errs() << "ingot: error: --strip-names applies to a written .tflite; "
              "add --emit=tflite, or use ingot quantize\n";
    return 1;
  }
  if (compileCommand) {
    std::string name = modelName.empty()
                           ? cIdentifier(sys::path::stem(modelPath))
                           : cIdentifier(modelName);
    if (emitStage == "tflite")
      return writeTflite(modelPath, compileOutput, stripNames);
    if (!emitStage.empty() && emitStage != "cpp") {
      std::optional<Stage> stage = StringSwitch<std::optional<Stage>>(emitStage)
                                       .Case("graph", Stage::Graph)
                                       .Case("kernel", Stage::Kernel)
                                       .Case("emitc", Stage::EmitC)
                                       .Default(std::nullopt);
      if (!stage) {
        errs() << "ingot: error: --emit takes graph, kernel, emitc, cpp or "
                  "tflite, not '"
               << emitStage << "'\n";
        return 1;
      }
      return printStage(modelPath, *stage, name);
    }
    if (emitStage == "cpp")
      return compileToDirectory(modelPath, "", name);
    if (compileOutput.empty()) {
      errs() << "ingot: error: say where to write the C++ with -o DIR (or "
                "print a stage with --emit)\n";
      return 1;
    }
    return compileToDirectory(modelPath, compileOutput, name);
  }
  if (runCommand) {
    std::string compiler = hostCompiler;
    if (compiler.empty())
      if (const char *fromEnvironment = std::getenv("CXX"))
        compiler = fromEnvironment;
    if (compiler.empty())
      compiler = "c++";
    return runModel(modelPath, runInputs, runOutputDir, compiler, keepBuild);
  }
  if (inspectCommand)
    return inspectModel(modelPath, jsonOutput);
  if (profileCommand)
    return profileModel(modelPath, jsonOutput);
  if (reportCommand)
    return reportModel(modelPath);
  if (quantizeCommand) {
    if (quantizeMode == ingot::QuantizationMode::None) {
      errs() << "ingot: error: say how to quantize with "
                "--quantize=dynamic|int8\n";
      return 1;
    }
    if (compileOutput.empty()) {
      errs() << "ingot: error: say where to write the model with -o "
                "OUT.tflite\n";
      return 1;
    }
    return writeTflite(modelPath, compileOutput, stripNames);
  }
  errs() << "ingot: error: name a subcommand: compile, run, inspect, "
            "quantize, profile or report (see ingot --help)\n";
  return 1;
}
