#!/usr/bin/env python3
"""Writes a C header with some keyword-spotting samples for the firmware.

Reads rows of ../shared/datasets/kws/mfcc_f32.npy (float32, shape
(N, 49, 10, 1)) with the standard library only, so that a firmware build
needs no numpy, and writes them as a `const float` array in flash together
with their row numbers in the data set.

  embed_samples.py --features mfcc_f32.npy --samples 0 1 2 -o samples.h
"""
import argparse
import ast
import struct
import sys


def read_npy_rows(path, rows):
    with open(path, "rb") as f:
        if f.read(6) != b"\x93NUMPY":
            sys.exit(f"embed_samples.py: {path} is not a .npy file")
        major = f.read(2)[0]
        header_size = struct.unpack("<H" if major == 1 else "<I",
                                    f.read(2 if major == 1 else 4))[0]
        header = ast.literal_eval(f.read(header_size).decode("latin1"))
        if header["descr"] != "<f4" or header["fortran_order"]:
            sys.exit(f"embed_samples.py: {path} must hold little-endian "
                     f"float32 in C order, not {header['descr']}")
        shape = header["shape"]
        per_row = 1
        for extent in shape[1:]:
            per_row *= extent
        start = f.tell()
        features = []
        for row in rows:
            if not 0 <= row < shape[0]:
                sys.exit(f"embed_samples.py: sample {row} is not in {path} "
                         f"({shape[0]} rows)")
            f.seek(start + row * per_row * 4)
            features.append(struct.unpack(f"<{per_row}f",
                                          f.read(per_row * 4)))
        return per_row, features


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", required=True)
    parser.add_argument("--samples", type=int, nargs="+", required=True)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    per_row, features = read_npy_rows(args.features, args.samples)
    lines = [
        "// Written by embed_samples.py at build time: rows of the",
        "// keyword-spotting data set's MFCC features.",
        "#pragma once",
        "#include <stdint.h>",
        f"#define SAMPLE_COUNT {len(args.samples)}",
        f"#define SAMPLE_FEATURES {per_row}",
        "static const int32_t kSampleRow[SAMPLE_COUNT] = {"
        + ", ".join(str(row) for row in args.samples) + "};",
        "static const float kSampleFeatures[SAMPLE_COUNT][SAMPLE_FEATURES] = {",
    ]
    for values in features:
        # repr of a float32 widened to double round-trips exactly.
        lines.append("  {" + ", ".join(f"{v!r}f" for v in values) + "},")
    lines.append("};")
    with open(args.output, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
