//===- main.cpp - Using the code ingot generates for tiny_classifier ------===//
//
// This file implements a host program that shows the generated API: a static
// arena of TINY_CLASSIFIER_ARENA_BYTES, one init, one invoke per inference,
// and the output dequantized with the scale and zero point the header
// defines. On a microcontroller only the file reading and printing change.
//
// Build, after `ingot compile model.tflite -o cpp/ --name tiny_classifier`:
//   c++ -std=c++17 -I cpp main.cpp cpp/tiny_classifier.cpp -o tiny_classifier
//   ./tiny_classifier input0.bin
//
//===----------------------------------------------------------------------===//
#include "tiny_classifier.h"

#include <cstdio>

alignas(16) static uint8_t arena[TINY_CLASSIFIER_ARENA_BYTES];
static TINY_CLASSIFIER_INPUT0_TYPE input[TINY_CLASSIFIER_INPUT0_ELEMENTS];
static TINY_CLASSIFIER_OUTPUT0_TYPE output[TINY_CLASSIFIER_OUTPUT0_ELEMENTS];

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s input0.bin\n", argv[0]);
    return 2;
  }
  std::FILE *file = std::fopen(argv[1], "rb");
  if (!file || std::fread(input, 1, sizeof input, file) != sizeof input) {
    std::fprintf(stderr, "cannot read %zu bytes from %s\n", sizeof input,
                 argv[1]);
    return 1;
  }
  std::fclose(file);

  tiny_classifier_init(arena);
  tiny_classifier_invoke(input, output, arena);

  int best = 0;
  for (int i = 0; i < TINY_CLASSIFIER_OUTPUT0_ELEMENTS; ++i) {
    float probability = TINY_CLASSIFIER_OUTPUT0_SCALE *
                        (output[i] - TINY_CLASSIFIER_OUTPUT0_ZERO_POINT);
    std::printf("class %d: %.4f\n", i, probability);
    if (output[i] > output[best])
      best = i;
  }
  std::printf("top class: %d\n", best);
  return 0;
}
