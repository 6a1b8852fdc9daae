#!/usr/bin/env python3
"""The generated header is an API: every macro of it compiles as C and as C++
and says what the model says.

For every conformance model (the top-level folders of shared/conformance,
every model of seanet/, and one model of each distinct input/output signature
of ops/: the dtypes, whether each tensor is quantized and whether it is a
scalar), this script

1. compiles the model with `ingot compile --name NAME`;
2. parses every `#define` of NAME.h and fails on a macro it does not know, so
   that a new macro cannot go untested;
3. compiles, with `cc -std=c99 -pedantic` and `c++ -std=c++17 -pedantic`
   (both `-Wall -Wextra -Werror`), the header alone (included twice, for the
   include guard) and a file that uses every macro: the type in a buffer and
   in a pointer to NAME_invoke, the shape as an array initializer whose length
   must equal the rank, the element count as an array size, the scale as a
   float constant, the zero point and the arena size as integer constants;
   the C++ file also checks the exact type and the shape's product at
   compile time;
4. builds and runs one C program that prints every macro's value (scales with
   printf("%a")) and compares those values with the model's manifest.json,
   which is written from the .tflite by the tools that made the corpus, not by
   ingot: the float32 scale bit for bit, the zero point, the shape, the
   element count and the element type.

Exit status 0 when everything holds; otherwise one line per problem, naming
the model and the macro.
"""

import argparse
import collections
import json
import math
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile

C_FLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"]
CXX_FLAGS = ["-std=c++17", "-Wall", "-Wextra", "-Werror", "-pedantic"]

# Manifest dtype -> (C type the header must name, kind, size in bytes).
DTYPES = {
    "bool": ("bool", "bool", 1),
    "int8": ("int8_t", "signed", 1),
    "uint8": ("uint8_t", "unsigned", 1),
    "int16": ("int16_t", "signed", 2),
    "uint16": ("uint16_t", "unsigned", 2),
    "int32": ("int32_t", "signed", 4),
    "uint32": ("uint32_t", "unsigned", 4),
    "int64": ("int64_t", "signed", 8),
    "float32": ("float", "float", 4),
}

TENSOR_MACRO = re.compile(
    r"(INPUT|OUTPUT)(\d+)_(TYPE|RANK|SHAPE|ELEMENTS|SCALE|ZERO_POINT)$")


class Model:
    """One model to compile: its label, .tflite and manifest tensors."""

    def __init__(self, label, tflite, inputs, outputs):
        self.label = label
        self.tflite = pathlib.Path(tflite)
        self.tensors = {"INPUT": inputs, "OUTPUT": outputs}
        self.name = re.sub(r"[^A-Za-z0-9]", "_", label).lower()
        self.upper = self.name.upper()
        self.macros = {}  # name -> value text ('' when none)


def tensor_signature(tensor):
    return (tensor["dtype"], len(tensor["shape"]) == 0,
            float(tensor.get("scale", 0)) != 0)


def load_json(path):
    with open(path) as f:
        return json.load(f)


def top_level_models(root):
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            continue
        manifest = load_json(manifest_path)
        yield Model(folder.name,
                    folder / manifest.get("model_file", "model.tflite"),
                    manifest["inputs"], manifest["outputs"])


def seanet_models(root):
    seanet = root / "seanet"
    if not seanet.is_dir():
        return
    for folder in sorted(p for p in seanet.iterdir() if p.is_dir()):
        manifest = load_json(folder / "manifest.json")
        for case in manifest["cases"]:
            yield Model("seanet_" + case["name"], folder / case["model"],
                        case["inputs_meta"], case["outputs_meta"])


def ops_candidates(root):
    """Models of ops/ grouped by signature, each group in index order."""
    ops = root / "ops"
    if not (ops / "index.json").is_file():
        return {}
    groups = collections.OrderedDict()
    for entry in load_json(ops / "index.json"):
        folder = ops / entry["dir"]
        manifest = load_json(folder / "manifest.json")
        signature = (
            tuple(tensor_signature(t) for t in manifest["inputs"]),
            tuple(tensor_signature(t) for t in manifest["outputs"]))
        groups.setdefault(signature, []).append(
            Model("ops_" + entry["dir"],
                  folder / manifest.get("model_file", "model.tflite"),
                  manifest["inputs"], manifest["outputs"]))
    return groups


def compile_model(ingot, model, out_root):
    out = out_root / model.name
    result = subprocess.run(
        [ingot, "compile", str(model.tflite), "--name", model.name, "-o",
         str(out)], capture_output=True, text=True)
    if result.returncode != 0:
        return result.stderr.strip() or result.stdout.strip()
    header = out / (model.name + ".h")
    for line in header.read_text().splitlines():
        match = re.match(r"\s*#\s*define\s+(\w+)(?:\s+(.*))?$", line)
        if match:
            model.macros[match.group(1)] = (match.group(2) or "").strip()
    return None


def classify_macros(model, problems):
    """Sorts the header's macros; returns {(kind, index): {field: macro}}."""
    tensors = collections.defaultdict(dict)
    guard = "INGOT_" + model.upper + "_H"
    prefix = model.upper + "_"
    for macro in model.macros:
        if macro in (guard, prefix + "ARENA_BYTES"):
            continue
        match = TENSOR_MACRO.match(macro[len(prefix):]) \
            if macro.startswith(prefix) else None
        if not match:
            problems.append(
                f"{model.label}: {macro} is a macro this test does not know; "
                "give it a use in test/header/check_headers.py")
            continue
        kind, index, field = match.groups()
        tensors[(kind, int(index))][field] = macro
    if guard not in model.macros:
        problems.append(f"{model.label}: no include guard {guard}")
    if prefix + "ARENA_BYTES" not in model.macros:
        problems.append(f"{model.label}: no {prefix}ARENA_BYTES")
    for kind, metas in model.tensors.items():
        for index, meta in enumerate(metas):
            fields = tensors.get((kind, index), {})
            expected = {"TYPE", "RANK", "ELEMENTS"}
            if meta["shape"]:
                expected.add("SHAPE")
            if float(meta.get("scale", 0)) != 0:
                expected |= {"SCALE", "ZERO_POINT"}
            for field in sorted(expected - set(fields)):
                problems.append(
                    f"{model.label}: {prefix}{kind}{index}_{field} is missing "
                    f"(manifest: {meta['dtype']}, shape {meta['shape']}, "
                    f"scale {meta.get('scale', 0)})")
            for field in sorted(set(fields) - expected):
                problems.append(
                    f"{model.label}: {fields[field]} is defined but the "
                    f"manifest's {kind.lower()} {index} has no {field.lower()}"
                    f" (shape {meta['shape']}, scale {meta.get('scale', 0)})")
    for (kind, index), fields in tensors.items():
        if index >= len(model.tensors[kind]):
            problems.append(f"{model.label}: {kind.lower()} {index} "
                            f"({', '.join(fields.values())}) is not in the "
                            "manifest")
    return tensors


def each_tensor(model, tensors):
    for (kind, index), fields in sorted(tensors.items()):
        if index < len(model.tensors[kind]):
            yield kind, index, fields, model.tensors[kind][index]


def use_file(model, tensors, cxx):
    """A C or C++ file that uses every macro of the model's header."""
    p = model.name
    lines = [f'#include "{p}.h"']
    if cxx:
        # <type_traits> would triple the time of this test's C++ runs.
        lines += ["template <class A, class B> struct same { enum { value = 0 "
                  "}; };",
                  "template <class A> struct same<A, A> { enum { value = 1 }; "
                  "};"]
        check = lambda name, cond: f'static_assert({cond}, "{name}");'
        define = "extern const"
    else:
        # C99 has no _Static_assert: a negative array size fails instead.
        check = lambda name, cond: f"typedef char {name}[({cond}) ? 1 : -1];"
        define = "const"
    lines.append(check(f"{p}_guard", f"sizeof(int) > 0"))
    lines.append(f"#ifndef INGOT_{model.upper}_H")
    lines.append(f"#error INGOT_{model.upper}_H is not defined")
    lines.append("#endif")
    arena = f"{model.upper}_ARENA_BYTES"
    lines.append(f"unsigned char {p}_arena[{arena} > 0 ? {arena} : 1];")
    lines.append(check(f"{p}_arena_size", f"{arena} >= 0"))
    params = []
    for kind, index, fields, meta in each_tensor(model, tensors):
        t = f"{p}_{kind.lower()}{index}"
        ctype = DTYPES.get(meta["dtype"], ("?", "?", 0))
        if "TYPE" in fields:
            typename = fields["TYPE"]
            lines.append(f"{typename} {t}_buffer"
                         f"[{fields.get('ELEMENTS', '1')}];")
            lines.append(check(f"{t}_type_size",
                               f"sizeof({typename}) == {ctype[2]}"))
            if cxx:
                lines.append(check(
                    f"{t}_type",
                    f"same<{typename}, {ctype[0]}>::value"))
            params.append(("const " if kind == "INPUT" else "") +
                          typename + "*")
        if "SHAPE" in fields:
            lines.append(f"{define} int32_t {t}_shape[] = {fields['SHAPE']};")
            if "RANK" in fields:
                lines.append(check(
                    f"{t}_rank", f"sizeof {t}_shape / sizeof {t}_shape[0] == "
                    f"{fields['RANK']}"))
            if cxx and "ELEMENTS" in fields:
                lines.append(f"constexpr int32_t {t}_extents[] = "
                             f"{fields['SHAPE']};")
                lines.append(f"constexpr long {t}_product(int i) {{ return i "
                             f"== 0 ? 1 : {t}_extents[i - 1] * "
                             f"{t}_product(i - 1); }}")
                lines.append(check(
                    f"{t}_elements", f"{t}_product({fields['RANK']}) == "
                    f"{fields['ELEMENTS']}"))
        elif "RANK" in fields:
            lines.append(check(f"{t}_scalar", f"{fields['RANK']} == 0"))
            if "ELEMENTS" in fields:
                lines.append(check(f"{t}_one", f"{fields['ELEMENTS']} == 1"))
        if "SCALE" in fields:
            lines.append(f"{define} float {t}_scale = {fields['SCALE']};")
            lines.append(check(f"{t}_scale_is_float",
                               f"sizeof({fields['SCALE']}) == sizeof(float)"))
            if cxx:
                lines.append(check(
                    f"{t}_scale_type",
                    f"same<decltype({fields['SCALE']}), float>::value"))
        if "ZERO_POINT" in fields:
            lines.append(f"enum {{ {t}_zero_point = {fields['ZERO_POINT']} "
                         "};")
            lines.append(check(f"{t}_zero_point_range",
                               f"{fields['ZERO_POINT']} >= -32768 && "
                               f"{fields['ZERO_POINT']} <= 65535"))
    # The TYPE macros must be the types NAME_invoke takes.
    params.append("uint8_t*")
    lines.append(f"void (*{p}_invoke_pointer)({', '.join(params)}) = "
                 f"{p}_invoke;")
    lines.append(f"void (*{p}_init_pointer)(uint8_t*) = {p}_init;")
    return "\n".join(lines) + "\n"


def printer_program(models):
    """One C program that prints every macro value of every model."""
    lines = ["#include <stdio.h>"]
    lines += [f'#include "{m.name}.h"' for m in models]
    lines += [
        "static void print_type(const char *macro, size_t size, int is_float,",
        "                       int is_bool, int is_signed) {",
        '  printf("%s type %s %u\\n", macro,',
        '         is_bool ? "bool" : is_float ? "float" : is_signed ? '
        '"signed" : "unsigned",',
        "         (unsigned)size);",
        "}",
        "int main(void) {",
    ]
    for m in models:
        arena = f"{m.upper}_ARENA_BYTES"
        lines.append(f'  printf("{arena} int %ld\\n", (long){arena});')
        for kind, index, fields, _ in each_tensor(m, m.tensors_found):
            if "TYPE" in fields:
                t = fields["TYPE"]
                # (T)0.5 * 2 is 1 only for a floating type; (T)2 is 1 only
                # for bool; (T)-1 < 0 only for a signed type.
                lines.append(
                    f'  print_type("{t}", sizeof({t}), ({t})0.5 * 2 == 1, '
                    f"({t})2 == 1, ({t})-1 < ({t})0);")
            for field in ("RANK", "ELEMENTS", "ZERO_POINT"):
                if field in fields:
                    macro = fields[field]
                    lines.append(
                        f'  printf("{macro} int %ld\\n", (long){macro});')
            if "SCALE" in fields:
                macro = fields["SCALE"]
                lines.append(
                    f'  printf("{macro} float %a\\n", (double){macro});')
            if "SHAPE" in fields:
                macro = fields["SHAPE"]
                lines.append("  {")
                lines.append(f"    static const int32_t shape[] = {macro};")
                lines.append("    size_t i;")
                lines.append(f'    printf("{macro} shape");')
                lines.append("    for (i = 0; i < sizeof shape / sizeof "
                             "shape[0]; ++i)")
                lines.append('      printf(" %ld", (long)shape[i]);')
                lines.append('    printf("\\n");')
                lines.append("  }")
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def compile_files(compiler, flags, files, workdir, models_by_file, what,
                  problems):
    """Syntax-checks files in one compiler run; on failure, file by file."""
    env = dict(os.environ, LC_ALL="C")
    command = [compiler, *flags, "-fsyntax-only", "-I", "."]
    result = subprocess.run(command + [f.name for f in files], cwd=workdir,
                            capture_output=True, text=True, env=env)
    if result.returncode == 0:
        return
    for f in files:
        single = subprocess.run(command + [f.name], cwd=workdir,
                                capture_output=True, text=True, env=env)
        if single.returncode == 0:
            continue
        model = models_by_file[f.name]
        macros = sorted(set(re.findall(r"in expansion of macro '(\w+)'",
                                       single.stderr)) |
                        {m for m in model.macros
                         if re.search(rf"\b{m}\b", single.stderr)})
        first_error = next((line for line in single.stderr.splitlines()
                            if "error" in line), single.stderr.strip())
        problems.append(
            f"{model.label}: {what} does not compile with "
            f"{compiler} {' '.join(flags)}"
            + (f" (macros: {', '.join(macros)})" if macros else "")
            + f": {first_error.strip()}")


def float32_bits(value):
    return struct.unpack("<I", struct.pack("<f", value))[0]


def compare_values(models, output, problems):
    printed = {}
    for line in output.splitlines():
        macro, kind, *rest = line.split(" ", 2)
        printed[macro] = (kind, rest[0] if rest else "")
    for m in models:
        for kind, index, fields, meta in each_tensor(m, m.tensors_found):
            where = f"{m.label}: "
            ctype = DTYPES.get(meta["dtype"])
            if ctype is None:
                problems.append(f"{where}{kind.lower()} {index} has dtype "
                                f"{meta['dtype']}, unknown to this test")
                continue
            if "TYPE" in fields:
                got = printed[fields["TYPE"]][1]
                want = f"{ctype[1]} {ctype[2]}"
                if got != want:
                    problems.append(
                        f"{where}{fields['TYPE']} is a {got}-byte type, the "
                        f"manifest says {meta['dtype']} ({want})")
            shape = [int(x) for x in meta["shape"]]
            if "SHAPE" in fields:
                got = [int(x) for x in
                       printed[fields["SHAPE"]][1].split()[0:]]
                if got != shape:
                    problems.append(f"{where}{fields['SHAPE']} is {got}, the "
                                    f"manifest says {shape}")
            if "RANK" in fields:
                got = int(printed[fields["RANK"]][1])
                if got != len(shape):
                    problems.append(f"{where}{fields['RANK']} is {got}, the "
                                    f"manifest's shape {shape} has rank "
                                    f"{len(shape)}")
            if "ELEMENTS" in fields:
                got = int(printed[fields["ELEMENTS"]][1])
                if got != math.prod(shape):
                    problems.append(f"{where}{fields['ELEMENTS']} is {got}, "
                                    f"the manifest's shape {shape} has "
                                    f"{math.prod(shape)} elements")
            if "ZERO_POINT" in fields:
                got = int(printed[fields["ZERO_POINT"]][1])
                if got != int(meta["zero_point"]):
                    problems.append(f"{where}{fields['ZERO_POINT']} is {got},"
                                    f" the manifest says {meta['zero_point']}")
            if "SCALE" in fields:
                text = printed[fields["SCALE"]][1]
                got = float.fromhex(text)
                want = float(meta["scale"])  # the float32 scale, as a double
                want32 = struct.unpack("<f", struct.pack("<f", want))[0]
                if got != want32:
                    problems.append(
                        f"{where}{fields['SCALE']} is {m.macros[fields['SCALE']]}"
                        f" = {text} (float32 bits {float32_bits(got):#010x}); "
                        f"the manifest's float32 scale {meta['scale']} is "
                        f"{want32.hex()} (bits {float32_bits(want32):#010x})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--conformance", required=True)
    parser.add_argument("--cc", default="cc")
    parser.add_argument("--cxx", default="c++")
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()

    missing = [c for c in (args.cc, args.cxx) if not shutil.which(c)]
    if missing:
        print(f"skipped: no {' or '.join(missing)} to compile the headers with")
        return 77
    root = pathlib.Path(args.conformance)
    if not root.is_dir():
        print(f"error: no conformance models at {root} (expected "
              "../shared/conformance beside the repository)")
        return 1
    with tempfile.TemporaryDirectory(prefix="ingot-header-") as temp:
        work = pathlib.Path(args.keep or temp).resolve()
        work.mkdir(parents=True, exist_ok=True)
        return run(args, root, work)


def run(args, root, work):
    problems = []
    models = []
    for model in list(top_level_models(root)) + list(seanet_models(root)):
        error = compile_model(args.ingot, model, work)
        if error:
            problems.append(f"{model.label}: ingot compile failed: {error}")
        else:
            models.append(model)
    picked = 0
    groups = ops_candidates(root)
    for signature, candidates in groups.items():
        for model in candidates:
            if compile_model(args.ingot, model, work) is None:
                models.append(model)
                picked += 1
                break
        else:
            print(f"note: ingot compiles none of the {len(candidates)} ops "
                  f"models with signature {signature} "
                  f"({candidates[0].label}, ...): none checked")

    # Every header goes in one folder, so that one compiler run checks many.
    include = work / "include"
    include.mkdir(exist_ok=True)
    models_by_file = {}
    alone_c, alone_cxx, use_c, use_cxx = [], [], [], []
    for m in models:
        header = (work / m.name / (m.name + ".h")).read_text()
        (include / (m.name + ".h")).write_text(header)
        m.tensors_found = classify_macros(m, problems)
        twice = f'#include "{m.name}.h"\n#include "{m.name}.h"\n'
        for files, suffix, text in (
                (alone_c, "_alone.c", twice),
                (alone_cxx, "_alone.cpp", twice),
                (use_c, "_use.c", use_file(m, m.tensors_found, False)),
                (use_cxx, "_use.cpp", use_file(m, m.tensors_found, True))):
            path = include / (m.name + suffix)
            path.write_text(text)
            files.append(path)
            models_by_file[path.name] = m

    compile_files(args.cc, C_FLAGS, alone_c, include, models_by_file,
                  "the header alone, as C", problems)
    compile_files(args.cxx, CXX_FLAGS, alone_cxx, include, models_by_file,
                  "the header alone, as C++", problems)
    compile_files(args.cc, C_FLAGS, use_c, include, models_by_file,
                  "a C file using every macro", problems)
    compile_files(args.cxx, CXX_FLAGS, use_cxx, include, models_by_file,
                  "a C++ file using every macro", problems)

    # Only the models whose macros compile can be printed.
    broken = {p.split(":", 1)[0] for p in problems}
    printable = [m for m in models if m.label not in broken]
    program = include / "print_macros.c"
    program.write_text(printer_program(printable))
    binary = work / "print_macros"
    build = subprocess.run([args.cc, *C_FLAGS, "-I", ".", program.name, "-o",
                            str(binary)], cwd=include, capture_output=True,
                           text=True, env=dict(os.environ, LC_ALL="C"))
    if build.returncode != 0:
        problems.append("the program printing every macro does not build: " +
                        build.stderr.strip()[:2000])
    else:
        ran = subprocess.run([str(binary)], capture_output=True, text=True)
        if ran.returncode != 0:
            problems.append(f"{binary} failed: {ran.stderr}")
        else:
            compare_values(printable, ran.stdout, problems)

    macros = sum(len(m.macros) for m in models)
    print(f"{len(models)} models ({picked} of {len(groups)} ops signatures), "
          f"{macros} macros, {len(printable)} models' values compared with "
          "their manifests")
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
