#!/usr/bin/env python3
"""Measures ingot on every integer conformance model; prints a markdown table.

This file implements the numbers in docs/measurements.md. Per model:

- ops: operators in the model (`ingot inspect --json` layers);
- arena: `arena_bytes` from `ingot inspect --json`, against the manifest's
  `tflm.arena_used_bytes` (TFLite Micro's arena for the same model on x86-64).
  ingot's arena holds intermediate tensors only, as the caller passes the
  model's input and output buffers to invoke; TFLite Micro's also holds
  those, so the comparison adds the manifest's input and output bytes;
- flash: `.text` + `.rodata` (all their subsections) of the generated C++
  built for a Cortex-M4 with `arm-none-eabi-g++ -Os`, as `arm-none-eabi-size
  -A` reports them: code, weights and constants, without a main or libc;
  against the size of the .tflite file;
- compile time: wall time of `ingot compile`, the fastest of --repeat runs
  (the machine is shared: the minimum is the least noisy figure).

Usage: python3 scripts/measure.py [--ingot build/bin/ingot] [--repeat 3]
"""

import argparse
import datetime
import json
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "test" / "conformance"))
import manifests  # noqa: E402

CORTEX_M4 = ["-std=c++17", "-mcpu=cortex-m4", "-mthumb", "-Os",
             "-fno-exceptions", "-fno-rtti"]


def run(command):
    done = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        raise SystemExit(f"error: `{' '.join(map(str, command))}` exited with "
                         f"{done.returncode}:\n{output}")
    return output


def section_bytes(size_output, prefix):
    """Sums the sections of `size -A` output whose names start with prefix."""
    total = 0
    for line in size_output.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1].isdigit() and \
                fields[0].startswith(prefix):
            total += int(fields[1])
    return total


def measure(args, model, workdir):
    name = model.name
    inspect = json.loads(run([args.ingot, "inspect", str(model.path),
                              "--json"]))
    seconds = []
    for attempt in range(args.repeat):
        out = workdir / f"cpp{attempt}"
        start = time.perf_counter()
        run([args.ingot, "compile", str(model.path), "-o", str(out),
             "--name", name])
        seconds.append(time.perf_counter() - start)
    obj = workdir / f"{name}.o"
    run([args.arm_cxx, *CORTEX_M4, "-I", str(out), "-c",
         str(out / f"{name}.cpp"), "-o", str(obj)])
    sizes = run([args.arm_size, "-A", str(obj)])
    return {
        "model": name,
        "ops": len(inspect["layers"]),
        "arena": inspect["arena_bytes"],
        "io": sum(int(t.get("bytes", 0)) for t in
                  model.manifest.get("inputs", []) +
                  model.manifest.get("outputs", [])),
        "tflm_arena": model.manifest.get("tflm", {}).get("arena_used_bytes"),
        "text": section_bytes(sizes, ".text"),
        "flash": section_bytes(sizes, ".text") + section_bytes(sizes, ".rodata"),
        "tflite": model.path.stat().st_size,
        "compile_s": min(seconds),
    }


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def table(rows):
    lines = ["| model | ops | arena B (ingot) | arena + model I/O B | arena B (TFLM) "
             "| (ingot+I/O)/TFLM | flash B (.text+.rodata, M4 -Os) "
             "| of which code (.text) | .tflite B | flash/.tflite "
             "| `ingot compile` s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        with_io = r["arena"] + r["io"]
        lines.append(
            f"| {r['model']} | {r['ops']} | {r['arena']:,} | {with_io:,} | "
            f"{r['tflm_arena']:,} | {ratio(with_io, r['tflm_arena'])} | "
            f"{r['flash']:,} | {r['text']:,} | {r['tflite']:,} | "
            f"{ratio(r['flash'], r['tflite'])} | {r['compile_s']:.2f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", default=str(REPO / "build" / "bin" / "ingot"))
    parser.add_argument("--conformance", default=None,
                        help="default: <repo>/../shared/conformance")
    parser.add_argument("--arm-cxx", default="arm-none-eabi-g++")
    parser.add_argument("--arm-size", default="arm-none-eabi-size")
    parser.add_argument("--repeat", type=int, default=3,
                        help="ingot compile runs per model (default 3)")
    args = parser.parse_args()

    root = args.conformance or REPO.parent / "shared" / "conformance"
    models = [m for m in manifests.find_models(root) if m.kind == "integer"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="ingot-measure-") as workdir:
        for model in models:
            folder = pathlib.Path(workdir) / model.name
            folder.mkdir()
            rows.append(measure(args, model, folder))
    print(table(rows))
    compiler = run([args.arm_cxx, "--version"]).splitlines()[0]
    print(f"\nMeasured {datetime.date.today().isoformat()} on "
          f"{platform.machine()} Linux, {compiler}; ingot compile is the "
          f"fastest of {args.repeat} runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
