"""Counts a .tflite file's per-channel quantization vectors by where they lie.

Walks the flatbuffer by hand (root table, subgraph 0, its tensors, their
QuantizationParameters) so that it sees what flatc --json cannot: whether
two tensors point at the same scale or zero_point vector. Prints, for each
of the two fields, how many tensors have one, how many distinct contents
there are, and at how many distinct offsets they are stored.

usage: count_quantization_vectors.py MODEL.tflite
"""

import struct
import sys


def u32(data, at):
    return struct.unpack_from("<I", data, at)[0]


def field(data, table, index):
    """Absolute position of a table's field, or None if it is absent."""
    vtable = table - struct.unpack_from("<i", data, table)[0]
    vtable_bytes = struct.unpack_from("<H", data, vtable)[0]
    slot = 4 + 2 * index
    if slot >= vtable_bytes:
        return None
    offset = struct.unpack_from("<H", data, vtable + slot)[0]
    return table + offset if offset else None


def deref(data, at):
    return at + u32(data, at)


def vector(data, table, index):
    """(position, length) of a vector field, or None."""
    at = field(data, table, index)
    if at is None:
        return None
    start = deref(data, at)
    return start, u32(data, start)


def main():
    data = open(sys.argv[1], "rb").read()
    model = u32(data, 0)
    subgraphs_at, _ = vector(data, model, 2)  # Model.subgraphs
    subgraph = deref(data, subgraphs_at + 4)
    tensors_at, tensor_count = vector(data, subgraph, 0)  # SubGraph.tensors
    seen = {"scale": ({}, set()), "zero_point": ({}, set())}
    for i in range(tensor_count):
        tensor = deref(data, tensors_at + 4 + 4 * i)
        quantization_at = field(data, tensor, 4)  # Tensor.quantization
        if quantization_at is None:
            continue
        quantization = deref(data, quantization_at)
        # QuantizationParameters.scale (float) and zero_point (int64).
        for name, index, width in (("scale", 2, 4), ("zero_point", 3, 8)):
            found = vector(data, quantization, index)
            if found is None or found[1] < 2:
                continue
            start, length = found
            contents = data[start + 4 : start + 4 + width * length]
            by_contents, offsets = seen[name]
            by_contents.setdefault(contents, 0)
            by_contents[contents] += 1
            offsets.add(start)
    for name, (by_contents, offsets) in seen.items():
        print(
            f"{name}: tensors={sum(by_contents.values())} "
            f"contents={len(by_contents)} offsets={len(offsets)}"
        )


if __name__ == "__main__":
    main()
