//===- reduce.h - Reference MEAN, SUM, REDUCE_* ------------------*- C++
//-*-===//
//
// This file implements TFLite's reductions over constant axes for up to 6
// dimensions: MEAN, SUM, REDUCE_PROD, REDUCE_MAX, REDUCE_MIN, REDUCE_ANY and
// REDUCE_ALL. `reduced[d]` is 1 for every reduced dimension; the output holds
// the kept dimensions in order (with or without extent-1 reduced dimensions:
// the layout is the same).
//
// Each output element is accumulated from its inputs in row-major order of
// the reduced dimensions, which is the order TFLM's reference kernels add
// them in (they walk the whole input once), so float sums round alike.
//
// The integer MEAN and SUM kernels follow TFLM's arithmetic: with equal
// input and output quantization MEAN sums the raw values and divides,
// truncating toward zero; otherwise the sum, less count * input zero point,
// is rescaled by a multiplier the compiler has already divided by the count
// for MEAN.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REDUCE_H
#define INGOT_RUNTIME_KERNELS_REF_REDUCE_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {
namespace detail {

/// The kept and the reduced dimensions of a reduction as two odometers over
/// the input: one walks the outputs, the other the inputs of one output.
struct ReductionLoops {
  int32_t kept_rank = 0, kept_extent[6], kept_stride[6];
  int32_t reduced_rank = 0, reduced_extent[6], reduced_stride[6];
  int32_t output_count = 1, reduced_count = 1;
};

INGOT_KERNEL ReductionLoops reduction_loops(int32_t rank,
                                            const int32_t *input_shape,
                                            const int32_t *reduced) {
  ReductionLoops loops;
  int32_t stride = 1;
  int32_t strides[6];
  for (int32_t d = rank - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= input_shape[d];
  }
  for (int32_t d = 0; d < rank; ++d) {
    if (reduced[d]) {
      loops.reduced_extent[loops.reduced_rank] = input_shape[d];
      loops.reduced_stride[loops.reduced_rank++] = strides[d];
      loops.reduced_count *= input_shape[d];
    } else {
      loops.kept_extent[loops.kept_rank] = input_shape[d];
      loops.kept_stride[loops.kept_rank++] = strides[d];
      loops.output_count *= input_shape[d];
    }
  }
  return loops;
}

/// Advances `index` (over `extent`) like an odometer and returns the change
/// of the input offset.
INGOT_KERNEL int32_t odometer_step(int32_t rank, const int32_t *extent,
                                   const int32_t *stride, int32_t *index) {
  int32_t delta = 0;
  for (int32_t d = rank - 1; d >= 0; --d) {
    delta += stride[d];
    if (++index[d] < extent[d])
      return delta;
    delta -= stride[d] * extent[d];
    index[d] = 0;
  }
  return delta;
}

/// For every output: folds its inputs into `init` with `step`, in row-major
/// order of the reduced dimensions, and stores `finish(accumulator)`.
template <typename In, typename Out, typename Acc, typename Step,
          typename Finish>
INGOT_KERNEL void reduce_each(const In *input, Out *output, int32_t rank,
                              const int32_t *input_shape,
                              const int32_t *reduced, Acc init, Step step,
                              Finish finish) {
  const ReductionLoops loops = reduction_loops(rank, input_shape, reduced);
  int32_t kept_index[6] = {0, 0, 0, 0, 0, 0};
  int32_t base = 0;
  for (int32_t o = 0; o < loops.output_count; ++o) {
    int32_t reduced_index[6] = {0, 0, 0, 0, 0, 0};
    int32_t offset = base;
    Acc accumulator = init;
    for (int32_t r = 0; r < loops.reduced_count; ++r) {
      accumulator = step(accumulator, input[offset]);
      offset += odometer_step(loops.reduced_rank, loops.reduced_extent,
                              loops.reduced_stride, reduced_index);
    }
    output[o] = finish(accumulator);
    base += odometer_step(loops.kept_rank, loops.kept_extent, loops.kept_stride,
                          kept_index);
  }
}

template <typename T> INGOT_KERNEL T same(T value) { return value; }

} // namespace detail

INGOT_KERNEL void reduce_sum_f32(const float *input, float *output,
                                 int32_t rank, const int32_t *input_shape,
                                 const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, 0.0f,
      [](float acc, float in) { return acc + in; }, detail::same<float>);
}

/// `count` is the number of inputs of each output (the product of the
/// reduced extents, at least 1).
INGOT_KERNEL void reduce_mean_f32(const float *input, float *output,
                                  int32_t rank, const int32_t *input_shape,
                                  const int32_t *reduced, int32_t count) {
  const float divisor = static_cast<float>(count);
  detail::reduce_each(
      input, output, rank, input_shape, reduced, 0.0f,
      [](float acc, float in) { return acc + in; },
      [divisor](float sum) { return sum / divisor; });
}

INGOT_KERNEL void reduce_prod_f32(const float *input, float *output,
                                  int32_t rank, const int32_t *input_shape,
                                  const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, 1.0f,
      [](float acc, float in) { return acc * in; }, detail::same<float>);
}

// The comparisons keep the accumulator unless the input is strictly beyond
// it, starting from the type's extreme, as TFLM does (a NaN input is
// skipped).
INGOT_KERNEL void reduce_max_f32(const float *input, float *output,
                                 int32_t rank, const int32_t *input_shape,
                                 const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, -__FLT_MAX__,
      [](float acc, float in) { return in > acc ? in : acc; },
      detail::same<float>);
}

INGOT_KERNEL void reduce_min_f32(const float *input, float *output,
                                 int32_t rank, const int32_t *input_shape,
                                 const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, __FLT_MAX__,
      [](float acc, float in) { return in < acc ? in : acc; },
      detail::same<float>);
}

INGOT_KERNEL void reduce_max_s8(const int8_t *input, int8_t *output,
                                int32_t rank, const int32_t *input_shape,
                                const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, int8_t{-128},
      [](int8_t acc, int8_t in) { return in > acc ? in : acc; },
      detail::same<int8_t>);
}

INGOT_KERNEL void reduce_min_s8(const int8_t *input, int8_t *output,
                                int32_t rank, const int32_t *input_shape,
                                const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, int8_t{127},
      [](int8_t acc, int8_t in) { return in < acc ? in : acc; },
      detail::same<int8_t>);
}

INGOT_KERNEL void reduce_any_bool(const bool *input, bool *output, int32_t rank,
                                  const int32_t *input_shape,
                                  const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, false,
      [](bool acc, bool in) { return acc || in; }, detail::same<bool>);
}

INGOT_KERNEL void reduce_all_bool(const bool *input, bool *output, int32_t rank,
                                  const int32_t *input_shape,
                                  const int32_t *reduced) {
  detail::reduce_each(
      input, output, rank, input_shape, reduced, true,
      [](bool acc, bool in) { return acc && in; }, detail::same<bool>);
}

/// SUM and MEAN on int8/int16: (sum - count * input zero
/// point) rescaled by output_multiplier / output_shift (which already hold
/// the division by `count` for MEAN), offset and saturated.
template <typename T>
INGOT_KERNEL void reduce_sum_requantize(
    const T *input, T *output, int32_t rank, const int32_t *input_shape,
    const int32_t *reduced, int32_t count, int32_t input_zero_point,
    int32_t output_multiplier, int32_t output_shift, int32_t output_zero_point,
    int32_t output_min, int32_t output_max) {
  const uint32_t zero_point_total =
      static_cast<uint32_t>(input_zero_point) * static_cast<uint32_t>(count);
  detail::reduce_each(
      input, output, rank, input_shape, reduced, int32_t{0},
      [](int32_t acc, T in) {
        return static_cast<int32_t>(static_cast<uint32_t>(acc) +
                                    static_cast<uint32_t>(in));
      },
      [=](int32_t sum) {
        const int32_t centered =
            static_cast<int32_t>(static_cast<uint32_t>(sum) - zero_point_total);
        const int32_t value = multiply_by_quantized_multiplier(
                                  centered, output_multiplier, output_shift) +
                              output_zero_point;
        return static_cast<T>(clamp_i32(value, output_min, output_max));
      });
}

INGOT_KERNEL void
reduce_sum_requantize_s8(const int8_t *input, int8_t *output, int32_t rank,
                         const int32_t *input_shape, const int32_t *reduced,
                         int32_t count, int32_t input_zero_point,
                         int32_t output_multiplier, int32_t output_shift,
                         int32_t output_zero_point) {
  reduce_sum_requantize(input, output, rank, input_shape, reduced, count,
                        input_zero_point, output_multiplier, output_shift,
                        output_zero_point, -128, 127);
}

INGOT_KERNEL void
reduce_sum_requantize_s16(const int16_t *input, int16_t *output, int32_t rank,
                          const int32_t *input_shape, const int32_t *reduced,
                          int32_t count, int32_t input_zero_point,
                          int32_t output_multiplier, int32_t output_shift,
                          int32_t output_zero_point) {
  reduce_sum_requantize(input, output, rank, input_shape, reduced, count,
                        input_zero_point, output_multiplier, output_shift,
                        output_zero_point, -32768, 32767);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_REDUCE_H
