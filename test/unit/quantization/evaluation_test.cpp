//===- evaluation_test.cpp - Evaluation runner ----------------------------===//
//
// The SQNR, agreement and accuracy arithmetic and the labels reader are fed
// numbers whose answers can be worked out by hand. The end-to-end tests run
// the hello_world models of the conformance suite in the evaluation harness;
// the oracle is the reference interpreter's outputs for their case inputs.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Evaluation.h"

#include "Import/Importer.h"
#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"
#include "ingot/Dialect/Graph/IR/Graph.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace {

using namespace ingot::quant;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// SQNR, agreement, accuracy
//===----------------------------------------------------------------------===//

TEST(Sqnr, IsTenLog10OfSignalOverNoise) {
  EXPECT_DOUBLE_EQ(sqnrDb({100.0, 1.0, 4}), 20.0);
  EXPECT_DOUBLE_EQ(sqnrDb({1.0, 1.0, 4}), 0.0);
  EXPECT_DOUBLE_EQ(sqnrDb({1.0, 1000.0, 4}), -30.0);
  // reference {3, 4}, candidate {3, 3.5}: signal 25, noise 0.25.
  EXPECT_NEAR(sqnrDb({25.0, 0.25, 2}), 20.0, 1e-12);
}

TEST(Sqnr, IdenticalTensorsAreInfinitelyGood) {
  EXPECT_EQ(sqnrDb({5.0, 0.0, 3}), std::numeric_limits<double>::infinity());
  // All zero on both sides is still identical.
  EXPECT_EQ(sqnrDb({0.0, 0.0, 3}), std::numeric_limits<double>::infinity());
  // Noise on a reference that is all zero has no ratio to speak of.
  EXPECT_EQ(sqnrDb({0.0, 2.0, 3}), -std::numeric_limits<double>::infinity());
}

TEST(Top1, AgreementCountsEqualPositions) {
  EXPECT_DOUBLE_EQ(top1Agreement({1, 2, 3, 4}, {1, 2, 0, 4}), 0.75);
  EXPECT_DOUBLE_EQ(top1Agreement({7}, {7}), 1.0);
  EXPECT_DOUBLE_EQ(top1Agreement({}, {}), 0.0);
}

TEST(Top1, AccuracyReadsTheLabelOfEachSampleIndex) {
  // Labels of samples 0..5; the odd samples 1, 3, 5 were evaluated.
  std::vector<int64_t> labels = {0, 1, 2, 3, 4, 5};
  std::vector<size_t> odd = {1, 3, 5};
  EXPECT_DOUBLE_EQ(top1Accuracy({1, 3, 5}, odd, labels), 1.0);
  EXPECT_DOUBLE_EQ(top1Accuracy({1, 0, 0}, odd, labels), 1.0 / 3);
  // Not the labels of samples 0, 1, 2.
  EXPECT_DOUBLE_EQ(top1Accuracy({0, 1, 2}, odd, labels), 0.0);
}

//===----------------------------------------------------------------------===//
// Labels
//===----------------------------------------------------------------------===//

std::string labelsError(StringRef text) {
  auto labels = parseLabelsCsv(text, "labels.csv");
  return labels ? "no error" : llvm::toString(labels.takeError());
}

TEST(Labels, ReadsTheLabelColumnOfTheKwsLayout) {
  auto labels = parseLabelsCsv("index,file,label,word\n"
                               "0,tst_000000_Stop_7.bin,7,Stop\n"
                               "1,tst_000001_Left_2.bin,2,Left\r\n"
                               "2,x.bin,11,Unknown\n\n",
                               "labels.csv");
  ASSERT_TRUE(!!labels) << llvm::toString(labels.takeError());
  EXPECT_EQ(*labels, (std::vector<int64_t>{7, 2, 11}));
}

TEST(Labels, HandlesQuotedFieldsAndSpaces) {
  auto labels = parseLabelsCsv("\"file, with comma\", label \n"
                               "\"a,b\", 3\n"
                               "\"say \"\"hi\"\"\",4\n",
                               "labels.csv");
  ASSERT_TRUE(!!labels) << llvm::toString(labels.takeError());
  EXPECT_EQ(*labels, (std::vector<int64_t>{3, 4}));
}

TEST(Labels, ErrorsNameTheFileAndLine) {
  EXPECT_NE(labelsError("").find("labels.csv is empty"), std::string::npos);
  EXPECT_NE(labelsError("index,class\n0,1\n")
                .find("labels.csv has no 'label' column; its header line is "
                      "'index,class'"),
            std::string::npos);
  EXPECT_NE(labelsError("index,label\n0,1\n1,cat\n")
                .find("labels.csv line 3: the label 'cat' is not an integer"),
            std::string::npos)
      << labelsError("index,label\n0,1\n1,cat\n");
  EXPECT_NE(labelsError("index,file,label\n0,a.bin\n")
                .find("labels.csv line 2 has 2 fields, but 'label' is field "
                      "3"),
            std::string::npos);
}

//===----------------------------------------------------------------------===//
// Encodings
//===----------------------------------------------------------------------===//

TEST(Encoding, ReadsFloatIntegerAndQuantizedTensors) {
  mlir::MLIRContext context;
  context.loadDialect<mlir::quant::QuantDialect>();
  auto f32 = mlir::Float32Type::get(&context);
  auto i8 = mlir::IntegerType::get(&context, 8);
  auto tensor = [](mlir::Type element) {
    return mlir::RankedTensorType::get({2, 3}, element);
  };

  auto asFloat = tensorEncoding(tensor(f32));
  ASSERT_TRUE(asFloat);
  EXPECT_EQ(asFloat->kind, TensorEncoding::Kind::Float32);
  EXPECT_EQ(asFloat->elements, 6);

  auto quantized = mlir::quant::UniformQuantizedType::get(
      mlir::quant::QuantizationFlags::Signed, i8, f32, 0.25, -3, -128, 127);
  auto asInt8 = tensorEncoding(tensor(quantized));
  ASSERT_TRUE(asInt8);
  EXPECT_EQ(asInt8->kind, TensorEncoding::Kind::Int8);
  EXPECT_EQ(asInt8->scale, 0.25f);
  EXPECT_EQ(asInt8->zeroPoint, -3);

  auto asInt32 = tensorEncoding(tensor(mlir::IntegerType::get(&context, 32)));
  ASSERT_TRUE(asInt32);
  EXPECT_EQ(asInt32->kind, TensorEncoding::Kind::Int32);
  EXPECT_EQ(asInt32->scale, 1.0f);

  // A uint8 model input: inference_input_type uint8.
  auto unsignedQuantized =
      mlir::quant::UniformQuantizedType::get(0, i8, f32, 0.5, 128, 0, 255);
  auto asUInt8 = tensorEncoding(tensor(unsignedQuantized));
  ASSERT_TRUE(asUInt8);
  EXPECT_EQ(asUInt8->kind, TensorEncoding::Kind::UInt8);
  EXPECT_EQ(asUInt8->zeroPoint, 128);

  EXPECT_FALSE(tensorEncoding(tensor(mlir::Float16Type::get(&context))));
  EXPECT_FALSE(tensorEncoding(tensor(
      mlir::IntegerType::get(&context, 16, mlir::IntegerType::Unsigned))));
  EXPECT_FALSE(tensorEncoding(
      mlir::RankedTensorType::get({mlir::ShapedType::kDynamic}, f32)));
}

//===----------------------------------------------------------------------===//
// End to end: the hello_world models
//===----------------------------------------------------------------------===//

/// ../shared/conformance beside the repository (INGOT_CONFORMANCE_DIR
/// overrides).
std::string conformanceDir() {
  if (const char *dir = std::getenv("INGOT_CONFORMANCE_DIR"))
    return dir;
  return INGOT_DEFAULT_CONFORMANCE_DIR;
}

std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  EXPECT_TRUE(!!buffer) << path;
  return buffer ? (*buffer)->getBuffer().str() : "";
}

/// A temporary folder, removed with everything in it at the end of a test.
struct TempDir {
  llvm::SmallString<128> path;
  TempDir() {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("evaluation-test", path));
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path); }
  std::string write(StringRef name, llvm::ArrayRef<float> values) const {
    llvm::SmallString<128> file(path);
    llvm::sys::path::append(file, name);
    std::error_code error;
    llvm::raw_fd_ostream os(file, error);
    EXPECT_FALSE(error) << file.str().str();
    os.write(reinterpret_cast<const char *>(values.data()),
             values.size() * sizeof(float));
    return std::string(file);
  }
};

/// A conformance model lowered to C++, with its encodings read off the
/// imported function's types.
struct LoweredModel {
  ingot::CppSources sources;
  EvaluatedModel model;
};

class HelloWorldEvaluation : public ::testing::Test {
protected:
  void SetUp() override {
    if (!llvm::sys::fs::exists(conformanceDir() + "/hello_world_float") ||
        !llvm::sys::fs::exists(conformanceDir() + "/hello_world_int8"))
      GTEST_SKIP() << "the hello_world conformance models are not available";
    if (!llvm::sys::findProgramByName("c++"))
      GTEST_SKIP() << "no host C++ compiler";
    mlir::DialectRegistry registry;
    registry.insert<ingot::graph::GraphDialect, ingot::kernel::KernelDialect,
                    mlir::quant::QuantDialect, mlir::func::FuncDialect,
                    mlir::emitc::EmitCDialect>();
    context = std::make_unique<mlir::MLIRContext>(registry);
    context->loadAllAvailableDialects();
  }

  void lower(const std::string &model, const std::string &name,
             LoweredModel &lowered) {
    auto module = ingot::import::importTfliteFile(
        conformanceDir() + "/" + model + "/model.tflite", *context);
    ASSERT_TRUE(module);
    auto function = *module->getOps<mlir::func::FuncOp>().begin();
    auto input = tensorEncoding(function.getArgumentTypes()[0]);
    auto output = tensorEncoding(function.getResultTypes()[0]);
    ASSERT_TRUE(input && output);
    lowered.model.name = name;
    lowered.model.input = *input;
    lowered.model.outputs = {*output};
    mlir::PassManager pm(context.get());
    ingot::buildGraphToKernelPipeline(pm);
    ingot::buildKernelToEmitCPipeline(pm, name);
    ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
    auto cpp = ingot::translateModelToCpp(*module);
    ASSERT_TRUE(mlir::succeeded(cpp));
    lowered.sources = *cpp;
    lowered.model.sources = &lowered.sources;
  }

  /// Case i's file of `model` as floats: raw float32, or int8 dequantized
  /// with `encoding`.
  float caseValue(const std::string &model, int i, StringRef kind,
                  const TensorEncoding &encoding) {
    std::string bytes =
        readFile(conformanceDir() + "/" + model + "/case" + std::to_string(i) +
                 "_" + kind.str() + "0.bin");
    if (encoding.kind == TensorEncoding::Kind::Float32) {
      float value = 0;
      EXPECT_EQ(bytes.size(), sizeof value);
      std::memcpy(&value, bytes.data(), sizeof value);
      return value;
    }
    EXPECT_EQ(bytes.size(), 1u);
    return (static_cast<int8_t>(bytes[0]) - encoding.zeroPoint) *
           encoding.scale;
  }

  mlir::FailureOr<EvaluationResult> run(const LoweredModel &reference,
                                        const LoweredModel &candidate,
                                        const std::string &data) {
    errors.clear();
    llvm::raw_string_ostream os(errors);
    return evaluate(reference.model, candidate.model, {{0, 0}}, {data},
                    std::nullopt, os, "c++");
  }

  std::unique_ptr<mlir::MLIRContext> context;
  std::string errors;
};

TEST_F(HelloWorldEvaluation, FloatAgainstInt8) {
  LoweredModel reference, candidate;
  lower("hello_world_float", "reference", reference);
  lower("hello_world_int8", "candidate", candidate);
  // The int8 model takes x in [0, 6.24] (scale 0.0245, zero point -128);
  // float cases 0, 1, 2 and 6 are in that range, the others negative.
  std::vector<size_t> inRange = {0, 1, 2, 6};
  TempDir dir;
  double signal = 0;
  for (int i = 0; i < 8; ++i)
    dir.write(
        "case" + std::to_string(i) + ".bin",
        {caseValue("hello_world_float", i, "input", reference.model.input)});
  for (size_t i : inRange) {
    float expected =
        caseValue("hello_world_float", i, "output", reference.model.outputs[0]);
    signal += static_cast<double>(expected) * expected;
  }
  errors.clear();
  llvm::raw_string_ostream os(errors);
  auto result = evaluate(reference.model, candidate.model, {{0, 0}},
                         {std::string(dir.path)}, inRange, os);
  ASSERT_TRUE(mlir::succeeded(result)) << errors;
  ASSERT_EQ(result->pairs.size(), 1u);
  // The reference side is exactly the interpreter's float outputs.
  EXPECT_NEAR(result->pairs[0].signal, signal, 1e-12 * signal);
  EXPECT_EQ(result->pairs[0].count, 4u);
  // int8 costs something, but not the sine's shape.
  double sqnr = sqnrDb(result->pairs[0]);
  EXPECT_TRUE(std::isfinite(sqnr));
  EXPECT_GT(sqnr, 15.0);
  // One output value: its arg-max is always 0.
  EXPECT_EQ(result->referenceTop1, std::vector<int64_t>(4, 0));
  EXPECT_EQ(result->candidateTop1, std::vector<int64_t>(4, 0));
  EXPECT_EQ(result->sampleIndices, inRange);
}

TEST_F(HelloWorldEvaluation, Int8AgainstItselfQuantizesAndDequantizes) {
  // The int8 cases as floats: the harness must quantize them back to the
  // case inputs, and dequantize the outputs to exactly the case outputs.
  LoweredModel reference, candidate;
  lower("hello_world_int8", "reference", reference);
  lower("hello_world_int8", "candidate", candidate);
  TempDir dir;
  double signal = 0;
  for (int i = 0; i < 8; ++i) {
    dir.write(
        "case" + std::to_string(i) + ".bin",
        {caseValue("hello_world_int8", i, "input", reference.model.input)});
    double expected =
        caseValue("hello_world_int8", i, "output", reference.model.outputs[0]);
    signal += expected * expected;
  }
  auto result = run(reference, candidate, std::string(dir.path));
  ASSERT_TRUE(mlir::succeeded(result)) << errors;
  EXPECT_NEAR(result->pairs[0].signal, signal, 1e-6 * signal);
  EXPECT_EQ(result->pairs[0].noise, 0.0);
  EXPECT_EQ(sqnrDb(result->pairs[0]), std::numeric_limits<double>::infinity());
}

TEST_F(HelloWorldEvaluation, NonFiniteValuesNameTheSample) {
  LoweredModel reference, candidate;
  lower("hello_world_float", "reference", reference);
  lower("hello_world_int8", "candidate", candidate);
  TempDir dir;
  dir.write("0.bin", {0.5f});
  dir.write("1.bin", {NAN});
  auto result = run(reference, candidate, std::string(dir.path));
  ASSERT_TRUE(mlir::failed(result));
  EXPECT_NE(errors.find("reference output 0 is NaN or infinite on sample"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("1.bin"), std::string::npos) << errors;
}

TEST_F(HelloWorldEvaluation, RejectsOutputsThatCannotBeCompared) {
  LoweredModel reference, candidate;
  lower("hello_world_float", "reference", reference);
  lower("hello_world_int8", "candidate", candidate);
  errors.clear();
  llvm::raw_string_ostream os(errors);
  EXPECT_TRUE(mlir::failed(evaluate(reference.model, candidate.model, {{0, 1}},
                                    {"unused"}, std::nullopt, os)));
  EXPECT_NE(errors.find("reference output 0 and candidate output 1 cannot be "
                        "compared"),
            std::string::npos)
      << errors;
}

} // namespace
