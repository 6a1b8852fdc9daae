//===- mve_portable.h - The MVE instructions in plain C++ -------*- C++ -*-===//
//
// This file implements, for targets without MVE, the instructions of
// arm/mve.h as plain C++ with the same bits, lane by lane: the vector types
// are structs of lane arrays and a predicate holds one bit per byte lane.
// Integer arithmetic that the instructions do modulo 2^32 is done on
// uint32_t, so it is defined behaviour here too. arm/mve.h documents each
// function; it includes this file, which can also be compiled alone.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_ARM_MVE_PORTABLE_H
#define INGOT_RUNTIME_ARM_MVE_PORTABLE_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::mve {

struct s8x16 {
  int8_t lane[16];
};
struct s16x8 {
  int16_t lane[8];
};
struct s32x4 {
  int32_t lane[4];
};
struct u8x16 {
  uint8_t lane[16];
};
struct u16x8 {
  uint16_t lane[8];
};
struct u32x4 {
  uint32_t lane[4];
};
struct s32x4x2 {
  s32x4 val[2];
};
struct s32x4x4 {
  s32x4 val[4];
};
using pred16 = uint16_t;

namespace detail {

INGOT_ALWAYS_INLINE bool active8(pred16 pred, int lane) {
  return ((pred >> lane) & 1) != 0;
}

INGOT_ALWAYS_INLINE bool active32(pred16 pred, int lane) {
  return ((pred >> (4 * lane)) & 1) != 0;
}

INGOT_ALWAYS_INLINE int32_t saturate(int64_t x, int64_t low, int64_t high) {
  return static_cast<int32_t>(x < low ? low : (x > high ? high : x));
}

} // namespace detail

INGOT_ALWAYS_INLINE s8x16 load_s8x16(const int8_t *p) {
  s8x16 v;
  for (int i = 0; i < 16; ++i)
    v.lane[i] = p[i];
  return v;
}

INGOT_ALWAYS_INLINE s8x16 load_s8x16_z(const int8_t *p, pred16 pred) {
  s8x16 v;
  for (int i = 0; i < 16; ++i)
    v.lane[i] = detail::active8(pred, i) ? p[i] : int8_t{0};
  return v;
}

INGOT_ALWAYS_INLINE void store_s8x16(int8_t *p, s8x16 v) {
  for (int i = 0; i < 16; ++i)
    p[i] = v.lane[i];
}

INGOT_ALWAYS_INLINE void store_s8x16_p(int8_t *p, s8x16 v, pred16 pred) {
  for (int i = 0; i < 16; ++i)
    if (detail::active8(pred, i))
      p[i] = v.lane[i];
}

INGOT_ALWAYS_INLINE s32x4 load_s32x4(const int32_t *p) {
  s32x4 v;
  for (int i = 0; i < 4; ++i)
    v.lane[i] = p[i];
  return v;
}

INGOT_ALWAYS_INLINE s32x4 load_s32x4_z(const int32_t *p, pred16 pred) {
  s32x4 v;
  for (int i = 0; i < 4; ++i)
    v.lane[i] = detail::active32(pred, i) ? p[i] : 0;
  return v;
}

INGOT_ALWAYS_INLINE s32x4x4 load4_s32(const int32_t *p) {
  s32x4x4 v;
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < 4; ++i)
      v.val[k].lane[i] = p[4 * i + k];
  return v;
}

INGOT_ALWAYS_INLINE s32x4x2 load2_s32(const int32_t *p) {
  s32x4x2 v;
  for (int k = 0; k < 2; ++k)
    for (int i = 0; i < 4; ++i)
      v.val[k].lane[i] = p[2 * i + k];
  return v;
}

INGOT_ALWAYS_INLINE s16x8 load_s8x8_s16(const int8_t *p) {
  s16x8 v;
  for (int i = 0; i < 8; ++i)
    v.lane[i] = p[i];
  return v;
}

INGOT_ALWAYS_INLINE s16x8 load_s8x8_s16_z(const int8_t *p, pred16 pred) {
  s16x8 v;
  for (int i = 0; i < 8; ++i)
    v.lane[i] = ((pred >> (2 * i)) & 1) != 0 ? p[i] : int8_t{0};
  return v;
}

INGOT_ALWAYS_INLINE s32x4 load_s8x4_s32(const int8_t *p) {
  s32x4 v;
  for (int i = 0; i < 4; ++i)
    v.lane[i] = p[i];
  return v;
}

INGOT_ALWAYS_INLINE s32x4 load_s8x4_s32_z(const int8_t *p, pred16 pred) {
  s32x4 v;
  for (int i = 0; i < 4; ++i)
    v.lane[i] = detail::active32(pred, i) ? p[i] : 0;
  return v;
}

INGOT_ALWAYS_INLINE void store_s16x8_s8(int8_t *p, s16x8 v) {
  for (int i = 0; i < 8; ++i)
    p[i] = static_cast<int8_t>(static_cast<uint16_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE void store_s16x8_s8_p(int8_t *p, s16x8 v, pred16 pred) {
  for (int i = 0; i < 8; ++i)
    if (((pred >> (2 * i)) & 1) != 0)
      p[i] = static_cast<int8_t>(static_cast<uint16_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE u8x16 load_u8x16(const uint8_t *p) {
  u8x16 v;
  for (int i = 0; i < 16; ++i)
    v.lane[i] = p[i];
  return v;
}

INGOT_ALWAYS_INLINE u16x8 load_u16x8(const uint16_t *p) {
  u16x8 v;
  for (int i = 0; i < 8; ++i)
    v.lane[i] = p[i];
  return v;
}

INGOT_ALWAYS_INLINE u32x4 load_u32x4(const uint32_t *p) {
  u32x4 v;
  for (int i = 0; i < 4; ++i)
    v.lane[i] = p[i];
  return v;
}

INGOT_ALWAYS_INLINE u8x16 add_n_u8(u8x16 a, uint8_t b) {
  for (int i = 0; i < 16; ++i)
    a.lane[i] = static_cast<uint8_t>(a.lane[i] + b);
  return a;
}

INGOT_ALWAYS_INLINE s8x16 gather_s8x16_z(const int8_t *base, u8x16 offsets,
                                         pred16 pred) {
  s8x16 v;
  for (int i = 0; i < 16; ++i)
    v.lane[i] = detail::active8(pred, i) ? base[offsets.lane[i]] : int8_t{0};
  return v;
}

INGOT_ALWAYS_INLINE void scatter_s16x8_s8(int8_t *base, u16x8 offsets,
                                          s16x8 v) {
  for (int i = 0; i < 8; ++i)
    base[offsets.lane[i]] =
        static_cast<int8_t>(static_cast<uint16_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE void scatter_s16x8_s8_p(int8_t *base, u16x8 offsets,
                                            s16x8 v, pred16 pred) {
  for (int i = 0; i < 8; ++i)
    if (((pred >> (2 * i)) & 1) != 0)
      base[offsets.lane[i]] =
          static_cast<int8_t>(static_cast<uint16_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE void scatter_s32x4_s8(int8_t *base, u32x4 offsets,
                                          s32x4 v) {
  for (int i = 0; i < 4; ++i)
    base[offsets.lane[i]] =
        static_cast<int8_t>(static_cast<uint32_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE void scatter_s32x4_s8_p(int8_t *base, u32x4 offsets,
                                            s32x4 v, pred16 pred) {
  for (int i = 0; i < 4; ++i)
    if (detail::active32(pred, i))
      base[offsets.lane[i]] =
          static_cast<int8_t>(static_cast<uint32_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE void store_s32x4_s8(int8_t *p, s32x4 v) {
  for (int i = 0; i < 4; ++i)
    p[i] = static_cast<int8_t>(static_cast<uint32_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE void store_s32x4_s8_p(int8_t *p, s32x4 v, pred16 pred) {
  for (int i = 0; i < 4; ++i)
    if (detail::active32(pred, i))
      p[i] = static_cast<int8_t>(static_cast<uint32_t>(v.lane[i]) & 0xFF);
}

INGOT_ALWAYS_INLINE pred16 tail_pred8(int32_t n) {
  if (n >= 16)
    return 0xFFFF;
  return n <= 0 ? 0 : static_cast<pred16>((1u << n) - 1);
}

INGOT_ALWAYS_INLINE pred16 tail_pred32(int32_t n) {
  if (n >= 4)
    return 0xFFFF;
  return n <= 0 ? 0 : static_cast<pred16>((1u << (4 * n)) - 1);
}

INGOT_ALWAYS_INLINE pred16 tail_pred16(int32_t n) {
  if (n >= 8)
    return 0xFFFF;
  return n <= 0 ? 0 : static_cast<pred16>((1u << (2 * n)) - 1);
}

INGOT_ALWAYS_INLINE s16x8 dup_s16(int16_t x) {
  s16x8 v;
  for (int i = 0; i < 8; ++i)
    v.lane[i] = x;
  return v;
}

INGOT_ALWAYS_INLINE s8x16 dup_s8(int8_t x) {
  s8x16 v;
  for (int i = 0; i < 16; ++i)
    v.lane[i] = x;
  return v;
}

INGOT_ALWAYS_INLINE s32x4 dup_s32(int32_t x) { return s32x4{{x, x, x, x}}; }

INGOT_ALWAYS_INLINE s32x4 make_s32x4(int32_t a, int32_t b, int32_t c,
                                     int32_t d) {
  return s32x4{{a, b, c, d}};
}

INGOT_ALWAYS_INLINE int32_t dot_acc_s8(int32_t acc, s8x16 a, s8x16 b) {
  uint32_t sum = static_cast<uint32_t>(acc);
  for (int i = 0; i < 16; ++i)
    sum += static_cast<uint32_t>(int32_t{a.lane[i]} * int32_t{b.lane[i]});
  return static_cast<int32_t>(sum);
}

INGOT_ALWAYS_INLINE int32_t dot_s8(s8x16 a, s8x16 b) {
  return dot_acc_s8(0, a, b);
}

INGOT_ALWAYS_INLINE s16x8 mull_bottom_s8(s8x16 a, s8x16 b) {
  s16x8 v;
  for (int i = 0; i < 8; ++i)
    v.lane[i] =
        static_cast<int16_t>(int32_t{a.lane[2 * i]} * int32_t{b.lane[2 * i]});
  return v;
}

INGOT_ALWAYS_INLINE s16x8 mull_top_s8(s8x16 a, s8x16 b) {
  s16x8 v;
  for (int i = 0; i < 8; ++i)
    v.lane[i] = static_cast<int16_t>(int32_t{a.lane[2 * i + 1]} *
                                     int32_t{b.lane[2 * i + 1]});
  return v;
}

INGOT_ALWAYS_INLINE s32x4 mull_bottom_s16(s16x8 a, s16x8 b) {
  s32x4 v;
  for (int i = 0; i < 4; ++i)
    v.lane[i] = int32_t{a.lane[2 * i]} * int32_t{b.lane[2 * i]};
  return v;
}

INGOT_ALWAYS_INLINE s32x4 mull_top_s16(s16x8 a, s16x8 b) {
  s32x4 v;
  for (int i = 0; i < 4; ++i)
    v.lane[i] = int32_t{a.lane[2 * i + 1]} * int32_t{b.lane[2 * i + 1]};
  return v;
}

INGOT_ALWAYS_INLINE s32x4 widen_bottom_s16(s16x8 a) {
  return s32x4{{a.lane[0], a.lane[2], a.lane[4], a.lane[6]}};
}

INGOT_ALWAYS_INLINE s32x4 widen_top_s16(s16x8 a) {
  return s32x4{{a.lane[1], a.lane[3], a.lane[5], a.lane[7]}};
}

INGOT_ALWAYS_INLINE s32x4 add_s32(s32x4 a, s32x4 b) {
  for (int i = 0; i < 4; ++i)
    a.lane[i] = static_cast<int32_t>(static_cast<uint32_t>(a.lane[i]) +
                                     static_cast<uint32_t>(b.lane[i]));
  return a;
}

INGOT_ALWAYS_INLINE s32x4 add_n_s32(s32x4 a, int32_t b) {
  return add_s32(a, dup_s32(b));
}

INGOT_ALWAYS_INLINE s32x4 qadd_s32(s32x4 a, s32x4 b) {
  for (int i = 0; i < 4; ++i)
    a.lane[i] =
        detail::saturate(int64_t{a.lane[i]} + b.lane[i], INT32_MIN, INT32_MAX);
  return a;
}

INGOT_ALWAYS_INLINE s32x4 and_s32(s32x4 a, s32x4 b) {
  for (int i = 0; i < 4; ++i)
    a.lane[i] &= b.lane[i];
  return a;
}

INGOT_ALWAYS_INLINE s32x4 sign_s32(s32x4 a) {
  for (int i = 0; i < 4; ++i)
    a.lane[i] = a.lane[i] < 0 ? -1 : 0;
  return a;
}

INGOT_ALWAYS_INLINE s32x4 shl_s32(s32x4 a, s32x4 shift) {
  for (int i = 0; i < 4; ++i)
    a.lane[i] =
        static_cast<int32_t>(static_cast<uint32_t>(a.lane[i]) << shift.lane[i]);
  return a;
}

INGOT_ALWAYS_INLINE s32x4 rshr_s32(s32x4 a, s32x4 shift) {
  for (int i = 0; i < 4; ++i) {
    const int32_t right = -shift.lane[i];
    if (right > 0) {
      // Shifting a negative int64 right floors, as the instruction does.
      a.lane[i] = static_cast<int32_t>(
          (int64_t{a.lane[i]} + (int64_t{1} << (right - 1))) >> right);
    }
  }
  return a;
}

INGOT_ALWAYS_INLINE s32x4 qrdmulh_s32(s32x4 a, s32x4 b) {
  for (int i = 0; i < 4; ++i) {
    if (a.lane[i] == INT32_MIN && b.lane[i] == INT32_MIN) {
      a.lane[i] = INT32_MAX;
      continue;
    }
    // floor((2ab + 2^31) / 2^32) = floor((ab + 2^30) / 2^31); |ab| < 2^62.
    const int64_t product = int64_t{a.lane[i]} * b.lane[i];
    a.lane[i] = static_cast<int32_t>((product + (int64_t{1} << 30)) >> 31);
  }
  return a;
}

INGOT_ALWAYS_INLINE s32x4 qrdmulh_n_s32(s32x4 a, int32_t b) {
  return qrdmulh_s32(a, dup_s32(b));
}

INGOT_ALWAYS_INLINE s32x4 shl_n_s32(s32x4 a, int32_t shift) {
  return shl_s32(a, dup_s32(shift));
}

INGOT_ALWAYS_INLINE s32x4 rshr_n_s32(s32x4 a, int32_t shift) {
  return rshr_s32(a, dup_s32(shift));
}

INGOT_ALWAYS_INLINE s32x4 max_s32(s32x4 a, s32x4 b) {
  for (int i = 0; i < 4; ++i)
    a.lane[i] = a.lane[i] > b.lane[i] ? a.lane[i] : b.lane[i];
  return a;
}

INGOT_ALWAYS_INLINE s32x4 min_s32(s32x4 a, s32x4 b) {
  for (int i = 0; i < 4; ++i)
    a.lane[i] = a.lane[i] < b.lane[i] ? a.lane[i] : b.lane[i];
  return a;
}

INGOT_ALWAYS_INLINE s16x8 max_s16(s16x8 a, s16x8 b) {
  for (int i = 0; i < 8; ++i)
    a.lane[i] = a.lane[i] > b.lane[i] ? a.lane[i] : b.lane[i];
  return a;
}

INGOT_ALWAYS_INLINE s16x8 min_s16(s16x8 a, s16x8 b) {
  for (int i = 0; i < 8; ++i)
    a.lane[i] = a.lane[i] < b.lane[i] ? a.lane[i] : b.lane[i];
  return a;
}

INGOT_ALWAYS_INLINE s8x16 max_s8(s8x16 a, s8x16 b) {
  for (int i = 0; i < 16; ++i)
    a.lane[i] = a.lane[i] > b.lane[i] ? a.lane[i] : b.lane[i];
  return a;
}

INGOT_ALWAYS_INLINE s8x16 min_s8(s8x16 a, s8x16 b) {
  for (int i = 0; i < 16; ++i)
    a.lane[i] = a.lane[i] < b.lane[i] ? a.lane[i] : b.lane[i];
  return a;
}

INGOT_ALWAYS_INLINE s16x8 qmovn_bottom_s32(s16x8 into, s32x4 a) {
  for (int i = 0; i < 4; ++i)
    into.lane[2 * i] =
        static_cast<int16_t>(detail::saturate(a.lane[i], INT16_MIN, INT16_MAX));
  return into;
}

INGOT_ALWAYS_INLINE s16x8 qmovn_top_s32(s16x8 into, s32x4 a) {
  for (int i = 0; i < 4; ++i)
    into.lane[2 * i + 1] =
        static_cast<int16_t>(detail::saturate(a.lane[i], INT16_MIN, INT16_MAX));
  return into;
}

INGOT_ALWAYS_INLINE s8x16 qmovn_bottom_s16(s8x16 into, s16x8 a) {
  for (int i = 0; i < 8; ++i)
    into.lane[2 * i] =
        static_cast<int8_t>(detail::saturate(a.lane[i], INT8_MIN, INT8_MAX));
  return into;
}

INGOT_ALWAYS_INLINE s8x16 qmovn_top_s16(s8x16 into, s16x8 a) {
  for (int i = 0; i < 8; ++i)
    into.lane[2 * i + 1] =
        static_cast<int8_t>(detail::saturate(a.lane[i], INT8_MIN, INT8_MAX));
  return into;
}

INGOT_ALWAYS_INLINE s16x8 as_s16x8(s32x4 a) {
  s16x8 v;
  std::memcpy(&v, &a, sizeof v);
  return v;
}

INGOT_ALWAYS_INLINE s8x16 as_s8x16(s16x8 a) {
  s8x16 v;
  std::memcpy(&v, &a, sizeof v);
  return v;
}

} // namespace ingot::mve

#endif // INGOT_RUNTIME_ARM_MVE_PORTABLE_H
