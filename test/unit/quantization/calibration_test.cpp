//===- calibration_test.cpp - Calibration runner
//---------------------------===//
//
// The .npy reader is fed files built byte by byte here, the percentile math
// hand-made histograms whose answer can be counted off. The end-to-end tests
// calibrate the float hello_world model of the conformance suite on its own
// case inputs; the oracle is the reference interpreter's outputs for them.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Calibration.h"

#include "Import/Importer.h"
#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"
#include "ingot/Dialect/Graph/IR/Graph.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace {

using namespace ingot::quant;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

std::string floatBytes(llvm::ArrayRef<float> values) {
  std::string bytes(values.size() * sizeof(float), '\0');
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

std::vector<float> asFloats(const std::string &bytes) {
  std::vector<float> values(bytes.size() / sizeof(float));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}

/// A .npy file as numpy writes it: magic, version, little-endian header
/// length (2 bytes in version 1, 4 in versions 2 and 3), the dict padded with
/// spaces and a newline so that the data starts 64-byte aligned, the data.
std::string npyFile(StringRef dict, llvm::ArrayRef<float> values,
                    int major = 1) {
  size_t preamble = major == 1 ? 10 : 12;
  std::string header = dict.str();
  while ((preamble + header.size() + 1) % 64 != 0)
    header += ' ';
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  for (size_t i = 0; i < preamble - 8; ++i)
    bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  return bytes + header + floatBytes(values);
}

std::string parseError(StringRef contents) {
  llvm::Expected<NpyHeader> header = parseNpyFloat32(contents, "x.npy");
  if (header)
    return "no error";
  return llvm::toString(header.takeError());
}

/// A temporary folder, removed with everything in it at the end of a test.
struct TempDir {
  llvm::SmallString<128> path;
  TempDir() {
    EXPECT_FALSE(
        llvm::sys::fs::createUniqueDirectory("calibration-test", path));
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path); }
  std::string write(StringRef name, StringRef bytes) const {
    llvm::SmallString<128> file(path);
    llvm::sys::path::append(file, name);
    std::error_code error;
    llvm::raw_fd_ostream os(file, error);
    EXPECT_FALSE(error) << file.str().str();
    os << bytes;
    return std::string(file);
  }
};

/// Runs writeCalibrationSamples and returns the floats it wrote, or the
/// error message.
std::string samplesOrError(const std::string &path, int64_t elements,
                           std::optional<std::vector<size_t>> indices,
                           std::vector<float> &values,
                           std::vector<std::string> *names = nullptr) {
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  auto written = writeCalibrationSamples({path}, elements, indices, os);
  if (!written)
    return llvm::toString(written.takeError());
  if (names)
    *names = *written;
  values = asFloats(bytes);
  return "";
}

//===----------------------------------------------------------------------===//
// The .npy reader
//===----------------------------------------------------------------------===//

TEST(NpyReader, ReadsVersion1Header) {
  std::string file =
      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
              {1, 2, 3, 4, 5, 6});
  auto header = parseNpyFloat32(file, "x.npy");
  ASSERT_TRUE(!!header) << llvm::toString(header.takeError());
  EXPECT_EQ(header->shape, (std::vector<int64_t>{2, 3}));
  // 10 bytes of preamble and a 60-character dict, padded to 128.
  EXPECT_EQ(header->dataOffset, 128u);
  EXPECT_EQ(asFloats(file.substr(header->dataOffset)),
            (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(NpyReader, ReadsVersion2And3Headers) {
  for (int major : {2, 3}) {
    std::string file =
        npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                {1, 2, 3, 4}, major);
    auto header = parseNpyFloat32(file, "x.npy");
    ASSERT_TRUE(!!header) << llvm::toString(header.takeError());
    EXPECT_EQ(header->shape, (std::vector<int64_t>{4}));
    EXPECT_EQ(header->dataOffset, 128u);
    EXPECT_EQ(asFloats(file.substr(header->dataOffset)),
              (std::vector<float>{1, 2, 3, 4}));
  }
}

TEST(NpyReader, AcceptsAnyKeyOrderQuotesAndPython2Longs) {
  std::string file = npyFile(
      R"({"shape": (1L, 2L), "fortran_order": False, "descr": "<f4"})", {1, 2});
  auto header = parseNpyFloat32(file, "x.npy");
  ASSERT_TRUE(!!header) << llvm::toString(header.takeError());
  EXPECT_EQ(header->shape, (std::vector<int64_t>{1, 2}));
}

TEST(NpyReader, ReadsARealNumpyFile) {
  // Written by numpy 1.x: version 1.0, 128-byte preamble.
  const char *path = "/work/shared/datasets/kws/mfcc_f32.npy";
  if (!llvm::sys::fs::exists(path))
    GTEST_SKIP() << path << " is not available";
  auto buffer = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(!!buffer);
  auto header = parseNpyFloat32((*buffer)->getBuffer(), path);
  ASSERT_TRUE(!!header) << llvm::toString(header.takeError());
  EXPECT_EQ(header->shape, (std::vector<int64_t>{1000, 49, 10, 1}));
  EXPECT_EQ(header->dataOffset, 128u);
}

TEST(NpyReader, RejectsOtherDtypes) {
  std::string f8 = npyFile(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", {0, 0});
  EXPECT_NE(parseError(f8).find("holds dtype '<f8', but sample data must "
                                "be little-endian float32"),
            std::string::npos)
      << parseError(f8);
  std::string bigEndian =
      npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", {0});
  EXPECT_NE(parseError(bigEndian).find("big-endian"), std::string::npos);
  std::string structured = npyFile("{'descr': [('a', '<f4'), ('b', '<i4')], "
                                   "'fortran_order': False, 'shape': (1,), }",
                                   {0, 0});
  EXPECT_NE(parseError(structured).find("structured dtype"), std::string::npos)
      << parseError(structured);
}

TEST(NpyReader, RejectsFortranOrder) {
  std::string file =
      npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
              {1, 2, 3, 4});
  EXPECT_NE(parseError(file).find("Fortran"), std::string::npos);
}

TEST(NpyReader, RejectsTruncatedFiles) {
  std::string file =
      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
              {1, 2, 3, 4, 5});
  EXPECT_EQ(parseError(file),
            "x.npy is truncated: its shape (2, 3) needs 24 bytes of float32 "
            "data, but the file has 20");
  std::string whole = npyFile(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", {});
  EXPECT_EQ(parseError(StringRef(whole).take_front(40)),
            "x.npy is truncated inside its .npy header");
  EXPECT_EQ(parseError(StringRef(whole).take_front(9)),
            "x.npy is truncated inside its .npy preamble");
}

TEST(NpyReader, RejectsForeignAndMalformedFiles) {
  EXPECT_NE(parseError("PK\x03\x04 a zip file").find("not a .npy file"),
            std::string::npos);
  std::string version4 = npyFile(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", {0}, 4);
  EXPECT_NE(parseError(version4).find("format version 4.0"), std::string::npos);
  std::string noShape =
      npyFile("{'descr': '<f4', 'fortran_order': False, }", {0});
  EXPECT_NE(parseError(noShape).find("misses"), std::string::npos);
  std::string badShape = npyFile(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }", {0});
  EXPECT_NE(parseError(badShape).find("non-negative integers"),
            std::string::npos);
  std::string notDict = npyFile("['descr', '<f4']", {0});
  EXPECT_NE(parseError(notDict).find("not a Python dict"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// Reading samples
//===----------------------------------------------------------------------===//

TEST(CalibrationSamples, CopiesNpySamplesInOrderOrSelected) {
  TempDir dir;
  std::string path = dir.write(
      "data.npy",
      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2, 1), }",
              {0, 1, 10, 11, 20, 21}));
  std::vector<float> values;
  std::vector<std::string> names;
  ASSERT_EQ(samplesOrError(path, 2, std::nullopt, values), "");
  EXPECT_EQ(values, (std::vector<float>{0, 1, 10, 11, 20, 21}));
  ASSERT_EQ(samplesOrError(path, 2, std::vector<size_t>{2, 0}, values, &names),
            "");
  EXPECT_EQ(values, (std::vector<float>{20, 21, 0, 1}));
  EXPECT_EQ(names, (std::vector<std::string>{path + "[2]", path + "[0]"}));
}

TEST(CalibrationSamples, NpyErrorsNameTheProblem) {
  TempDir dir;
  std::string path = dir.write(
      "data.npy",
      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2, 1), }",
              {0, 1, 10, 11, 20, 21}));
  std::vector<float> values;
  EXPECT_EQ(samplesOrError(path, 3, std::nullopt, values),
            path + " has shape (3, 2, 1), so each of its samples has 2 "
                   "elements, but the model input has 3; the shape must be "
                   "(N, <model input shape without batch>)");
  EXPECT_EQ(samplesOrError(path, 2, std::vector<size_t>{1, 3}, values),
            "sample index 3 is out of range: " + path + " has 3 samples");
  EXPECT_NE(samplesOrError(path, 2, std::vector<size_t>{}, values)
                .find("has no samples at the selected indices"),
            std::string::npos);
  std::string empty = dir.write(
      "empty.npy",
      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 2), }",
              {}));
  EXPECT_NE(samplesOrError(empty, 2, std::nullopt, values).find("no samples"),
            std::string::npos);
  EXPECT_NE(samplesOrError(path + ".missing", 2, std::nullopt, values)
                .find("does not exist"),
            std::string::npos);
}

TEST(CalibrationSamples, ReadsAFolderOfBinFilesInNameOrder) {
  TempDir dir;
  dir.write("b.bin", floatBytes({2, 2.5f}));
  dir.write("a.bin", floatBytes({1, 1.5f}));
  dir.write("c.bin", floatBytes({3, 3.5f}));
  dir.write("notes.txt", "not a sample");
  std::vector<float> values;
  ASSERT_EQ(samplesOrError(std::string(dir.path), 2, std::nullopt, values), "");
  EXPECT_EQ(values, (std::vector<float>{1, 1.5f, 2, 2.5f, 3, 3.5f}));
  ASSERT_EQ(samplesOrError(std::string(dir.path), 2, std::vector<size_t>{0, 2},
                           values),
            "");
  EXPECT_EQ(values, (std::vector<float>{1, 1.5f, 3, 3.5f}));

  std::string message =
      samplesOrError(std::string(dir.path), 3, std::nullopt, values);
  EXPECT_NE(message.find("a.bin has 8 bytes, but the model input is 3 "
                         "float32 = 12 bytes"),
            std::string::npos)
      << message;
}

TEST(CalibrationSamples, CountsSamples) {
  TempDir dir;
  std::string npy = dir.write(
      "data.npy",
      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }",
              {0, 1, 10, 11, 20, 21}));
  auto count = countCalibrationSamples({npy});
  ASSERT_TRUE(!!count) << llvm::toString(count.takeError());
  EXPECT_EQ(*count, 3u);

  TempDir folder;
  folder.write("a.bin", floatBytes({1}));
  folder.write("b.bin", floatBytes({2}));
  folder.write("readme.md", "");
  count = countCalibrationSamples({std::string(folder.path)});
  ASSERT_TRUE(!!count) << llvm::toString(count.takeError());
  EXPECT_EQ(*count, 2u);
}

TEST(CalibrationSamples, EmptyFolderIsAnError) {
  TempDir dir;
  std::vector<float> values;
  EXPECT_NE(samplesOrError(std::string(dir.path), 2, std::nullopt, values)
                .find("has no .bin files"),
            std::string::npos);
}

//===----------------------------------------------------------------------===//
// Histograms and percentiles
//===----------------------------------------------------------------------===//

TEST(Histogram, BinsSplitTheSpanEvenly) {
  // [0, 8] in 4 bins of width 2.
  EXPECT_EQ(histogramBin(0.0f, 0, 8, 4), 0u);
  EXPECT_EQ(histogramBin(1.99f, 0, 8, 4), 0u);
  EXPECT_EQ(histogramBin(2.0f, 0, 8, 4), 1u);
  EXPECT_EQ(histogramBin(5.0f, 0, 8, 4), 2u);
  EXPECT_EQ(histogramBin(7.99f, 0, 8, 4), 3u);
  // The maximum belongs to the last bin; outsiders to the end bins.
  EXPECT_EQ(histogramBin(8.0f, 0, 8, 4), 3u);
  EXPECT_EQ(histogramBin(9.0f, 0, 8, 4), 3u);
  EXPECT_EQ(histogramBin(-1.0f, 0, 8, 4), 0u);
  // An empty span has one occupied bin.
  EXPECT_EQ(histogramBin(3.0f, 3, 3, 4), 0u);
}

TEST(Histogram, MaximalPercentileKeepsMinAndMax) {
  Histogram histogram{-1.5f, 4.25f, {3, 0, 0, 0, 0, 0, 0, 1}};
  TensorRange range = percentileRange(histogram, 100.0);
  EXPECT_EQ(range.min, -1.5f);
  EXPECT_EQ(range.max, 4.25f);
  // A tail shorter than one value also keeps everything: 4 * 0.01% < 1.
  range = percentileRange(histogram, 99.99);
  EXPECT_EQ(range.min, -1.5f);
  EXPECT_EQ(range.max, 4.25f);
}

TEST(Histogram, ClipsAtMostTheTailAtEachEnd) {
  // 100 bins of width 1 over [0, 100], one value each. 98%: k = 2 values may
  // go at each end, so the range runs from bin 2's lower edge to bin 97's
  // upper edge.
  Histogram histogram{0, 100, std::vector<uint64_t>(100, 1)};
  TensorRange range = percentileRange(histogram, 98.0);
  EXPECT_FLOAT_EQ(range.min, 2.0f);
  EXPECT_FLOAT_EQ(range.max, 98.0f);
}

TEST(Histogram, DropsARareOutlier) {
  // 20000 values in [0, 1) and one at 100, in bins of width 0.5 over
  // [0, 100]. 99.99%: k = floor(20001 * 0.0001) = 2 values may go at each
  // end: from the top the outlier and one value of bin 1, so the range ends at
  // bin 1's upper edge.
  Histogram histogram{0, 100, std::vector<uint64_t>(200, 0)};
  histogram.counts[0] = 10000;
  histogram.counts[1] = 10000;
  histogram.counts[199] = 1;
  TensorRange range = percentileRange(histogram, 99.99);
  EXPECT_EQ(range.min, 0.0f);
  EXPECT_FLOAT_EQ(range.max, 1.0f);
}

TEST(Histogram, AZeroHeavyReluOutputKeepsZero) {
  // Half the values are exactly 0 (bin 0): the lower bound stays 0, not a
  // value interpolated inside bin 0.
  Histogram histogram{0, 6, std::vector<uint64_t>(6, 100)};
  histogram.counts[0] = 500;
  TensorRange range = percentileRange(histogram, 99.9);
  EXPECT_EQ(range.min, 0.0f);
  EXPECT_EQ(range.max, 6.0f);
}

TEST(Histogram, DegenerateHistogramsGiveMinMax) {
  TensorRange empty = percentileRange({1, 2, {0, 0, 0}}, 99.0);
  EXPECT_EQ(empty.min, 1.0f);
  EXPECT_EQ(empty.max, 2.0f);
  TensorRange constant = percentileRange({7, 7, {5, 0, 0}}, 99.0);
  EXPECT_EQ(constant.min, 7.0f);
  EXPECT_EQ(constant.max, 7.0f);
}

//===----------------------------------------------------------------------===//
// End to end: the float hello_world model
//===----------------------------------------------------------------------===//

/// ../shared/conformance beside the repository, as CMake saw it
/// (INGOT_CONFORMANCE_DIR overrides). Not derived from __FILE__: ccache's
/// base_dir makes that path relative.
std::string conformanceDir() {
  if (const char *dir = std::getenv("INGOT_CONFORMANCE_DIR"))
    return dir;
  return INGOT_DEFAULT_CONFORMANCE_DIR;
}

class HelloWorldCalibration : public ::testing::Test {
protected:
  void SetUp() override {
    modelDir = conformanceDir() + "/hello_world_float";
    if (!llvm::sys::fs::exists(modelDir + "/model.tflite"))
      GTEST_SKIP() << modelDir << " is not available";
    if (!llvm::sys::findProgramByName("c++"))
      GTEST_SKIP() << "no host C++ compiler";

    mlir::DialectRegistry registry;
    registry.insert<ingot::graph::GraphDialect, ingot::kernel::KernelDialect,
                    mlir::quant::QuantDialect, mlir::func::FuncDialect,
                    mlir::emitc::EmitCDialect>();
    context = std::make_unique<mlir::MLIRContext>(registry);
    context->loadAllAvailableDialects();
    auto module =
        ingot::import::importTfliteFile(modelDir + "/model.tflite", *context);
    ASSERT_TRUE(module);
    mlir::PassManager pm(context.get());
    ingot::buildGraphToKernelPipeline(pm);
    ingot::buildKernelToEmitCPipeline(pm, "hello");
    ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
    auto cpp = ingot::translateModelToCpp(*module);
    ASSERT_TRUE(mlir::succeeded(cpp));
    sources = *cpp;

    for (int i = 0; i < 8; ++i) {
      inputs.push_back(readFloat("/case" + std::to_string(i) + "_input0.bin"));
      outputs.push_back(
          readFloat("/case" + std::to_string(i) + "_output0.bin"));
    }
  }

  float readFloat(const std::string &name) {
    auto buffer = llvm::MemoryBuffer::getFile(modelDir + name);
    EXPECT_TRUE(buffer && (*buffer)->getBufferSize() == sizeof(float)) << name;
    if (!buffer)
      return 0;
    return asFloats((*buffer)->getBuffer().str()).at(0);
  }

  /// The eight case inputs as an (8, 1) .npy file.
  std::string writeInputsNpy(const TempDir &dir,
                             std::vector<float> values = {}) {
    if (values.empty())
      values = inputs;
    return dir.write(
        "inputs.npy",
        npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                    std::to_string(values.size()) + ", 1), }",
                values));
  }

  mlir::FailureOr<std::vector<TensorRange>>
  run(const std::string &data, CalibrationMethod method,
      std::optional<std::vector<size_t>> indices = std::nullopt,
      double percentile = 99.99) {
    errors.clear();
    llvm::raw_string_ostream os(errors);
    return calibrate(sources, "hello", {1}, 1, {data}, method, os, "c++",
                     indices, percentile);
  }

  std::string modelDir;
  std::unique_ptr<mlir::MLIRContext> context;
  ingot::CppSources sources;
  std::vector<float> inputs, outputs;
  std::string errors;
};

TEST_F(HelloWorldCalibration, MinMaxMatchesTheReferenceOutputs) {
  TempDir dir;
  auto ranges = run(writeInputsNpy(dir), CalibrationMethod::MinMax);
  ASSERT_TRUE(mlir::succeeded(ranges)) << errors;
  ASSERT_EQ(ranges->size(), 1u);
  EXPECT_FLOAT_EQ((*ranges)[0].min,
                  *std::min_element(outputs.begin(), outputs.end()));
  EXPECT_FLOAT_EQ((*ranges)[0].max,
                  *std::max_element(outputs.begin(), outputs.end()));
}

TEST_F(HelloWorldCalibration, SelectedSamplesFromAFolder) {
  // Even cases only: their outputs are 0.609, 0.808, -0.188 and 0.230, so
  // the minimum of all eight (-0.930, case 5) is left out.
  TempDir dir;
  for (int i = 0; i < 8; ++i)
    dir.write("case" + std::to_string(i) + ".bin", floatBytes({inputs[i]}));
  auto ranges = run(std::string(dir.path), CalibrationMethod::MinMax,
                    std::vector<size_t>{0, 2, 4, 6});
  ASSERT_TRUE(mlir::succeeded(ranges)) << errors;
  std::vector<float> even = {outputs[0], outputs[2], outputs[4], outputs[6]};
  EXPECT_FLOAT_EQ((*ranges)[0].min,
                  *std::min_element(even.begin(), even.end()));
  EXPECT_FLOAT_EQ((*ranges)[0].max,
                  *std::max_element(even.begin(), even.end()));
}

TEST_F(HelloWorldCalibration, PercentileMatchesTheHistogramMath) {
  // 75%: k = floor(8 * 0.25) = 2 outputs may be clipped at each end. The
  // expected range is the library's own percentile of a histogram binned
  // from the reference outputs, so the harness must bin the same way.
  TempDir dir;
  auto ranges = run(writeInputsNpy(dir), CalibrationMethod::Percentile,
                    std::nullopt, 75.0);
  ASSERT_TRUE(mlir::succeeded(ranges)) << errors;
  float min = *std::min_element(outputs.begin(), outputs.end());
  float max = *std::max_element(outputs.begin(), outputs.end());
  Histogram histogram{min, max,
                      std::vector<uint64_t>(kCalibrationHistogramBins, 0)};
  for (float value : outputs)
    ++histogram
          .counts[histogramBin(value, min, max, kCalibrationHistogramBins)];
  TensorRange expected = percentileRange(histogram, 75.0);
  EXPECT_FLOAT_EQ((*ranges)[0].min, expected.min);
  EXPECT_FLOAT_EQ((*ranges)[0].max, expected.max);

  // And within one bin of the third smallest and third largest outputs.
  std::vector<float> sorted = outputs;
  std::sort(sorted.begin(), sorted.end());
  float width = (max - min) / kCalibrationHistogramBins;
  EXPECT_LE((*ranges)[0].min, sorted[2]);
  EXPECT_GT((*ranges)[0].min, sorted[2] - width);
  EXPECT_GE((*ranges)[0].max, sorted[5]);
  EXPECT_LT((*ranges)[0].max, sorted[5] + width);
}

TEST_F(HelloWorldCalibration, NonFiniteOutputNamesTheSample) {
  TempDir dir;
  std::string path = writeInputsNpy(dir, {0.5f, NAN, 0.25f});
  auto ranges = run(path, CalibrationMethod::MinMax);
  ASSERT_TRUE(mlir::failed(ranges));
  EXPECT_NE(errors.find("model output 0 is NaN or infinite on sample " + path +
                        "[1]"),
            std::string::npos)
      << errors;
}

TEST_F(HelloWorldCalibration, ReportsBadArguments) {
  TempDir dir;
  std::string path = writeInputsNpy(dir);
  EXPECT_TRUE(mlir::failed(
      run(path, CalibrationMethod::Percentile, std::nullopt, 40.0)));
  EXPECT_NE(errors.find("percentile must be in (50, 100]"), std::string::npos);

  llvm::raw_string_ostream os(errors);
  errors.clear();
  EXPECT_TRUE(mlir::failed(calibrate(sources, "hello", {1}, 1, {path},
                                     CalibrationMethod::MinMax, os,
                                     "no-such-compiler-for-ingot")));
  EXPECT_NE(errors.find("cannot find the C++ compiler"), std::string::npos);

  // A wrong output count is caught when the harness is built.
  errors.clear();
  EXPECT_TRUE(mlir::failed(calibrate(sources, "hello", {2}, 1, {path},
                                     CalibrationMethod::MinMax, os)));
  EXPECT_NE(errors.find("output 0 does not have the element count"),
            std::string::npos)
      << errors;
  // The failed build is kept for inspection; remove it.
  StringRef folder = StringRef(errors).split("(build folder: ").second;
  folder = folder.take_until([](char c) { return c == ')'; });
  ASSERT_FALSE(folder.empty()) << errors;
  EXPECT_FALSE(llvm::sys::fs::remove_directories(folder));
}

} // namespace
