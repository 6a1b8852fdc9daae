#!/usr/bin/env python3
"""ingot inside a firmware build, as a user's project sees it.

Installs ingot from the build folder into a fresh prefix, copies the
keyword-spotting firmware of examples/firmware (find_package(ingot) +
ingot_add_model()) out of the repository, and builds it there:

  --mode host       with Ninja and with Make for this machine; runs it, and
                    checks that the generated code is remade when the model,
                    an option or ingot change, and not otherwise
  --mode cortex-m4  with the arm-none-eabi toolchain file the package
                    installs, and runs the image on QEMU's mps2-an386

Each printed word must be the label that ../shared/datasets/kws/labels.csv
gives the sample. Exits 77 when the cross toolchain or QEMU is missing.
"""
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "firmware"
SAMPLES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 14]  # examples/firmware


def run(command, **kwargs):
    print("$", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run([str(part) for part in command], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            **kwargs)
    if result.returncode != 0:
        print(result.stdout)
        sys.exit(f"FAIL: exit status {result.returncode}")
    return result.stdout


def check_words(output, labels_csv):
    words = {int(row["index"]): row["word"]
             for row in csv.DictReader(open(labels_csv))}
    printed = re.findall(r"^sample (\d+): (\w+) \((\d+)%\)$", output, re.M)
    if [int(row) for row, _, _ in printed] != SAMPLES:
        sys.exit(f"FAIL: expected one line per sample {SAMPLES}, got:\n"
                 f"{output}")
    wrong = [(row, word, words[int(row)]) for row, word, _ in printed
             if word != words[int(row)]]
    if wrong:
        sys.exit("FAIL: wrong words (sample, printed, label): "
                 f"{wrong}\n{output}")
    print(f"{len(printed)} samples, every word equals its label")


def configure(source, build, prefix, generator, extra=()):
    run(["cmake", "-G", generator, "-S", source, "-B", build,
         f"-DCMAKE_PREFIX_PATH={prefix}", *extra])


def build_log(build):
    return run(["cmake", "--build", build, "--", "-j2"])


def regenerated(log):
    return "ingot: compiling" in log


def check_host(args, work, prefix):
    shared = Path(args.shared)
    # The model as the user's own file, so that the test can touch it.
    model = work / "kws.tflite"
    shutil.copyfile(shared / "conformance/mlperf_kws_int8/model.tflite",
                    model)
    for generator in ["Ninja", "Unix Makefiles"]:
        build = work / ("host-" + generator.split()[0].lower())
        options = [f"-DKWS_MODEL={model}",
                   f"-DKWS_FEATURES={shared}/datasets/kws/mfcc_f32.npy"]
        configure(EXAMPLE, build, prefix, generator, options)
        if not regenerated(build_log(build)):
            sys.exit("FAIL: the first build did not run ingot")
        check_words(run([build / "kws_firmware"]),
                    shared / "datasets/kws/labels.csv")
        if regenerated(build_log(build)):
            sys.exit(f"FAIL ({generator}): nothing changed, yet ingot ran")
        os.utime(model)
        if not regenerated(build_log(build)):
            sys.exit(f"FAIL ({generator}): the model changed, ingot did "
                     "not run")
        configure(EXAMPLE, build, prefix, generator,
                  options + ["-DKWS_OPTIMIZE=size"])
        if not regenerated(build_log(build)):
            sys.exit(f"FAIL ({generator}): OPTIMIZE changed, ingot did "
                     "not run")
        configure(EXAMPLE, build, prefix, generator,
                  options + ["-DKWS_OPTIMIZE=size"])
        if regenerated(build_log(build)):
            sys.exit(f"FAIL ({generator}): configured again with the same "
                     "options, yet ingot ran")
        # Another model file, older than the generated code: Make compares
        # times only, so the model's path must be a dependency's content.
        other = work / "kws_other.tflite"
        shutil.copyfile(model, other)
        os.utime(other, (1e9, 1e9))
        configure(EXAMPLE, build, prefix, generator,
                  [f"-DKWS_MODEL={other}", *options[1:],
                   "-DKWS_OPTIMIZE=size"])
        if not regenerated(build_log(build)):
            sys.exit(f"FAIL ({generator}): another model file, yet ingot "
                     "did not run")
        os.utime(prefix / "bin/ingot")
        if not regenerated(build_log(build)):
            sys.exit(f"FAIL ({generator}): ingot changed, yet the code was "
                     "not regenerated")
        check_words(run([build / "kws_firmware"]),
                    shared / "datasets/kws/labels.csv")
        print(f"{generator}: regenerated exactly when the model, an option "
              "or ingot changed")


def check_cortex_m4(args, work, prefix):
    missing = [tool for tool in ["arm-none-eabi-g++", "qemu-system-arm"]
               if not shutil.which(tool)]
    if missing:
        print(f"SKIP: {', '.join(missing)} not installed "
              "(scripts/install-deps.sh installs them)")
        sys.exit(77)
    shared = Path(args.shared)
    build = work / "cortex-m4"
    toolchain = prefix / "share/ingot/toolchains/arm-none-eabi.cmake"
    configure(EXAMPLE, build, prefix, "Ninja",
              [f"-DCMAKE_TOOLCHAIN_FILE={toolchain}",
               "-DINGOT_ARM_CPU=cortex-m4",
               f"-DKWS_MODEL={shared}/conformance/mlperf_kws_int8/model.tflite",
               f"-DKWS_FEATURES={shared}/datasets/kws/mfcc_f32.npy"])
    build_log(build)
    output = run(["timeout", "120", "qemu-system-arm", "-machine",
                  "mps2-an386", "-cpu", "cortex-m4", "-semihosting",
                  "-nographic", "-monitor", "none", "-kernel",
                  build / "kws_firmware.elf"])
    check_words(output, shared / "datasets/kws/labels.csv")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["host", "cortex-m4"],
                        required=True)
    parser.add_argument("--build-dir", required=True,
                        help="ingot's build folder, to install from")
    parser.add_argument("--work", required=True)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    prefix = work / "prefix"
    global EXAMPLE
    EXAMPLE = Path(shutil.copytree(EXAMPLE, work / "project"))
    run(["cmake", "--install", args.build_dir, "--prefix", prefix])
    if args.mode == "host":
        check_host(args, work, prefix)
    else:
        check_cortex_m4(args, work, prefix)
    print("PASS")


if __name__ == "__main__":
    main()
