//===- evaluate.cpp - Accuracy and latency of the compiled Fashion-MNIST model
//=//
//
// This file implements the example's test harness. It is built against the
// C++ that `ingot compile --name fashion` generated (fashion.h, fashion.cpp),
// whichever of the float, dynamic-range or int8 models that was. It reads the
// test images (a float32 .npy of shape (N, 28, 28, 1), as train.py writes
// them) and test_labels.csv (header `index,label`), runs the model on the
// first COUNT images (default: all), takes the arg-max of each output and
// prints
//
//   accuracy: 0.8876 (8876/10000)
//   latency_us: 41.2
//
// where the latency is the mean wall time of one fashion_invoke call. The
// input and output types come from fashion.h: a float model, and an int8
// model quantized with the default --io-type=float32, take float pixels; an
// int8 input (--io-type=int8) is quantized here with the header's scale and
// zero point, as TFLite's QUANTIZE does. An int8 output's arg-max is that of
// its dequantized values, as the scale is positive.
//
// Usage: evaluate IMAGES.npy LABELS.csv [COUNT]
//
//===----------------------------------------------------------------------===//
#include "fashion.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using InputType = FASHION_INPUT0_TYPE;
using OutputType = FASHION_OUTPUT0_TYPE;

/// Reads a little-endian float32, C-order .npy file of version 1, 2 or 3:
/// the sample count (first dimension) and the data. Exits on anything else.
std::vector<float> readImages(const std::string &path, size_t &samples) {
  auto fail = [&](const std::string &why) {
    std::cerr << "error: " << path << ": " << why << "\n";
    std::exit(1);
  };
  std::ifstream file(path, std::ios::binary);
  if (!file)
    fail("cannot open");
  unsigned char preamble[10];
  if (!file.read(reinterpret_cast<char *>(preamble), 10) ||
      std::memcmp(preamble, "\x93NUMPY", 6) != 0)
    fail("not a .npy file");
  // Version 1 stores the header length in 2 bytes, later versions in 4.
  uint32_t headerBytes = preamble[8] | (uint32_t{preamble[9]} << 8);
  if (preamble[6] >= 2) {
    unsigned char high[2];
    if (!file.read(reinterpret_cast<char *>(high), 2))
      fail("truncated header");
    headerBytes |= (uint32_t{high[0]} << 16) | (uint32_t{high[1]} << 24);
  }
  std::string header(headerBytes, '\0');
  if (!file.read(header.data(), headerBytes))
    fail("truncated header");
  if (header.find("'descr': '<f4'") == std::string::npos ||
      header.find("'fortran_order': False") == std::string::npos)
    fail("expected little-endian float32 in C order");
  const size_t shape = header.find("'shape': (");
  if (shape == std::string::npos)
    fail("no shape in the header");
  samples = std::stoull(header.substr(shape + 10));

  std::vector<float> data(samples * FASHION_INPUT0_ELEMENTS);
  if (!file.read(reinterpret_cast<char *>(data.data()),
                 static_cast<std::streamsize>(data.size() * sizeof(float))) ||
      file.peek() != std::ifstream::traits_type::eof())
    fail("the data is not " + std::to_string(samples) + " images of " +
         std::to_string(FASHION_INPUT0_ELEMENTS) + " floats");
  return data;
}

/// Reads test_labels.csv: a header, then `index,label` rows in index order.
std::vector<int> readLabels(const std::string &path) {
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line) || line != "index,label") {
    std::cerr << "error: " << path << ": expected the header index,label\n";
    std::exit(1);
  }
  std::vector<int> labels;
  while (std::getline(file, line)) {
    const size_t comma = line.find(',');
    if (comma == std::string::npos ||
        std::stoull(line.substr(0, comma)) != labels.size()) {
      std::cerr << "error: " << path << ": bad row '" << line << "'\n";
      std::exit(1);
    }
    labels.push_back(std::stoi(line.substr(comma + 1)));
  }
  return labels;
}

/// One image's pixels in the model's input type.
void prepareInput(const float *pixels, InputType *input) {
  for (int i = 0; i < FASHION_INPUT0_ELEMENTS; ++i) {
#ifdef FASHION_INPUT0_SCALE
    static_assert(std::is_same_v<InputType, int8_t>);
    const float q = std::round(pixels[i] / FASHION_INPUT0_SCALE) +
                    static_cast<float>(FASHION_INPUT0_ZERO_POINT);
    input[i] = static_cast<int8_t>(std::clamp(q, -128.0f, 127.0f));
#else
    static_assert(std::is_same_v<InputType, float>);
    input[i] = pixels[i];
#endif
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: " << argv[0] << " IMAGES.npy LABELS.csv [COUNT]\n";
    return 2;
  }
  size_t samples = 0;
  const std::vector<float> images = readImages(argv[1], samples);
  const std::vector<int> labels = readLabels(argv[2]);
  if (labels.size() != samples) {
    std::cerr << "error: " << labels.size() << " labels for " << samples
              << " images\n";
    return 1;
  }
  if (argc == 4)
    samples = std::min<size_t>(samples, std::stoull(argv[3]));
  if (samples == 0) {
    std::cerr << "error: no images to evaluate\n";
    return 1;
  }

  alignas(16) static uint8_t
      arena[FASHION_ARENA_BYTES > 0 ? FASHION_ARENA_BYTES : 1];
  std::vector<InputType> input(FASHION_INPUT0_ELEMENTS);
  std::vector<OutputType> output(FASHION_OUTPUT0_ELEMENTS);
  fashion_init(arena);
  size_t correct = 0;
  std::chrono::steady_clock::duration invoking{};
  for (size_t sample = 0; sample < samples; ++sample) {
    prepareInput(images.data() + sample * FASHION_INPUT0_ELEMENTS,
                 input.data());
    const auto start = std::chrono::steady_clock::now();
    fashion_invoke(input.data(), output.data(), arena);
    invoking += std::chrono::steady_clock::now() - start;
    const auto predicted =
        std::max_element(output.begin(), output.end()) - output.begin();
    if (predicted == labels[sample])
      ++correct;
  }
  const double micros =
      std::chrono::duration<double, std::micro>(invoking).count();
  std::printf("accuracy: %.4f (%zu/%zu)\n",
              static_cast<double>(correct) / static_cast<double>(samples),
              correct, samples);
  std::printf("latency_us: %.1f\n", micros / static_cast<double>(samples));
  return 0;
}
