#!/usr/bin/env bash
# `pip install .` as the README tells a user: a fresh clone of the repository
# (its committed state), a new virtual environment, and then the package and
# the command it installs.
#
#   pip_install_test.sh REPOSITORY WORKDIR [SHARED]
set -euo pipefail
REPO=$1
WORK=$2
SHARED=${3:-$REPO/../shared}
rm -rf "$WORK"
mkdir -p "$WORK"
git clone --quiet "$REPO" "$WORK/ingot"
python3 -m venv "$WORK/v"
"$WORK/v/bin/pip" install --quiet "$WORK/ingot"
cd "$WORK"
"$WORK/v/bin/python" - "$SHARED" <<'PY'
import sys
from pathlib import Path

import numpy as np

import ingot
import ingot._ingot
print("import ingot:", ingot.__version__, ingot._ingot.__file__)
assert "/v/lib/" in ingot._ingot.__file__, "the module is not the installed one"
# The installed package compiles and runs a model on its own: TFLite Micro's
# output of a conformance case, bit for bit.
folder = Path(sys.argv[1]) / "conformance" / "hello_world_int8"
if folder.is_dir():
    interpreter = ingot.Interpreter(model_path=str(folder / "model.tflite"))
    interpreter.allocate_tensors()
    value = np.fromfile(folder / "case0_input0.bin", np.int8).reshape(1, 1)
    interpreter.set_tensor(0, value)
    interpreter.invoke()
    expected = np.fromfile(folder / "case0_output0.bin", np.int8)
    assert (interpreter.get_tensor(1).ravel() == expected).all()
    print("the installed package runs hello_world_int8 as TFLite Micro does")
PY
"$WORK/v/bin/ingot" --help | head -1
echo "PASS: pip install . from a fresh clone"
