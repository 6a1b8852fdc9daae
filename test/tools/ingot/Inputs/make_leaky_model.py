#!/usr/bin/env python3
"""Writes the JSON of a small float model, FULLY_CONNECTED -> LEAKY_RELU ->
FULLY_CONNECTED -> SOFTMAX on a [1, 4] input, for `flatc -b` with ingot's
schema, plus calibration inputs: LEAKY_RELU has no int8 kernel, so int8
quantization must keep it in float (or fail with --strict).

  make_leaky_model.py MODEL.json CALIBRATION_DIR
"""

import json
import os
import struct
import sys


def floats(values):
    return list(struct.pack(f"<{len(values)}f", *values))


def main():
    model_path, calibration = sys.argv[1], sys.argv[2]
    w1 = [0.5, -0.25, 0.75, 0.1,
          -0.5, 0.3, 0.2, -0.6,
          0.25, 0.25, -0.75, 0.4,
          -0.1, 0.6, 0.5, 0.35]
    b1 = [0.1, -0.2, 0.05, 0.0]
    w2 = [1.0, -0.5, 0.25, 0.5,
          -0.25, 0.75, 0.5, -1.0,
          0.5, 0.5, -0.5, 0.25]
    b2 = [0.0, 0.1, -0.1]
    model = {
        "version": 3,
        "operator_codes": [
            {"deprecated_builtin_code": 9, "builtin_code": 9},
            {"deprecated_builtin_code": 98, "builtin_code": 98},
            {"deprecated_builtin_code": 25, "builtin_code": 25}],
        "subgraphs": [{
            "tensors": [
                {"name": "x", "shape": [1, 4], "buffer": 0},
                {"name": "w1", "shape": [4, 4], "buffer": 1},
                {"name": "b1", "shape": [4], "buffer": 2},
                {"name": "h1", "shape": [1, 4], "buffer": 0},
                {"name": "h2", "shape": [1, 4], "buffer": 0},
                {"name": "w2", "shape": [3, 4], "buffer": 3},
                {"name": "b2", "shape": [3], "buffer": 4},
                {"name": "h3", "shape": [1, 3], "buffer": 0},
                {"name": "y", "shape": [1, 3], "buffer": 0}],
            "inputs": [0], "outputs": [8],
            "operators": [
                {"opcode_index": 0, "inputs": [0, 1, 2], "outputs": [3],
                 "builtin_options_type": "FullyConnectedOptions",
                 "builtin_options": {}},
                {"opcode_index": 1, "inputs": [3], "outputs": [4],
                 "builtin_options_type": "LeakyReluOptions",
                 "builtin_options": {"alpha": 0.2}},
                {"opcode_index": 0, "inputs": [4, 5, 6], "outputs": [7],
                 "builtin_options_type": "FullyConnectedOptions",
                 "builtin_options": {}},
                {"opcode_index": 2, "inputs": [7], "outputs": [8],
                 "builtin_options_type": "SoftmaxOptions",
                 "builtin_options": {"beta": 1.0}}]}],
        "buffers": [{}, {"data": floats(w1)}, {"data": floats(b1)},
                    {"data": floats(w2)}, {"data": floats(b2)}]}
    with open(model_path, "w") as out:
        json.dump(model, out)
    os.makedirs(calibration, exist_ok=True)
    for i in range(16):
        # A fixed spread of inputs in [-1, 1].
        sample = [((i * 7 + j * 5) % 17) / 8.0 - 1.0 for j in range(4)]
        with open(os.path.join(calibration, f"{i:02d}.bin"), "wb") as out:
            out.write(struct.pack("<4f", *sample))


if __name__ == "__main__":
    main()
