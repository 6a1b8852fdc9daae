"""Writes TensorFlow Lite models as flatc JSON, then as .tflite flatbuffers.

This file implements the model writer the bundled examples share. A model is
built as a dict in flatc's JSON layout of compiler/Import/schema.fbs (one
subgraph, schema version 3), and `flatc -b` turns it into the binary
.tflite. Needs Python's standard library and flatc (flatbuffers-compiler)
only.
"""

import json
import pathlib
import shutil
import struct
import subprocess

REPO = pathlib.Path(__file__).resolve().parents[1]
SCHEMA = REPO / "compiler" / "Import" / "schema.fbs"


class Builder:
    """Collects tensors, buffers and operators in flatc's JSON layout."""

    def __init__(self):
        self.tensors, self.operators = [], []
        self.buffers = [{}]  # buffer 0: the empty sentinel every model has
        self.codes = []

    def tensor(self, name, shape, dtype, scale=None, zero_point=None,
               axis=0, data=None):
        """Adds a tensor (with a constant buffer if data, a list of bytes,
        is given) and returns its index. A scale makes it quantized: one per
        tensor, or a list, one per channel along axis."""
        entry = {"shape": shape, "type": dtype, "buffer": len(self.buffers),
                 "name": name}
        if scale is not None:
            scales = scale if isinstance(scale, list) else [scale]
            points = zero_point if isinstance(zero_point, list) else \
                [zero_point] * len(scales)
            entry["quantization"] = {"scale": scales, "zero_point": points,
                                     "quantized_dimension": axis}
        self.buffers.append({"data": list(data)} if data is not None else {})
        self.tensors.append(entry)
        return len(self.tensors) - 1

    def operator(self, code, inputs, outputs, options_type=None, options=None):
        if code not in self.codes:
            self.codes.append(code)
        entry = {"opcode_index": self.codes.index(code), "inputs": inputs,
                 "outputs": outputs}
        if options_type:
            entry["builtin_options_type"] = options_type
            entry["builtin_options"] = options or {}
        self.operators.append(entry)

    def model(self, inputs, outputs, description, versions):
        """The model dict; versions maps each builtin code to the operator
        version to declare (what the TFLite converter would write)."""
        codes = [{"deprecated_builtin_code": c, "builtin_code": c,
                  "version": versions[c]} for c in self.codes]
        return {"version": 3, "description": description,
                "operator_codes": codes,
                "subgraphs": [{"tensors": self.tensors, "inputs": inputs,
                               "outputs": outputs,
                               "operators": self.operators, "name": "main"}],
                "buffers": self.buffers}


def int8_bytes(values):
    return [v & 0xFF for v in values]


def int32_bytes(values):
    return list(struct.pack(f"<{len(values)}i", *values))


def float32_bytes(values):
    return list(struct.pack(f"<{len(values)}f", *values))


def write_tflite(model, outdir, stem="model", flatc="flatc", schema=SCHEMA):
    """Writes outdir/STEM.json and outdir/STEM.tflite; returns both paths."""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    json_path = outdir / f"{stem}.json"
    json_path.write_text(json.dumps(model, indent=1) + "\n")
    if shutil.which(flatc) is None:
        raise SystemExit(f"error: {flatc} not found; install "
                         "flatbuffers-compiler (scripts/install-deps.sh)")
    subprocess.run([flatc, "-b", "-o", str(outdir), str(schema),
                    str(json_path)], check=True)
    # The schema declares no file_extension, so flatc writes STEM.bin.
    tflite_path = outdir / f"{stem}.tflite"
    (outdir / f"{stem}.bin").replace(tflite_path)
    return json_path, tflite_path
