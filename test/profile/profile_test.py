#!/usr/bin/env python3
"""Tests of `ingot profile` (test/profile/README.md).

host MODEL...: the host profile of each conformance model lists every layer
  that runs, once and in order, with the MACs of `ingot inspect --json` and,
  summed per operator, those of ../shared/anchors/tflm_cm4.json (counted by
  TensorFlow Lite Micro's own tooling, an independent source); times are
  positive.
cli MODEL: the table names the inputs used and ends in a total; a missing
  QEMU or cross compiler and an unknown core are errors that say what to do.
qemu MODEL: the profile under QEMU (Cortex-M4) of case 0 against the whole
  invoke that benchmarks/cortex-m/run.py counts in the image without hooks,
  an independent measure: the layers' sum must be within a few percent of it.
  Exits 77 when qemu-system-arm or arm-none-eabi-g++ is missing.
"""
import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The hooks change how GCC optimizes model_invoke a little (docs/profiling.md):
# on mlperf_kws_int8 the layers of the profiled image add up to 0.4% more
# instructions than the image without hooks runs. Above this, the profile no
# longer describes the code that ships.
MAX_ABOVE = 0.01
# Below this, the profile would miss work done outside its layers.
MAX_BELOW = 0.03


def run(command, **kwargs):
    done = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(f"FAIL: {' '.join(map(str, command))} exited with "
                 f"{done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def check(condition, message, failures):
    if not condition:
        failures.append(message)


def check_layers(name, profile, inspect, anchors, failures):
    """The profile's layers against inspect's and the anchors' MACs."""
    layers = profile["layers"]
    check(len(layers) > 0, f"{name}: no layers", failures)
    indices = [layer["index"] for layer in layers]
    check(indices == sorted(set(indices)),
          f"{name}: layer indices not once each in order: {indices}", failures)
    by_index = {layer["index"]: layer for layer in inspect["layers"]}
    for layer in layers:
        expected = by_index.get(layer["index"])
        if expected is None:
            failures.append(f"{name}: layer {layer['index']} is not one of "
                            "inspect's")
            continue
        check(layer["op"] == expected["op"],
              f"{name}: layer {layer['index']} is {layer['op']}, inspect says "
              f"{expected['op']}", failures)
        check(layer["macs"] == expected["macs"],
              f"{name}: layer {layer['index']} ({layer['op']}) has "
              f"{layer['macs']} MACs, inspect says {expected['macs']}",
              failures)
    # Every layer with arithmetic runs (only data movement may have no code).
    profiled = set(indices)
    for layer in inspect["layers"]:
        if layer["macs"] > 0:
            check(layer["index"] in profiled,
                  f"{name}: layer {layer['index']} ({layer['op']}, "
                  f"{layer['macs']} MACs) is missing from the profile",
                  failures)
    check(sum(layer["macs"] for layer in layers) == inspect["macs"],
          f"{name}: the layers' MACs do not add up to inspect's total "
          f"{inspect['macs']}", failures)
    anchor = anchors.get(name)
    if anchor:
        by_op = {}
        for layer in layers:
            if layer["macs"]:
                by_op[layer["op"]] = by_op.get(layer["op"], 0) + layer["macs"]
        check(by_op == anchor["macs_by_op"],
              f"{name}: MACs per operator {by_op}, TFLite Micro's anchors say "
              f"{anchor['macs_by_op']}", failures)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["host", "cli", "qemu"])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--shared", required=True, type=Path)
    parser.add_argument("--run-py", type=Path)
    args = parser.parse_args()

    conformance = args.shared / "conformance"
    anchors = json.loads(
        (args.shared / "anchors" / "tflm_cm4.json").read_text())["models"]
    if args.mode == "qemu":
        missing = [tool for tool in ("qemu-system-arm", "arm-none-eabi-g++")
                   if shutil.which(tool) is None]
        if missing:
            print(f"SKIP: {', '.join(missing)} not installed")
            return 77

    failures = []
    if args.mode == "cli":
        model = conformance / args.models[0] / "model.tflite"
        table = run([args.ingot, "profile", model, "--runs", "3"])
        check("inputs: all bytes zero (no --input given)" in table,
              "the table does not say the inputs were zeros", failures)
        check(any(line.split()[:1] == ["total"]
                  for line in table.splitlines()),
              f"the table has no total line:\n{table}", failures)
        for options, env, expected in [
                (["--qemu=cortex-m3"], None, "use cortex-m4, cortex-m7 or"),
                (["--qemu=cortex-m4"], {"PATH": "/nonexistent"},
                 "install Debian's qemu-system-arm package")]:
            done = subprocess.run([args.ingot, "profile", model] + options,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=env)
            check(done.returncode == 1 and expected in done.stderr,
                  f"profile {' '.join(options)} (PATH {env}): exit "
                  f"{done.returncode}, stderr {done.stderr!r}", failures)
        for failure in failures:
            print("FAIL:", failure)
        return 1 if failures else 0

    with tempfile.TemporaryDirectory(prefix="ingot-profile-test-") as work:
        for name in args.models:
            model = conformance / name / "model.tflite"
            case0 = conformance / name / "case0_input0.bin"
            if args.mode == "host":
                profile = json.loads(run([args.ingot, "profile", model,
                                          "--runs", "5", "--json"]))
                inspect = json.loads(run([args.ingot, "inspect", model,
                                          "--json"]))
                check(profile["unit"] == "ns" and profile["target"] == "host",
                      f"{name}: unit {profile['unit']}, target "
                      f"{profile['target']}", failures)
                check(all(layer["cost"] > 0 for layer in profile["layers"]),
                      f"{name}: a layer took no time", failures)
            else:
                profile = json.loads(run([args.ingot, "profile", model,
                                          "--qemu=cortex-m4",
                                          "--target=cortex-m4", "--input",
                                          case0, "--json"]))
                inspect = json.loads(run([args.ingot, "inspect", model,
                                          "--json", "--target=cortex-m4"]))
                check(profile["unit"] == "instructions" and
                      profile["target"] == "cortex-m4",
                      f"{name}: unit {profile['unit']}, target "
                      f"{profile['target']}", failures)
                out = Path(work) / f"{name}.json"
                run([sys.executable, args.run_py, "--target", "cortex-m4",
                     "--models", name, "--no-sizes", "--ingot", args.ingot,
                     "--conformance", conformance, "--workdir",
                     Path(work) / "cortex-m", "--json", out])
                whole = json.loads(out.read_text())["models"][0][
                    "instructions"]
                total = sum(layer["cost"] for layer in profile["layers"])
                check(total == profile["total"],
                      f"{name}: total {profile['total']} is not the layers' "
                      f"sum {total}", failures)
                ratio = total / whole
                print(f"{name}: layers {total:,.0f} instructions, whole "
                      f"invoke without hooks (run.py) {whole:,}: "
                      f"{100 * (ratio - 1):+.2f}%")
                check(1 - MAX_BELOW <= ratio <= 1 + MAX_ABOVE,
                      f"{name}: the layers add up to {total:,.0f} "
                      f"instructions, run.py counts {whole:,} for the whole "
                      "invoke", failures)
            check(profile["model"] == str(model),
                  f"{name}: model {profile['model']}", failures)
            check_layers(name, profile, inspect, anchors, failures)
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print(f"ok: {' '.join(args.models)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
