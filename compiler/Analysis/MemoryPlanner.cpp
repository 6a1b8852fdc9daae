//===- MemoryPlanner.cpp - Static arena placement -------------------------===//
//
// This file implements greedy-by-size arena placement, the strategy TFLite
// Micro's greedy planner also uses; with liveness from a fixed op order it is
// within a few percent of optimal on feed-forward networks.
//
//===----------------------------------------------------------------------===//
#include "MemoryPlanner.h"

#include <algorithm>
#include <numeric>

namespace ingot::analysis {

static int64_t alignUp(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

static bool livesOverlap(const BufferLifetime &a, const BufferLifetime &b) {
  return a.firstStep <= b.lastStep && b.firstStep <= a.lastStep;
}

ArenaPlan planGreedyBySize(const std::vector<BufferLifetime> &buffers,
                           int64_t alignment) {
  ArenaPlan plan;
  plan.offsets.assign(buffers.size(), 0);
  std::vector<size_t> order(buffers.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (buffers[a].bytes != buffers[b].bytes)
      return buffers[a].bytes > buffers[b].bytes;
    if (buffers[a].firstStep != buffers[b].firstStep)
      return buffers[a].firstStep < buffers[b].firstStep;
    return a < b;
  });

  std::vector<size_t> placed;
  for (size_t index : order) {
    const BufferLifetime &buffer = buffers[index];
    // Placed buffers live at the same time, sorted by offset: the candidate
    // offset moves past each one it would collide with.
    std::vector<size_t> conflicts;
    for (size_t other : placed)
      if (livesOverlap(buffer, buffers[other]))
        conflicts.push_back(other);
    std::sort(conflicts.begin(), conflicts.end(), [&](size_t a, size_t b) {
      return plan.offsets[a] < plan.offsets[b];
    });
    int64_t offset = 0;
    for (size_t other : conflicts) {
      int64_t otherEnd = plan.offsets[other] + buffers[other].bytes;
      if (offset + buffer.bytes <= plan.offsets[other])
        break;
      offset = std::max(offset, alignUp(otherEnd, alignment));
    }
    plan.offsets[index] = offset;
    plan.arenaBytes = std::max(plan.arenaBytes, offset + buffer.bytes);
    placed.push_back(index);
  }
  plan.arenaBytes = alignUp(plan.arenaBytes, alignment);
  return plan;
}

std::vector<std::optional<int64_t>> placeWithinArena(
    const ArenaPlan &plan, const std::vector<BufferLifetime> &buffers,
    const std::vector<BufferLifetime> &optional, int64_t alignment) {
  // Occupied ranges, as (buffer, offset) pairs over both lists.
  std::vector<std::pair<BufferLifetime, int64_t>> occupied;
  for (size_t i = 0; i < buffers.size(); ++i)
    occupied.push_back({buffers[i], plan.offsets[i]});
  std::vector<std::optional<int64_t>> offsets;
  for (const BufferLifetime &buffer : optional) {
    std::vector<std::pair<int64_t, int64_t>> conflicts;
    for (const auto &[other, offset] : occupied)
      if (livesOverlap(buffer, other))
        conflicts.push_back({offset, offset + other.bytes});
    std::sort(conflicts.begin(), conflicts.end());
    int64_t offset = 0;
    for (const auto &[begin, end] : conflicts) {
      if (offset + buffer.bytes <= begin)
        break;
      offset = std::max(offset, alignUp(end, alignment));
    }
    if (offset + buffer.bytes > plan.arenaBytes) {
      offsets.push_back(std::nullopt);
      continue;
    }
    offsets.push_back(offset);
    occupied.push_back({buffer, offset});
  }
  return offsets;
}

} // namespace ingot::analysis
