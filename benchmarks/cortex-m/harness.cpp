// This file implements the benchmark harness's main: it runs a model compiled
// by `ingot compile --name model` on the conformance cases embedded in the
// image (cases.h), times each invoke with the SysTick instruction counter
// (counter.h), compares the output bytes with the reference, and prints one
// line per result over semihosting. README.md describes the lines; run.py
// reads them.
//
// Case 0 runs twice and the second invoke is the reported figure (the first
// warms nothing on these cores, but it is how the TFLite Micro figures were
// taken). Every invoke starts from model_init, as each case is independent.
#include "model.h"

#include "cases.h"
#include "counter.h"
#include "profile.h"
#include "semihosting.h"
#include "startup.h"

#include <cstring>

#if defined(MODEL_INPUT1_ELEMENTS) || defined(MODEL_OUTPUT1_ELEMENTS)
#error "the harness runs models with one input and one output"
#endif

namespace {

alignas(16) uint8_t arena[MODEL_ARENA_BYTES > 0 ? MODEL_ARENA_BYTES : 1];
alignas(16) MODEL_INPUT0_TYPE input[MODEL_INPUT0_ELEMENTS];
alignas(16) MODEL_OUTPUT0_TYPE output[MODEL_OUTPUT0_ELEMENTS];

#ifdef INGOT_HARNESS_PROFILE
constexpr bool profiling = true;
#else
constexpr bool profiling = false;
#endif

/// Output bytes written before each invoke, so that an output the model
/// forgets to write cannot match by accident.
constexpr uint8_t output_fill = 0x5A;

struct invoke_result {
  uint64_t ticks;
  uint32_t mismatches;
  uint32_t first_mismatch;
};

invoke_result run_case(const harness_case &one, bool profile) {
  std::memcpy(input, one.input, sizeof input);
  std::memset(output, output_fill, sizeof output);
  model_init(arena);
  uint64_t start = counter_ticks();
  if (profile)
    profile_begin(start);
  model_invoke(input, output, arena);
  uint64_t end = counter_ticks();
  if (profile)
    profile_end(end);

  invoke_result result = {end - start, 0, 0};
  const uint8_t *bytes = reinterpret_cast<const uint8_t *>(output);
  for (uint32_t i = 0; i < sizeof output; ++i) {
    if (bytes[i] != one.output[i]) {
      if (result.mismatches == 0)
        result.first_mismatch = i;
      ++result.mismatches;
    }
  }
  return result;
}

void print_result(uint32_t case_index, unsigned run,
                  const invoke_result &result, uint64_t calibration_ticks) {
  out_str("ingot-harness invoke case=");
  out_u64(case_index);
  out_str(" run=");
  out_u64(run);
  out_str(" ticks=");
  out_u64(result.ticks);
  out_str(" instructions=");
  out_u64(counter_instructions(result.ticks, calibration_ticks));
  out_str(" mismatches=");
  out_u64(result.mismatches);
  if (result.mismatches != 0) {
    out_str(" first_mismatch=");
    out_u64(result.first_mismatch);
  }
  out_line();
}

} // namespace

int main() {
  counter_start();
  uint64_t calibration_ticks = counter_calibrate();
  uint64_t second_calibration_ticks = counter_calibrate();
  uint64_t null_start = counter_ticks();
  uint64_t null_ticks = counter_ticks() - null_start;
  out_str("ingot-harness calibration ticks=");
  out_u64(calibration_ticks);
  out_str(" second_ticks=");
  out_u64(second_calibration_ticks);
  out_str(" null_ticks=");
  out_u64(null_ticks);
  out_str(" instructions=");
  out_u64(COUNTER_CALIBRATION_INSTRUCTIONS);
  out_line();

  out_str("ingot-harness model arena_bytes=");
  out_u64(MODEL_ARENA_BYTES);
  out_str(" input_bytes=");
  out_u64(sizeof input);
  out_str(" output_bytes=");
  out_u64(sizeof output);
  out_str(" cases=");
  out_u64(harness_case_count);
  out_line();

  unsigned failures = 0;
  for (uint32_t i = 0; i < harness_case_count; ++i) {
    const harness_case &one = harness_cases[i];
    if (one.input_bytes != sizeof input || one.output_bytes != sizeof output) {
      out_str("ingot-harness error case=");
      out_u64(i);
      out_str(" the case's input or output size differs from the model's");
      out_line();
      ++failures;
      continue;
    }
    // Case 0: a first invoke, then the measured (and profiled) one.
    unsigned runs = i == 0 ? 2 : 1;
    for (unsigned run = 1; run <= runs; ++run) {
      bool profile = profiling && i == 0 && run == 2;
      invoke_result result = run_case(one, profile);
      print_result(i, run, result, calibration_ticks);
      if (result.mismatches != 0)
        ++failures;
    }
  }

  if (profiling) {
    profile_print(calibration_ticks);
    profile_measure_hooks(256, calibration_ticks);
  }

  out_str("ingot-harness stack used_bytes=");
  out_u64(startup_stack_bytes_used());
  out_str(" reserved_bytes=");
  out_u64(startup_stack_bytes());
  out_line();
  if (startup_stack_bytes_used() >= startup_stack_bytes()) {
    out_str("ingot-harness error the stack overflowed");
    out_line();
    ++failures;
  }
  out_str("ingot-harness done failures=");
  out_u64(failures);
  out_line();
  return failures == 0 ? 0 : 1;
}
