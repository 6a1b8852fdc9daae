// This file implements the per-layer profile (profile.h): the hooks read the
// SysTick counter before and after each layer and keep the ticks between the
// two, and profile_print turns them into instructions, per layer and per
// operator kind.
#include "profile.h"

#include "counter.h"
#include "semihosting.h"

#include <cstring>

namespace {

struct layer_record {
  int index;
  const char *name;
  const char *op;
  uint64_t macs;
  uint64_t ticks;
};

constexpr unsigned max_layers = 512;
constexpr unsigned max_op_kinds = 64;

layer_record layers[max_layers];
unsigned layer_count;
unsigned layers_dropped;
bool recording;
uint64_t layer_start_ticks;
/// The end of the previous layer, or the start of the invoke.
uint64_t previous_ticks;
/// Ticks of the invoke outside every layer's hooks.
uint64_t outside_ticks;

struct op_total {
  const char *op;
  unsigned layers;
  uint64_t ticks;
};

void print_instructions(const char *prefix, uint64_t ticks,
                        uint64_t calibration_ticks) {
  out_str(" ");
  out_str(prefix);
  out_str("ticks=");
  out_u64(ticks);
  out_str(" ");
  out_str(prefix);
  out_str("instructions=");
  out_u64(counter_instructions(ticks, calibration_ticks));
}

} // namespace

extern "C" void harness_profile_layer_begin(void) {
  if (!recording)
    return;
  layer_start_ticks = counter_ticks();
  outside_ticks += layer_start_ticks - previous_ticks;
}

extern "C" void harness_profile_layer_end(int index, const char *name,
                                          const char *op, uint64_t macs) {
  if (!recording)
    return;
  uint64_t now = counter_ticks();
  if (layer_count < max_layers)
    layers[layer_count++] = {index, name, op, macs, now - layer_start_ticks};
  else
    ++layers_dropped;
  previous_ticks = now;
}

extern "C" void profile_begin(uint64_t start_ticks) {
  layer_count = 0;
  layers_dropped = 0;
  previous_ticks = start_ticks;
  outside_ticks = 0;
  recording = true;
}

extern "C" void profile_end(uint64_t end_ticks) {
  recording = false;
  outside_ticks += end_ticks - previous_ticks;
}

extern "C" void profile_measure_hooks(unsigned pairs,
                                      uint64_t calibration_ticks) {
  profile_begin(counter_ticks());
  for (unsigned i = 0; i < pairs; ++i) {
    harness_profile_layer_begin();
    harness_profile_layer_end(-1, "", "", 0);
  }
  profile_end(counter_ticks());
  uint64_t ticks = 0;
  for (unsigned i = 0; i < layer_count; ++i)
    ticks += layers[i].ticks;
  out_str("ingot-harness hooks pairs=");
  out_u64(layer_count);
  print_instructions("", ticks, calibration_ticks);
  out_line();
  layer_count = 0;
}

extern "C" void profile_print(uint64_t calibration_ticks) {
  op_total totals[max_op_kinds];
  unsigned kinds = 0;
  for (unsigned i = 0; i < layer_count; ++i) {
    const layer_record &layer = layers[i];
    out_str("ingot-harness layer position=");
    out_u64(i);
    out_str(" index=");
    out_u64(static_cast<uint64_t>(layer.index));
    print_instructions("", layer.ticks, calibration_ticks);
    out_str(" macs=");
    out_u64(layer.macs);
    out_str(" op=");
    out_str(layer.op);
    out_str(" name=");
    out_str(layer.name);
    out_line();
    unsigned kind = 0;
    while (kind < kinds && std::strcmp(totals[kind].op, layer.op) != 0)
      ++kind;
    if (kind == kinds) {
      if (kinds == max_op_kinds)
        continue;
      totals[kinds++] = {layer.op, 0, 0};
    }
    ++totals[kind].layers;
    totals[kind].ticks += layer.ticks;
  }
  for (unsigned kind = 0; kind < kinds; ++kind) {
    out_str("ingot-harness op layers=");
    out_u64(totals[kind].layers);
    print_instructions("", totals[kind].ticks, calibration_ticks);
    out_str(" op=");
    out_str(totals[kind].op);
    out_line();
  }
  out_str("ingot-harness profile layers=");
  out_u64(layer_count);
  out_str(" dropped=");
  out_u64(layers_dropped);
  print_instructions("outside_", outside_ticks, calibration_ticks);
  out_line();
}
