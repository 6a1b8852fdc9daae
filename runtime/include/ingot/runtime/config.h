//===- config.h - Compile-time knobs of the ingot runtime -------*- C++ -*-===//
//
// Every knob here can be overridden with -D on the compiler command line.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_CONFIG_H
#define INGOT_RUNTIME_CONFIG_H

/// Alignment of weight arrays and of the arena, in bytes. 16 lets vector
/// kernels (NEON, MVE, SSE) load weights without peeling; it costs at most 15
/// bytes of padding per weight array.
#ifndef INGOT_ALIGNMENT
#define INGOT_ALIGNMENT 16
#endif

/// Marks kernels `inline` so that headers can be included from several
/// translation units. Overriding it with `static inline` trades flash for
/// isolation when two models with different runtime copies share a binary.
#ifndef INGOT_KERNEL
#define INGOT_KERNEL inline
#endif

/// Called by generated code right before and right after each layer's
/// kernel with the TFLite operator index, the layer's name and its TFLite
/// operator (both string literals) and the layer's multiply-accumulates (an
/// integer literal computed by the compiler). Empty by default, so a build
/// that does not define them gets the same code as one without hooks; a
/// profiling build defines them to read a clock or a cycle counter
/// (`ingot profile` and benchmarks/cortex-m do; docs/profiling.md has an
/// example).
#ifndef INGOT_PROFILE_LAYER_BEGIN
#define INGOT_PROFILE_LAYER_BEGIN(index, layer, op, macs) ((void)0)
#endif
#ifndef INGOT_PROFILE_LAYER_END
#define INGOT_PROFILE_LAYER_END(index, layer, op, macs) ((void)0)
#endif

/// Forces the inner pieces of the optimized kernels (one instruction wrappers,
/// micro-kernels) inline, so that shape constants reach their loops and
/// accumulators stay in registers. Defining it as plain `inline` lets the
/// compiler decide, which can cost several instructions per multiply.
#ifndef INGOT_ALWAYS_INLINE
#if defined(__GNUC__) || defined(__clang__)
#define INGOT_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define INGOT_ALWAYS_INLINE inline
#endif
#endif

#endif // INGOT_RUNTIME_CONFIG_H
