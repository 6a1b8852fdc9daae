#!/usr/bin/env python3
"""Single-operator conformance: ingot against TFLite Micro, operator by operator.

For every folder of ``shared/conformance/ops`` (one model with one operator,
four input cases and TFLite Micro's outputs, see its README.md), runs
`ingot run` on every case and compares each output by its dtype: float32
within max|ours - ref| <= 1e-5 * max(1, max|ref|), every other type (int8,
int16, int32, bool, ...) byte for byte.

A model ingot refuses counts as supported-not-yet only when its (operator,
type) pair is listed in --unsupported (one `OP type` pair a line, `#`
comments) and the refusal is clean: exit status 1, the model's path and the
operator named, no crash. Anything else is a failure: a mismatch, a crash,
an unlisted refusal, and also a listed pair that now passes (so that the list
only ever shrinks).

Prints a row per model and, last, `N passed, M failed, K unsupported`.
Exits 0 only when nothing failed.
"""

import argparse
import concurrent.futures
import json
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import run_conformance  # noqa: E402

FLOAT_FORMATS = {"float32": "f"}


def output_mismatch(index, dtype, got, want):
    """Why output `index` of `dtype` differs from the reference, or None."""
    if len(got) != len(want):
        return f"output{index}: {len(got)} bytes, reference has {len(want)}"
    if dtype in FLOAT_FORMATS:
        if not want:
            return None
        return run_conformance.float_mismatch(index, got, want)
    if got != want:
        return run_conformance.describe_mismatch(index, got, want)
    return None


def compare_outputs(manifest, case, produced_dir):
    """None when every output of `case` in produced_dir matches, else why."""
    folder = pathlib.Path(manifest["_folder"])
    for index, reference in enumerate(case["outputs"]):
        produced = pathlib.Path(produced_dir) / f"output{index}.bin"
        if not produced.is_file():
            return f"case {case['id']}: no {produced.name} was written"
        problem = output_mismatch(index, manifest["outputs"][index]["dtype"],
                                  produced.read_bytes(),
                                  (folder / reference).read_bytes())
        if problem:
            return f"case {case['id']}: {problem}"
    return None


def check_model(ingot, folder, extra_args):
    """Returns (outcome, detail) for one model folder: outcome is pass,
    refused, mismatch or crash.

    `ingot run` compiles, builds and runs case 0 and keeps its build; the
    other cases rerun that build's program (a fresh process each, as TFLite
    Micro's reference is a fresh interpreter per case)."""
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["_folder"] = str(folder)
    cases = manifest["cases"]
    with tempfile.TemporaryDirectory(prefix="ingot-ops-") as workdir:
        command = [ingot, "run", str(folder / manifest["model_file"]),
                   "--outdir", workdir, "--keep-build"] + extra_args
        for name in cases[0]["inputs"]:
            command += ["--input", str(folder / name)]
        status, output = run_conformance.run(command)
        build = None
        for line in output.splitlines():
            if line.startswith("build folder: "):
                build = pathlib.Path(line[len("build folder: "):].strip())
        try:
            if status != 0:
                return ("refused" if status == 1 else "crash"), output.strip()
            problem = compare_outputs(manifest, cases[0], workdir)
            if problem:
                return "mismatch", problem
            runner = build / "model_runner" if build else None
            if not runner or not runner.is_file():
                return "crash", "`ingot run --keep-build` kept no program"
            for case in cases[1:]:
                outdir = pathlib.Path(workdir) / f"case{case['id']}"
                outdir.mkdir()
                argv = [str(runner)]
                argv += [str(folder / name) for name in case["inputs"]]
                argv += [str(outdir / f"output{i}.bin")
                         for i in range(len(case["outputs"]))]
                status, output = run_conformance.run(argv)
                if status != 0:
                    return "crash", (f"case {case['id']}: the program exited "
                                     f"with {status}: {output.strip()}")
                problem = compare_outputs(manifest, case, outdir)
                if problem:
                    return "mismatch", problem
        finally:
            if build and build.is_dir():
                shutil.rmtree(build, ignore_errors=True)
    return "pass", None


def clean_refusal_problem(model_path, op, detail):
    crash = [m for m in run_conformance.CRASH_MARKERS if m in detail]
    if crash:
        return f"crashed ({crash[0]})"
    if str(model_path) not in detail:
        return "the error does not name the model file"
    if op not in detail:
        return f"the error does not name {op}"
    return None


def read_unsupported(path):
    pairs = set()
    if path:
        for line in pathlib.Path(path).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                op, dtype = line.split()
                pairs.add((op, dtype))
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True, help="the ingot binary")
    parser.add_argument("--ops", default=None,
                        help="the corpus folder (default: "
                             "<repo>/../shared/conformance/ops)")
    parser.add_argument("--unsupported", default=None,
                        help="file of (operator, type) pairs ingot may refuse")
    parser.add_argument("--jobs", type=int, default=2,
                        help="models checked at once (default 2)")
    parser.add_argument("--ingot-arg", action="append", default=[],
                        help="an extra option for every `ingot run`")
    parser.add_argument("--only", action="append", default=[],
                        help="only folders whose name starts with this")
    parser.add_argument("--first-configuration", action="store_true",
                        help="only configuration 0 of each (operator, type)")
    parser.add_argument("--write-status", default=None,
                        help="write each folder's operator, type, outcome "
                             "and message as JSON (for docs/ops.md)")
    args = parser.parse_args()

    root = pathlib.Path(args.ops or
                        run_conformance.manifests.default_root(__file__) / "ops")
    if not (root / "index.json").is_file():
        raise SystemExit(f"error: no ops corpus at {root} (expected "
                         "shared/conformance/ops beside the repository)")
    entries = json.loads((root / "index.json").read_text())
    entries = [e for e in entries if (root / e["dir"]).is_dir()]
    if args.only:
        entries = [e for e in entries
                   if any(e["dir"].startswith(p) for p in args.only)]
    if args.first_configuration:
        entries = [e for e in entries if e["dir"].endswith("_0")]
    unsupported = read_unsupported(args.unsupported)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(
            lambda e: check_model(args.ingot, root / e["dir"], args.ingot_arg),
            entries))

    counts = {"pass": 0, "fail": 0, "unsupported": 0}
    failures = []
    for entry, (outcome, detail) in zip(entries, results):
        pair = (entry["op"], entry["type"])
        listed = pair in unsupported
        verdict = "ok"
        if outcome == "pass":
            counts["pass"] += 1
            if listed:
                verdict = "FAIL"
                failures.append(f"{entry['dir']}: passes, but {pair[0]} "
                                f"{pair[1]} is listed as unsupported")
        elif outcome == "refused" and listed:
            model_path = root / entry["dir"] / "model.tflite"
            problem = clean_refusal_problem(model_path, entry["op"], detail)
            if problem:
                verdict = "FAIL"
                failures.append(f"{entry['dir']}: unclean refusal: {problem}:"
                                f" {detail}")
            else:
                verdict = "unsupported"
                counts["unsupported"] += 1
        else:
            verdict = "FAIL"
            failures.append(f"{entry['dir']}: {outcome}: {detail}")
        if verdict == "FAIL":
            counts["fail"] += 1
        print(f"{entry['dir']:<44} {outcome:<9} {verdict}", flush=True)
    if args.write_status:
        status = [{"dir": entry["dir"], "op": entry["op"],
                   "type": entry["type"], "outcome": outcome,
                   "detail": detail}
                  for entry, (outcome, detail) in zip(entries, results)]
        pathlib.Path(args.write_status).write_text(
            json.dumps(status, indent=1) + "\n")
    if failures:
        print("\nfailures:")
        for failure in failures:
            print(f"  {failure}")
    print(f"\n{counts['pass']} passed, {counts['fail']} failed, "
          f"{counts['unsupported']} unsupported")
    return 0 if counts["fail"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
