//===- mve_check_support.h - Helpers of the MVE kernel checks ---*- C++ -*-===//
//
// This file implements what mve_kernels_check.h's checks share: a
// deterministic random number generator, the message of the first failure,
// the static buffers with their guard bytes, random requantization
// parameters and activation ranges, and the byte-for-byte comparison. No
// heap and nothing beyond <cstdint> and <cstring>, so that the checks link
// into a bare-metal image.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_TEST_UNIT_KERNELS_MVE_CHECK_SUPPORT_H
#define INGOT_TEST_UNIT_KERNELS_MVE_CHECK_SUPPORT_H

#include "ingot/runtime/kernels/params.h"

#include <cstdint>
#include <cstring>

namespace mve_check {

using ingot::Conv2DParams;
using ingot::FullyConnectedParams;

//===----------------------------------------------------------------------===//
// Random numbers and messages
//===----------------------------------------------------------------------===//

/// xorshift32: the same sequence on every machine.
struct Rng {
  uint32_t state = 2463534242u;
  uint32_t next() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  }
  int32_t uniform(int32_t low, int32_t high) {
    const uint32_t span = static_cast<uint32_t>(high - low) + 1u;
    return low + static_cast<int32_t>(span == 0 ? next() : next() % span);
  }
  int32_t pick(const int32_t *values, int32_t count) {
    return values[uniform(0, count - 1)];
  }
};

/// The description of the first failure, for the caller to print.
struct Message {
  char text[320] = {};
  int32_t length = 0;
  Message &operator<<(const char *s) {
    while (*s != '\0' && length + 1 < static_cast<int32_t>(sizeof text))
      text[length++] = *s++;
    text[length] = '\0';
    return *this;
  }
  Message &operator<<(int64_t value) {
    char digits[24];
    int32_t count = 0;
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value)
                                   : static_cast<uint64_t>(value);
    do {
      digits[count++] = static_cast<char>('0' + magnitude % 10);
      magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0)
      *this << "-";
    char reversed[24];
    for (int32_t i = 0; i < count; ++i)
      reversed[i] = digits[count - 1 - i];
    reversed[count] = '\0';
    return *this << static_cast<const char *>(reversed);
  }
  Message &operator<<(int32_t value) { return *this << int64_t{value}; }
};

/// The result of one check: how many cases ran, and the first failure.
struct Outcome {
  int32_t cases = 0;
  int32_t failures = 0;
  Message first;
  /// Records a failure; only the first one's message is kept.
  Message *fail() {
    ++failures;
    return failures == 1 ? &first : nullptr;
  }
};

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

constexpr int32_t kBytes = 40 * 1024;
constexpr int32_t kChannels = 256;
constexpr int32_t kScratchBytes = 8192;
constexpr int32_t kGuard = 32;
constexpr uint8_t kGuardByte = 0xA5;

struct Buffers {
  alignas(16) int8_t input[kBytes];
  alignas(16) int8_t filter[kBytes];
  alignas(16) int8_t packed[kBytes + kGuard];
  alignas(16) int8_t expected[kBytes];
  alignas(16) int8_t actual[kBytes + kGuard];
  alignas(16) int32_t bias[kChannels];
  alignas(16) int32_t folded[kChannels];
  alignas(16) int32_t multipliers[kChannels];
  alignas(16) int32_t shifts[kChannels];
  alignas(16) uint8_t scratch[kScratchBytes + 4 + kGuard];
};

inline Buffers &buffers() {
  static Buffers instance;
  return instance;
}

inline void fill_random(Rng &rng, int8_t *bytes, int32_t count) {
  for (int32_t i = 0; i < count; ++i)
    bytes[i] = static_cast<int8_t>(rng.next() >> 24);
}

inline bool guard_intact(const void *after, int32_t count = kGuard) {
  const uint8_t *bytes = static_cast<const uint8_t *>(after);
  for (int32_t i = 0; i < count; ++i)
    if (bytes[i] != kGuardByte)
      return false;
  return true;
}

/// Per-channel multipliers in [2^30, 2^31) and shifts that bring an
/// accumulator of typical magnitude `typical` to a few tens, give or take a
/// factor of two; in `mode` 1 some channels get a shift of 0 to 2, in mode 2
/// every shift is negative (the kernels' right-shift-only path).
inline void random_requantization(Rng &rng, int32_t channels, int64_t typical,
                                  int32_t mode, int32_t *multipliers,
                                  int32_t *shifts) {
  int32_t base = 0;
  while ((typical >> base) > 48)
    ++base;
  for (int32_t c = 0; c < channels; ++c) {
    multipliers[c] = static_cast<int32_t>(
        (uint32_t{1} << 30) | (rng.next() & ((uint32_t{1} << 30) - 1)));
    int32_t shift = -base + rng.uniform(-1, 1);
    if (mode == 1 && rng.uniform(0, 3) == 0)
      shift = rng.uniform(0, 2);
    if (mode == 2 && shift >= 0)
      shift = -1;
    shifts[c] = shift < -31 ? -31 : shift;
  }
}

inline void random_activation(Rng &rng, int32_t output_offset, int32_t &low,
                              int32_t &high) {
  switch (rng.uniform(0, 3)) {
  case 0:
    low = -128, high = 127;
    break;
  case 1:
    low = output_offset, high = 127;
    break;
  default:
    low = rng.uniform(-128, 0), high = rng.uniform(low, 127);
    break;
  }
}

inline int32_t output_size(int32_t input, int32_t filter, int32_t stride,
                           int32_t dilation, int32_t pad_before,
                           int32_t pad_after) {
  return (input + pad_before + pad_after - ((filter - 1) * dilation + 1)) /
             stride +
         1;
}

inline void describe(Message &m, const Conv2DParams &p) {
  m << "b" << p.batches << " in " << p.input_h << "x" << p.input_w << "x"
    << p.input_c << " filter " << p.filter_h << "x" << p.filter_w << " out "
    << p.output_h << "x" << p.output_w << "x" << p.output_c << " stride "
    << p.stride_h << "," << p.stride_w << " dilation " << p.dilation_h << ","
    << p.dilation_w << " pad " << p.pad_top << "," << p.pad_left << " offsets "
    << p.input_offset << "," << p.output_offset << " clamp " << p.activation_min
    << "," << p.activation_max;
}

inline void describe(Message &m, const FullyConnectedParams &p) {
  m << "b" << p.batches << " depth " << p.input_depth << " out "
    << p.output_depth << " offsets " << p.input_offset << "," << p.output_offset
    << " multiplier " << p.output_multiplier << " shift " << p.output_shift
    << " clamp " << p.activation_min << "," << p.activation_max;
}

/// Compares `count` bytes and the guard after `actual`.
inline bool same_bytes(const int8_t *expected, const int8_t *actual,
                       int32_t count, Outcome &outcome, const char *what,
                       const Conv2DParams *conv,
                       const FullyConnectedParams *fc) {
  int32_t first = -1, wrong = 0;
  for (int32_t i = 0; i < count; ++i) {
    if (expected[i] != actual[i]) {
      if (first < 0)
        first = i;
      ++wrong;
    }
  }
  const bool guard = guard_intact(actual + count);
  if (first < 0 && guard)
    return true;
  if (Message *m = outcome.fail()) {
    *m << what << ": ";
    if (conv != nullptr)
      describe(*m, *conv);
    if (fc != nullptr)
      describe(*m, *fc);
    if (first >= 0)
      *m << ": " << wrong << " of " << count << " bytes differ, first at "
         << first << " (" << int32_t{expected[first]} << " expected, "
         << int32_t{actual[first]} << ")";
    if (!guard)
      *m << ": wrote past the output";
  }
  return false;
}

} // namespace mve_check

#endif // INGOT_TEST_UNIT_KERNELS_MVE_CHECK_SUPPORT_H
