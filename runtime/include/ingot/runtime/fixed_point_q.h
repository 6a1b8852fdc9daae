//===- fixed_point_q.h - Q-format transcendental helpers --------*- C++ -*-===//
//
// This file implements the Q-format fixed-point math that quantized softmax,
// LOGISTIC and TANH need: exp() on negative arguments, 1/(1+x) and
// (1-x)/(1+x) on [0, 1), plus the small integer primitives they are built
// from. Every function reproduces the
// gemmlowp "fixedpoint" arithmetic that TensorFlow Lite's reference kernels
// use, so that results agree bit for bit.
//
// Notation: a value "in Qm" is an int32 whose real value is raw / 2^(31 - m),
// i.e. m integer bits, 31 - m fractional bits and a sign bit. Q0 values lie in
// [-1, 1); the raw value INT32_MAX stands for 1.0 in Q0.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_FIXED_POINT_Q_H
#define INGOT_RUNTIME_FIXED_POINT_Q_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot {

/// Number of leading zero bits of `x`; 32 for zero.
INGOT_KERNEL int32_t count_leading_zeros_u32(uint32_t x) {
  if (x == 0)
    return 32;
#if defined(__GNUC__)
  return __builtin_clz(x);
#else
  int32_t zeros = 0;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++zeros;
  }
  return zeros;
#endif
}

/// Returns (a + b) / 2 rounded to nearest, ties away from zero. The sum is
/// formed in 64 bits so that it cannot overflow.
INGOT_KERNEL int32_t rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

/// Multiplies `x` by 2^exponent. A positive exponent is a left shift that
/// saturates to the int32 range; a negative one is a rounding right shift
/// (ties away from zero). `exponent` must lie in [-31, 31].
INGOT_KERNEL int32_t saturating_rounding_multiply_by_pot(int32_t x,
                                                         int32_t exponent) {
  if (exponent < 0)
    return rounding_divide_by_pot(x, -exponent);
  if (exponent == 0)
    return x;
  // The largest magnitude that survives the shift; one more saturates.
  const int32_t threshold =
      static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold)
    return INT32_MAX;
  if (x < -threshold)
    return INT32_MIN;
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

/// exp(a) for a Q0 argument a in [-1/4, 0), as a Q0 result.
///
/// Uses a degree-4 Taylor expansion around -1/8: with x = a + 1/8,
/// exp(a) = exp(-1/8) * (1 + x + x^2/2 + x^3/6 + x^4/24).
INGOT_KERNEL int32_t exp_on_interval_negative_quarter_to_zero(int32_t a) {
  // round(exp(-1/8) * 2^31) and round(2^31 / 3).
  const int32_t exp_minus_one_eighth = 1895147668;
  const int32_t one_third = 715827883;
  const int32_t x = a + (int32_t{1} << 28); // a + 1/8
  const int32_t x2 = saturating_rounding_doubling_high_mul(x, x);
  const int32_t x3 = saturating_rounding_doubling_high_mul(x2, x);
  const int32_t x4 = saturating_rounding_doubling_high_mul(x2, x2);
  const int32_t x4_over_4 = rounding_divide_by_pot(x4, 2);
  // ((x^4/4 + x^3) / 3 + x^2) / 2 = x^4/24 + x^3/6 + x^2/2.
  const int32_t higher_terms = rounding_divide_by_pot(
      saturating_rounding_doubling_high_mul(x4_over_4 + x3, one_third) + x2, 1);
  return exp_minus_one_eighth + saturating_rounding_doubling_high_mul(
                                    exp_minus_one_eighth, x + higher_terms);
}

/// exp(a) for a <= 0 given in Q`integer_bits` (0 <= integer_bits <= 29),
/// returned in Q0.
///
/// The argument is split into a part in [-1/4, 0), evaluated by the Taylor
/// expansion above, and a remainder that is a sum of powers of two; each set
/// bit 2^k of the remainder multiplies the result by the constant exp(-2^k).
INGOT_KERNEL int32_t exp_on_negative_values(int32_t a, int32_t integer_bits) {
  const int32_t fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (fractional_bits - 2);
  const int32_t quarter_mask = one_quarter - 1;
  // a modulo 1/4, moved into [-1/4, 0).
  const int32_t a_mod_quarter_minus_quarter = (a & quarter_mask) - one_quarter;
  int32_t result = exp_on_interval_negative_quarter_to_zero(
      saturating_rounding_multiply_by_pot(a_mod_quarter_minus_quarter,
                                          integer_bits));
  // What was cut off: a non-negative multiple of 1/4 such that
  // a = a_mod_quarter_minus_quarter - remainder.
  const int32_t remainder = a_mod_quarter_minus_quarter - a;

  // round(exp(-2^k) * 2^31) for k = -2 .. 4.
  const int32_t exp_of_minus_pot[7] = {
      1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int32_t k = -2; k <= 4; ++k) {
    // Bits at or above 2^integer_bits do not exist in this format.
    if (integer_bits <= k)
      break;
    if ((remainder & (int32_t{1} << (fractional_bits + k))) != 0)
      result = saturating_rounding_doubling_high_mul(result,
                                                     exp_of_minus_pot[k + 2]);
  }

  // Formats wide enough to hold arguments below -32 flush them to zero,
  // since no multiplier above covers 2^5 or more.
  if (integer_bits > 5) {
    const int32_t minus_32 = -(int32_t{1} << (36 - integer_bits));
    if (a < minus_32)
      result = 0;
  }
  // exp(0) is exactly one: the largest Q0 value.
  if (a == 0)
    result = INT32_MAX;
  return result;
}

/// 1 / (1 + a) for a Q0 argument a in [0, 1), as a Q0 result (the real result
/// lies in (1/2, 1]).
///
/// Newton-Raphson division: with d = (1 + a) / 2 in [1/2, 1), iterate
/// x <- x + x * (1 - d * x) three times from the initial guess
/// 48/17 - 32/17 * d, which converges to 1/d; then halve.
INGOT_KERNEL int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t half_denominator = rounding_half_sum(a, INT32_MAX); // Q0
  // 48/17 and -32/17 in Q2.
  const int32_t q2_48_over_17 = 1515870810;
  const int32_t q2_minus_32_over_17 = -1010580540;
  const int32_t q2_one = int32_t{1} << 29;
  // Q0 * Q2 gives Q2.
  int32_t x = q2_48_over_17 + saturating_rounding_doubling_high_mul(
                                  half_denominator, q2_minus_32_over_17);
  for (int32_t i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x =
        saturating_rounding_doubling_high_mul(half_denominator, x); // Q2
    const int32_t one_minus_half_denominator_times_x =
        q2_one - half_denominator_times_x; // Q2
    // Q2 * Q2 gives Q4; shifting left by 2 brings it back to Q2.
    x = x + saturating_rounding_multiply_by_pot(
                saturating_rounding_doubling_high_mul(
                    x, one_minus_half_denominator_times_x),
                2);
  }
  // x approximates 2 / (1 + a) in Q2; the same raw bits read as Q1 are half
  // of that, and a saturating left shift by one converts Q1 to Q0.
  return saturating_rounding_multiply_by_pot(x, 1);
}

/// Reciprocal of a positive value `x` in Q`integer_bits`, as the pair
/// (scale, num_bits_over_unit): 1/x = scale * 2^-num_bits_over_unit, with
/// scale in Q0 and in (1/2, 1].
///
/// x is normalized to 1 + f with f in [0, 1) by a left shift that puts its
/// leading one at bit 31; num_bits_over_unit counts the bits that leading one
/// stood above the unit bit (it is negative for x < 1).
INGOT_KERNEL int32_t reciprocal_q(int32_t x, int32_t integer_bits,
                                  int32_t *num_bits_over_unit) {
  const int32_t headroom_plus_one =
      count_leading_zeros_u32(static_cast<uint32_t>(x));
  *num_bits_over_unit = integer_bits - headroom_plus_one;
  const int32_t normalized_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
  return one_over_one_plus_x_for_x_in_0_1(normalized_minus_one);
}

/// (1 - a) / (1 + a) for a Q0 argument a in [0, 1), as a Q0 result.
///
/// The same Newton-Raphson iteration as one_over_one_plus_x_for_x_in_0_1
/// approximates 2 / (1 + a); subtracting one gives (1 - a) / (1 + a).
INGOT_KERNEL int32_t one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t half_denominator = rounding_half_sum(a, INT32_MAX); // Q0
  // 48/17 and -32/17 in Q2.
  const int32_t q2_48_over_17 = 1515870810;
  const int32_t q2_minus_32_over_17 = -1010580540;
  const int32_t q2_one = int32_t{1} << 29;
  int32_t x = q2_48_over_17 + saturating_rounding_doubling_high_mul(
                                  half_denominator, q2_minus_32_over_17);
  for (int32_t i = 0; i < 3; ++i) {
    const int32_t one_minus_half_denominator_times_x =
        q2_one - saturating_rounding_doubling_high_mul(half_denominator, x);
    x = x + saturating_rounding_multiply_by_pot(
                saturating_rounding_doubling_high_mul(
                    x, one_minus_half_denominator_times_x),
                2);
  }
  // Q2 to Q0, saturating: the result is below one.
  return saturating_rounding_multiply_by_pot(x - q2_one, 2);
}

/// Negation with two's complement wrap-around (INT32_MIN stays itself), as
/// the reference's raw fixed-point negation behaves.
INGOT_KERNEL int32_t wrapping_negate(int32_t x) {
  return static_cast<int32_t>(0u - static_cast<uint32_t>(x));
}

/// logistic(a) = 1 / (1 + exp(-a)) for `a` in Q`integer_bits`
/// (0 <= integer_bits <= 29), as a Q0 result.
///
/// Evaluated on -|a| as 1 / (1 + exp(-|a|)); negative arguments use
/// logistic(a) = 1 - logistic(-a), with the largest Q0 value standing for 1.
INGOT_KERNEL int32_t logistic_q(int32_t a, int32_t integer_bits) {
  if (a == 0)
    return int32_t{1} << 30; // exactly one half
  const int32_t minus_magnitude = a > 0 ? wrapping_negate(a) : a;
  const int32_t of_magnitude = one_over_one_plus_x_for_x_in_0_1(
      exp_on_negative_values(minus_magnitude, integer_bits));
  return a > 0 ? of_magnitude : INT32_MAX - of_magnitude;
}

/// tanh(a) for `a` in Q`integer_bits` (0 <= integer_bits <= 28), as a Q0
/// result.
///
/// tanh(|a|) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)); the doubling is free: the
/// same raw bits read with one more integer bit. tanh is odd.
INGOT_KERNEL int32_t tanh_q(int32_t a, int32_t integer_bits) {
  if (a == 0)
    return 0;
  const int32_t minus_magnitude = a < 0 ? a : wrapping_negate(a);
  const int32_t of_magnitude = one_minus_x_over_one_plus_x_for_x_in_0_1(
      exp_on_negative_values(minus_magnitude, integer_bits + 1));
  return a < 0 ? wrapping_negate(of_magnitude) : of_magnitude;
}

} // namespace ingot

#endif // INGOT_RUNTIME_FIXED_POINT_Q_H
