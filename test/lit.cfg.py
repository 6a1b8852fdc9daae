# lit configuration of ingot's IR and command-line tests. The tests mirror
# the source tree: test/Dialect, test/Conversion, test/Import, test/tools.
# gtest unit tests live in test/unit and are run by ctest, not by lit.
import os
import sys

import lit.formats
import lit.util

config.name = "ingot"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "unit", "fuzz", "CMakeLists.txt", "README.md"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ingot_obj_root, "test")

# Our tools first, then LLVM's FileCheck, not and split-file; the bare names
# `ingot-opt` and `FileCheck` in RUN lines resolve through this PATH.
path = os.path.pathsep.join(
    [config.ingot_tools_dir, config.llvm_tools_dir, config.environment["PATH"]]
)
config.environment["PATH"] = path

# Longest first: lit substitutes in order, and %ingot is a prefix of
# %ingot-opt.
config.substitutions.append(
    ("%ingot-opt", os.path.join(config.ingot_tools_dir, "ingot-opt"))
)
config.substitutions.append(("%ingot", os.path.join(config.ingot_tools_dir, "ingot")))
config.substitutions.append(("%flatc", config.flatc))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%schema", config.schema))
config.substitutions.append(("%conformance", config.conformance_dir))
config.substitutions.append(("%datasets", config.datasets_dir))

# Tests on the shared conformance models say `REQUIRES: conformance` and are
# reported as unsupported where ../shared is not checked out.
if os.path.isfile(
    os.path.join(config.conformance_dir, "hello_world_int8", "model.tflite")
):
    config.available_features.add("conformance")
# Likewise `REQUIRES: datasets` for tests on the real samples of
# ../shared/datasets (keyword spotting: features and labels).
if os.path.isfile(os.path.join(config.datasets_dir, "kws", "mfcc_f32.npy")):
    config.available_features.add("datasets")
