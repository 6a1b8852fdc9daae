//===- kws_accuracy.cpp - Top-1 accuracy of a compiled KWS model ----------===//
//
// This file implements the keyword-spotting accuracy check: it reads the MFCC
// features (a float32 .npy of shape (N, 49, 10, 1)) and labels.csv of
// datasets/kws, runs the model that ingot compiled as `kws` (kws.h/kws.cpp)
// on each selected sample, takes the arg-max of the output and reports top-1
// accuracy as
//
//   accuracy: 0.912 (456/500)
//
// The model's input and output types come from kws.h: an int8 input is
// quantized from the float features with the header's scale and zero point
// (divide by the scale, round half away from zero, add the zero point, clamp
// to [-128, 127], as TFLite's QUANTIZE does); a float input is copied. The
// arg-max of an int8 output is that of the dequantized output, because the
// scale is positive. Ties go to the lowest index, like numpy.argmax.
//
// Usage: kws_accuracy FEATURES.npy LABELS.csv [even|odd|all]
//
//===----------------------------------------------------------------------===//
#include "kws.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using InputType = KWS_INPUT0_TYPE;
using OutputType = KWS_OUTPUT0_TYPE;

static_assert(std::is_same_v<InputType, int8_t> ||
                  std::is_same_v<InputType, float>,
              "kws_accuracy handles int8 and float model inputs only");
static_assert(std::is_same_v<OutputType, int8_t> ||
                  std::is_same_v<OutputType, float>,
              "kws_accuracy handles int8 and float model outputs only");

/// A float32 array read from a .npy file, in C order.
struct NpyArray {
  std::vector<int64_t> shape;
  std::vector<float> data;
};

/// Returns the text of `key`'s value in the .npy header dictionary, e.g.
/// "'<f4'" for 'descr' or "(1000, 49, 10, 1)" for 'shape', or "" if absent.
std::string dictValue(const std::string &header, const std::string &key) {
  const std::string quoted = "'" + key + "'";
  size_t pos = header.find(quoted);
  if (pos == std::string::npos)
    return "";
  pos = header.find(':', pos + quoted.size());
  if (pos == std::string::npos)
    return "";
  ++pos;
  while (pos < header.size() && header[pos] == ' ')
    ++pos;
  if (pos >= header.size())
    return "";
  // A tuple runs to its closing parenthesis; anything else to the next comma
  // or the end of the dictionary.
  size_t end = header[pos] == '(' ? header.find(')', pos) + 1
                                  : header.find_first_of(",}", pos);
  if (end == std::string::npos || end == 0)
    return "";
  std::string value = header.substr(pos, end - pos);
  while (!value.empty() && value.back() == ' ')
    value.pop_back();
  return value;
}

/// Reads a little-endian float32, C-order .npy file (format versions 1-3).
/// Returns false with a message in `error` on anything else.
bool readNpy(const std::string &path, NpyArray &array, std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = "cannot open " + path;
    return false;
  }
  char magic[8];
  if (!file.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0) {
    error = path + " is not a .npy file";
    return false;
  }
  const auto major = static_cast<unsigned char>(magic[6]);
  uint32_t headerLength = 0;
  if (major == 1) {
    unsigned char bytes[2];
    if (!file.read(reinterpret_cast<char *>(bytes), 2)) {
      error = path + ": truncated header";
      return false;
    }
    headerLength = bytes[0] | (uint32_t{bytes[1]} << 8);
  } else if (major == 2 || major == 3) {
    unsigned char bytes[4];
    if (!file.read(reinterpret_cast<char *>(bytes), 4)) {
      error = path + ": truncated header";
      return false;
    }
    headerLength = bytes[0] | (uint32_t{bytes[1]} << 8) |
                   (uint32_t{bytes[2]} << 16) | (uint32_t{bytes[3]} << 24);
  } else {
    error = path + ": unsupported .npy version " + std::to_string(major);
    return false;
  }
  std::string header(headerLength, '\0');
  if (!file.read(header.data(), headerLength)) {
    error = path + ": truncated header";
    return false;
  }
  const std::string descr = dictValue(header, "descr");
  if (descr != "'<f4'") {
    error = path + ": dtype " + descr + ", expected '<f4'";
    return false;
  }
  if (dictValue(header, "fortran_order") != "False") {
    error = path + ": Fortran order is not supported";
    return false;
  }
  const std::string shapeText = dictValue(header, "shape");
  if (shapeText.size() < 2 || shapeText.front() != '(') {
    error = path + ": cannot parse shape " + shapeText;
    return false;
  }
  array.shape.clear();
  std::stringstream dims(shapeText.substr(1, shapeText.size() - 2));
  std::string dim;
  int64_t elements = 1;
  while (std::getline(dims, dim, ',')) {
    if (dim.find_first_not_of(' ') == std::string::npos)
      continue; // the empty item after the comma of a 1-tuple
    int64_t size = -1;
    try {
      size = std::stoll(dim);
    } catch (const std::exception &) {
    }
    if (size < 0) {
      error = path + ": bad dimension in " + shapeText;
      return false;
    }
    array.shape.push_back(size);
    elements *= size;
  }
  // The host must be little-endian to read '<f4' bytes as floats directly.
  const uint32_t one = 1;
  unsigned char firstByte = 0;
  std::memcpy(&firstByte, &one, 1);
  if (firstByte != 1) {
    error = "big-endian hosts are not supported";
    return false;
  }
  array.data.resize(static_cast<size_t>(elements));
  if (!file.read(reinterpret_cast<char *>(array.data.data()),
                 static_cast<std::streamsize>(elements * sizeof(float)))) {
    error = path + ": fewer data bytes than the shape " + shapeText + " needs";
    return false;
  }
  if (file.peek() != std::ifstream::traits_type::eof()) {
    error = path + ": more data bytes than the shape " + shapeText + " needs";
    return false;
  }
  return true;
}

/// Reads labels.csv (header `index,file,label,word`): labels[index] = label.
bool readLabels(const std::string &path, size_t count, std::vector<int> &labels,
                std::string &error) {
  std::ifstream file(path);
  if (!file) {
    error = "cannot open " + path;
    return false;
  }
  std::string line;
  if (!std::getline(file, line) || line.rfind("index,file,label", 0) != 0) {
    error = path + ": expected the header index,file,label,word";
    return false;
  }
  labels.assign(count, -1);
  size_t rows = 0;
  while (std::getline(file, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    std::stringstream fields(line);
    std::string index, name, label;
    if (!std::getline(fields, index, ',') || !std::getline(fields, name, ',') ||
        !std::getline(fields, label, ',')) {
      error = path + ": malformed row '" + line + "'";
      return false;
    }
    long long sample = -1;
    int value = -1;
    try {
      sample = std::stoll(index);
      value = std::stoi(label);
    } catch (const std::exception &) {
    }
    if (sample < 0 || static_cast<size_t>(sample) >= count ||
        labels[static_cast<size_t>(sample)] != -1 || value < 0) {
      error =
          path + ": bad or repeated index, or bad label, in row '" + line + "'";
      return false;
    }
    labels[static_cast<size_t>(sample)] = value;
    ++rows;
  }
  if (rows != count) {
    error = path + ": " + std::to_string(rows) + " labels for " +
            std::to_string(count) + " samples";
    return false;
  }
  return true;
}

/// Converts one sample's float features to the model's input type.
void prepareInput(const float *features, InputType *input) {
  for (int i = 0; i < KWS_INPUT0_ELEMENTS; ++i) {
#ifdef KWS_INPUT0_SCALE
    static_assert(std::is_same_v<InputType, int8_t>);
    // std::round rounds halves away from zero.
    const float scaled = std::round(features[i] / KWS_INPUT0_SCALE);
    const float shifted = scaled + static_cast<float>(KWS_INPUT0_ZERO_POINT);
    input[i] = static_cast<int8_t>(std::clamp(shifted, -128.0f, 127.0f));
#else
    static_assert(std::is_same_v<InputType, float>,
                  "a quantized input needs KWS_INPUT0_SCALE");
    input[i] = features[i];
#endif
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: " << argv[0]
              << " FEATURES.npy LABELS.csv [even|odd|all]\n";
    return 2;
  }
  const std::string subset = argc == 4 ? argv[3] : "all";
  if (subset != "even" && subset != "odd" && subset != "all") {
    std::cerr << "error: subset must be even, odd or all, not '" << subset
              << "'\n";
    return 2;
  }

  NpyArray features;
  std::string error;
  if (!readNpy(argv[1], features, error)) {
    std::cerr << "error: " << error << "\n";
    return 1;
  }
  if (features.shape.empty()) {
    std::cerr << "error: the features have no sample dimension\n";
    return 1;
  }
  const auto samples = static_cast<size_t>(features.shape[0]);
  int64_t sampleElements = 1;
  for (size_t d = 1; d < features.shape.size(); ++d)
    sampleElements *= features.shape[d];
  if (sampleElements != KWS_INPUT0_ELEMENTS) {
    std::cerr << "error: a sample has " << sampleElements
              << " features but the model input has " << KWS_INPUT0_ELEMENTS
              << " elements\n";
    return 1;
  }
  std::vector<int> labels;
  if (!readLabels(argv[2], samples, labels, error)) {
    std::cerr << "error: " << error << "\n";
    return 1;
  }

  alignas(16) static uint8_t arena[KWS_ARENA_BYTES > 0 ? KWS_ARENA_BYTES : 1];
  std::vector<InputType> input(KWS_INPUT0_ELEMENTS);
  std::vector<OutputType> output(KWS_OUTPUT0_ELEMENTS);
  size_t correct = 0;
  size_t total = 0;
  for (size_t sample = 0; sample < samples; ++sample) {
    if ((subset == "even" && sample % 2 != 0) ||
        (subset == "odd" && sample % 2 != 1))
      continue;
    prepareInput(features.data.data() + sample * KWS_INPUT0_ELEMENTS,
                 input.data());
    // Samples are independent: start every one from the initial state.
    kws_init(arena);
    kws_invoke(input.data(), output.data(), arena);
    const auto predicted =
        std::max_element(output.begin(), output.end()) - output.begin();
    if (predicted == labels[sample])
      ++correct;
    ++total;
  }
  if (total == 0) {
    std::cerr << "error: no samples in subset '" << subset << "'\n";
    return 1;
  }
  std::printf("accuracy: %.3f (%zu/%zu)\n",
              static_cast<double>(correct) / static_cast<double>(total),
              correct, total);
  return 0;
}
