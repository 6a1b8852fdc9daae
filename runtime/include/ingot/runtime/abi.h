//===- abi.h - What generated model code relies on --------------*- C++ -*-===//
//
// This file implements the small helpers generated code uses around kernel
// calls: typed views into the caller's arena.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_ABI_H
#define INGOT_RUNTIME_ABI_H

#include <cstddef>
#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot {

/// The tensor stored at byte `offset` of the arena. The memory planner aligns
/// every offset to 16 bytes (its `alignment` option), so the cast is aligned
/// whenever the arena is.
template <typename T> inline T *arena_at(uint8_t *arena, size_t offset) {
  return reinterpret_cast<T *>(arena + offset);
}

} // namespace ingot

#endif // INGOT_RUNTIME_ABI_H
