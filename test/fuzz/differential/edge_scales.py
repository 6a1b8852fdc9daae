#!/usr/bin/env python3
"""Single-operator int8 models whose quantization parameters sit at the
edges of what TFLite Micro accepts, compiled and run by ingot and by TFLite
Micro, compared bit for bit.

Each case is a graph the random generator reached only rarely: a HARD_SWISH
after a RELU of values that are all negative got a calibrated scale near
1e-9 (random_graphs.py seed 202308), which ingot refused while TFLite Micro
ran it. The inputs sweep every int8 value.

Usage: edge_scales.py --ingot build/bin/ingot
"""
import argparse
import pathlib
import sys
import tempfile

import numpy as np

import random_graphs

HARD_SWISH = 117

# (input scale, input zero point, output scale, output zero point). The
# rescales TFLite Micro divides by in 16 bits: the relu-ish one is
# input_scale / 128 / (3 / 32768) and the output one input_scale / 128 /
# output_scale; both go below 2^-15 here, where its 16-bit rounding differs
# from the 32-bit one.
HARD_SWISH_CASES = [
    (1e-7, 0, 1e-9, 0),        # relu-ish 2^-17, output about 2^-1
    (1e-7, 5, 1e-9, -3),       # the same with zero points
    (1e-7, -7, 1e-9, 100),
    (3e-8, 0, 3e-10, 0),       # relu-ish 2^-19
    (1e-9, 0, 1e-9, 0),        # relu-ish 2^-24, output 2^-7
    (2e-6, 0, 1e-3, 0),        # output 0.51 * 2^-15, the last 15-bit one
    (1e-7, 0, 1e-2, 0),        # output 2^-24
    (3.921568847431445e-09, -128, 3.921568847431445e-09, -128),  # seed 202308
]


def single_operator_model(opcode, input_quant, output_quant, shape, path):
    tensor = lambda name, quant: {
        "name": name, "shape": shape, "type": "INT8", "buffer": 0,
        "quantization": {"scale": [quant[0]], "zero_point": [quant[1]]}}
    model = {
        "version": 3,
        "operator_codes": [{"deprecated_builtin_code": opcode,
                            "builtin_code": opcode, "version": 1}],
        "subgraphs": [{
            "tensors": [tensor("input", input_quant),
                        tensor("output", output_quant)],
            "inputs": [0], "outputs": [1],
            "operators": [{"opcode_index": 0, "inputs": [0],
                           "outputs": [1]}]}],
        "buffers": [{}]}
    random_graphs.write_model(model, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True)
    args = parser.parse_args()

    every_int8 = np.arange(-128, 128, dtype=np.int8).reshape(1, 256)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="ingot-edge-") as tmp:
        for number, case in enumerate(HARD_SWISH_CASES):
            workdir = pathlib.Path(tmp) / f"hard_swish{number}"
            workdir.mkdir()
            model = workdir / "model.tflite"
            single_operator_model(HARD_SWISH, case[:2], case[2:], [1, 256],
                                  model)
            reference = random_graphs.tflm_run(model, [[every_int8]])[0][0]
            code, log, outdir = random_graphs.ingot_run(
                args.ingot, model, [every_int8], workdir)
            name = "HARD_SWISH int8 scales {} -> {}".format(case[:2],
                                                           case[2:])
            if code != 0:
                print(f"FAIL {name}: ingot failed: {log.strip()}")
                failed += 1
                continue
            ours = np.fromfile(outdir / "output0.bin", dtype=np.int8)
            problem = random_graphs.compare("int8", ours,
                                            reference.reshape(-1))
            print(f"{'FAIL' if problem else 'ok  '} {name}"
                  + (f": {problem}" if problem else ""))
            failed += bool(problem)
    print(f"{len(HARD_SWISH_CASES) - failed} of {len(HARD_SWISH_CASES)} "
          "cases match TFLite Micro")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
