//===- module.cpp - ingot._ingot, the compiler in Python ------------------===//
//
// The native half of the Python package: binds the driver's library entry
// (compiler/Driver/Api.h) with nanobind. The Python half (ingot/) shapes
// it like TensorFlow Lite's converter and interpreter.
//
//===----------------------------------------------------------------------===//
#include "Api.h"

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

namespace nb = nanobind;

namespace {

ingot::api::Options
makeOptions(const std::string &target, const std::string &optimize,
            const std::string &quantize, const std::string &calibration,
            const std::string &calibrationMethod,
            const std::string &calibrationSamples, const std::string &ioType,
            bool strict, bool biasCorrection) {
  ingot::api::Options options;
  options.target = target;
  options.optimize = optimize;
  options.quantize = quantize;
  options.calibration = calibration;
  options.calibrationMethod = calibrationMethod;
  options.calibrationSamples = calibrationSamples;
  options.ioType = ioType;
  options.strict = strict;
  options.biasCorrection = biasCorrection;
  return options;
}

nb::dict toDict(const ingot::api::Result &result) {
  nb::dict dict;
  dict["ok"] = result.ok;
  dict["messages"] = result.messages;
  dict["report"] = result.report;
  return dict;
}

} // namespace

NB_MODULE(_ingot, module) {
  module.doc() = "ingot's compiler driver (use the `ingot` package instead)";

  nb::class_<ingot::api::Options>(module, "Options")
      .def(
          "__init__",
          [](ingot::api::Options *self, const std::string &target,
             const std::string &optimize, const std::string &quantize,
             const std::string &calibration,
             const std::string &calibrationMethod,
             const std::string &calibrationSamples, const std::string &ioType,
             bool strict, bool biasCorrection) {
            new (self) ingot::api::Options(makeOptions(
                target, optimize, quantize, calibration, calibrationMethod,
                calibrationSamples, ioType, strict, biasCorrection));
          },
          nb::arg("target") = "generic", nb::arg("optimize") = "speed",
          nb::arg("quantize") = "", nb::arg("calibration") = "",
          nb::arg("calibration_method") = "minmax",
          nb::arg("calibration_samples") = "all",
          nb::arg("io_type") = "float32", nb::arg("strict") = false,
          nb::arg("bias_correction") = false);

  module.def("validate", &ingot::api::validate, nb::arg("options"),
             "An empty string, or what is wrong with the options.");
  module.def(
      "compile",
      [](const ingot::api::Options &options, const std::string &model,
         const std::string &outputDir, const std::string &name) {
        nb::gil_scoped_release release;
        auto result = ingot::api::compile(options, model, outputDir, name);
        nb::gil_scoped_acquire acquire;
        return toDict(result);
      },
      nb::arg("options"), nb::arg("model"), nb::arg("output_dir"),
      nb::arg("name"),
      "ingot compile MODEL -o OUTPUT_DIR --name NAME, with the options.");
  module.def(
      "write_tflite",
      [](const ingot::api::Options &options, const std::string &model,
         const std::string &output) {
        nb::gil_scoped_release release;
        auto result = ingot::api::writeTflite(options, model, output);
        nb::gil_scoped_acquire acquire;
        return toDict(result);
      },
      nb::arg("options"), nb::arg("model"), nb::arg("output"),
      "ingot quantize MODEL -o OUTPUT, with the options.");
  module.def(
      "inspect",
      [](const ingot::api::Options &options, const std::string &model) {
        nb::gil_scoped_release release;
        auto result = ingot::api::inspect(options, model);
        nb::gil_scoped_acquire acquire;
        return toDict(result);
      },
      nb::arg("options"), nb::arg("model"),
      "ingot inspect MODEL --json, with the options: the report.");
  module.def(
      "evaluate",
      [](const ingot::api::Options &options, const std::string &model,
         const std::string &output, const std::string &data,
         const std::string &samples, const std::string &labels) {
        nb::gil_scoped_release release;
        auto result =
            ingot::api::evaluate(options, model, output, data, samples, labels);
        nb::gil_scoped_acquire acquire;
        return toDict(result);
      },
      nb::arg("options"), nb::arg("model"), nb::arg("output"), nb::arg("data"),
      nb::arg("samples") = "all", nb::arg("labels") = "",
      "ingot quantize MODEL -o OUTPUT --eval DATA --json: the report.");
}
