#!/usr/bin/env python3
"""Keras models converted by TensorFlow Lite's converter, as users make them.

Each model is built with seeded random weights (small enough for a
microcontroller), then converted with tf.lite.TFLiteConverter.from_keras_model
in four modes:

  float    the converter's defaults
  dynamic  optimizations=[Optimize.DEFAULT] without a dataset (int8 weights,
           float activations: hybrid kernels)
  int8     full integer: a representative dataset of random samples,
           TFLITE_BUILTINS_INT8, int8 inputs and outputs
  int16x8  EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8 with the
           same dataset, int16 inputs and outputs (so that the whole network
           is compared bit for bit)

Writes OUTDIR/<model>/<mode>.tflite and OUTDIR/index.json, a list of
{"model", "mode", "file"} for every converted pair and {"model", "mode",
"skipped": why} for every pair the converter refused. The random samples are
uniform in [-1, 1]: the runner draws its inputs from the same range.

  keras_models.py --outdir build/test/models/keras [--set quick|full]
                  [--only NAME ...] [--modes float,int8]
"""

import argparse
import contextlib
import io
import json
import os
import pathlib
import select
import signal
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

MODES = ("float", "dynamic", "int8", "int16x8")
CALIBRATION_SAMPLES = 16


def _keras():
    import keras
    return keras


# --- single layers -----------------------------------------------------------


# Every model has batch size 1, as a microcontroller runs it (and as TFLite
# Micro needs: with a dynamic batch the converter computes shapes at run
# time with SHAPE and REDUCE_PROD, which it does not have); dense_3d_any_batch
# keeps one model with a dynamic batch.
def layer_model(shape, make_layer, batch_size=1):
    def build():
        keras = _keras()
        inputs = keras.Input(shape, batch_size=batch_size)
        return keras.Model(inputs, make_layer(keras)(inputs))
    return build


def two_input_model(shape, combine):
    def build():
        keras = _keras()
        a = keras.Input(shape, batch_size=1)
        b = keras.Input(shape, batch_size=1)
        return keras.Model([a, b], combine(keras)([a, b]))
    return build


def conv_batchnorm():
    keras = _keras()
    inputs = keras.Input((12, 12, 3), batch_size=1)
    x = keras.layers.Conv2D(8, 3, padding="same", use_bias=False)(inputs)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.ReLU()(x)
    model = keras.Model(inputs, x)
    randomize_batchnorm(model)
    return model


def randomize_batchnorm(model):
    """Fresh BatchNormalization layers are the identity: give them moving
    statistics so that folding them into the convolution changes something."""
    rng = np.random.default_rng(7)
    for layer in model.layers:
        if layer.__class__.__name__ == "BatchNormalization":
            weights = layer.get_weights()
            channels = weights[0].shape[0]
            new = [rng.uniform(0.5, 1.5, channels),   # gamma
                   rng.uniform(-0.2, 0.2, channels),  # beta
                   rng.uniform(-0.2, 0.2, channels),  # moving mean
                   rng.uniform(0.5, 1.5, channels)]   # moving variance
            if len(weights) == 4:
                layer.set_weights([w.astype(np.float32) for w in new])


def dense_softmax():
    keras = _keras()
    inputs = keras.Input((32,), batch_size=1)
    x = keras.layers.Dense(16, activation="relu")(inputs)
    x = keras.layers.Dense(5, activation="softmax")(x)
    return keras.Model(inputs, x)


def sequence_model(kind, unroll=False, return_sequences=False):
    def build():
        keras = _keras()
        # Batch 1: with a dynamic batch the converter cannot lower the
        # recurrent layers' tensor lists.
        inputs = keras.Input((10, 6), batch_size=1)
        layer = getattr(keras.layers, kind)(12, unroll=unroll,
                                            return_sequences=return_sequences)
        return keras.Model(inputs, layer(inputs))
    return build


def dot_product_attention():
    """Hand-written scaled dot-product attention: BATCH_MATMUL, SOFTMAX."""
    keras = _keras()
    inputs = keras.Input((8, 16), batch_size=1)
    q = keras.layers.Dense(16)(inputs)
    k = keras.layers.Dense(16)(inputs)
    v = keras.layers.Dense(16)(inputs)
    scores = keras.layers.Dot(axes=(2, 2))([q, k])
    scores = keras.layers.Rescaling(0.25)(scores)
    weights = keras.layers.Softmax(axis=-1)(scores)
    attended = keras.layers.Dot(axes=(2, 1))([weights, v])
    return keras.Model(inputs, keras.layers.Dense(16)(attended))


LAYERS = {
    "conv2d": layer_model((12, 12, 3), lambda k: k.layers.Conv2D(
        8, 3, padding="same", activation="relu")),
    "conv2d_strided": layer_model((13, 13, 4), lambda k: k.layers.Conv2D(
        6, 3, strides=2, padding="valid")),
    "depthwise_conv2d": layer_model((12, 12, 4), lambda k: k.layers.DepthwiseConv2D(
        3, depth_multiplier=2, padding="same", activation="relu6")),
    "separable_conv2d": layer_model((12, 12, 4), lambda k: k.layers.SeparableConv2D(
        8, 3, padding="same")),
    "conv2d_transpose": layer_model((6, 6, 4), lambda k: k.layers.Conv2DTranspose(
        6, 3, strides=2, padding="same")),
    "dense": layer_model((32,), lambda k: k.layers.Dense(16)),
    "dense_3d": layer_model((4, 24), lambda k: k.layers.Dense(12)),
    "dense_3d_any_batch": layer_model((4, 24), lambda k: k.layers.Dense(12),
                                      batch_size=None),
    "dense_softmax": dense_softmax,
    "max_pool": layer_model((12, 12, 4), lambda k: k.layers.MaxPooling2D(2)),
    "average_pool": layer_model((12, 12, 4), lambda k: k.layers.AveragePooling2D(
        3, strides=2, padding="same")),
    "global_average_pool": layer_model((8, 8, 6), lambda k: k.layers.GlobalAveragePooling2D()),
    "global_max_pool": layer_model((8, 8, 6), lambda k: k.layers.GlobalMaxPooling2D()),
    "batchnorm_alone": layer_model((8, 8, 6), lambda k: k.layers.BatchNormalization(
        moving_mean_initializer=k.initializers.RandomUniform(-0.2, 0.2, seed=1),
        moving_variance_initializer=k.initializers.RandomUniform(0.5, 1.5, seed=2),
        gamma_initializer=k.initializers.RandomUniform(0.5, 1.5, seed=3))),
    "conv2d_batchnorm": conv_batchnorm,
    "relu": layer_model((64,), lambda k: k.layers.ReLU()),
    "relu6": layer_model((64,), lambda k: k.layers.ReLU(max_value=6.0)),
    "leaky_relu": layer_model((64,), lambda k: k.layers.LeakyReLU(negative_slope=0.2)),
    "sigmoid": layer_model((64,), lambda k: k.layers.Activation("sigmoid")),
    "tanh": layer_model((64,), lambda k: k.layers.Activation("tanh")),
    "hard_swish": layer_model((64,), lambda k: k.layers.Activation("hard_swish")),
    "swish": layer_model((64,), lambda k: k.layers.Activation("swish")),
    "gelu": layer_model((64,), lambda k: k.layers.Activation("gelu")),
    "elu": layer_model((64,), lambda k: k.layers.Activation("elu")),
    "softmax": layer_model((4, 16), lambda k: k.layers.Softmax()),
    "add": two_input_model((6, 6, 4), lambda k: k.layers.Add()),
    "multiply": two_input_model((6, 6, 4), lambda k: k.layers.Multiply()),
    "subtract": two_input_model((6, 6, 4), lambda k: k.layers.Subtract()),
    "concatenate": two_input_model((6, 6, 4), lambda k: k.layers.Concatenate()),
    "reshape": layer_model((6, 8), lambda k: k.layers.Reshape((4, 12))),
    "flatten": layer_model((4, 4, 3), lambda k: k.layers.Flatten()),
    "permute": layer_model((4, 5, 3), lambda k: k.layers.Permute((2, 1, 3))),
    "upsampling2d_nearest": layer_model((5, 5, 3), lambda k: k.layers.UpSampling2D(2)),
    "upsampling2d_bilinear": layer_model((5, 5, 3), lambda k: k.layers.UpSampling2D(
        2, interpolation="bilinear")),
    "zero_padding2d": layer_model((6, 6, 3), lambda k: k.layers.ZeroPadding2D(((1, 2), (2, 1)))),
    "cropping2d": layer_model((8, 8, 3), lambda k: k.layers.Cropping2D(((1, 2), (2, 1)))),
    "layer_normalization": layer_model((6, 16), lambda k: k.layers.LayerNormalization()),
    "lstm": sequence_model("LSTM"),
    "lstm_sequences": sequence_model("LSTM", return_sequences=True),
    "lstm_unrolled": sequence_model("LSTM", unroll=True),
    "gru": sequence_model("GRU"),
    "gru_unrolled": sequence_model("GRU", unroll=True),
    "simple_rnn": sequence_model("SimpleRNN"),
}


# --- whole architectures -----------------------------------------------------


def calibrate_batchnorm(model):
    """keras.applications' BatchNormalization layers start as the identity,
    and through a deep untrained network the activations then fade: the
    MobileNets' logits spanned about 2e-6, an int8 SOFTMAX input scale of
    7.8e-9 that TFLite, TFLite Micro and ingot all refuse. Give each layer
    the statistics of its input on one random sample (momentum 0 for one
    training-mode call), as training would, so every activation keeps a
    spread."""
    rng = np.random.default_rng(11)
    sample = rng.uniform(-1, 1, (1,) + tuple(model.input_shape[1:]))
    layers = [layer for layer in model.layers
              if layer.__class__.__name__ == "BatchNormalization"]
    momenta = [layer.momentum for layer in layers]
    for layer in layers:
        layer.momentum = 0.0
    model(sample.astype(np.float32), training=True)
    for layer, momentum in zip(layers, momenta):
        layer.momentum = momentum
    return model


def mobilenet_v1():
    keras = _keras()
    return calibrate_batchnorm(keras.applications.MobileNet(
        input_tensor=keras.Input((96, 96, 3), batch_size=1),
        alpha=0.25, weights=None, classes=4,
        dropout=0.0))


def mobilenet_v2():
    keras = _keras()
    return calibrate_batchnorm(keras.applications.MobileNetV2(
        input_tensor=keras.Input((96, 96, 3), batch_size=1),
        alpha=0.35, weights=None, classes=4))


def mobilenet_v3_small():
    keras = _keras()
    return calibrate_batchnorm(keras.applications.MobileNetV3Small(
        input_tensor=keras.Input((96, 96, 3), batch_size=1),
        alpha=0.75, weights=None, classes=4,
        dropout_rate=0.0, include_preprocessing=False))


def resnet_small():
    """ResNet-8 as MLPerf Tiny's image classification (32x32x3, 3 stages)."""
    keras = _keras()
    L = keras.layers
    inputs = keras.Input((32, 32, 3), batch_size=1)
    x = L.Conv2D(16, 3, padding="same")(inputs)
    x = L.BatchNormalization()(x)
    x = L.ReLU()(x)
    for filters, stride in ((16, 1), (32, 2), (64, 2)):
        y = L.Conv2D(filters, 3, strides=stride, padding="same")(x)
        y = L.BatchNormalization()(y)
        y = L.ReLU()(y)
        y = L.Conv2D(filters, 3, padding="same")(y)
        y = L.BatchNormalization()(y)
        if stride != 1 or x.shape[-1] != filters:
            x = L.Conv2D(filters, 1, strides=stride)(x)
        x = L.ReLU()(L.Add()([x, y]))
    x = L.AveragePooling2D(8)(x)
    x = L.Flatten()(x)
    x = L.Dense(10, activation="softmax")(x)
    model = keras.Model(inputs, x)
    randomize_batchnorm(model)
    return model


def ds_cnn():
    """DS-CNN keyword spotting (MLPerf Tiny's KWS): 49x10 MFCC input."""
    keras = _keras()
    L = keras.layers
    inputs = keras.Input((49, 10, 1), batch_size=1)
    x = L.Conv2D(64, (10, 4), strides=2, padding="same")(inputs)
    x = L.BatchNormalization()(x)
    x = L.ReLU()(x)
    for _ in range(4):
        x = L.DepthwiseConv2D(3, padding="same")(x)
        x = L.BatchNormalization()(x)
        x = L.ReLU()(x)
        x = L.Conv2D(64, 1)(x)
        x = L.BatchNormalization()(x)
        x = L.ReLU()(x)
    x = L.AveragePooling2D(pool_size=x.shape[1:3])(x)
    x = L.Flatten()(x)
    x = L.Dense(12, activation="softmax")(x)
    model = keras.Model(inputs, x)
    randomize_batchnorm(model)
    return model


def sequence_classifier(kind, unroll=False):
    """Keras 3's LSTM and GRU are not fused by the converter (into
    UNIDIRECTIONAL_SEQUENCE_LSTM, as Keras 2's were): a WHILE loop, or
    unrolled into FULLY_CONNECTED and activations with unroll=True."""
    def build():
        keras = _keras()
        inputs = keras.Input((20, 8), batch_size=1)
        x = getattr(keras.layers, kind)(16, unroll=unroll)(inputs)
        x = keras.layers.Dense(4, activation="softmax")(x)
        return keras.Model(inputs, x)
    return build


def unet_small():
    keras = _keras()
    L = keras.layers
    inputs = keras.Input((32, 32, 3), batch_size=1)
    c1 = L.Conv2D(8, 3, padding="same", activation="relu")(inputs)
    p1 = L.MaxPooling2D(2)(c1)
    c2 = L.Conv2D(16, 3, padding="same", activation="relu")(p1)
    p2 = L.MaxPooling2D(2)(c2)
    b = L.Conv2D(32, 3, padding="same", activation="relu")(p2)
    u2 = L.Conv2DTranspose(16, 2, strides=2, padding="same")(b)
    c3 = L.Conv2D(16, 3, padding="same", activation="relu")(
        L.Concatenate()([u2, c2]))
    u1 = L.UpSampling2D(2)(c3)
    c4 = L.Conv2D(8, 3, padding="same", activation="relu")(
        L.Concatenate()([u1, c1]))
    outputs = L.Conv2D(2, 1, activation="sigmoid")(c4)
    return keras.Model(inputs, outputs)


def attention_block():
    """A transformer encoder block: MultiHeadAttention, LayerNormalization,
    a feed-forward network, residual adds."""
    keras = _keras()
    L = keras.layers
    inputs = keras.Input((8, 16), batch_size=1)
    x = L.MultiHeadAttention(num_heads=2, key_dim=8)(inputs, inputs)
    x = L.LayerNormalization()(L.Add()([inputs, x]))
    y = L.Dense(32, activation="relu")(x)
    y = L.Dense(16)(y)
    x = L.LayerNormalization()(L.Add()([x, y]))
    x = L.GlobalAveragePooling1D()(x)
    return keras.Model(inputs, L.Dense(4, activation="softmax")(x))


ARCHITECTURES = {
    "mobilenet_v1": mobilenet_v1,
    "mobilenet_v2": mobilenet_v2,
    "mobilenet_v3_small": mobilenet_v3_small,
    "resnet_small": resnet_small,
    "ds_cnn": ds_cnn,
    "lstm_classifier": sequence_classifier("LSTM"),
    "lstm_unrolled_classifier": sequence_classifier("LSTM", unroll=True),
    "gru_classifier": sequence_classifier("GRU"),
    "gru_unrolled_classifier": sequence_classifier("GRU", unroll=True),
    "unet_small": unet_small,
    "dot_product_attention": dot_product_attention,
    "attention_block": attention_block,
}



def dense_mlp():
    keras = _keras()
    inputs = keras.Input((128,), batch_size=1)
    x = keras.layers.Dense(128, activation="relu")(inputs)
    x = keras.layers.Dense(10)(x)
    return keras.Model(inputs, x)


# Dense layers with at least 1024 weights, the fewest the dynamic-range
# converter quantizes (the smaller ones above keep float weights). TensorFlow
# 2.21 quantizes them per output unit: hybrid FULLY_CONNECTED version 12 with
# asymmetric_quantize_inputs. Their value is how many such layers each model
# must have in dynamic mode (run_keras.py checks it).
PER_CHANNEL_DENSE = {
    "dense_mlp": 2,
    "dense_3d_large": 1,
}
LARGE_DENSE = {
    "dense_mlp": dense_mlp,
    "dense_3d_large": layer_model((4, 96), lambda k: k.layers.Dense(48)),
}

# A transposed convolution with more than 1024 weights (16 x 3 x 3 x 16), which
# the dynamic-range converter quantizes: TFLite's hybrid TRANSPOSE_CONV, per
# output channel.
LARGE_TRANSPOSE = {
    "conv2d_transpose_large": layer_model(
        (6, 6, 16), lambda k: k.layers.Conv2DTranspose(
            16, 3, strides=2, padding="same", activation="relu")),
}

# Appended last: a model's seed is its position in MODELS.
MODELS = {**LAYERS, **ARCHITECTURES, **LARGE_DENSE, **LARGE_TRANSPOSE}

# The fixed subset the `keras-models` ctest runs (in all four modes).
QUICK = ["conv2d", "depthwise_conv2d", "dense_softmax", "conv2d_batchnorm",
         "add", "concatenate", "average_pool", "ds_cnn", "resnet_small",
         "conv2d_transpose", "relu6", "sigmoid", "lstm_unrolled",
         "dense_mlp", "dense_3d_large", "lstm_classifier",
         "upsampling2d_nearest", "conv2d_transpose_large", "lstm_sequences"]


# --- conversion --------------------------------------------------------------


def representative_dataset(model, seed):
    rng = np.random.default_rng(seed)
    shapes = [(1,) + tuple(t.shape[1:]) for t in model.inputs]

    def samples():
        for _ in range(CALIBRATION_SAMPLES):
            yield [rng.uniform(-1, 1, s).astype(np.float32) for s in shapes]
    return samples


def convert(model, mode, seed):
    import tensorflow as tf
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if mode != "float":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    if mode == "int8":
        converter.representative_dataset = representative_dataset(model, seed)
        converter.target_spec.supported_ops = [
            tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    elif mode == "int16x8":
        converter.representative_dataset = representative_dataset(model, seed)
        converter.target_spec.supported_ops = [
            tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
        converter.inference_input_type = tf.int16
        converter.inference_output_type = tf.int16
    return converter.convert()


def last_error_line(error):
    lines = [l.strip() for l in str(error).splitlines() if l.strip()]
    errors = [l[l.index("error:"):] for l in lines if "error:" in l]
    # The location prefixes are long and say little: the message ends a line.
    plain = [e for e in errors if "loc(" not in e] or errors
    return (plain[0] if plain else lines[-1] if lines else repr(error))[:300]


@contextlib.contextmanager
def quiet():
    """The converter's C++ writes its diagnostics to file descriptor 2 and
    its Python to sys.stdout: keep both off the generator's log."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(2), os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        os.dup2(null.fileno(), 1)
        try:
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                yield
        finally:
            os.dup2(saved[0], 2)
            os.dup2(saved[1], 1)
            os.close(saved[0])
            os.close(saved[1])


class Converter:
    """Converts in a worker process (this script with --worker: it imports
    TensorFlow once and converts request after request), so that a converter
    that crashes (it does, on quantized recurrent models) or hangs costs one
    model, not the run: the worker is then started anew."""

    def __init__(self, timeout=600):
        self.timeout = timeout
        self.worker = None

    def _start(self):
        self.worker = subprocess.Popen(
            [sys.executable, str(pathlib.Path(__file__).resolve()),
             "--worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True)

    def _stop(self):
        if self.worker:
            self.worker.kill()
            self.worker.wait()
            self.worker = None

    def close(self):
        if self.worker:
            self.worker.stdin.close()
            self.worker.wait()
            self.worker = None

    def convert(self, name, mode, seed, path):
        """None when `path` was written, else why not."""
        if self.worker is None:
            self._start()
        request = {"name": name, "mode": mode, "seed": seed,
                   "path": str(path)}
        self.worker.stdin.write(json.dumps(request) + "\n")
        self.worker.stdin.flush()
        ready, _, _ = select.select([self.worker.stdout], [], [],
                                    self.timeout)
        if not ready:
            self._stop()
            return f"converter timed out after {self.timeout} s"
        line = self.worker.stdout.readline()
        if not line:
            status = self.worker.wait()
            self.worker = None
            if status < 0:
                return (f"converter crashed "
                        f"({signal.Signals(-status).name})")
            return f"converter exited with {status}"
        return json.loads(line).get("error")


def serve():
    """The --worker loop: one JSON request a line on stdin, one answer a
    line on stdout ({} or {"error": why})."""
    keras = _keras()
    answers = os.fdopen(os.dup(1), "w")
    built = None
    for line in sys.stdin:
        request = json.loads(line)
        answer = {}
        try:
            if built is None or built[0] != request["name"]:
                keras.backend.clear_session()
                keras.utils.set_random_seed(request["seed"])
                built = (request["name"], MODELS[request["name"]]())
            with quiet():
                flatbuffer = convert(built[1], request["mode"],
                                     request["seed"])
            pathlib.Path(request["path"]).write_bytes(flatbuffer)
        except Exception as error:  # the converter refuses: a note
            answer["error"] = "converter refused: " + last_error_line(error)
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def generate(names, modes, outdir, seed=1234, log=print):
    """Builds and converts `names` in `modes` into outdir; returns the index
    (also written to outdir/index.json, merged with an existing one). A
    model's weights depend on its name and the seed only."""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    index_path = outdir / "index.json"
    index = {}
    if index_path.is_file():
        for entry in json.loads(index_path.read_text()):
            index[(entry["model"], entry["mode"])] = entry
    converter = Converter()
    try:
        for name in names:
            model_seed = seed + list(MODELS).index(name)
            (outdir / name).mkdir(exist_ok=True)
            for mode in modes:
                started = time.time()
                entry = {"model": name, "mode": mode}
                path = outdir / name / f"{mode}.tflite"
                if path.exists():
                    path.unlink()
                problem = converter.convert(name, mode, model_seed, path)
                if problem or not path.is_file():
                    entry["skipped"] = problem or "converter wrote nothing"
                    note = entry["skipped"]
                else:
                    entry["file"] = f"{name}/{mode}.tflite"
                    note = f"{path.stat().st_size} bytes"
                index[(name, mode)] = entry
                log(f"{name:<24} {mode:<8} {note} "
                    f"({time.time() - started:.1f} s)", flush=True)
    finally:
        converter.close()
    entries = sorted(index.values(), key=lambda e: (e["model"], e["mode"]))
    index_path.write_text(json.dumps(entries, indent=1) + "\n")
    return entries


def model_set(names_or_set):
    if names_or_set == "quick":
        return list(QUICK)
    if names_or_set == "full":
        return list(MODELS)
    if names_or_set == "layers":
        return list(LAYERS)
    if names_or_set == "architectures":
        return list(ARCHITECTURES)
    raise SystemExit(f"error: unknown set {names_or_set!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outdir")
    parser.add_argument("--set", default="full",
                        help="quick, layers, architectures or full (default)")
    parser.add_argument("--only", action="append", default=[],
                        help="a model name (repeatable); overrides --set")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--list", action="store_true",
                        help="print the model names and exit")
    parser.add_argument("--worker", action="store_true",
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        serve()
        return 0
    if args.list:
        print("\n".join(MODELS))
        return 0
    if not args.outdir:
        parser.error("--outdir is required")
    names = args.only or model_set(args.set)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        raise SystemExit(f"error: unknown model(s) {', '.join(unknown)}")
    modes = [m for m in args.modes.split(",") if m]
    bad = [m for m in modes if m not in MODES]
    if bad:
        raise SystemExit(f"error: unknown mode(s) {', '.join(bad)}")
    generate(names, modes, args.outdir, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
