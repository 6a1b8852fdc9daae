#!/usr/bin/python3
"""Trains the fashion_mnist example: a small float CNN, written as a .tflite.

This file implements the training half of examples/fashion_mnist. It needs
numpy (Debian's python3-numpy: run it with /usr/bin/python3), the
Fashion-MNIST idx files of Debian's dataset-fashion-mnist, and flatc. It
writes, into --outdir:

  model.json, model.tflite  the trained float32 model (flatc JSON and binary)
  test_f32.npy              the 10,000 test images, float32 (N, 28, 28, 1)
  test_labels.csv           their classes (header `index,label`)
  calibration_f32.npy       --calibration-images training images, for
                            `ingot quantize --quantize=int8 --calibration=`
  training.json             epochs, images, seconds and numpy's test accuracy

The network, NHWC, pixels scaled to [0, 1]:

  input   float32 [1,28,28,1]
  CONV_2D          3x3, 8 filters, stride 2, SAME, RELU   -> [1,14,14,8]
  CONV_2D          3x3, 16 filters, stride 2, SAME, RELU  -> [1,7,7,16]
  RESHAPE                                                 -> [1,784]
  FULLY_CONNECTED  10 units                               -> [1,10]
  SOFTMAX          beta 1                                 -> [1,10]

Training is plain minibatch Adam on the cross-entropy, in float32, with
every random choice (initial weights, shuffling, calibration images) drawn
from one fixed-seed generator, so two runs on the same machine give the same
model byte for byte. SAME padding is TFLite's: with stride 2 and an even
input, the one padding row and column go at the bottom and right.
"""

import argparse
import gzip
import json
import pathlib
import sys
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))
from tflite_json import SCHEMA, Builder, int32_bytes, write_tflite  # noqa: E402

SEED = 20250923
DATA = pathlib.Path("/usr/share/datasets/fashion-mnist")  # dataset-fashion-mnist
CLASSES = 10
CONV1, CONV2 = 8, 16

# TFLite builtin operator codes, and the versions the converter writes for
# float32 operators.
CONV_2D, FULLY_CONNECTED, RESHAPE, SOFTMAX = 3, 9, 22, 25
OPERATOR_VERSIONS = {CONV_2D: 1, FULLY_CONNECTED: 1, RESHAPE: 1, SOFTMAX: 1}


# --- data --------------------------------------------------------------------

def read_idx(path, magic):
    """The array in an (optionally gzipped) idx file of unsigned bytes."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as file:
        data = file.read()
    dims = data[3]
    if int.from_bytes(data[:4], "big") != magic:
        raise SystemExit(f"error: {path} is not an idx file of {dims} "
                         "dimensions")
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big")
             for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, split):
    """Images as float32 (N, 28, 28, 1) in [0, 1], and labels as int64."""
    def find(stem):
        for name in (f"{stem}.gz", stem):
            if (folder / name).exists():
                return folder / name
        raise SystemExit(f"error: no {stem}[.gz] in {folder}; install "
                         "dataset-fashion-mnist (scripts/install-deps.sh)")
    images = read_idx(find(f"{split}-images-idx3-ubyte"), 0x803)
    labels = read_idx(find(f"{split}-labels-idx1-ubyte"), 0x801)
    images = (images.astype(np.float32) / np.float32(255))[..., np.newaxis]
    return images, labels.astype(np.int64)


# --- the network -------------------------------------------------------------

def patches(x):
    """3x3 stride-2 SAME patches of x (B, H, W, C): (B*O*O, 9*C), O = ceil(H/2).

    Columns are ordered (ky, kx, c), which is how a TFLite OHWI filter
    [out, 3, 3, C] flattens, so the convolution is patches @ filter.T.
    """
    batch, height, _, channels = x.shape
    out = (height + 1) // 2
    pad = (out - 1) * 2 + 3 - height  # all at the bottom/right, as TFLite
    padded = np.pad(x, ((0, 0), (0, pad), (0, pad), (0, 0)))
    taps = [padded[:, ky:ky + 2 * out - 1:2, kx:kx + 2 * out - 1:2, :]
            for ky in range(3) for kx in range(3)]
    return np.stack(taps, axis=3).reshape(batch * out * out, 9 * channels)


def patches_backward(grad, shape):
    """The gradient with respect to x of patches(x), from grad (B*O*O, 9*C)."""
    batch, height, width, channels = shape
    out = (height + 1) // 2
    pad = (out - 1) * 2 + 3 - height
    grad = grad.reshape(batch, out, out, 3, 3, channels)
    padded = np.zeros((batch, height + pad, width + pad, channels), np.float32)
    for ky in range(3):
        for kx in range(3):
            padded[:, ky:ky + 2 * out - 1:2, kx:kx + 2 * out - 1:2, :] += \
                grad[:, :, :, ky, kx, :]
    return padded[:, :height, :width, :]


def init_params(rng):
    """He-normal filters (OHWI) and weights, zero biases."""
    def he(shape, fan_in):
        return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(
            np.float32)
    return {
        "w1": he((CONV1, 3, 3, 1), 9), "b1": np.zeros(CONV1, np.float32),
        "w2": he((CONV2, 3, 3, CONV1), 9 * CONV1),
        "b2": np.zeros(CONV2, np.float32),
        "w3": he((CLASSES, 7 * 7 * CONV2), 7 * 7 * CONV2),
        "b3": np.zeros(CLASSES, np.float32),
    }


def forward(params, x):
    """Logits, and what the backward pass needs."""
    batch = x.shape[0]
    cols1 = patches(x)
    a1 = np.maximum(cols1 @ params["w1"].reshape(CONV1, -1).T + params["b1"],
                    0).reshape(batch, 14, 14, CONV1)
    cols2 = patches(a1)
    a2 = np.maximum(cols2 @ params["w2"].reshape(CONV2, -1).T + params["b2"],
                    0)
    features = a2.reshape(batch, 7 * 7 * CONV2)  # NHWC order, as RESHAPE
    logits = features @ params["w3"].T + params["b3"]
    return logits, (cols1, a1, cols2, a2, features)


def gradients(params, x, labels):
    """Mean cross-entropy's gradient with respect to every parameter."""
    batch = x.shape[0]
    logits, (cols1, a1, cols2, a2, features) = forward(params, x)
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    grad_logits = shifted / shifted.sum(axis=1, keepdims=True)
    grad_logits[np.arange(batch), labels] -= 1
    grad_logits /= np.float32(batch)

    grads = {"w3": grad_logits.T @ features, "b3": grad_logits.sum(axis=0)}
    grad_a2 = (grad_logits @ params["w3"]).reshape(a2.shape) * (a2 > 0)
    grads["w2"] = (grad_a2.T @ cols2).reshape(params["w2"].shape)
    grads["b2"] = grad_a2.sum(axis=0)
    grad_cols2 = grad_a2 @ params["w2"].reshape(CONV2, -1)
    grad_a1 = patches_backward(grad_cols2, a1.shape).reshape(-1, CONV1) * \
        (a1.reshape(-1, CONV1) > 0)
    grads["w1"] = (grad_a1.T @ cols1).reshape(params["w1"].shape)
    grads["b1"] = grad_a1.sum(axis=0)
    return grads


class Adam:
    def __init__(self, params, rate):
        self.rate, self.step = rate, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}

    def update(self, params, grads, rate):
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        self.step += 1
        correction = np.sqrt(1 - beta2**self.step) / (1 - beta1**self.step)
        for k, g in grads.items():
            self.m[k] = beta1 * self.m[k] + (1 - beta1) * g
            self.v[k] = beta2 * self.v[k] + (1 - beta2) * g * g
            params[k] -= (rate * correction * self.m[k] /
                          (np.sqrt(self.v[k]) + eps)).astype(np.float32)


def accuracy(params, images, labels, batch=1000):
    correct = 0
    for start in range(0, len(images), batch):
        logits, _ = forward(params, images[start:start + batch])
        correct += int((logits.argmax(axis=1) ==
                        labels[start:start + batch]).sum())
    return correct / len(images)


def train(params, images, labels, rng, epochs, batch, rate):
    """Adam with the rate decaying linearly to a tenth over the run."""
    optimizer = Adam(params, rate)
    steps = epochs * (len(images) // batch)
    for epoch in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(len(images))
        for first in range(0, len(images) - batch + 1, batch):
            chosen = order[first:first + batch]
            progress = optimizer.step / max(steps, 1)
            optimizer.update(params, gradients(params, images[chosen],
                                               labels[chosen]),
                             rate * (1 - 0.9 * progress))
        print(f"  epoch {epoch + 1}/{epochs}: "
              f"{time.perf_counter() - start:.1f} s", flush=True)


# --- the .tflite ---------------------------------------------------------------

def float_bytes(array):
    return list(np.ascontiguousarray(array, dtype="<f4").tobytes())


def to_model(params, description):
    b = Builder()
    x = b.tensor("input", [1, 28, 28, 1], "FLOAT32")

    def conv(name, source, weights, bias, out_shape):
        w = b.tensor(f"{name}/filter", list(weights.shape), "FLOAT32",
                     data=float_bytes(weights))
        bias_tensor = b.tensor(f"{name}/bias", list(bias.shape), "FLOAT32",
                               data=float_bytes(bias))
        out = b.tensor(f"{name}/relu", out_shape, "FLOAT32")
        b.operator(CONV_2D, [source, w, bias_tensor], [out], "Conv2DOptions",
                   {"padding": "SAME", "stride_w": 2, "stride_h": 2,
                    "fused_activation_function": "RELU"})
        return out

    a1 = conv("conv1", x, params["w1"], params["b1"], [1, 14, 14, CONV1])
    a2 = conv("conv2", a1, params["w2"], params["b2"], [1, 7, 7, CONV2])
    depth = 7 * 7 * CONV2
    shape = b.tensor("flatten/shape", [2], "INT32",
                     data=int32_bytes([1, depth]))
    features = b.tensor("flatten", [1, depth], "FLOAT32")
    b.operator(RESHAPE, [a2, shape], [features])
    w = b.tensor("dense/weights", [CLASSES, depth], "FLOAT32",
                 data=float_bytes(params["w3"]))
    bias = b.tensor("dense/bias", [CLASSES], "FLOAT32",
                    data=float_bytes(params["b3"]))
    logits = b.tensor("dense", [1, CLASSES], "FLOAT32")
    b.operator(FULLY_CONNECTED, [features, w, bias], [logits],
               "FullyConnectedOptions", {"fused_activation_function": "NONE"})
    probabilities = b.tensor("probabilities", [1, CLASSES], "FLOAT32")
    b.operator(SOFTMAX, [logits], [probabilities], "SoftmaxOptions",
               {"beta": 1.0})
    return b.model([x], [probabilities], description, OPERATOR_VERSIONS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outdir",
                        default=str(REPO / "build" / "examples" /
                                    "fashion_mnist"),
                        help="where to write the model and data "
                             "(default: build/examples/fashion_mnist)")
    parser.add_argument("--data", default=str(DATA),
                        help=f"folder of the idx files (default: {DATA})")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--train-images", type=int, default=0,
                        help="train on the first N shuffled training images "
                             "(default 0: all 60,000)")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--rate", type=float, default=0.003,
                        help="Adam's initial learning rate")
    parser.add_argument("--calibration-images", type=int, default=500)
    parser.add_argument("--flatc", default="flatc")
    parser.add_argument("--schema", default=str(SCHEMA))
    args = parser.parse_args()

    begin = time.perf_counter()
    outdir = pathlib.Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    data = pathlib.Path(args.data)
    train_images, train_labels = load(data, "train")
    test_images, test_labels = load(data, "t10k")

    rng = np.random.default_rng(SEED)
    params = init_params(rng)
    order = rng.permutation(len(train_images))
    calibration = train_images[order[:args.calibration_images]]
    if args.train_images:
        chosen = order[:args.train_images]
        train_images, train_labels = train_images[chosen], train_labels[chosen]
    print(f"training on {len(train_images)} images, {args.epochs} epochs, "
          f"batch {args.batch}", flush=True)
    train(params, train_images, train_labels, rng, args.epochs, args.batch,
          np.float32(args.rate))
    test_accuracy = accuracy(params, test_images, test_labels)
    seconds = time.perf_counter() - begin
    print(f"numpy float test accuracy: {test_accuracy:.4f} "
          f"({seconds:.0f} s with loading)")

    description = (f"ingot example fashion_mnist (examples/fashion_mnist/"
                   f"train.py, {args.epochs} epochs on {len(train_images)} "
                   f"images, seed {SEED})")
    write_tflite(to_model(params, description), outdir, "model", args.flatc,
                 args.schema)
    np.save(outdir / "test_f32.npy", test_images)
    np.save(outdir / "calibration_f32.npy", calibration)
    with open(outdir / "test_labels.csv", "w") as file:
        file.write("index,label\n")
        file.writelines(f"{i},{label}\n" for i, label in enumerate(test_labels))
    (outdir / "training.json").write_text(json.dumps({
        "epochs": args.epochs, "train_images": len(train_images),
        "seconds": round(seconds, 1),
        "numpy_test_accuracy": round(test_accuracy, 4)}) + "\n")
    for name in ("model.tflite", "test_f32.npy", "test_labels.csv",
                 "calibration_f32.npy", "training.json"):
        print(outdir / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
