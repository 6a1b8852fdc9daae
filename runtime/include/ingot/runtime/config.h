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

#endif // INGOT_RUNTIME_CONFIG_H
