//===- PlanMemory.cpp - Static arena planning for kernel IR ---------------===//
//
// This file implements the ingot-plan-memory pass: it turns the op order of a
// kernel-dialect function into buffer lifetimes and hands them to the
// greedy-by-size planner in compiler/Analysis.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Kernel/Transforms/Passes.h"

#include "MemoryPlanner.h"

#include "llvm/ADT/DenseMap.h"

namespace ingot::kernel {
#define GEN_PASS_DEF_PLANMEMORYPASS
#include "ingot/Dialect/Kernel/Transforms/Passes.h.inc"
} // namespace ingot::kernel

using namespace mlir;
using namespace ingot::kernel;

namespace {

int64_t tensorBytes(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t bits = type.getElementType().getIntOrFloatBitWidth();
  return type.getNumElements() * ((bits + 7) / 8);
}

/// Follows aliases back to the value that owns the bytes.
Value bufferRoot(Value value) {
  while (auto alias = value.getDefiningOp<AliasOp>())
    value = alias.getInput();
  return value;
}

struct PlanMemoryPass
    : ingot::kernel::impl::PlanMemoryPassBase<PlanMemoryPass> {
  using PlanMemoryPassBase::PlanMemoryPassBase;

  void runOnOperation() override {
    func::FuncOp function = getOperation();
    if (alignment < 1) {
      function.emitError("alignment must be at least 1");
      return signalPassFailure();
    }
    Block &body = function.getBody().front();

    llvm::DenseMap<Operation *, int64_t> step;
    int64_t lastStep = 0;
    for (Operation &op : body)
      step[&op] = lastStep++;

    // Values the caller owns (returned tensors and, through aliases, their
    // roots) take no arena space. A returned state stays in the arena: it must
    // outlive the call, and the caller's output buffer is only a copy of it.
    llvm::DenseSet<Value> callerOwned;
    Operation *terminator = body.getTerminator();
    for (Value result : terminator->getOperands()) {
      Value root = bufferRoot(result);
      if (!root.getDefiningOp<StateOp>())
        callerOwned.insert(root);
    }

    std::vector<ingot::analysis::BufferLifetime> buffers;
    // Each buffer's owner: the op and whether it is its scratch memory.
    std::vector<std::pair<Operation *, bool>> owners;
    llvm::DenseMap<Value, size_t> bufferOfRoot;

    for (Operation &op : body) {
      if (op.getNumResults() != 1 || isa<AliasOp, WeightOp>(op))
        continue;
      Value result = op.getResult(0);
      if (callerOwned.contains(result))
        continue;
      bool persistent = isa<StateOp>(op);
      bufferOfRoot[result] = buffers.size();
      buffers.push_back({tensorBytes(result), persistent ? 0 : step[&op],
                         persistent ? lastStep : step[&op]});
      owners.push_back({&op, false});
    }

    // A buffer lives until the last use of any of its views.
    for (Operation &op : body) {
      for (Value operand : op.getOperands()) {
        auto it = bufferOfRoot.find(bufferRoot(operand));
        if (it == bufferOfRoot.end())
          continue;
        auto &lifetime = buffers[it->second];
        lifetime.lastStep = std::max(lifetime.lastStep, step[&op]);
      }
    }

    // Scratch a kernel can do without only takes arena bytes nothing else
    // needs at that step (placeWithinArena): optimized kernels never cost RAM.
    std::vector<ingot::analysis::BufferLifetime> optionalScratch;
    std::vector<Operation *> optionalOwners;
    for (Operation &op : body) {
      auto scratch = op.getAttrOfType<IntegerAttr>(kScratchBytesAttr);
      if (!scratch || scratch.getInt() == 0)
        continue;
      if (op.hasAttr(kScratchOptionalAttr)) {
        optionalScratch.push_back({scratch.getInt(), step[&op], step[&op]});
        optionalOwners.push_back(&op);
        continue;
      }
      buffers.push_back({scratch.getInt(), step[&op], step[&op]});
      owners.push_back({&op, true});
    }

    ingot::analysis::ArenaPlan plan =
        ingot::analysis::planGreedyBySize(buffers, alignment);
    Builder builder(&getContext());
    for (auto [index, owner] : llvm::enumerate(owners)) {
      StringRef attr = owner.second ? kScratchOffsetAttr : kArenaOffsetAttr;
      owner.first->setAttr(attr,
                           builder.getI64IntegerAttr(plan.offsets[index]));
    }
    std::vector<std::optional<int64_t>> optionalOffsets =
        ingot::analysis::placeWithinArena(plan, buffers, optionalScratch,
                                          alignment);
    for (auto [op, offset] : llvm::zip(optionalOwners, optionalOffsets)) {
      if (offset)
        op->setAttr(kScratchOffsetAttr, builder.getI64IntegerAttr(*offset));
      else
        op->removeAttr(kScratchBytesAttr);
    }
    function->setAttr(kArenaBytesAttr,
                      builder.getI64IntegerAttr(plan.arenaBytes));
  }
};

} // namespace
