/* The conformance cases embedded in the image: embed_cases.py writes an
 * assembly file that includes each caseN_input0.bin and caseN_output0.bin
 * with .incbin and defines this table. */
#ifndef INGOT_CORTEX_M_CASES_H
#define INGOT_CORTEX_M_CASES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct harness_case {
  const uint8_t *input; ///< the bytes of caseN_input0.bin
  uint32_t input_bytes;
  const uint8_t *output; ///< the bytes of caseN_output0.bin
  uint32_t output_bytes;
};

extern const struct harness_case harness_cases[];
extern const uint32_t harness_case_count;

#ifdef __cplusplus
}
#endif

#endif /* INGOT_CORTEX_M_CASES_H */
