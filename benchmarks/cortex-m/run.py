#!/usr/bin/env python3
"""Counts the instructions of ingot's generated code on Cortex-M cores, on QEMU.

For each integer conformance model (the *_int8 folders of
../shared/conformance), this script compiles the model with `ingot compile
[--target=NAME]`, builds a bare-metal image with the harness of this folder
(CMake, Ninja and the arm-none-eabi toolchain file beside this script), runs
it on QEMU with `-icount shift=0 -semihosting`, checks the output bytes
against the reference and prints a Markdown table: instructions per inference
(second invoke of case 0), instructions per MAC, the ratio to TensorFlow Lite
Micro's figures in ../shared/anchors, .text and .rodata of the generated
object at -Os and -O2, and the arena. README.md beside this file explains the
method.

Exit status: 0 when every model ran and every checked output was bit-exact,
1 otherwise, 77 when a tool is missing (qemu-system-arm, arm-none-eabi-gcc,
cmake or ninja), which ctest reads as a skip.
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SKIP = 77
CASES_PER_MODEL = 8
LINE_PREFIX = "ingot-harness "


class Target:
    """A code-generation target and the emulated board that runs it."""

    def __init__(self, ingot_target, cpu, board, anchor):
        self.ingot_target = ingot_target
        self.cpu = cpu
        self.board = board
        self.anchor = anchor  # which TFLite Micro figures compare: m4, m7, m55


TARGETS = {
    # Today's portable code, on the Cortex-M4 board.
    "generic": Target("generic", "cortex-m4", "mps2-an386", "m4"),
    "cortex-m4": Target("cortex-m4", "cortex-m4", "mps2-an386", "m4"),
    "cortex-m7": Target("cortex-m7", "cortex-m7", "mps2-an500", "m7"),
    "cortex-m55": Target("cortex-m55", "cortex-m55", "mps3-an547", "m55"),
}


class Failure(Exception):
    """A step of one model failed; the message says which and why."""


def run(command, timeout=None, cwd=None):
    """Runs command; returns its combined output, raises Failure if it fails."""
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=timeout,
                              cwd=cwd)
    except subprocess.TimeoutExpired:
        raise Failure(f"`{' '.join(map(str, command))}` timed out after "
                      f"{timeout} s")
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        raise Failure(f"`{' '.join(map(str, command))}` exited with "
                      f"{done.returncode}:\n{output.strip()}")
    return output


# --- reference figures -------------------------------------------------------

def load_anchors(folder):
    """Per model: MACs and TFLite Micro's instructions per inference.

    Returns {model: {"macs", "cmsis_nn": {m4, m7, m55}, "reference": {m4}}},
    from tflm_cm4.json (M4, CMSIS-NN and reference kernels) and
    tflm_cm55.json (M7 and M55 with CMSIS-NN); missing files give nothing.
    """
    anchors = {}

    def entry(model):
        return anchors.setdefault(model, {"macs": None, "cmsis_nn": {},
                                          "reference": {}})

    cm4 = folder / "tflm_cm4.json"
    if cm4.is_file():
        for model, figures in json.loads(cm4.read_text())["models"].items():
            one = entry(model)
            one["macs"] = figures.get("macs")
            one["cmsis_nn"]["m4"] = figures.get(
                "instructions_per_inference_case0")
            one["reference"]["m4"] = figures.get("reference_kernels", {}).get(
                "instructions_per_inference_case0")
    cm55 = folder / "tflm_cm55.json"
    if cm55.is_file():
        for model, figures in json.loads(cm55.read_text())["models"].items():
            one = entry(model)
            one["macs"] = one["macs"] or figures.get("macs")
            for core in ("m7", "m55"):
                one["cmsis_nn"][core] = figures.get(
                    f"instructions_per_inference_case0_{core}")
    return anchors


# --- one model ---------------------------------------------------------------

def ingot_has_target_option(ingot):
    """Whether this ingot's `compile` takes --target (older ones do not)."""
    return "--target" in run([ingot, "compile", "--help"], timeout=60)


def compile_model(args, target, model, gen_dir, with_target):
    """ingot compile into gen_dir; returns (MACs, MACs per op) from inspect."""
    if gen_dir.exists():
        shutil.rmtree(gen_dir)
    command = [args.ingot, "compile", str(model / "model.tflite"), "-o",
               str(gen_dir), "--name", "model"]
    if with_target:
        command.append(f"--target={target.ingot_target}")
    command += args.compile_option
    run(command, timeout=600)
    report = json.loads(run([args.ingot, "inspect", str(model / "model.tflite"),
                             "--json"], timeout=600))
    macs_by_op = {}
    for layer in report.get("layers", []):
        if layer.get("macs"):
            macs_by_op[layer["op"]] = macs_by_op.get(layer["op"], 0) + \
                layer["macs"]
    return report.get("macs"), macs_by_op


def build_image(args, target, model, gen_dir, build_dir, cases, profile,
                sizes):
    """Configures and builds the harness image; returns the .elf path."""
    run(["cmake", "-G", "Ninja", "-S", str(HERE), "-B", str(build_dir),
         f"-DCMAKE_TOOLCHAIN_FILE={HERE / 'arm-none-eabi.cmake'}",
         f"-DINGOT_ARM_CPU={target.cpu}", f"-DINGOT_BOARD={target.board}",
         f"-DINGOT_MODEL_DIR={gen_dir}", f"-DINGOT_CASES_DIR={model}",
         f"-DINGOT_CASES={cases}", f"-DINGOT_OPT={args.opt}",
         f"-DINGOT_PROFILE={'ON' if profile else 'OFF'}",
         f"-DINGOT_PYTHON3={sys.executable}"], timeout=600)
    targets = ["harness"] + (["sizes"] if sizes else [])
    run(["cmake", "--build", str(build_dir), "-j", str(args.jobs),
         "--target"] + targets, timeout=1800)
    return build_dir / "harness.elf"


def object_sizes(build_dir):
    """{"Os": {"text", "rodata"}, "O2": {...}} of the generated object."""
    sizes = {}
    for line in (build_dir / "size_objects.txt").read_text().splitlines():
        opt, _, path = line.partition(" ")
        text = rodata = 0
        for row in run(["arm-none-eabi-size", "-A", path]).splitlines():
            fields = row.split()
            if len(fields) < 2 or not fields[1].isdigit():
                continue
            if fields[0] == ".text" or fields[0].startswith(".text."):
                text += int(fields[1])
            elif fields[0] == ".rodata" or fields[0].startswith(".rodata."):
                rodata += int(fields[1])
        sizes[opt] = {"text": text, "rodata": rodata}
    return sizes


def parse_line(line):
    """("kind", {key: value}) of one harness line; a name= field runs to the end
    of the line, so layer names may hold spaces."""
    body = line[len(LINE_PREFIX):].strip()
    kind, _, rest = body.partition(" ")
    fields = {}
    name = re.search(r"(^| )name=", rest)
    if name:
        fields["name"] = rest[name.end():]
        rest = rest[:name.start()]
    for token in rest.split():
        key, equals, value = token.partition("=")
        if equals:
            fields[key] = int(value) if value.isdigit() else value
    return kind, fields


def run_image(args, target, elf):
    """Runs the image on QEMU; returns what the harness printed, parsed."""
    command = ["qemu-system-arm", "-machine", target.board, "-cpu", target.cpu,
               "-icount", "shift=0", "-semihosting", "-nographic",
               "-monitor", "none", "-serial", "none", "-kernel", str(elf)]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        raise Failure(f"QEMU timed out after {args.timeout} s: "
                      f"{' '.join(command)}")
    output = done.stdout.decode("utf-8", "replace")
    result = {"invokes": [], "layers": [], "ops": [], "problems": [],
              "exit_status": done.returncode}
    for line in output.splitlines():
        if not line.startswith(LINE_PREFIX):
            continue
        kind, fields = parse_line(line)
        if kind in ("invoke", "layer", "op"):
            result[kind + "s"].append(fields)
        elif kind in ("fault", "error"):
            result["problems"].append(line[len(LINE_PREFIX):])
        else:
            result[kind] = fields
    if "done" not in result:
        result["problems"].append(
            f"the image stopped early (QEMU exit status {done.returncode}):\n"
            + output.strip())
    return result


def measure_model(args, target, model, with_target, anchors):
    """Everything about one model; raises Failure when a step fails."""
    name = model.name
    work = args.workdir / f"{args.target}-{args.opt}" / name
    gen_dir = work / "model"
    macs, macs_by_op = compile_model(args, target, model, gen_dir, with_target)
    anchor = anchors.get(name, {})
    record = {"model": name, "macs": anchor.get("macs") or macs,
              "macs_by_op": macs_by_op}

    elf = build_image(args, target, model, gen_dir, work / "build",
                      args.cases, profile=False, sizes=args.sizes)
    result = run_image(args, target, elf)
    if args.sizes:
        record["sizes"] = object_sizes(work / "build")
    record["calibration"] = result.get("calibration", {})
    record["arena_bytes"] = result.get("model", {}).get("arena_bytes")
    record["stack_bytes"] = result.get("stack", {}).get("used_bytes")
    record["invokes"] = result["invokes"]
    record["problems"] = list(result["problems"])
    measured = [i for i in result["invokes"]
                if i["case"] == 0 and i["run"] == 2]
    if measured:
        record["ticks"] = measured[0]["ticks"]
        record["instructions"] = measured[0]["instructions"]
    per_case = {}
    for invoke in result["invokes"]:
        ok = invoke["mismatches"] == 0
        per_case[invoke["case"]] = per_case.get(invoke["case"], True) and ok
        if not ok:
            record["problems"].append(
                f"case {invoke['case']} (invoke {invoke['run']}): "
                f"{invoke['mismatches']} output bytes differ, the first at "
                f"byte {invoke['first_mismatch']}")
    record["cases_checked"] = len(per_case)
    record["cases_bit_exact"] = sum(per_case.values())
    calibration = record["calibration"].get("ticks")
    expected = 320000 if target.board == "mps3-an547" else 250000
    # One tick is the counter's resolution: where the loop starts relative to
    # a tick edge depends on the code before it (seen: 320,001 on mps3-an547
    # for images built at -Os), as in the anchors' own second calibrations.
    if calibration is None or abs(calibration - expected) > 1:
        record["problems"].append(
            f"calibration read {calibration} ticks, not {expected}: the "
            "counter is not counting instructions (is -icount shift=0 on?)")

    if args.profile:
        elf = build_image(args, target, model, gen_dir, work / "build-profile",
                          1, profile=True, sizes=False)
        profiled = run_image(args, target, elf)
        record["layers"] = profiled["layers"]
        record["ops"] = profiled["ops"]
        record["profile"] = profiled.get("profile", {})
        record["problems"] += [f"profiling build: {p}"
                               for p in profiled["problems"]]

    for core, key in (("cmsis_nn", "vs_cmsis_nn"),
                      ("reference", "vs_reference")):
        figure = anchor.get(core, {}).get(target.anchor)
        if figure and record.get("instructions"):
            record[key] = record["instructions"] / figure
            record[key.replace("vs_", "tflm_")] = figure
    if record.get("instructions") and record["macs"]:
        record["instructions_per_mac"] = record["instructions"] / record["macs"]
    return record


# --- report ------------------------------------------------------------------

def number(value):
    return "—" if value is None else f"{value:,}"


def ratio(value, digits=2, suffix="x"):
    return "—" if value is None else f"{value:.{digits}f}{suffix}"


def print_table(args, target, records, with_target):
    compiled = (f"`--target={target.ingot_target}`" if with_target else
                "no `--target` (this ingot has none: generic code)")
    print(f"## {args.target}: {compiled}, image at -{args.opt}, "
          f"QEMU {target.board} ({target.cpu})\n")
    calibrations = sorted({r["calibration"].get("ticks") for r in records
                           if r.get("calibration")} - {None})
    if calibrations:
        print("Calibration: 10,000,000 instructions = "
              + " / ".join(f"{c:,}" for c in calibrations) + " ticks.\n")
    header = ["model", "MACs", "instr/inference", "instr/MAC",
              "vs TFLM+CMSIS-NN"]
    if target.anchor == "m4":
        header.append("vs TFLM ref")
    if args.sizes:
        header += [".text -Os", ".rodata -Os", ".text -O2", ".rodata -O2"]
    header += ["arena B", "bit-exact"]
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 2) + "---|")
    for r in records:
        if "error" in r:
            print(f"| {r['model']} | " + " | ".join(
                ["—"] * (len(header) - 2)) + " | error |")
            continue
        row = [r["model"], number(r["macs"]), number(r.get("instructions")),
               ratio(r.get("instructions_per_mac"), suffix=""),
               ratio(r.get("vs_cmsis_nn"))]
        if target.anchor == "m4":
            row.append(ratio(r.get("vs_reference")))
        if args.sizes:
            sizes = r.get("sizes", {})
            for opt in ("Os", "O2"):
                row += [number(sizes.get(opt, {}).get("text")),
                        number(sizes.get(opt, {}).get("rodata"))]
        exact = f"{r['cases_bit_exact']}/{r['cases_checked']}"
        row += [number(r.get("arena_bytes")),
                exact if not r["problems"] else exact + " (!)"]
        print("| " + " | ".join(row) + " |")
    print()


def print_profile(record):
    layers = record.get("layers", [])
    if not layers:
        print(f"### {record['model']}: no per-layer profile (the generated "
              "code has no INGOT_PROFILE_LAYER_BEGIN/END hooks)\n")
        return
    total = sum(layer["instructions"] for layer in layers) + \
        record.get("profile", {}).get("outside_instructions", 0)
    print(f"### {record['model']}: per layer (case 0, profiling build, "
          f"{total:,} instructions)\n")
    print("| # | op | layer | instructions | % | MACs | instr/MAC |")
    print("|---:|---|---|---:|---:|---:|---:|")
    for layer in layers:
        macs = layer.get("macs")
        print(f"| {layer['index']} | {layer['op']} | {layer.get('name', '')} | "
              f"{layer['instructions']:,} | "
              f"{100 * layer['instructions'] / max(total, 1):.1f} | "
              f"{number(macs or None)} | "
              f"{ratio(layer['instructions'] / macs if macs else None, suffix='')}"
              " |")
    print()
    print("| op | layers | instructions | % | MACs | instr/MAC |")
    print("|---|---:|---:|---:|---:|---:|")
    for op in sorted(record.get("ops", []), key=lambda o: -o["instructions"]):
        macs = record["macs_by_op"].get(op["op"])
        print(f"| {op['op']} | {op['layers']} | {op['instructions']:,} | "
              f"{100 * op['instructions'] / max(total, 1):.1f} | "
              f"{number(macs)} | "
              f"{ratio(op['instructions'] / macs if macs else None, suffix='')}"
              " |")
    print()


# --- main --------------------------------------------------------------------

def missing_tools():
    tools = ["qemu-system-arm", "arm-none-eabi-gcc", "arm-none-eabi-g++",
             "arm-none-eabi-size", "cmake", "ninja"]
    return [tool for tool in tools if shutil.which(tool) is None]


def find_models(conformance, names):
    available = sorted(p for p in conformance.glob("*_int8")
                       if (p / "model.tflite").is_file())
    if not names:
        return available
    by_name = {p.name: p for p in available}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        sys.exit(f"run.py: no integer conformance model {', '.join(unknown)} "
                 f"in {conformance}")
    return [by_name[n] for n in names]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.split("\n")[2:]))
    parser.add_argument("--target", choices=sorted(TARGETS), required=True,
                        help="code-generation target (generic runs on the "
                             "Cortex-M4 board)")
    parser.add_argument("--models", nargs="+", default=[],
                        help="model folder names (default: every *_int8 "
                             "model); commas also separate")
    parser.add_argument("--opt", choices=["O2", "Os"], default="O2",
                        help="optimization level of the image (default O2)")
    parser.add_argument("--cases", default="1",
                        help="cases to run and check: a count, or 'all' (8); "
                             "case 0 always runs twice, the second is timed")
    parser.add_argument("--profile", action="store_true",
                        help="also build a profiling image and print the "
                             "instructions per layer and per operator")
    parser.add_argument("--no-sizes", dest="sizes", action="store_false",
                        help="skip the -Os/-O2 objects for .text/.rodata")
    parser.add_argument("--ingot", type=pathlib.Path,
                        default=ROOT / "build" / "bin" / "ingot")
    parser.add_argument("--compile-option", action="append", default=[],
                        help="extra option for `ingot compile` (repeatable)")
    parser.add_argument("--conformance", type=pathlib.Path,
                        default=ROOT.parent / "shared" / "conformance")
    parser.add_argument("--anchors", type=pathlib.Path,
                        default=ROOT.parent / "shared" / "anchors")
    parser.add_argument("--workdir", type=pathlib.Path,
                        default=ROOT / "build" / "cortex-m",
                        help="where generated code and images go")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=600,
                        help="seconds for one QEMU run")
    parser.add_argument("--json", type=pathlib.Path,
                        help="also write the raw numbers here")
    args = parser.parse_args()

    args.cases = CASES_PER_MODEL if args.cases == "all" else int(args.cases)
    if not 1 <= args.cases <= CASES_PER_MODEL:
        parser.error(f"--cases must be 1 to {CASES_PER_MODEL} or 'all'")
    missing = missing_tools()
    if missing:
        print(f"run.py: skipped, not installed: {', '.join(missing)}")
        return SKIP
    if not os.access(args.ingot, os.X_OK):
        sys.exit(f"run.py: no ingot at {args.ingot} (build it, or --ingot)")
    names = [n for item in args.models for n in item.split(",") if n]
    models = find_models(args.conformance, names)
    if not models:
        sys.exit(f"run.py: no *_int8 model folder in {args.conformance}")
    args.ingot = args.ingot.resolve()
    args.workdir = args.workdir.resolve()
    target = TARGETS[args.target]
    anchors = load_anchors(args.anchors)
    with_target = ingot_has_target_option(args.ingot)

    records = []
    for model in models:
        print(f"{model.name} ...", file=sys.stderr, flush=True)
        try:
            records.append(measure_model(args, target, model, with_target,
                                         anchors))
        except Failure as failure:
            records.append({"model": model.name, "error": str(failure),
                            "problems": [str(failure)]})

    print_table(args, target, records, with_target)
    for record in records:
        for problem in record["problems"]:
            print(f"- {record['model']}: {problem}")
    if any(r["problems"] for r in records):
        print()
    if args.profile:
        for record in records:
            if "error" not in record:
                print_profile(record)
    if args.json:
        args.json.write_text(json.dumps({
            "target": args.target, "ingot_target_option": with_target,
            "board": target.board, "cpu": target.cpu, "opt": args.opt,
            "cases": args.cases, "models": records}, indent=1) + "\n")
    failed = [r["model"] for r in records if r["problems"]]
    print(f"{len(records) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
