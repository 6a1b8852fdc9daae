#!/usr/bin/env python3
"""Runs kws_accuracy.sh on a model and compares its top-1 accuracy with a
figure from outside ingot: the converter-made int8 model's accuracy measured
with TFLite Micro (anchors/kws_accuracy.json), or an acceptance floor an
issue set. Prints the measurement and `1 passed, 0 failed` (or `0 passed, 1
failed`).

  check_kws_accuracy.py --at-least 0.905 MODEL all [compile flags...]
  check_kws_accuracy.py --exactly 0.912 MODEL odd
"""

import argparse
import pathlib
import re
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    bound = parser.add_mutually_exclusive_group(required=True)
    bound.add_argument("--at-least", type=float)
    bound.add_argument("--exactly", type=float)
    parser.add_argument("model")
    parser.add_argument("subset", choices=["all", "even", "odd"])
    parser.add_argument("flags", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    script = pathlib.Path(__file__).resolve().parent / "kws_accuracy.sh"
    result = subprocess.run(
        ["bash", str(script), options.model, options.subset, *options.flags],
        capture_output=True, text=True)
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    match = re.search(r"accuracy: ([0-9.]+) \((\d+)/(\d+)\)", result.stdout)
    if result.returncode != 0 or not match:
        print("0 passed, 1 failed")
        return 1
    accuracy = int(match[2]) / int(match[3])
    if options.at_least is not None:
        ok = accuracy >= options.at_least - 1e-9
        print(f"{accuracy:.4f} >= {options.at_least}: {'yes' if ok else 'no'}")
    else:
        ok = abs(accuracy - options.exactly) < 5e-4
        print(f"{accuracy:.4f} == {options.exactly}: {'yes' if ok else 'no'}")
    print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
