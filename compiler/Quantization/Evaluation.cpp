//===- Evaluation.cpp - What quantization cost, measured ------------------===//
//
// This file implements the evaluation runner. Both models' generated C++ is
// built with one harness main.cpp (HostHarness.h). For every sample the
// harness converts the float input to each model's input type, runs both
// models, and adds each compared pair's signal and noise to running sums in
// double; it prints the arg-max of output 0 of each model per sample and the
// sums at the end. This side parses the lines and does the arithmetic.
//
//===----------------------------------------------------------------------===//
#include "Evaluation.h"

#include "HostHarness.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <limits>

using namespace llvm;

namespace ingot::quant {

std::optional<TensorEncoding> tensorEncoding(mlir::Type type) {
  auto tensor = dyn_cast<mlir::RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return std::nullopt;
  TensorEncoding encoding;
  encoding.elements = tensor.getNumElements();
  mlir::Type element = tensor.getElementType();
  if (element.isF32())
    return encoding;
  unsigned width = 0;
  bool isUnsigned = false;
  if (auto quantized = dyn_cast<mlir::quant::UniformQuantizedType>(element)) {
    isUnsigned = !quantized.isSigned();
    width = quantized.getStorageTypeIntegralWidth();
    encoding.scale = static_cast<float>(quantized.getScale());
    encoding.zeroPoint = static_cast<int32_t>(quantized.getZeroPoint());
  } else if (auto integer = dyn_cast<mlir::IntegerType>(element)) {
    isUnsigned = integer.isUnsigned();
    width = integer.getWidth();
  } else {
    return std::nullopt;
  }
  // Of unsigned types only uint8 (inference_input_type uint8) exists.
  if (isUnsigned) {
    if (width != 8)
      return std::nullopt;
    encoding.kind = TensorEncoding::Kind::UInt8;
    return encoding;
  }
  switch (width) {
  case 8:
    encoding.kind = TensorEncoding::Kind::Int8;
    return encoding;
  case 16:
    encoding.kind = TensorEncoding::Kind::Int16;
    return encoding;
  case 32:
    encoding.kind = TensorEncoding::Kind::Int32;
    return encoding;
  default:
    return std::nullopt;
  }
}

double sqnrDb(const SignalNoise &sums) {
  if (sums.noise == 0)
    return std::numeric_limits<double>::infinity();
  if (sums.signal == 0)
    return -std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(sums.signal / sums.noise);
}

double top1Agreement(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t count = std::min(a.size(), b.size());
  if (count == 0)
    return 0;
  size_t agreeing = 0;
  for (size_t i = 0; i < count; ++i)
    agreeing += a[i] == b[i];
  return static_cast<double>(agreeing) / count;
}

double top1Accuracy(ArrayRef<int64_t> top1, ArrayRef<size_t> sampleIndices,
                    ArrayRef<int64_t> labels) {
  size_t count = std::min(top1.size(), sampleIndices.size());
  if (count == 0)
    return 0;
  size_t correct = 0;
  for (size_t k = 0; k < count; ++k)
    correct +=
        sampleIndices[k] < labels.size() && top1[k] == labels[sampleIndices[k]];
  return static_cast<double>(correct) / count;
}

namespace {

Error labelsError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// The fields of one CSV line: commas separate fields outside double
/// quotes, and "" inside quotes stands for one quote.
std::vector<std::string> csvFields(StringRef line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back().push_back('"');
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

} // namespace

Expected<std::vector<int64_t>> parseLabelsCsv(StringRef text, StringRef name) {
  SmallVector<StringRef> lines;
  text.split(lines, '\n');
  for (StringRef &line : lines)
    line.consume_back("\r");
  while (!lines.empty() && lines.back().trim().empty())
    lines.pop_back();
  if (lines.empty())
    return labelsError(name + " is empty; it needs a header line naming a "
                              "'label' column");
  std::vector<std::string> header = csvFields(lines.front());
  auto column = llvm::find_if(header, [](const std::string &field) {
    return StringRef(field).trim() == "label";
  });
  if (column == header.end()) {
    StringRef first = lines.front();
    if (!llvm::all_of(first,
                      [](char c) { return llvm::isPrint(c) || c == '\t'; }))
      return labelsError(name + " has no 'label' column; its first line is "
                                "not text");
    return labelsError(name + " has no 'label' column; its header line is '" +
                       first + "'");
  }
  size_t labelColumn = column - header.begin();

  std::vector<int64_t> labels;
  for (size_t line = 1; line < lines.size(); ++line) {
    std::vector<std::string> fields = csvFields(lines[line]);
    std::string where = (name + " line " + Twine(line + 1)).str();
    if (labelColumn >= fields.size())
      return labelsError(where + " has " + Twine(fields.size()) +
                         " fields, but 'label' is field " +
                         Twine(labelColumn + 1));
    StringRef field = StringRef(fields[labelColumn]).trim();
    int64_t label = 0;
    if (field.getAsInteger(10, label))
      return labelsError(where + ": the label '" + field +
                         "' is not an integer class index");
    labels.push_back(label);
  }
  return labels;
}

Expected<std::vector<int64_t>> readLabelsCsv(StringRef path) {
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return labelsError("cannot read labels " + path + ": " +
                       buffer.getError().message());
  return parseLabelsCsv((*buffer)->getBuffer(), path);
}

namespace {

const char *cType(TensorEncoding::Kind kind) {
  switch (kind) {
  case TensorEncoding::Kind::Float32:
    return "float";
  case TensorEncoding::Kind::Int8:
    return "int8_t";
  case TensorEncoding::Kind::UInt8:
    return "uint8_t";
  case TensorEncoding::Kind::Int16:
    return "int16_t";
  case TensorEncoding::Kind::Int32:
    return "int32_t";
  }
  llvm_unreachable("unknown tensor encoding");
}

/// The "scale, zeroPoint" arguments of the harness helpers for `encoding`.
/// The scale is printed as the double it converts to exactly, so that the
/// harness gets the same float back.
std::string encodingArguments(const TensorEncoding &encoding) {
  std::string text;
  raw_string_ostream os(text);
  os << format("%.17g", static_cast<double>(encoding.scale)) << ", "
     << encoding.zeroPoint;
  return text;
}

/// A bound of ComparedOutputs' linear range as a C++ expression.
std::string boundText(double bound) {
  if (std::isinf(bound))
    return bound < 0 ? "-HUGE_VAL" : "HUGE_VAL";
  std::string text;
  raw_string_ostream(text) << format("%.17g", bound);
  return text;
}

/// Checks in the harness that `model`'s header matches what evaluate() was
/// told, so that a mismatch fails the build rather than the arithmetic.
void emitModelChecks(raw_ostream &os, const EvaluatedModel &model) {
  std::string upper = StringRef(model.name).upper();
  auto check = [&](StringRef tensor, const TensorEncoding &encoding) {
    os << "static_assert(std::is_same<" << upper << "_" << tensor << "_TYPE, "
       << cType(encoding.kind) << ">::value, \"" << model.name << " " << tensor
       << " does not have the type evaluate() was given\");\n"
       << "static_assert(" << upper << "_" << tensor
       << "_ELEMENTS == " << encoding.elements << ", \"" << model.name << " "
       << tensor << " does not have the element count evaluate() was "
       << "given\");\n";
  };
  check("INPUT0", model.input);
  os << "#ifdef " << upper << "_INPUT1_ELEMENTS\n"
     << "#error \"evaluation needs models with one input\"\n#endif\n";
  for (size_t i = 0; i < model.outputs.size(); ++i)
    check("OUTPUT" + std::to_string(i), model.outputs[i]);
  os << "#ifdef " << upper << "_OUTPUT" << model.outputs.size()
     << "_ELEMENTS\n#error \"" << model.name
     << " has more outputs than evaluate() was told\"\n#endif\n";
}

/// The buffers of `model`: `NAME_arena`, `NAME_input` and `NAME_output<i>`.
void emitModelBuffers(raw_ostream &os, const EvaluatedModel &model) {
  std::string upper = StringRef(model.name).upper();
  os << "alignas(16) static uint8_t " << model.name << "_arena[" << upper
     << "_ARENA_BYTES > 0 ? " << upper << "_ARENA_BYTES : 1];\n"
     << "alignas(16) static " << cType(model.input.kind) << " " << model.name
     << "_input[" << model.input.elements << "];\n";
  for (size_t i = 0; i < model.outputs.size(); ++i)
    os << "alignas(16) static " << cType(model.outputs[i].kind) << " "
       << model.name << "_output" << i << "[" << model.outputs[i].elements
       << "];\n";
}

/// Statements that convert `sample` to `model`'s input and run it.
void emitModelRun(raw_ostream &os, const EvaluatedModel &model) {
  os << "    for (long e = 0; e < " << model.input.elements << "; ++e)\n"
     << "      " << model.name << "_input[e] = toInput(sample[e], "
     << model.name << "_input[0], " << encodingArguments(model.input) << ");\n"
     << "    " << model.name << "_init(" << model.name << "_arena);\n"
     << "    " << model.name << "_invoke(" << model.name << "_input, ";
  for (size_t i = 0; i < model.outputs.size(); ++i)
    os << model.name << "_output" << i << ", ";
  os << model.name << "_arena);\n";
}

/// The generated main(): `harness SAMPLES COUNT` runs both models on COUNT
/// samples of SAMPLES and prints, on stdout,
///   top1 <sample> <reference arg-max> <candidate arg-max>   per sample,
///   pair <pair> <signal> <noise>                            at the end,
///   channel <pair> <channel> <difference sum> <count>       then, for the
///                                                           pairs that ask.
/// Problems are printed as "error <message>" or, for a NaN or infinite
/// value, "nonfinite <pair> <sample> reference|candidate".
std::string harnessSource(const EvaluatedModel &reference,
                          const EvaluatedModel &candidate,
                          ArrayRef<ComparedOutputs> pairs) {
  std::string text;
  raw_string_ostream os(text);
  os << "// Evaluation harness generated by ingot.\n"
     << "#include \"" << reference.name << ".h\"\n"
     << "#include \"" << candidate.name << ".h\"\n"
     << harnessSupportSource();
  emitModelChecks(os, reference);
  emitModelChecks(os, candidate);
  os << "\n";
  emitModelBuffers(os, reference);
  emitModelBuffers(os, candidate);
  os << "alignas(16) static float sample[" << reference.input.elements << "];\n"
     << "static double signalSum[" << std::max<size_t>(pairs.size(), 1)
     << "], noiseSum[" << std::max<size_t>(pairs.size(), 1) << "];\n";
  for (auto [k, pair] : llvm::enumerate(pairs))
    if (pair.channels > 0)
      os << "static double differenceSum" << k << "[" << pair.channels
         << "], differenceCount" << k << "[" << pair.channels << "];\n";

  os << R"cpp(
// A float sample as a model input: integers as TFLite's QUANTIZE computes
// them (divide by the scale, round half away from zero, add the zero point,
// clamp to the type).
template <typename T>
static T toInput(float value, T, float scale, int zeroPoint) {
  if constexpr (std::is_same<T, float>::value) {
    return value;
  } else {
    float rounded = std::round(value / scale);
    double level = static_cast<double>(rounded) + zeroPoint;
    if (!(level >= std::numeric_limits<T>::min()))
      return std::numeric_limits<T>::min();
    if (level > std::numeric_limits<T>::max())
      return std::numeric_limits<T>::max();
    return static_cast<T>(level);
  }
}

// The real value a stored value stands for.
template <typename T>
static double realValue(T value, float scale, int zeroPoint) {
  if constexpr (std::is_same<T, float>::value)
    return value;
  else
    return (static_cast<double>(value) - zeroPoint) * scale;
}

// Adds one sample's signal and noise of `pair`. Returns 0, or 1 (2) when a
// reference (candidate) value is NaN or infinite.
template <typename R, typename C>
static int compare(int pair, const R *reference, float referenceScale,
                   int referenceZero, const C *candidate, float candidateScale,
                   int candidateZero, long elements) {
  double signal = 0, noise = 0, candidatePower = 0;
  for (long e = 0; e < elements; ++e) {
    double r = realValue(reference[e], referenceScale, referenceZero);
    double c = realValue(candidate[e], candidateScale, candidateZero);
    signal += r * r;
    noise += (r - c) * (r - c);
    candidatePower += c * c;
  }
  if (!std::isfinite(signal))
    return 1;
  if (!std::isfinite(noise) || !std::isfinite(candidatePower))
    return 2;
  signalSum[pair] += signal;
  noiseSum[pair] += noise;
  return 0;
}

// Adds candidate - reference to its channel's sum, for the elements whose
// reference lies strictly inside (low, high). Selecting on the candidate too
// would drop the elements it pushed out of the range and so bias the mean.
template <typename R, typename C>
static void addDifferences(double *sums, double *counts, long channels,
                           double low, double high, const R *reference,
                           float referenceScale, int referenceZero,
                           const C *candidate, float candidateScale,
                           int candidateZero, long elements) {
  for (long e = 0; e < elements; ++e) {
    double r = realValue(reference[e], referenceScale, referenceZero);
    double c = realValue(candidate[e], candidateScale, candidateZero);
    if (r > low && r < high) {
      sums[e % channels] += c - r;
      counts[e % channels] += 1;
    }
  }
}

// The index of the largest real value, the first of equal ones.
template <typename T>
static long top1(const T *values, float scale, int zeroPoint, long elements) {
  long best = 0;
  double bestValue = realValue(values[0], scale, zeroPoint);
  for (long e = 1; e < elements; ++e) {
    double value = realValue(values[e], scale, zeroPoint);
    if (value > bestValue) {
      best = e;
      bestValue = value;
    }
  }
  return best;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    std::printf("error usage: %s SAMPLES COUNT\n", argv[0]);
    return 2;
  }
  long count = std::atol(argv[2]);
  FILE *file = std::fopen(argv[1], "rb");
  if (!file) {
    std::printf("error cannot open %s\n", argv[1]);
    return 1;
  }
  Progress progress{"evaluating", count};
  for (long index = 0; index < count; ++index) {
    if (std::fread(sample, sizeof sample, 1, file) != 1) {
      std::printf("error %s ends after %ld samples\n", argv[1], index);
      return 1;
    }
)cpp";
  emitModelRun(os, reference);
  emitModelRun(os, candidate);
  os << "    int problem = 0;\n";
  for (auto [k, pair] : llvm::enumerate(pairs)) {
    const TensorEncoding &r = reference.outputs[pair.reference];
    const TensorEncoding &c = candidate.outputs[pair.candidate];
    os << "    if ((problem = compare(" << k << ", " << reference.name
       << "_output" << pair.reference << ", " << encodingArguments(r) << ", "
       << candidate.name << "_output" << pair.candidate << ", "
       << encodingArguments(c) << ", " << r.elements << "))) {\n"
       << "      std::printf(\"nonfinite " << k
       << " %ld %s\\n\", index, problem == 1 ? \"reference\" : "
          "\"candidate\");\n"
       << "      return 3;\n    }\n";
    if (pair.channels > 0)
      os << "    addDifferences(differenceSum" << k << ", differenceCount" << k
         << ", " << pair.channels << ", " << boundText(pair.linearLow) << ", "
         << boundText(pair.linearHigh) << ", " << reference.name << "_output"
         << pair.reference << ", " << encodingArguments(r) << ", "
         << candidate.name << "_output" << pair.candidate << ", "
         << encodingArguments(c) << ", " << r.elements << ");\n";
  }
  os << "    std::printf(\"top1 %ld %ld %ld\\n\", index, top1("
     << reference.name << "_output0, "
     << encodingArguments(reference.outputs[0]) << ", "
     << reference.outputs[0].elements << "), top1(" << candidate.name
     << "_output0, " << encodingArguments(candidate.outputs[0]) << ", "
     << candidate.outputs[0].elements << "));\n"
     << "    progress.update(index + 1);\n  }\n"
     << "  for (int pair = 0; pair < " << pairs.size() << "; ++pair)\n"
     << "    std::printf(\"pair %d %.17g %.17g\\n\", pair, signalSum[pair], "
        "noiseSum[pair]);\n";
  for (auto [k, pair] : llvm::enumerate(pairs))
    if (pair.channels > 0)
      os << "  for (long c = 0; c < " << pair.channels << "; ++c)\n"
         << "    std::printf(\"channel " << k
         << " %ld %.17g %.0f\\n\", c, differenceSum" << k
         << "[c], differenceCount" << k << "[c]);\n";
  os << "  return 0;\n}\n";
  return text;
}

/// Reads the harness's "top1" and "pair" lines into `result`.
LogicalResult parseResults(StringRef output, size_t samples,
                           ArrayRef<ComparedOutputs> pairs,
                           ArrayRef<int64_t> pairElements,
                           EvaluationResult &result, raw_ostream &errors) {
  result.pairs.assign(pairs.size(), SignalNoise());
  result.channelMeanDifference.assign(pairs.size(), {});
  result.channelCounts.assign(pairs.size(), {});
  size_t channelLines = 0, expectedChannelLines = 0;
  for (auto [k, pair] : llvm::enumerate(pairs))
    if (pair.channels > 0) {
      result.channelMeanDifference[k].assign(pair.channels, 0.0);
      result.channelCounts[k].assign(pair.channels, 0);
      expectedChannelLines += pair.channels;
    }
  result.referenceTop1.assign(samples, -1);
  result.candidateTop1.assign(samples, -1);
  std::vector<bool> seenPair(pairs.size(), false);
  std::vector<bool> seenSample(samples, false);
  SmallVector<StringRef> lines;
  output.split(lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef line : lines) {
    SmallVector<StringRef, 4> fields;
    line.split(fields, ' ');
    size_t index = 0;
    int64_t referenceTop = 0, candidateTop = 0;
    double signal = 0, noise = 0;
    if (fields.size() == 4 && fields[0] == "top1" &&
        !fields[1].getAsInteger(10, index) && index < samples &&
        !fields[2].getAsInteger(10, referenceTop) &&
        !fields[3].getAsInteger(10, candidateTop)) {
      result.referenceTop1[index] = referenceTop;
      result.candidateTop1[index] = candidateTop;
      seenSample[index] = true;
    } else if (fields.size() == 4 && fields[0] == "pair" &&
               !fields[1].getAsInteger(10, index) && index < pairs.size() &&
               !fields[2].getAsDouble(signal) &&
               !fields[3].getAsDouble(noise)) {
      result.pairs[index] = {
          signal, noise, static_cast<uint64_t>(pairElements[index]) * samples};
      seenPair[index] = true;
    } else if (size_t channel = 0;
               fields.size() == 5 && fields[0] == "channel" &&
               !fields[1].getAsInteger(10, index) && index < pairs.size() &&
               !fields[2].getAsInteger(10, channel) &&
               channel < result.channelCounts[index].size() &&
               !fields[3].getAsDouble(signal) &&
               !fields[4].getAsDouble(noise)) {
      // signal holds the difference sum, noise the count.
      result.channelCounts[index][channel] = static_cast<uint64_t>(noise);
      result.channelMeanDifference[index][channel] =
          noise > 0 ? signal / noise : 0.0;
      ++channelLines;
    } else {
      errors << "evaluation: cannot parse the harness output line '" << line
             << "'\n";
      return failure();
    }
  }
  if (llvm::is_contained(seenPair, false) ||
      llvm::is_contained(seenSample, false) ||
      channelLines != expectedChannelLines) {
    errors << "evaluation: the harness did not report every sample and "
              "pair\n";
    return failure();
  }
  return success();
}

} // namespace

FailureOr<EvaluationResult>
evaluate(const EvaluatedModel &reference, const EvaluatedModel &candidate,
         ArrayRef<ComparedOutputs> pairs, const CalibrationData &data,
         const std::optional<std::vector<size_t>> &sampleIndices,
         raw_ostream &errors, StringRef compiler) {
  if (reference.outputs.empty() || candidate.outputs.empty() ||
      reference.input.elements <= 0) {
    errors << "evaluation: both models need an input and at least one "
              "output\n";
    return failure();
  }
  if (reference.input.elements != candidate.input.elements ||
      reference.outputs[0].elements != candidate.outputs[0].elements) {
    errors << "evaluation: the models' input 0 or output 0 differ in "
              "element count\n";
    return failure();
  }
  std::vector<int64_t> pairElements;
  for (const ComparedOutputs &pair : pairs) {
    if (pair.reference >= reference.outputs.size() ||
        pair.candidate >= candidate.outputs.size() ||
        reference.outputs[pair.reference].elements !=
            candidate.outputs[pair.candidate].elements) {
      errors << "evaluation: reference output " << pair.reference
             << " and candidate output " << pair.candidate
             << " cannot be compared\n";
      return failure();
    }
    if (pair.channels < 0 ||
        (pair.channels > 0 &&
         reference.outputs[pair.reference].elements % pair.channels != 0)) {
      errors << "evaluation: reference output " << pair.reference << " has "
             << reference.outputs[pair.reference].elements
             << " elements, which do not split into " << pair.channels
             << " channels\n";
      return failure();
    }
    pairElements.push_back(reference.outputs[pair.reference].elements);
  }

  HostHarness harness("evaluation", errors);
  if (failed(harness.create()))
    return failure();
  FailureOr<std::vector<std::string>> sampleNames =
      harness.writeSamples(data, reference.input.elements, sampleIndices);
  if (failed(sampleNames) ||
      failed(harness.build({{reference.sources, reference.name},
                            {candidate.sources, candidate.name}},
                           harnessSource(reference, candidate, pairs),
                           compiler)))
    return failure();

  HarnessRun run =
      harness.run({harness.samplesPath(), std::to_string(sampleNames->size())});
  if (run.status != 0) {
    if (std::optional<std::string> error = HostHarness::errorLine(run.output)) {
      errors << "evaluation: " << *error << "\n";
      return failure();
    }
    SmallVector<StringRef> lines;
    StringRef(run.output).split(lines, '\n', -1, false);
    for (StringRef line : lines) {
      SmallVector<StringRef, 4> fields;
      line.split(fields, ' ');
      size_t pair = 0, sample = 0;
      if (fields.size() == 4 && fields[0] == "nonfinite" &&
          !fields[1].getAsInteger(10, pair) && pair < pairs.size() &&
          !fields[2].getAsInteger(10, sample) && sample < sampleNames->size()) {
        const ComparedOutputs &compared = pairs[pair];
        bool isReference = fields[3] == "reference";
        errors << "evaluation: " << (isReference ? "reference" : "candidate")
               << " output "
               << (isReference ? compared.reference : compared.candidate)
               << " is NaN or infinite on sample " << (*sampleNames)[sample]
               << "\n";
        return failure();
      }
    }
    errors << "evaluation: the harness exited with status " << run.status
           << (run.message.empty() ? "" : ": ") << run.message << "\n";
    return failure();
  }

  EvaluationResult result;
  if (failed(parseResults(run.output, sampleNames->size(), pairs, pairElements,
                          result, errors)))
    return failure();
  if (sampleIndices) {
    result.sampleIndices = *sampleIndices;
  } else {
    for (size_t i = 0; i < sampleNames->size(); ++i)
      result.sampleIndices.push_back(i);
  }
  return result;
}

} // namespace ingot::quant
