"""Loads the native module ingot._ingot so that it keeps its own LLVM and MLIR.

TensorFlow loads its own, private copy of LLVM and MLIR with RTLD_GLOBAL. A
module loaded after it would otherwise have its calls into libLLVM and
libMLIR bound to TensorFlow's copies, whose types and registries are not
ours (a crash in the first pass). RTLD_DEEPBIND makes the module and the
libraries it brings resolve their symbols among themselves first.
"""
import os
import sys

_flags = sys.getdlopenflags()
if hasattr(os, "RTLD_DEEPBIND"):
    sys.setdlopenflags(os.RTLD_NOW | os.RTLD_LOCAL | os.RTLD_DEEPBIND)
try:
    from . import _ingot as native
finally:
    sys.setdlopenflags(_flags)
