#!/usr/bin/env python3
"""End-to-end conformance: ingot's outputs against the reference interpreter's.

This file implements the conformance suite. For every model folder in
shared/conformance (see manifests.py for how models are found and sorted):

- integer models: `ingot run` on every case of the manifest; each output file
  must be byte-identical to the reference output.
- float and hybrid models: `ingot run` and `ingot compile` must both exit with
  status 1 and an error naming the model path and saying the model cannot be
  compiled (or has operators "without an int8 kernel"), and must not crash.

Prints one row per model and, last, a line `N passed, M failed` counting cases
(one per reference case, one per refused model) that CI reads. Exits 0 only
when nothing failed and something was checked.
"""

import argparse
import concurrent.futures
import os
import pathlib
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


def check_case(ingot, model, case):
    """Runs one reference case; returns None when it matches, else why not."""
    inputs = [model.folder / name for name in case.get("inputs", [])]
    expected = [model.folder / name for name in case.get("outputs", [])]
    missing = [str(p) for p in inputs + expected if not p.is_file()]
    if missing:
        return "missing reference file(s): " + ", ".join(missing)
    with tempfile.TemporaryDirectory(prefix="ingot-conformance-") as outdir:
        command = [ingot, "run", str(model.path), "--outdir", outdir]
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
            if got != want:
                return describe_mismatch(index, got, want)
    return None


def describe_mismatch(index, got, want):
    if len(got) != len(want):
        return f"output{index}: {len(got)} bytes, reference has {len(want)}"
    differing = [i for i in range(len(got)) if got[i] != want[i]]
    first = differing[0]
    return (f"output{index}: {len(differing)} of {len(got)} bytes differ, "
            f"first at byte {first} (got {got[first]}, want {want[first]})")


def refusal_inputs(model, workdir):
    """Input files for a refused model: case 0's, or zeros of the right size."""
    cases = model.cases
    if cases and cases[0].get("inputs"):
        return [model.folder / name for name in cases[0]["inputs"]]
    paths = []
    for index, tensor in enumerate(model.manifest.get("inputs", [])):
        path = pathlib.Path(workdir) / f"input{index}.bin"
        path.write_bytes(bytes(int(tensor.get("bytes", 1))))
        paths.append(path)
    return paths


def check_refusal(ingot, model):
    """A float or hybrid model must be refused with a clear error."""
    with tempfile.TemporaryDirectory(prefix="ingot-conformance-") as workdir:
        run_command = [ingot, "run", str(model.path), "--outdir",
                       os.path.join(workdir, "out")]
        for path in refusal_inputs(model, workdir):
            run_command += ["--input", str(path)]
        compile_command = [ingot, "compile", str(model.path), "-o",
                           os.path.join(workdir, "cpp")]
        for name, command in (("run", run_command),
                              ("compile", compile_command)):
            status, output = run(command)
            problem = refusal_problem(model, status, output)
            if problem:
                return f"`ingot {name}`: {problem}"
    return None


def refusal_problem(model, status, output):
    if status is None or status < 0:
        return f"crashed or hung ({output.strip() or status})"
    crash = [m for m in CRASH_MARKERS if m in output]
    if crash:
        return f"crashed ({crash[0]}): {output.strip()}"
    if status != 1:
        return f"exited with {status}, expected 1: {output.strip()}"
    if str(model.path) not in output:
        return f"the error does not name {model.path}: {output.strip()}"
    if not any(phrase in output for phrase in REFUSAL_PHRASES):
        return ("the error says neither " +
                " nor ".join(f"'{p}'" for p in REFUSAL_PHRASES) +
                f": {output.strip()}")
    return None


def check_model(ingot, model, jobs):
    """Returns (passed, failed, notes) for one model."""
    if model.kind == "float":
        problem = check_refusal(ingot, model)
        return (0, 1, [problem]) if problem else (1, 0, [])
    if model.kind == "unknown":
        return 0, 1, [f"unrecognized dtypes {model.dtypes} in the manifest"]
    if not model.cases:
        return 0, 1, ["integer model without reference cases"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda c: check_case(ingot, model, c),
                                model.cases))
    notes = [f"case {case.get('id', i)}: {problem}"
             for i, (case, problem) in enumerate(zip(model.cases, results))
             if problem]
    return len(results) - len(notes), len(notes), notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True, help="the ingot binary")
    parser.add_argument("--conformance", default=None,
                        help="conformance folder (default: "
                             "<repo>/../shared/conformance)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="cases of one model run at once (default 1)")
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

    expectation = {"integer": "bit-exact", "float": "refused",
                   "unknown": "?"}
    print(f"conformance models from {root}\n")
    header = f"{'model':<28} {'expect':<10} {'passed':>6} {'failed':>6}  result"
    print(header)
    print("-" * len(header))
    total_passed = total_failed = 0
    failures = []
    for model in models:
        passed, failed, notes = check_model(args.ingot, model, args.jobs)
        total_passed += passed
        total_failed += failed
        result = "ok" if not failed else "FAIL"
        print(f"{model.name:<28} {expectation[model.kind]:<10} "
              f"{passed:>6} {failed:>6}  {result}", flush=True)
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
