//===- Calibration.h - Activation ranges from a float model run -*- C++ -*-===//
//
// Post-training full-integer quantization needs the float range of every
// activation. Calibration measures them the way the TFLite converter does with
// a representative dataset: it runs the float model on sample inputs and
// records what each tensor takes. ingot runs the model with its own float
// kernels: the generated C++ is built for the host with a harness that feeds
// the samples and accumulates per-output statistics.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_CALIBRATION_H
#define INGOT_QUANTIZATION_CALIBRATION_H

#include "Target/Cpp/CppPackage.h"

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ingot::quant {

/// How a tensor's range is derived from the values it took.
enum class CalibrationMethod {
  /// The smallest and largest value seen.
  MinMax,
  /// The range without the most extreme values: the `percentile`-th and
  /// (100 - `percentile`)-th percentiles, read from a histogram.
  Percentile,
  /// The range whose int8 quantization (clipping included) has the least
  /// expected squared error over the data's histogram.
  Mse,
};

struct TensorRange {
  float min = 0;
  float max = 0;
};

/// Sample inputs: a float32 .npy file of shape (N, <input shape without the
/// batch dimension>), or a folder whose `.bin` files each hold one raw
/// little-endian float32 input tensor, taken in file name order (plain byte
/// order: "10.bin" comes before "2.bin").
struct CalibrationData {
  std::string path;
};

/// Bins of the per-tensor histogram of CalibrationMethod::Percentile. The
/// percentiles are exact to one bin, 1/8192 of the tensor's min-max span.
inline constexpr size_t kCalibrationHistogramBins = 8192;

/// Builds the model in `sources` (generated with symbol prefix `modelName`)
/// for the host with `compiler`, runs it once per sample of `data` (fed as
/// input 0 with batch 1; the model's state is reset before each sample), and
/// returns the range of every model output under `method`. The model must
/// have one float32 input of `inputElements` elements and float32 outputs of
/// `outputElementCounts` elements. `sampleIndices` selects and orders the
/// samples (indices into the .npy's first dimension or the sorted file list);
/// all are used without it. Ranges are returned as measured, not widened to
/// contain 0. For Percentile, `percentile` is the upper percentile (99.99
/// clips at most 0.01% of a tensor's values at each end); the data is run
/// twice, once for min-max and once for the histogram. A progress bar is
/// drawn on stderr when stderr is a terminal. Reports problems on `errors`.
mlir::FailureOr<std::vector<TensorRange>>
calibrate(const CppSources &sources, llvm::StringRef modelName,
          llvm::ArrayRef<int64_t> outputElementCounts, int64_t inputElements,
          const CalibrationData &data, CalibrationMethod method,
          llvm::raw_ostream &errors, llvm::StringRef compiler = "c++",
          std::optional<std::vector<size_t>> sampleIndices = std::nullopt,
          double percentile = 99.99);

/// The number of samples in `data` (the .npy's first dimension or the number
/// of .bin files), for choosing `sampleIndices`.
llvm::Expected<size_t> countCalibrationSamples(const CalibrationData &data);

/// The indices of the samples of `data` that `subset` names: "all" (returned
/// as std::nullopt, meaning every sample), "even" or "odd" (0, 2, 4, ... or
/// 1, 3, 5, ...), so that one half of a data set can calibrate a model and
/// the other half measure it.
llvm::Expected<std::optional<std::vector<size_t>>>
selectSamples(const CalibrationData &data, llvm::StringRef subset);

//===----------------------------------------------------------------------===//
// The parts of calibrate that need no compiler, exposed for unit tests.
//===----------------------------------------------------------------------===//

/// What a .npy header says, once checked to be little-endian float32 in C
/// order.
struct NpyHeader {
  std::vector<int64_t> shape;
  /// Where the array data starts in the file.
  size_t dataOffset = 0;
};

/// Parses the .npy file `contents` (format versions 1, 2 and 3), checks that
/// it holds little-endian float32 in C order and that the file holds all the
/// data its shape needs. Messages name the file `name`.
llvm::Expected<NpyHeader> parseNpyFloat32(llvm::StringRef contents,
                                          llvm::StringRef name);

/// Writes the samples of `data`, `sampleElements` floats each, to `out` as
/// consecutive raw floats: those at `indices`, in that order, or all of them.
/// Returns one description per written sample ("data.npy[17]",
/// "folder/0017.bin") for messages.
llvm::Expected<std::vector<std::string>>
writeCalibrationSamples(const CalibrationData &data, int64_t sampleElements,
                        const std::optional<std::vector<size_t>> &indices,
                        llvm::raw_ostream &out);

/// Counts of values in `counts.size()` equal-width bins over [min, max].
struct Histogram {
  float min = 0;
  float max = 0;
  std::vector<uint64_t> counts;
};

/// The bin of `value` in a histogram of `bins` bins over [min, max]: bin b
/// holds [min + b * w, min + (b + 1) * w) with w = (max - min) / bins, and the
/// last bin also holds max. Values outside the span go to the end bins, and
/// everything goes to bin 0 when max <= min. The calibration harness bins
/// with the same expression.
size_t histogramBin(float value, float min, float max, size_t bins);

/// The range that keeps all but the extreme values of `histogram`: with N
/// counted values and k = floor(N * (100 - percentile) / 100), it runs from
/// the lower edge of the bin of the (k+1)-th smallest value to the upper edge
/// of the bin of the (k+1)-th largest, clamped to [min, max]. So at most k
/// values fall outside at each end, and percentile 100 gives [min, max].
TensorRange percentileRange(const Histogram &histogram, double percentile);

/// The range, found by a grid search shrinking each end towards 0, whose int8
/// quantization has the least expected squared error over `histogram`.
TensorRange mseRange(const Histogram &histogram);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_CALIBRATION_H
