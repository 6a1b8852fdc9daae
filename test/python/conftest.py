"""Shared fixtures of the Python package's tests (docs/python.md).

The package comes from PYTHONPATH (the build tree's python/ folder, as ctest
sets it) or from an installed wheel. ../shared is found beside the
repository, or where INGOT_SHARED says.
"""
import os
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("INGOT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def conformance():
    folder = SHARED / "conformance"
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing")
    return folder


def read_case(folder, case, kind, dtype, shape):
    """A conformance case's tensor (TFLite Micro's inputs and outputs)."""
    data = np.fromfile(folder / f"case{case}_{kind}0.bin", dtype=dtype)
    return data.reshape(shape)


@pytest.fixture(scope="session")
def tflm():
    """TensorFlow Lite Micro's interpreter (the oracle), from PyPI."""
    runtime = pytest.importorskip("tflite_micro.python.tflite_micro.runtime")
    return runtime


@pytest.fixture(scope="session")
def tf():
    """TensorFlow, for its converter and interpreter (slow to import)."""
    return pytest.importorskip("tensorflow")
