#!/usr/bin/env python3
"""End-to-end conformance: ingot's outputs against the reference interpreter's.

This file implements the conformance suite. For every model folder in
shared/conformance (see manifests.py for how models are found and sorted):

- integer models: `ingot run` on every case of the manifest; each output file
  must be byte-identical to the reference output.
- float and hybrid models must compile. Every reference case must agree
  with the reference within max|ours - ref| <= 1e-5 * max(1, max|ref|) (the
  float tolerance of the issue that added float support: float sums need not
  be bit-exact across compilers); a model without reference outputs (TFLite
  Micro refuses hybrid models) must run on zeros and write outputs of the
  manifest's sizes.

Prints one row per model and, last, a line `N passed, M failed` counting
checks (one per reference case, one per refused or unreferenced model) that CI
reads. Exits 0 only when nothing failed and something was checked.
"""

import argparse
import concurrent.futures
import os
import pathlib
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import manifests  # noqa: E402

REFUSAL_PHRASES = ("cannot be compiled", "without an int8 kernel")
CRASH_MARKERS = ("Stack dump", "PLEASE submit a bug report", "Assertion",
                 "Segmentation fault", "terminate called")
TIMEOUT_SECONDS = 600


def run(command, timeout=TIMEOUT_SECONDS):
    """Runs command; returns (exit status, combined stdout and stderr)."""
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    return done.returncode, done.stdout.decode("utf-8", "replace")


def float_mismatch(index, got, want):
    """Why float32 outputs `got` are not within tolerance of `want`."""
    if len(got) != len(want) or len(got) % 4:
        return f"output{index}: {len(got)} bytes, reference has {len(want)}"
    count = len(want) // 4
    ours = struct.unpack(f"<{count}f", got)
    ref = struct.unpack(f"<{count}f", want)
    worst = max(abs(a - b) for a, b in zip(ours, ref))
    tolerance = 1e-5 * max(1.0, max(abs(b) for b in ref))
    if not worst <= tolerance:
        return (f"output{index}: max |ours - ref| = {worst:.3g} exceeds "
                f"{tolerance:.3g}")
    return None


def check_case(ingot, model, case, run_args):
    """Runs one reference case; returns None when it matches, else why not."""
    inputs = [model.folder / name for name in case.get("inputs", [])]
    expected = [model.folder / name for name in case.get("outputs", [])]
    missing = [str(p) for p in inputs + expected if not p.is_file()]
    if missing:
        return "missing reference file(s): " + ", ".join(missing)
    with tempfile.TemporaryDirectory(prefix="ingot-conformance-") as outdir:
        command = [ingot, "run", str(model.path), "--outdir", outdir]
        command += run_args
        for path in inputs:
            command += ["--input", str(path)]
        status, output = run(command)
        if status != 0:
            return f"`ingot run` exited with {status}: {output.strip()}"
        for index, reference in enumerate(expected):
            produced = pathlib.Path(outdir) / f"output{index}.bin"
            if not produced.is_file():
                return f"no {produced.name} was written"
            got, want = produced.read_bytes(), reference.read_bytes()
            if model.kind == "float":
                problem = float_mismatch(index, got, want)
                if problem:
                    return problem
            elif got != want:
                return describe_mismatch(index, got, want)
    return None


def describe_mismatch(index, got, want):
    if len(got) != len(want):
        return f"output{index}: {len(got)} bytes, reference has {len(want)}"
    differing = [i for i in range(len(got)) if got[i] != want[i]]
    first = differing[0]
    return (f"output{index}: {len(differing)} of {len(got)} bytes differ, "
            f"first at byte {first} (got {got[first]}, want {want[first]})")


def first_inputs(model, workdir):
    """Case 0's input files, or zero-filled ones of the manifest's sizes."""
    cases = model.cases
    if cases and cases[0].get("inputs"):
        return [model.folder / name for name in cases[0]["inputs"]]
    paths = []
    for index, tensor in enumerate(model.manifest.get("inputs", [])):
        path = pathlib.Path(workdir) / f"input{index}.bin"
        path.write_bytes(bytes(int(tensor.get("bytes", 1))))
        paths.append(path)
    return paths


def try_float_model(ingot, model):
    """Runs a float or hybrid model once on case 0 (or zeros).

    Returns (outcome, problem): ("compiles", None) when `ingot run` worked and
    wrote outputs of the manifest's sizes; ("refused", None) when both
    `ingot run` and `ingot compile` refuse the model cleanly; otherwise
    (outcome, why it is wrong).
    """
    with tempfile.TemporaryDirectory(prefix="ingot-conformance-") as workdir:
        outdir = pathlib.Path(workdir) / "out"
        run_command = [ingot, "run", str(model.path), "--outdir", str(outdir)]
        for path in first_inputs(model, workdir):
            run_command += ["--input", str(path)]
        status, output = run(run_command)
        if status == 0:
            for index, tensor in enumerate(model.manifest.get("outputs", [])):
                produced = outdir / f"output{index}.bin"
                size = produced.stat().st_size if produced.is_file() else None
                if size != tensor.get("bytes", size):
                    return "compiles", (f"output{index}.bin has {size} bytes, "
                                        f"the manifest says {tensor['bytes']}")
            return "compiles", None
        problem = refusal_problem(model, status, output)
        if problem:
            return "refused", f"`ingot run`: {problem}"
        compile_command = [ingot, "compile", str(model.path), "-o",
                           str(pathlib.Path(workdir) / "cpp")]
        status, output = run(compile_command)
        problem = refusal_problem(model, status, output)
        if problem:
            return "refused", f"`ingot compile`: {problem}"
    return "refused", None


def refusal_problem(model, status, output):
    """Why (status, output) is not a clean refusal of model, or None."""
    if status is None or status < 0:
        return f"crashed or hung ({output.strip() or status})"
    crash = [m for m in CRASH_MARKERS if m in output]
    if crash:
        return f"crashed ({crash[0]}): {output.strip()}"
    if status != 1:
        return f"exited with {status}, expected 0 or 1: {output.strip()}"
    if str(model.path) not in output:
        return f"the error does not name {model.path}: {output.strip()}"
    if not any(phrase in output for phrase in REFUSAL_PHRASES):
        return ("the error says neither " +
                " nor ".join(f"'{p}'" for p in REFUSAL_PHRASES) +
                f": {output.strip()}")
    return None


def check_cases(ingot, model, jobs, run_args):
    """Returns (passed, failed, notes) over the model's reference cases;
    `run_args` are extra options for every `ingot run` (e.g. a --target)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda c: check_case(ingot, model, c,
                                                     run_args),
                                model.cases))
    notes = [f"case {case.get('id', i)}: {problem}"
             for i, (case, problem) in enumerate(zip(model.cases, results))
             if problem]
    return len(results) - len(notes), len(notes), notes


def check_model(ingot, model, jobs, run_args):
    """Returns (outcome, passed, failed, notes) for one model."""
    if model.kind == "unknown":
        return "?", 0, 1, [f"unrecognized dtypes {model.dtypes} in the "
                           "manifest"]
    if model.kind == "float":
        outcome, problem = try_float_model(ingot, model)
        if problem:
            return outcome, 0, 1, [problem]
        if outcome == "refused":
            return "refused", 0, 1, ["ingot refused a float model it supports"]
        if not model.cases:
            return "runs, no reference", 1, 0, []
    elif not model.cases:
        return "no cases", 0, 1, ["integer model without reference cases"]
    passed, failed, notes = check_cases(ingot, model, jobs, run_args)
    return ("within 1e-5" if model.kind == "float" else "bit-exact", passed,
            failed, notes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True, help="the ingot binary")
    parser.add_argument("--conformance", default=None,
                        help="conformance folder (default: "
                             "<repo>/../shared/conformance)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="cases of one model run at once (default 1)")
    parser.add_argument("--ingot-arg", action="append", default=[],
                        help="an extra option for every `ingot run`, e.g. "
                             "--ingot-arg=--target=cortex-m4 (repeatable)")
    parser.add_argument("--integer-only", action="store_true",
                        help="only the integer models")
    parser.add_argument("models", nargs="*",
                        help="only these model folders (default: all)")
    args = parser.parse_args()

    root = args.conformance or manifests.default_root(__file__)
    models = manifests.find_models(root)
    if args.models:
        unknown = set(args.models) - {m.name for m in models}
        if unknown:
            raise SystemExit(f"error: no such model(s): {sorted(unknown)}")
        models = [m for m in models if m.name in args.models]

    if args.integer_only:
        models = [m for m in models if m.kind == "integer"]
    print(f"conformance models from {root}"
          + (f" (ingot run {' '.join(args.ingot_arg)})" if args.ingot_arg
             else "") + "\n")
    header = (f"{'model':<26} {'dtypes':<8} {'checked':<19} {'passed':>6} "
              f"{'failed':>6}  result")
    print(header)
    print("-" * len(header))
    total_passed = total_failed = 0
    failures = []
    for model in models:
        outcome, passed, failed, notes = check_model(args.ingot, model,
                                                     args.jobs, args.ingot_arg)
        total_passed += passed
        total_failed += failed
        result = "ok" if not failed else "FAIL"
        print(f"{model.name:<26} {model.kind:<8} {outcome:<19} {passed:>6} "
              f"{failed:>6}  {result}", flush=True)
        failures += [f"{model.name}: {note}" for note in notes]
    if failures:
        print("\nfailures:")
        for failure in failures:
            print(f"  {failure}")
    print()
    print(f"{total_passed} passed, {total_failed} failed")
    return 0 if total_failed == 0 and total_passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
