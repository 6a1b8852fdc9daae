// This file implements the per-layer profile (profile.h): each hook reads the
// SysTick counter and keeps the ticks since the previous hook (or since the
// start of the invoke), and profile_print turns them into instructions, per
// layer and per operator kind.
#include "profile.h"

#include "counter.h"
#include "semihosting.h"

#include <cstring>

namespace {

struct layer_record {
  int index;
  const char *name;
  const char *op;
  uint64_t ticks;
};

constexpr unsigned max_layers = 512;
constexpr unsigned max_op_kinds = 64;

layer_record layers[max_layers];
unsigned layer_count;
unsigned layers_dropped;
bool recording;
uint64_t previous_ticks;
uint64_t tail_ticks;

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

extern "C" void harness_profile_layer(int index, const char *name,
                                      const char *op) {
  if (!recording)
    return;
  uint64_t now = counter_ticks();
  if (layer_count < max_layers)
    layers[layer_count++] = {index, name, op, now - previous_ticks};
  else
    ++layers_dropped;
  previous_ticks = now;
}

extern "C" void profile_begin(uint64_t start_ticks) {
  layer_count = 0;
  layers_dropped = 0;
  previous_ticks = start_ticks;
  recording = true;
}

extern "C" void profile_end(uint64_t end_ticks) {
  recording = false;
  tail_ticks = end_ticks - previous_ticks;
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
  print_instructions("tail_", tail_ticks, calibration_ticks);
  out_line();
}
