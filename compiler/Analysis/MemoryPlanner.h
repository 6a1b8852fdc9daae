//===- MemoryPlanner.h - Static arena placement -----------------*- C++ -*-===//
//
// Places buffers with known sizes and lifetimes in one arena. Plain C++ with
// no MLIR dependency, so that the algorithm is unit tested on its own and the
// kernel dialect's PlanMemory pass only has to collect lifetimes.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_ANALYSIS_MEMORYPLANNER_H
#define INGOT_ANALYSIS_MEMORYPLANNER_H

#include <cstdint>
#include <optional>
#include <vector>

namespace ingot::analysis {

/// A buffer that must hold its bytes from the start of step `firstStep`
/// through the end of step `lastStep` (inclusive).
struct BufferLifetime {
  int64_t bytes = 0;
  int64_t firstStep = 0;
  int64_t lastStep = 0;
};

struct ArenaPlan {
  /// Offset of each buffer, in the order the buffers were given.
  std::vector<int64_t> offsets;
  /// Bytes the arena needs: the highest end of any buffer.
  int64_t arenaBytes = 0;
};

/// Greedy-by-size placement: buffers are placed largest first (ties: earlier
/// first step, then input order, so the plan is deterministic), each at the
/// lowest `alignment`-aligned offset where it overlaps no already placed
/// buffer that is live at the same time.
ArenaPlan planGreedyBySize(const std::vector<BufferLifetime> &buffers,
                           int64_t alignment);

/// Places each of `optional` (in order) at the lowest `alignment`-aligned
/// offset where it overlaps no buffer of `plan` (over `buffers`) nor an
/// optional buffer placed before it that is live at the same time, and ends
/// within `plan.arenaBytes`. A buffer that fits nowhere gets no offset: the
/// arena never grows for an optional buffer. Used for kernel scratch memory
/// that speeds a kernel up but that the kernel can do without.
std::vector<std::optional<int64_t>> placeWithinArena(
    const ArenaPlan &plan, const std::vector<BufferLifetime> &buffers,
    const std::vector<BufferLifetime> &optional, int64_t alignment);

} // namespace ingot::analysis

#endif // INGOT_ANALYSIS_MEMORYPLANNER_H
