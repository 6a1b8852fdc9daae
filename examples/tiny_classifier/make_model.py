#!/usr/bin/env python3
"""Builds the tiny_classifier example: a small int8 TensorFlow Lite model.

This file implements a deterministic model generator that needs nothing but
Python's standard library and flatc. It writes, into --outdir:

  model.json    the model as flatc JSON, matching compiler/Import/schema.fbs
  model.tflite  the same model as a flatbuffer (`flatc -b schema.fbs model.json`)
  input0.bin    one int8 input image to try it on
  float_output0.json  the float network's probabilities for input0.bin

The network is the shape of a keyword-spotting or tiny-vision model:

  input   int8 [1,16,16,1]
  CONV_2D           3x3, 8 filters, stride 2, SAME, RELU    -> [1,8,8,8]
  DEPTHWISE_CONV_2D 3x3, multiplier 1, stride 1, SAME, RELU -> [1,8,8,8]
  CONV_2D           1x1, 16 filters, RELU                   -> [1,8,8,16]
  AVERAGE_POOL_2D   8x8, VALID                              -> [1,1,1,16]
  RESHAPE                                                   -> [1,16]
  FULLY_CONNECTED   4 units                                 -> [1,4]
  SOFTMAX           beta 1                                  -> [1,4]

Weights are pseudo-random int8 from a fixed-seed linear congruential
generator, quantized per output channel (per tensor for FULLY_CONNECTED) as the
TFLite converter does. Activation scales are not guessed: the float network
(dequantized weights) is run on a few calibration images from the same
generator and each activation's observed range sets its scale and zero point,
as post-training quantization would. The output is untrained, so its classes
mean nothing; it exercises the compiler like a real model does.
"""

import argparse
import json
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from tflite_json import Builder, int8_bytes, int32_bytes, write_tflite  # noqa: E402

SEED = 20250110
CALIBRATION_IMAGES = 8
HEIGHT = WIDTH = 16
CLASSES = 4

# TFLite builtin operator codes and the op versions the converter writes for
# int8 models with these options.
CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D = 3, 4, 1
RESHAPE, FULLY_CONNECTED, SOFTMAX = 22, 9, 25
OPERATOR_VERSIONS = {CONV_2D: 3, DEPTHWISE_CONV_2D: 3, AVERAGE_POOL_2D: 2,
                     RESHAPE: 1, FULLY_CONNECTED: 4, SOFTMAX: 2}


class Lcg:
    """Numerical Recipes' 32-bit linear congruential generator."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return self.state

    def integer(self, low, high):
        """Uniform-ish integer in [low, high], from the high bits."""
        return low + ((self.next() >> 8) % (high - low + 1))

    def uniform(self, low, high):
        return low + (high - low) * (self.next() / 2.0**32)


# --- float reference of the network (NHWC, batch 1) -------------------------

def same_padding(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2


def conv2d(x, w, b, stride, relu):
    """x[h][w][ci], w[co][kh][kw][ci] (OHWI), SAME padding."""
    height, width, kh, kw = len(x), len(x[0]), len(w[0]), len(w[0][0])
    out_h, pad_h = same_padding(height, kh, stride)
    out_w, pad_w = same_padding(width, kw, stride)
    y = []
    for oy in range(out_h):
        row = []
        for ox in range(out_w):
            values = []
            for co, filt in enumerate(w):
                acc = b[co]
                for ky in range(kh):
                    iy = oy * stride + ky - pad_h
                    if not 0 <= iy < height:
                        continue
                    for kx in range(kw):
                        ix = ox * stride + kx - pad_w
                        if 0 <= ix < width:
                            acc += sum(a * c for a, c in
                                       zip(x[iy][ix], filt[ky][kx]))
                values.append(max(acc, 0.0) if relu else acc)
            row.append(values)
        y.append(row)
    return y


def depthwise_conv2d(x, w, b, relu):
    """x[h][w][c], w[1][kh][kw][c], stride 1, SAME padding."""
    height, width, kh, kw = len(x), len(x[0]), len(w[0]), len(w[0][0])
    _, pad_h = same_padding(height, kh, 1)
    _, pad_w = same_padding(width, kw, 1)
    y = []
    for oy in range(height):
        row = []
        for ox in range(width):
            values = []
            for c in range(len(b)):
                acc = b[c]
                for ky in range(kh):
                    for kx in range(kw):
                        iy, ix = oy + ky - pad_h, ox + kx - pad_w
                        if 0 <= iy < height and 0 <= ix < width:
                            acc += x[iy][ix][c] * w[0][ky][kx][c]
                values.append(max(acc, 0.0) if relu else acc)
            row.append(values)
        y.append(row)
    return y


def global_average(x):
    pixels = [v for row in x for v in row]
    return [sum(p[c] for p in pixels) / len(pixels) for c in range(len(pixels[0]))]


def fully_connected(x, w, b):
    return [b[o] + sum(a * c for a, c in zip(x, w[o])) for o in range(len(w))]


# --- quantization ------------------------------------------------------------

def activation_params(low, high):
    """Asymmetric int8 scale and zero point covering [low, high] and 0."""
    low, high = min(low, 0.0), max(high, 0.0)
    scale = (high - low) / 255.0 or 1.0 / 256
    zero_point = max(-128, min(127, round(-128 - low / scale)))
    return scale, zero_point


def flat(values):
    if isinstance(values, list):
        return [v for item in values for v in flat(item)]
    return [values]


def shaped(values, shape):
    """Nests a flat list into shape (row-major)."""
    if len(shape) == 1:
        return list(values)
    step = len(values) // shape[0]
    return [shaped(values[i * step:(i + 1) * step], shape[1:])
            for i in range(shape[0])]


def random_weights(rng, channels, per_channel, fan_in):
    """int8 weights [channels][per_channel] and a scale per channel.

    The float weights have He-like spread sqrt(2 / fan_in); each channel's
    scale maps its largest weight onto +-127, as symmetric quantization does.
    """
    weights, scales = [], []
    for _ in range(channels):
        spread = math.sqrt(2.0 / fan_in) * rng.uniform(0.75, 1.25)
        values = [rng.integer(-127, 127) for _ in range(per_channel)]
        largest = max(abs(v) for v in values) or 1
        # Uniform integers in [-127, 127] spread about 73 around zero: the
        # float weight v * spread / 73, requantized so its largest is 127.
        weights.append([round(v * 127 / largest) for v in values])
        scales.append(spread * largest / (73.0 * 127))
    return weights, scales


def random_image(rng):
    return [rng.integer(-128, 127) for _ in range(HEIGHT * WIDTH)]


def build(rng):
    """Returns the flatc JSON dict, an example input and its float output.

    The float output is the network's answer for the example input with
    float activations: what the int8 model approximates.
    """
    input_scale, input_zero = 1.0 / 256, -128
    calibration = [random_image(rng) for _ in range(CALIBRATION_IMAGES)]
    example = random_image(rng)

    def dequantize_image(image):
        return shaped([(q - input_zero) * input_scale for q in image],
                      [HEIGHT, WIDTH, 1])

    # Layer weights, int8 with per-channel scales.
    conv1_q, conv1_s = random_weights(rng, 8, 3 * 3 * 1, 9)
    dw_q_rows, dw_s = random_weights(rng, 8, 3 * 3, 9)
    pw_q, pw_s = random_weights(rng, 16, 8, 8)
    fc_rows, fc_row_scales = random_weights(rng, CLASSES, 16, 16)
    # FULLY_CONNECTED is quantized per tensor: one scale for all rows.
    fc_scale = max(fc_row_scales)
    # Depthwise filters are [1,3,3,8]: channel last, so transpose.
    dw_q = [[dw_q_rows[c][k] for c in range(8)] for k in range(9)]
    biases = {name: [rng.uniform(-0.05, 0.05) for _ in range(n)]
              for name, n in (("conv1", 8), ("dw", 8), ("pw", 16),
                              ("fc", CLASSES))}

    def float_conv1():
        return shaped([conv1_q[o][k] * conv1_s[o] for o in range(8)
                       for k in range(9)], [8, 3, 3, 1])

    def float_dw():
        return shaped([dw_q[k][c] * dw_s[c] for k in range(9)
                       for c in range(8)], [1, 3, 3, 8])

    def float_pw():
        return shaped([pw_q[o][i] * pw_s[o] for o in range(16)
                       for i in range(8)], [16, 1, 1, 8])

    def float_fc(scale):
        return [[v * scale for v in row] for row in fc_rows]

    def forward(image, fc_weight_scale):
        a1 = conv2d(dequantize_image(image), float_conv1(), biases["conv1"],
                    2, True)
        a2 = depthwise_conv2d(a1, float_dw(), biases["dw"], True)
        a3 = conv2d(a2, float_pw(), biases["pw"], 1, True)
        pooled = global_average(a3)
        logits = fully_connected(pooled, float_fc(fc_weight_scale),
                                 biases["fc"])
        return a1, a2, a3, pooled, logits

    # Make the logits span about +-4 so that the softmax is not flat, then
    # calibrate every activation on the calibration images.
    runs = [forward(image, fc_scale) for image in calibration]
    largest_logit = max(abs(v) for run in runs for v in run[4]) or 1.0
    fc_scale *= 4.0 / largest_logit
    runs = [forward(image, fc_scale) for image in calibration]

    def observed(index):
        values = [v for run in runs for v in flat(run[index])]
        return activation_params(min(values), max(values))

    a1_s, a1_z = observed(0)
    a2_s, a2_z = observed(1)
    a3_s, a3_z = observed(2)
    logits_s, logits_z = observed(4)

    def quantized_bias(name, input_scale_, weight_scales):
        scales = [input_scale_ * s for s in weight_scales]
        return [round(b / s) for b, s in zip(biases[name], scales)], scales

    b = Builder()
    x = b.tensor("input", [1, HEIGHT, WIDTH, 1], "INT8", input_scale,
                 input_zero)

    w = b.tensor("conv1/filter", [8, 3, 3, 1], "INT8", conv1_s, 0, 0,
                 int8_bytes(flat(conv1_q)))
    q, s = quantized_bias("conv1", input_scale, conv1_s)
    bias = b.tensor("conv1/bias", [8], "INT32", s, 0, 0, int32_bytes(q))
    a1 = b.tensor("conv1/relu", [1, 8, 8, 8], "INT8", a1_s, a1_z)
    b.operator(CONV_2D, [x, w, bias], [a1], "Conv2DOptions",
               {"padding": "SAME", "stride_w": 2, "stride_h": 2,
                "fused_activation_function": "RELU"})

    w = b.tensor("depthwise/filter", [1, 3, 3, 8], "INT8", dw_s, 0, 3,
                 int8_bytes(flat(dw_q)))
    q, s = quantized_bias("dw", a1_s, dw_s)
    bias = b.tensor("depthwise/bias", [8], "INT32", s, 0, 0, int32_bytes(q))
    a2 = b.tensor("depthwise/relu", [1, 8, 8, 8], "INT8", a2_s, a2_z)
    b.operator(DEPTHWISE_CONV_2D, [a1, w, bias], [a2],
               "DepthwiseConv2DOptions",
               {"padding": "SAME", "stride_w": 1, "stride_h": 1,
                "depth_multiplier": 1, "fused_activation_function": "RELU"})

    w = b.tensor("pointwise/filter", [16, 1, 1, 8], "INT8", pw_s, 0, 0,
                 int8_bytes(flat(pw_q)))
    q, s = quantized_bias("pw", a2_s, pw_s)
    bias = b.tensor("pointwise/bias", [16], "INT32", s, 0, 0, int32_bytes(q))
    a3 = b.tensor("pointwise/relu", [1, 8, 8, 16], "INT8", a3_s, a3_z)
    b.operator(CONV_2D, [a2, w, bias], [a3], "Conv2DOptions",
               {"padding": "VALID", "stride_w": 1, "stride_h": 1,
                "fused_activation_function": "RELU"})

    # Average pooling and reshape keep their input's quantization.
    pooled = b.tensor("pool", [1, 1, 1, 16], "INT8", a3_s, a3_z)
    b.operator(AVERAGE_POOL_2D, [a3], [pooled], "Pool2DOptions",
               {"padding": "VALID", "stride_w": 8, "stride_h": 8,
                "filter_width": 8, "filter_height": 8})
    shape = b.tensor("flatten/shape", [2], "INT32", data=int32_bytes([1, 16]))
    flat_features = b.tensor("flatten", [1, 16], "INT8", a3_s, a3_z)
    b.operator(RESHAPE, [pooled, shape], [flat_features])

    w = b.tensor("dense/weights", [CLASSES, 16], "INT8", fc_scale, 0, 0,
                 int8_bytes(flat(fc_rows)))
    q, s = quantized_bias("fc", a3_s, [fc_scale] * CLASSES)
    bias = b.tensor("dense/bias", [CLASSES], "INT32", s[0], 0, 0,
                    int32_bytes(q))
    logits = b.tensor("dense", [1, CLASSES], "INT8", logits_s, logits_z)
    b.operator(FULLY_CONNECTED, [flat_features, w, bias], [logits],
               "FullyConnectedOptions", {"fused_activation_function": "NONE"})

    # Softmax output quantization is fixed by TFLite for int8: 1/256, -128.
    probabilities = b.tensor("probabilities", [1, CLASSES], "INT8", 1.0 / 256,
                             -128)
    b.operator(SOFTMAX, [logits], [probabilities], "SoftmaxOptions",
               {"beta": 1.0})

    model = b.model([x], [probabilities],
                    "ingot example tiny_classifier (examples/tiny_classifier/"
                    "make_model.py, untrained)", OPERATOR_VERSIONS)
    logits_example = forward(example, fc_scale)[4]
    exps = [math.exp(v - max(logits_example)) for v in logits_example]
    float_output = [e / sum(exps) for e in exps]
    return model, bytes(int8_bytes(example)), float_output


def main():
    here = pathlib.Path(__file__).resolve().parent
    repo = here.parents[1]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outdir", default=str(here),
                        help="where to write model.json, model.tflite and "
                             "input0.bin (default: this folder)")
    parser.add_argument("--flatc", default="flatc")
    parser.add_argument("--schema",
                        default=str(repo / "compiler" / "Import" / "schema.fbs"))
    args = parser.parse_args()

    outdir = pathlib.Path(args.outdir)
    model, example, float_output = build(Lcg(SEED))
    write_tflite(model, outdir, "model", args.flatc, args.schema)
    (outdir / "input0.bin").write_bytes(example)
    (outdir / "float_output0.json").write_text(
        json.dumps([round(p, 6) for p in float_output]) + "\n")
    for name in ("model.json", "model.tflite", "input0.bin",
                 "float_output0.json"):
        print(outdir / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
