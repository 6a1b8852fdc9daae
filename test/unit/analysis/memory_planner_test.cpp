//===- memory_planner_test.cpp - Greedy-by-size arena placement -----------===//
//
// This file tests planGreedyBySize: buffers live at the same time never share
// bytes (checked by hand and as a property over random lifetimes from a fixed
// seed), disjoint lifetimes reuse memory, every offset is aligned, the arena
// is the highest end rounded up to the alignment, placement is largest first
// and deterministic, and zero-size buffers are harmless.
//
//===----------------------------------------------------------------------===//
#include "MemoryPlanner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace {

using ingot::analysis::ArenaPlan;
using ingot::analysis::BufferLifetime;
using ingot::analysis::planGreedyBySize;

bool livesOverlap(const BufferLifetime &a, const BufferLifetime &b) {
  return a.firstStep <= b.lastStep && b.firstStep <= a.lastStep;
}

/// Byte ranges [offset, offset + bytes) intersect; empty ranges never do.
bool bytesOverlap(int64_t offsetA, int64_t bytesA, int64_t offsetB,
                  int64_t bytesB) {
  return offsetA < offsetB + bytesB && offsetB < offsetA + bytesA;
}

/// Checks every invariant a plan must satisfy, whatever the placement order:
/// one offset per buffer, aligned offsets, no shared bytes between buffers
/// live at the same time, and an arena that is the aligned highest end.
void expectValidPlan(const std::vector<BufferLifetime> &buffers,
                     int64_t alignment, const ArenaPlan &plan) {
  ASSERT_EQ(plan.offsets.size(), buffers.size());
  int64_t highestEnd = 0;
  for (size_t i = 0; i < buffers.size(); ++i) {
    EXPECT_GE(plan.offsets[i], 0) << "buffer " << i;
    EXPECT_EQ(plan.offsets[i] % alignment, 0) << "buffer " << i;
    highestEnd = std::max(highestEnd, plan.offsets[i] + buffers[i].bytes);
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      if (!livesOverlap(buffers[i], buffers[j]))
        continue;
      EXPECT_FALSE(bytesOverlap(plan.offsets[i], buffers[i].bytes,
                                plan.offsets[j], buffers[j].bytes))
          << "buffers " << i << " and " << j << " are live together at ["
          << plan.offsets[i] << ", +" << buffers[i].bytes << ") and ["
          << plan.offsets[j] << ", +" << buffers[j].bytes << ")";
    }
  }
  EXPECT_EQ(plan.arenaBytes % alignment, 0);
  EXPECT_GE(plan.arenaBytes, highestEnd);
  EXPECT_LT(plan.arenaBytes, highestEnd + alignment);
}

TEST(MemoryPlanner, EmptyInputNeedsNoArena) {
  const ArenaPlan plan = planGreedyBySize({}, 16);
  EXPECT_TRUE(plan.offsets.empty());
  EXPECT_EQ(plan.arenaBytes, 0);
}

TEST(MemoryPlanner, SingleBufferStartsAtZero) {
  const ArenaPlan plan = planGreedyBySize({{100, 0, 0}}, 16);
  ASSERT_EQ(plan.offsets.size(), 1u);
  EXPECT_EQ(plan.offsets[0], 0);
  EXPECT_EQ(plan.arenaBytes, 112); // 100 rounded up to 16
}

TEST(MemoryPlanner, BuffersLiveTogetherAreStacked) {
  // All three live at step 1; sizes are multiples of the alignment, so the
  // stack is tight: 64 + 32 + 16.
  const std::vector<BufferLifetime> buffers = {
      {32, 0, 1}, {64, 1, 2}, {16, 1, 1}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  expectValidPlan(buffers, 16, plan);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{64, 0, 96}));
  EXPECT_EQ(plan.arenaBytes, 112);
}

TEST(MemoryPlanner, LifetimesAreInclusiveAtBothEnds) {
  // Buffer 1 starts on the step buffer 0 ends: they are live together.
  const std::vector<BufferLifetime> buffers = {{48, 0, 3}, {48, 3, 5}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  expectValidPlan(buffers, 16, plan);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{0, 48}));
  EXPECT_EQ(plan.arenaBytes, 96);
}

TEST(MemoryPlanner, DisjointLifetimesReuseMemory) {
  // A chain: each buffer is produced by one step and consumed by the next,
  // so only neighbours are live together and two slots suffice.
  const std::vector<BufferLifetime> buffers = {
      {256, 0, 1}, {256, 1, 2}, {256, 2, 3}, {256, 3, 4}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  expectValidPlan(buffers, 16, plan);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{0, 256, 0, 256}));
  EXPECT_EQ(plan.arenaBytes, 512);
}

TEST(MemoryPlanner, SmallBufferFillsGapBetweenLiveBuffers) {
  // Buffer 0 dies at step 0, so buffer 2 takes its place below buffer 1;
  // buffer 3 is live with 1 and 2 and fits in the hole between them.
  const std::vector<BufferLifetime> buffers = {
      {128, 0, 0}, {64, 0, 5}, {64, 1, 5}, {32, 1, 5}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  expectValidPlan(buffers, 16, plan);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{0, 128, 0, 64}));
  EXPECT_EQ(plan.arenaBytes, 192);
}

TEST(MemoryPlanner, LaterBuffersReuseDeadBufferBytes) {
  // Buffers 2 and 3 are born after buffer 0 dies and both take its bytes at
  // 0; buffer 1, the smallest and live throughout, is placed last, above.
  const std::vector<BufferLifetime> buffers = {
      {1000, 0, 1}, {200, 0, 9}, {300, 2, 3}, {300, 4, 9}};
  const ArenaPlan plan = planGreedyBySize(buffers, 8);
  expectValidPlan(buffers, 8, plan);
  EXPECT_EQ(plan.offsets[0], 0);
  EXPECT_EQ(plan.offsets[1], 1000);
  EXPECT_EQ(plan.offsets[2], 0);
  EXPECT_EQ(plan.offsets[3], 0);
  EXPECT_EQ(plan.arenaBytes, 1200);
}

TEST(MemoryPlanner, EveryOffsetIsAligned) {
  // Odd sizes: every end is unaligned, so every stacked offset is rounded up.
  const std::vector<BufferLifetime> buffers = {
      {7, 0, 2}, {13, 0, 2}, {1, 0, 2}, {33, 1, 2}, {5, 2, 2}};
  for (int64_t alignment : {1, 2, 4, 8, 16, 64}) {
    SCOPED_TRACE(alignment);
    const ArenaPlan plan = planGreedyBySize(buffers, alignment);
    expectValidPlan(buffers, alignment, plan);
  }
  // With alignment 16 the stack is 33 | 13 | 7 | 5 | 1, each slot rounded.
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{64, 48, 96, 0, 80}));
  EXPECT_EQ(plan.arenaBytes, 112);
}

TEST(MemoryPlanner, ArenaIsHighestEndRoundedUp) {
  const std::vector<BufferLifetime> buffers = {{10, 0, 0}, {3, 0, 0}};
  EXPECT_EQ(planGreedyBySize(buffers, 1).arenaBytes, 13);
  EXPECT_EQ(planGreedyBySize(buffers, 4).arenaBytes, 16);  // 12 + 3 -> 16
  EXPECT_EQ(planGreedyBySize(buffers, 32).arenaBytes, 64); // 32 + 3 -> 64
}

TEST(MemoryPlanner, AlignmentOneIsTight) {
  const std::vector<BufferLifetime> buffers = {{5, 0, 0}, {3, 0, 0}, {2, 0, 0}};
  const ArenaPlan plan = planGreedyBySize(buffers, 1);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{0, 5, 8}));
  EXPECT_EQ(plan.arenaBytes, 10);
}

TEST(MemoryPlanner, PlacesLargestFirst) {
  // All live together: offsets grow in order of decreasing size, whatever
  // the input order.
  const std::vector<BufferLifetime> buffers = {
      {16, 0, 0}, {64, 0, 0}, {32, 0, 0}, {128, 0, 0}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{224, 128, 192, 0}));
  EXPECT_EQ(plan.arenaBytes, 240);
}

TEST(MemoryPlanner, TiesGoToEarlierFirstStepThenInputOrder) {
  // Equal sizes, all live at step 2: buffer 2 starts first, then 0 and 1 share
  // a first step and keep their input order.
  const std::vector<BufferLifetime> buffers = {
      {32, 1, 2}, {32, 1, 2}, {32, 0, 2}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{32, 64, 0}));
}

TEST(MemoryPlanner, ZeroSizeBuffers) {
  // Zero-size buffers are placed last, at offset 0, and do not change the
  // arena or push any other buffer.
  const std::vector<BufferLifetime> buffers = {
      {0, 0, 3}, {48, 0, 3}, {0, 1, 1}, {16, 1, 2}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  expectValidPlan(buffers, 16, plan);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{0, 0, 0, 48}));
  EXPECT_EQ(plan.arenaBytes, 64);

  const std::vector<BufferLifetime> onlyEmpty = {{0, 0, 0}, {0, 0, 0}};
  const ArenaPlan empty = planGreedyBySize(onlyEmpty, 16);
  EXPECT_EQ(empty.offsets, (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(empty.arenaBytes, 0);
}

TEST(MemoryPlanner, PersistentBufferBlocksEveryStep) {
  // A state lives for the whole program (as PlanMemory builds it): no
  // activation may share its bytes, though activations share among
  // themselves.
  const std::vector<BufferLifetime> buffers = {
      {64, 0, 4}, {96, 0, 1}, {96, 2, 3}, {96, 4, 4}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  expectValidPlan(buffers, 16, plan);
  EXPECT_EQ(plan.offsets, (std::vector<int64_t>{96, 0, 0, 0}));
  EXPECT_EQ(plan.arenaBytes, 160);
}

/// Random buffers over a short program, so that many lifetimes intersect.
std::vector<BufferLifetime> randomBuffers(std::mt19937 &rng, int count,
                                          int steps, int64_t maxBytes) {
  std::uniform_int_distribution<int64_t> bytes(0, maxBytes);
  std::uniform_int_distribution<int64_t> step(0, steps - 1);
  std::vector<BufferLifetime> buffers;
  for (int i = 0; i < count; ++i) {
    int64_t first = step(rng), last = step(rng);
    if (first > last)
      std::swap(first, last);
    buffers.push_back({bytes(rng), first, last});
  }
  return buffers;
}

TEST(MemoryPlanner, RandomLifetimesNeverShareLiveBytes) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> count(1, 40);
  std::uniform_int_distribution<int> steps(1, 12);
  const int64_t alignments[] = {1, 4, 16, 64};
  for (int trial = 0; trial < 500; ++trial) {
    SCOPED_TRACE(trial);
    const int64_t alignment = alignments[trial % 4];
    const std::vector<BufferLifetime> buffers =
        randomBuffers(rng, count(rng), steps(rng), /*maxBytes=*/300);
    const ArenaPlan plan = planGreedyBySize(buffers, alignment);
    expectValidPlan(buffers, alignment, plan);
    if (HasFailure())
      return; // one failing trial is enough to read
  }
}

TEST(MemoryPlanner, RandomPlansStayWithinSumOfSizes) {
  // Stacking everything is always a valid plan, so greedy never needs more
  // than the aligned sum; with disjoint lifetimes it needs far less.
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    SCOPED_TRACE(trial);
    const std::vector<BufferLifetime> buffers =
        randomBuffers(rng, 30, 10, /*maxBytes=*/500);
    int64_t alignedSum = 0;
    for (const BufferLifetime &buffer : buffers)
      alignedSum += (buffer.bytes + 15) / 16 * 16;
    EXPECT_LE(planGreedyBySize(buffers, 16).arenaBytes, alignedSum);
  }
}

TEST(MemoryPlanner, IsDeterministic) {
  std::mt19937 rng(12345);
  for (int trial = 0; trial < 50; ++trial) {
    // Few sizes, so that ties in size and first step are common.
    std::vector<BufferLifetime> buffers = randomBuffers(rng, 25, 8, 4);
    for (BufferLifetime &buffer : buffers)
      buffer.bytes *= 16;
    const ArenaPlan first = planGreedyBySize(buffers, 16);
    const ArenaPlan second = planGreedyBySize(buffers, 16);
    EXPECT_EQ(first.offsets, second.offsets);
    EXPECT_EQ(first.arenaBytes, second.arenaBytes);
  }
}

} // namespace

TEST(MemoryPlanner, OptionalBuffersNeverGrowTheArena) {
  // Two 64-byte buffers live at steps 0-1 and 1-2: the arena is 128, full at
  // step 1 and half empty at steps 0 and 2.
  const std::vector<BufferLifetime> buffers = {{64, 0, 1}, {64, 1, 2}};
  const ArenaPlan plan = planGreedyBySize(buffers, 16);
  ASSERT_EQ(plan.arenaBytes, 128);
  const std::vector<BufferLifetime> optional = {
      {16, 1, 1},  // step 1 is full: no room
      {64, 2, 2},  // the first buffer's bytes are free at step 2
      {16, 2, 2},  // and nothing is left beside the one just placed
      {48, 0, 0}}; // beside the first buffer at step 0
  const std::vector<std::optional<int64_t>> offsets =
      ingot::analysis::placeWithinArena(plan, buffers, optional, 16);
  ASSERT_EQ(offsets.size(), 4u);
  EXPECT_FALSE(offsets[0].has_value());
  EXPECT_EQ(offsets[1], std::optional<int64_t>(plan.offsets[0]));
  EXPECT_FALSE(offsets[2].has_value());
  EXPECT_EQ(offsets[3], std::optional<int64_t>(64));
}
