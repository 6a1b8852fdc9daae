#!/usr/bin/env python3
"""Checks the JSON report of `ingot quantize --eval ... --json`.

    check_eval_report.py REPORT.json INSPECT.json BEFORE.tflite AFTER.tflite

INSPECT.json is `ingot inspect --json BEFORE.tflite`, an independent list of
the model's operators. The report must have every key, one layer per
operator (same index and operator name, in order) with a finite SQNR, model
sizes equal to the two files' sizes with the quantized one smaller, and
top-1 agreement and accuracy between 0 and 1. Prints a summary and
`report ok`, or the first problem."""

import json
import math
import os
import sys


def fail(message):
    print("report wrong:", message)
    sys.exit(1)


def fraction(report, key):
    value = report.get(key)
    if not isinstance(value, (int, float)) or not 0 <= value <= 1:
        fail(f"{key} is {value!r}, not a number in [0, 1]")
    return value


def main():
    report = json.load(open(sys.argv[1]))
    inspect = json.load(open(sys.argv[2]))
    before, after = sys.argv[3], sys.argv[4]

    for key in ("model_bytes_before", "model_bytes_after", "top1_agreement",
                "accuracy", "layers", "samples"):
        if key not in report:
            fail(f"no '{key}'")
    if report["model_bytes_before"] != os.path.getsize(before):
        fail(f"model_bytes_before is {report['model_bytes_before']}, "
             f"the file has {os.path.getsize(before)}")
    if report["model_bytes_after"] != os.path.getsize(after):
        fail(f"model_bytes_after is {report['model_bytes_after']}, "
             f"the file has {os.path.getsize(after)}")
    if not report["model_bytes_after"] < report["model_bytes_before"]:
        fail("the quantized model is not smaller")

    operators = [(layer["index"], layer["op"]) for layer in inspect["layers"]]
    layers = report["layers"]
    if [(layer["index"], layer["op"]) for layer in layers] != operators:
        fail(f"layers {[(l['index'], l['op']) for l in layers]} are not the "
             f"operators {operators}")
    for layer in layers:
        for key in ("index", "op", "output", "sqnr_db"):
            if key not in layer:
                fail(f"layer {layer.get('index')} has no '{key}'")
        sqnr = layer["sqnr_db"]
        if not isinstance(sqnr, (int, float)) or not math.isfinite(sqnr):
            fail(f"layer {layer['index']} has SQNR {sqnr!r}")

    agreement = fraction(report, "top1_agreement")
    accuracy = fraction(report, "accuracy")
    print(f"{len(layers)} layers, SQNR {min(l['sqnr_db'] for l in layers):.1f}"
          f" to {max(l['sqnr_db'] for l in layers):.1f} dB")
    print(f"samples {report['samples']}, agreement {agreement:.3f}, "
          f"accuracy {accuracy:.3f}")
    print("report ok")


if __name__ == "__main__":
    main()
