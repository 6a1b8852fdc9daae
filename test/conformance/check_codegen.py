#!/usr/bin/env python3
"""Checks the C++ that `ingot compile` writes for every integer conformance model.

This file implements the generated-code checks. For each integer model (see
manifests.py), in a fresh temporary folder:

- determinism: `ingot compile` twice, into two folders; every file must be
  byte-identical;
- warnings: the source builds with `-std=c++17 -Wall -Wextra -Werror -c` under
  g++ and clang++, and for a Cortex-M4 with arm-none-eabi-g++ (-Os, no
  exceptions, no RTTI);
- no heap: the Cortex-M4 object links with a tiny main (arena, init, invoke)
  against newlib's nosys specs, and arm-none-eabi-nm finds no malloc, free,
  calloc, realloc or operator new/delete, neither referenced by the model's
  object nor anywhere in the linked image.

Prints one row per model and a final `N passed, M failed` line counting
individual checks.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import manifests  # noqa: E402

STRICT = ["-std=c++17", "-Wall", "-Wextra", "-Werror"]
CORTEX_M4 = ["-mcpu=cortex-m4", "-mthumb", "-Os", "-fno-exceptions",
             "-fno-rtti"]
# malloc & co., newlib's reentrant _malloc_r & co., and the Itanium-mangled
# operator new (_Znw*, _Zna*) and delete (_Zdl*, _Zda*) in all their overloads.
HEAP_SYMBOL = re.compile(
    r"^(_?_?(malloc|free|calloc|realloc|memalign|aligned_alloc|"
    r"posix_memalign)|_(malloc|free|calloc|realloc)_r|_Z(nw|na|dl|da)\w*)$")
TIMEOUT_SECONDS = 600

CHECKS = ("deterministic", "g++", "clang++", "arm", "link", "no-heap")


class CheckFailed(Exception):
    pass


def run(command, cwd=None):
    try:
        done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"timed out: {' '.join(command)}")
    except OSError as error:
        raise CheckFailed(f"cannot run {command[0]}: {error}")
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        raise CheckFailed(f"`{' '.join(command)}` exited with "
                          f"{done.returncode}:\n{output.strip()}")
    return output


def tree(folder):
    """Maps each file's path relative to folder onto its bytes."""
    folder = pathlib.Path(folder)
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def tiny_main(name, header):
    """A bare-metal main(): static arena and tensors, one init, one invoke."""
    upper = name.upper()
    text = header.read_text()
    inputs = sorted({int(i) for i in re.findall(
        rf"#define {upper}_INPUT(\d+)_TYPE", text)})
    outputs = sorted({int(i) for i in re.findall(
        rf"#define {upper}_OUTPUT(\d+)_TYPE", text)})
    if not inputs or not outputs:
        raise CheckFailed(f"{header.name} defines no {upper}_INPUT0_TYPE or "
                          f"{upper}_OUTPUT0_TYPE")
    lines = [f'#include "{name}.h"', "",
             f"alignas(16) static uint8_t arena[{upper}_ARENA_BYTES > 0 ? "
             f"{upper}_ARENA_BYTES : 1];"]
    for kind, indices in (("INPUT", inputs), ("OUTPUT", outputs)):
        for i in indices:
            lines.append(f"static {upper}_{kind}{i}_TYPE {kind.lower()}{i}"
                         f"[{upper}_{kind}{i}_ELEMENTS];")
    arguments = [f"input{i}" for i in inputs] + [f"output{i}" for i in outputs]
    lines += ["", "int main() {",
              f"  {name}_init(arena);",
              f"  {name}_invoke({', '.join(arguments + ['arena'])});",
              "  return static_cast<int>(output0[0]);", "}", ""]
    return "\n".join(lines)


def heap_symbols(nm, path, undefined_only):
    command = [nm, "-u", str(path)] if undefined_only else [nm, str(path)]
    found = set()
    for line in run(command).splitlines():
        fields = line.split()
        if fields and HEAP_SYMBOL.match(fields[-1]):
            found.add(fields[-1])
    return sorted(found)


def check_model(args, model, workdir):
    """Returns {check: None or why it failed} for one model."""
    results = {}
    name = model.name.replace("-", "_")
    out, again = workdir / "a", workdir / "b"

    def step(check, action, needs=()):
        blocked = [c for c in needs if results.get(c)]
        if blocked:
            results[check] = f"not run: {', '.join(blocked)} failed"
            return
        try:
            action()
            results[check] = None
        except CheckFailed as error:
            results[check] = str(error)

    def compile_twice():
        for folder in (out, again):
            run([args.ingot, "compile", str(model.path), "-o", str(folder),
                 "--name", name])
        first, second = tree(out), tree(again)
        if first.keys() != second.keys():
            raise CheckFailed(f"file lists differ: {sorted(first)} vs "
                              f"{sorted(second)}")
        differing = [p for p in first if first[p] != second[p]]
        if differing:
            raise CheckFailed(f"files differ between two compiles: {differing}")

    source = out / f"{name}.cpp"
    arm_object = workdir / f"{name}.arm.o"
    main_object = workdir / "main.arm.o"
    image = workdir / f"{name}.elf"

    def host(compiler):
        return lambda: run([compiler, *STRICT, "-I", str(out), "-c",
                            str(source), "-o", str(workdir / "host.o")])

    def arm():
        run([args.arm_cxx, *STRICT, *CORTEX_M4, "-I", str(out), "-c",
             str(source), "-o", str(arm_object)])

    def link():
        main_source = workdir / "main.cpp"
        main_source.write_text(tiny_main(name, out / f"{name}.h"))
        run([args.arm_cxx, *STRICT, *CORTEX_M4, "-I", str(out), "-c",
             str(main_source), "-o", str(main_object)])
        run([args.arm_cxx, "-mcpu=cortex-m4", "-mthumb", "--specs=nosys.specs",
             str(main_object), str(arm_object), "-o", str(image)])

    def no_heap():
        referenced = heap_symbols(args.arm_nm, arm_object, undefined_only=True)
        linked = heap_symbols(args.arm_nm, image, undefined_only=False)
        if referenced or linked:
            raise CheckFailed(f"heap symbols: referenced by the model "
                              f"{referenced}, in the linked image {linked}")

    step("deterministic", compile_twice)
    # Files that differ between two compiles can still be built; a compile
    # that wrote no source cannot.
    if not source.is_file():
        results["deterministic"] = (results["deterministic"] or
                                    f"no {source.name} was written")
    needs_source = () if source.is_file() else ("deterministic",)
    step("g++", host(args.gxx), needs_source)
    step("clang++", host(args.clangxx), needs_source)
    step("arm", arm, needs_source)
    step("link", link, ("arm",))
    step("no-heap", no_heap, ("link",))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True, help="the ingot binary")
    parser.add_argument("--conformance", default=None,
                        help="conformance folder (default: "
                             "<repo>/../shared/conformance)")
    parser.add_argument("--gxx", default="g++")
    parser.add_argument("--clangxx", default="clang++-22")
    parser.add_argument("--arm-cxx", default="arm-none-eabi-g++")
    parser.add_argument("--arm-nm", default="arm-none-eabi-nm")
    parser.add_argument("models", nargs="*",
                        help="only these model folders (default: all)")
    args = parser.parse_args()

    root = args.conformance or manifests.default_root(__file__)
    models = [m for m in manifests.find_models(root) if m.kind == "integer"]
    if args.models:
        models = [m for m in models if m.name in args.models]

    header = f"{'model':<28} " + " ".join(f"{c:>13}" for c in CHECKS)
    print(header)
    print("-" * len(header))
    passed = failed = 0
    failures = []
    for model in models:
        with tempfile.TemporaryDirectory(prefix="ingot-codegen-") as workdir:
            results = check_model(args, model, pathlib.Path(workdir))
        row = []
        for check in CHECKS:
            problem = results.get(check)
            row.append("ok" if problem is None else "FAIL")
            if problem is None:
                passed += 1
            else:
                failed += 1
                failures.append(f"{model.name} [{check}]: {problem}")
        print(f"{model.name:<28} " + " ".join(f"{r:>13}" for r in row),
              flush=True)
    if failures:
        print("\nfailures:")
        for failure in failures:
            print(f"  {failure}")
    print()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
