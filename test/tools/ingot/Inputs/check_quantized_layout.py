#!/usr/bin/env python3
"""Checks that a quantized model (flatc --json dump) has the parameter layout
the TFLite converter writes for full-integer models: int8 activations per
tensor, CONV_2D filters per output channel (quantized_dimension 0),
DEPTHWISE_CONV_2D filters per channel along dimension 3, FULLY_CONNECTED
filters per tensor, weight zero points 0, and int32 biases whose scale is
input scale times filter scale with zero point 0. Prints one line per
checked operator and `layout ok`, or the first violation."""

import json
import sys

CONV, DEPTHWISE, FULLY_CONNECTED = 3, 4, 9


def main():
    model = json.load(open(sys.argv[1]))
    graph = model["subgraphs"][0]
    tensors = graph["tensors"]
    codes = [max(c.get("deprecated_builtin_code", 0), c.get("builtin_code", 0))
             for c in model["operator_codes"]]

    def quant(index):
        q = tensors[index].get("quantization", {})
        return q.get("scale", []), q.get("zero_point", []), q.get(
            "quantized_dimension", 0)

    def fail(message):
        print("layout violated:", message)
        sys.exit(1)

    for number, op in enumerate(graph["operators"]):
        code = codes[op.get("opcode_index", 0)]
        if code not in (CONV, DEPTHWISE, FULLY_CONNECTED):
            continue
        inputs = op["inputs"]
        data, weights = inputs[0], inputs[1]
        bias = inputs[2] if len(inputs) > 2 else -1
        for index, kind in ((data, "INT8"), (weights, "INT8"),
                            (op["outputs"][0], "INT8")):
            # flatc leaves out fields at their default (FLOAT32 is 0).
            if tensors[index].get("type", "FLOAT32") != kind:
                fail(f"operator {number}: tensor {index} is "
                     f"{tensors[index].get('type', 'FLOAT32')}, not {kind}")
        in_scale, _, _ = quant(data)
        w_scale, w_zero, w_axis = quant(weights)
        shape = tensors[weights]["shape"]
        want_axis = {CONV: 0, DEPTHWISE: 3, FULLY_CONNECTED: 0}[code]
        want_count = shape[want_axis] if code != FULLY_CONNECTED else 1
        if len(w_scale) != want_count or (want_count > 1 and w_axis != want_axis):
            fail(f"operator {number}: {len(w_scale)} filter scales on axis "
                 f"{w_axis}, want {want_count} on axis {want_axis}")
        if any(z != 0 for z in w_zero):
            fail(f"operator {number}: filter zero points are not 0")
        if bias >= 0:
            if tensors[bias].get("type", "FLOAT32") != "INT32":
                fail(f"operator {number}: bias is "
                     f"{tensors[bias].get('type', 'FLOAT32')}")
            b_scale, b_zero, _ = quant(bias)
            if any(z != 0 for z in b_zero):
                fail(f"operator {number}: bias zero points are not 0")
            for c, scale in enumerate(b_scale):
                want = in_scale[0] * w_scale[c if len(w_scale) > 1 else 0]
                # flatc prints floats with six decimals: allow that rounding.
                if abs(scale - want) > 1e-6 + 1e-3 * want:
                    fail(f"operator {number}: bias scale {scale} for channel "
                         f"{c}, want input x filter = {want}")
        name = {CONV: "CONV_2D", DEPTHWISE: "DEPTHWISE_CONV_2D",
                FULLY_CONNECTED: "FULLY_CONNECTED"}[code]
        print(f"{name}: {want_count} filter scale(s), int32 bias")
    print("layout ok")


if __name__ == "__main__":
    main()
