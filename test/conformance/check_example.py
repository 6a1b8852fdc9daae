#!/usr/bin/env python3
"""Builds the bundled tiny_classifier example from scratch and checks it.

This file implements the example's end-to-end test. There is no reference
interpreter for a model the project makes itself, so the oracle is the float
network make_model.py computes alongside the model:

- make_model.py writes model.tflite, input0.bin and float_output0.json;
- `ingot run` on input0.bin gives int8 probabilities that, dequantized, are
  within TOLERANCE of the float ones;
- `ingot compile` plus examples/tiny_classifier/main.cpp build with
  -Wall -Wextra -Werror and print the same top class.

Prints `N passed, M failed` over these checks.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

# int8 probabilities step by 1/256; five quantized layers add a few steps.
TOLERANCE = 0.02


def run(command):
    done = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                          timeout=600)
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        raise RuntimeError(f"`{' '.join(command)}` exited with "
                           f"{done.returncode}:\n{output.strip()}")
    return output


def main():
    repo = pathlib.Path(__file__).resolve().parents[2]
    example = repo / "examples" / "tiny_classifier"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True, help="the ingot binary")
    parser.add_argument("--cxx", default="c++")
    args = parser.parse_args()

    checks = []  # (name, None or why it failed)
    with tempfile.TemporaryDirectory(prefix="ingot-example-") as workdir:
        work = pathlib.Path(workdir)
        try:
            run([sys.executable, str(example / "make_model.py"), "--outdir",
                 str(work)])
            checks.append(("make_model.py", None))
        except RuntimeError as error:
            checks.append(("make_model.py", str(error)))
            return report(checks)

        expected = json.loads((work / "float_output0.json").read_text())
        try:
            run([args.ingot, "run", str(work / "model.tflite"), "--input",
                 str(work / "input0.bin"), "--outdir", str(work / "out")])
            raw = (work / "out" / "output0.bin").read_bytes()
            # Softmax output: scale 1/256, zero point -128.
            got = [(b - 256 if b > 127 else b) / 256 + 0.5 for b in raw]
            worst = max(abs(g - e) for g, e in zip(got, expected))
            problem = None
            if len(got) != len(expected):
                problem = f"{len(got)} outputs, expected {len(expected)}"
            elif worst > TOLERANCE:
                problem = (f"int8 {got} is {worst:.4f} from float "
                           f"{expected} (tolerance {TOLERANCE})")
            checks.append(("ingot run matches float", problem))
        except (RuntimeError, OSError) as error:
            checks.append(("ingot run matches float", str(error)))

        top = max(range(len(expected)), key=lambda i: expected[i])
        try:
            cpp = work / "cpp"
            run([args.ingot, "compile", str(work / "model.tflite"), "-o",
                 str(cpp), "--name", "tiny_classifier"])
            binary = work / "tiny_classifier"
            run([args.cxx, "-std=c++17", "-Wall", "-Wextra", "-Werror", "-I",
                 str(cpp), str(example / "main.cpp"),
                 str(cpp / "tiny_classifier.cpp"), "-o", str(binary)])
            printed = run([str(binary), str(work / "input0.bin")])
            problem = None
            if f"top class: {top}" not in printed:
                problem = f"expected top class {top}, main.cpp printed:\n" \
                          f"{printed}"
            checks.append(("main.cpp builds and agrees", problem))
        except (RuntimeError, OSError) as error:
            checks.append(("main.cpp builds and agrees", str(error)))
    return report(checks)


def report(checks):
    for name, problem in checks:
        print(f"{'ok' if problem is None else 'FAIL':<5} {name}")
        if problem:
            print(f"      {problem}")
    failed = sum(1 for _, problem in checks if problem)
    print()
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
