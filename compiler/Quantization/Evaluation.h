//===- Evaluation.h - What quantization cost, measured ----------*- C++ -*-===//
//
// Evaluation measures a quantized model against its float reference on
// sample inputs. Both models are generated as C++ with every activation
// exposed as an output and built into one host harness, which feeds each
// sample to both and accumulates, per compared pair of activations, the
// signal (sum of reference squared) and noise (sum of squared differences),
// and records the arg-max of output 0 of each model. From these come the
// per-layer SQNR, the top-1 agreement and, with labels, the accuracy.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_EVALUATION_H
#define INGOT_QUANTIZATION_EVALUATION_H

#include "Calibration.h"
#include "Target/Cpp/CppPackage.h"

#include "mlir/IR/Types.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace ingot::quant {

/// How a model stores a tensor, so that the harness can read the real
/// values it stands for: floats as they are, integers as
/// (value - zeroPoint) * scale.
struct TensorEncoding {
  enum class Kind { Float32, Int8, UInt8, Int16, Int32 };
  Kind kind = Kind::Float32;
  float scale = 1.0f;
  int32_t zeroPoint = 0;
  int64_t elements = 0;
};

/// How ingot's generated code stores a tensor of `type`: f32, signed 8, 16
/// or 32-bit integers, or per-tensor `!quant.uniform` types on those.
/// std::nullopt for anything else.
std::optional<TensorEncoding> tensorEncoding(mlir::Type type);

/// A model generated with symbol prefix `name`, with one input.
struct EvaluatedModel {
  const CppSources *sources = nullptr;
  std::string name;
  /// The input: samples are quantized to it (round half away from zero,
  /// then clamp, as TFLite's QUANTIZE) when it is an integer.
  TensorEncoding input;
  /// Every output, in order.
  std::vector<TensorEncoding> outputs;
};

/// An output of the reference model and the output of the candidate that
/// stands for the same tensor. Both must have the same element count.
struct ComparedOutputs {
  size_t reference = 0;
  size_t candidate = 0;
  /// When positive: also average candidate - reference per channel, the
  /// channel of element e being e % channels (the innermost dimension of an
  /// NHWC or [batch, units] tensor), over the elements whose reference value
  /// lies strictly inside (linearLow, linearHigh), the range in which a
  /// fused activation passes its input through unchanged.
  int64_t channels = 0;
  double linearLow = -std::numeric_limits<double>::infinity();
  double linearHigh = std::numeric_limits<double>::infinity();
};

/// The sums behind one pair's SQNR, over every sample and element.
struct SignalNoise {
  /// Sum of reference^2.
  double signal = 0;
  /// Sum of (reference - candidate)^2.
  double noise = 0;
  /// Number of values summed.
  uint64_t count = 0;
};

/// What evaluate() measured.
struct EvaluationResult {
  /// One per compared pair, in the order given.
  std::vector<SignalNoise> pairs;
  /// The samples evaluated, as indices into the data.
  std::vector<size_t> sampleIndices;
  /// Per evaluated sample: the arg-max of output 0 of each model (the
  /// first of equal values, like numpy.argmax).
  std::vector<int64_t> referenceTop1;
  std::vector<int64_t> candidateTop1;
  /// Per pair that asked for channels: the mean candidate - reference of
  /// each channel (0 where no element was in the linear range), and how
  /// many elements each mean is over. Empty for the other pairs.
  std::vector<std::vector<double>> channelMeanDifference;
  std::vector<std::vector<uint64_t>> channelCounts;
};

/// Builds `reference` and `candidate` into one host program with `compiler`,
/// runs both on each sample of `data` at `sampleIndices` (all without them;
/// state is reset before each sample) and returns the statistics of
/// `pairs` and of output 0. Output 0 of both models must have the same
/// element count. Reports problems, including NaN or infinite values, on
/// `errors`.
mlir::FailureOr<EvaluationResult>
evaluate(const EvaluatedModel &reference, const EvaluatedModel &candidate,
         llvm::ArrayRef<ComparedOutputs> pairs, const CalibrationData &data,
         const std::optional<std::vector<size_t>> &sampleIndices,
         llvm::raw_ostream &errors, llvm::StringRef compiler = "c++");

//===----------------------------------------------------------------------===//
// The arithmetic on the harness's results, exposed for unit tests.
//===----------------------------------------------------------------------===//

/// Signal-to-quantization-noise ratio in dB, 10 log10(signal / noise):
/// +infinity when there is no noise (the tensors are identical), -infinity
/// when there is noise but no signal.
double sqnrDb(const SignalNoise &sums);

/// The fraction of positions where `a` and `b` agree (0 when empty).
double top1Agreement(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// The fraction of evaluated samples whose `top1` equals its label: sample
/// k is data index `sampleIndices[k]`, whose label is
/// `labels[sampleIndices[k]]`.
double top1Accuracy(llvm::ArrayRef<int64_t> top1,
                    llvm::ArrayRef<size_t> sampleIndices,
                    llvm::ArrayRef<int64_t> labels);

/// The integer `label` column of a CSV file whose first line names the
/// columns; row i (after the header) is the label of sample i. Fields may be
/// double-quoted. Messages name the file `name`.
llvm::Expected<std::vector<int64_t>> parseLabelsCsv(llvm::StringRef text,
                                                    llvm::StringRef name);

/// parseLabelsCsv of the file at `path`.
llvm::Expected<std::vector<int64_t>> readLabelsCsv(llvm::StringRef path);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_EVALUATION_H
