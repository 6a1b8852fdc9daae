#!/usr/bin/env python3
"""int16x8 conformance: the per-layer seanet models against TFLite Micro.

This file implements the seanet part of the conformance suite. Each folder of
shared/conformance/seanet holds single-layer int16 models `<name>.tflite` with
inputs `<name>_input<k>_<dtype>.csv` and the reference interpreter's exact
outputs `<name>_tflm_output0_<dtype>.csv` (comma-separated integers). Every
model is run through `ingot run` and its output must equal the reference
output value for value.

Prints one row per operator folder and, last, `N passed, M failed`.
"""

import argparse
import pathlib
import re
import struct
import subprocess
import sys
import tempfile

FORMATS = {"int8": "b", "int16": "h", "int32": "i", "int64": "q"}


def read_csv(path):
    text = path.read_text().replace("\n", ",")
    return [int(v) for v in text.split(",") if v.strip()]


def dtype_of(path):
    return re.search(r"_(int\d+)\.csv$", path.name).group(1)


def run_case(ingot, model, work):
    stem = model.stem
    inputs = sorted(model.parent.glob(f"{stem}_input*_*.csv"),
                    key=lambda p: int(re.search(r"_input(\d+)_", p.name)[1]))
    expected_files = list(model.parent.glob(f"{stem}_tflm_output0_*.csv"))
    if len(expected_files) != 1:
        return False, "no reference output"
    args = [ingot, "run", str(model), "--outdir", str(work / stem)]
    for index, csv in enumerate(inputs):
        values = read_csv(csv)
        raw = work / f"{stem}_in{index}.bin"
        raw.write_bytes(struct.pack(f"<{len(values)}{FORMATS[dtype_of(csv)]}",
                                    *values))
        args += ["--input", str(raw)]
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        return False, result.stderr.strip().splitlines()[-1:] or ["failed"]
    expected = read_csv(expected_files[0])
    raw = (work / stem / "output0.bin").read_bytes()
    fmt = FORMATS[dtype_of(expected_files[0])]
    width = struct.calcsize(fmt)
    actual = list(struct.unpack(f"<{len(raw) // width}{fmt}", raw))
    if actual != expected:
        differing = sum(a != b for a, b in zip(actual, expected))
        return False, f"{differing} of {len(expected)} values differ"
    return True, ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--seanet", required=True)
    options = parser.parse_args()
    seanet = pathlib.Path(options.seanet)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="ingot-seanet-") as temp:
        work = pathlib.Path(temp)
        for folder in sorted(p for p in seanet.iterdir() if p.is_dir()):
            ok = 0
            models = sorted(folder.glob("*.tflite"))
            for model in models:
                good, why = run_case(options.ingot, model, work)
                if good:
                    ok += 1
                else:
                    print(f"  FAIL {folder.name}/{model.name}: {why}")
            print(f"{folder.name:16s} {ok:3d}/{len(models)} bit-exact")
            passed += ok
            failed += len(models) - ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
