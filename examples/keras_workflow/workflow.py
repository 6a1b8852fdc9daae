#!/usr/bin/env python3
"""The TensorFlow workflow end to end, with ingot beside TFLite's converter.

Trains a small Keras CNN on Fashion-MNIST (Debian's dataset-fashion-mnist),
converts it with tf.lite.TFLiteConverter in float, dynamic range and full
int8 (a representative dataset of training images), quantizes the same float
model with ingot.Converter on the same calibration images, and measures on
the 10,000 test images, in one run:

- accuracy under tf.lite.Interpreter, TFLite Micro's interpreter (PyPI
  tflite-micro; it does not run dynamic-range models) and ingot.Interpreter;
- model bytes, arena bytes and Cortex-M4 flash (ingot's generated code);
- whether ingot's outputs equal TFLite Micro's, bit for bit, on the
  converter's int8 model.

  .venv/bin/python examples/keras_workflow/workflow.py [--epochs 2] [--count N]
"""
import argparse
import importlib.util
import json
import os
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def load_fashion_mnist(folder):
    """examples/fashion_mnist's reader of Debian's idx files."""
    spec = importlib.util.spec_from_file_location(
        "fashion_train", ROOT / "examples" / "fashion_mnist" / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load(folder, "train"), module.load(folder, "t10k")


def train(tf, images, labels, epochs, seed):
    tf.keras.utils.set_random_seed(seed)
    model = tf.keras.Sequential([
        tf.keras.Input((28, 28, 1)),
        tf.keras.layers.Conv2D(16, 3, strides=2, padding="same",
                               activation="relu"),
        tf.keras.layers.Conv2D(32, 3, strides=2, padding="same",
                               activation="relu"),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(10),
        tf.keras.layers.Softmax(),
    ])
    model.compile(optimizer="adam",
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(images, labels, epochs=epochs, batch_size=128, verbose=2)
    return model


def quantize_input(images, detail):
    scale, zero_point = detail["quantization"]
    if not scale:
        return images.astype(np.float32)
    info = np.iinfo(detail["dtype"])
    return np.clip(np.round(images / scale) + zero_point, info.min,
                   info.max).astype(detail["dtype"])


def run_tflite_style(interpreter, images):
    """Outputs of an interpreter with TFLite's interface, image by image."""
    interpreter.allocate_tensors()
    inp = interpreter.get_input_details()[0]
    out = interpreter.get_output_details()[0]
    quantized = quantize_input(images, inp)
    outputs = []
    for image in quantized:
        interpreter.set_tensor(inp["index"], image[None])
        interpreter.invoke()
        outputs.append(interpreter.get_tensor(out["index"])[0])
    return np.array(outputs)


def run_tflm(tflm, model_bytes, images):
    interpreter = tflm.Interpreter.from_bytes(model_bytes)
    detail = interpreter.get_input_details(0)
    quantized = quantize_input(images, {
        "quantization": tuple(detail["quantization_parameters"]["scales"][:1])
        + tuple(detail["quantization_parameters"]["zero_points"][:1])
        if len(detail["quantization_parameters"]["scales"]) else (0.0, 0),
        "dtype": detail["dtype"]})
    outputs = []
    for image in quantized:
        interpreter.set_input(image[None], 0)
        interpreter.invoke()
        outputs.append(interpreter.get_output(0)[0].copy())
    return np.array(outputs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--outdir", default=str(ROOT / "build" / "examples"
                                                / "keras_workflow"))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--count", type=int, default=10000,
                        help="test images to measure on (default: all)")
    parser.add_argument("--calibration", type=int, default=500,
                        help="training images in the representative dataset")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless ingot equals TFLite Micro bit for "
                             "bit on the converter's int8 model and every "
                             "accuracy is within 0.02 of the float model's")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    from tflite_micro.python.tflite_micro import runtime as tflm
    import ingot

    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    (train_x, train_y), (test_x, test_y) = load_fashion_mnist(Path(args.data))
    test_x, test_y = test_x[:args.count], test_y[:args.count]
    started = time.time()
    model = train(tf, train_x, train_y, args.epochs, args.seed)
    print(f"trained in {time.time() - started:.0f} s")
    calibration = train_x[np.random.default_rng(args.seed).choice(
        len(train_x), args.calibration, replace=False)]

    def representative_dataset():
        for image in calibration:
            yield [image[None].astype(np.float32)]

    # TFLite's converter, as users call it.
    models = {}
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    models["float (TFLite converter)"] = converter.convert()
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    models["dynamic range (TFLite converter)"] = converter.convert()
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    models["int8 (TFLite converter)"] = converter.convert()
    # ingot's converter: the same lines, other names.
    converter = ingot.Converter.from_keras_model(model)
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    converter.target_spec.supported_ops = [ingot.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    models["int8 (ingot)"] = converter.convert()

    rows = []
    for number, (label, content) in enumerate(models.items()):
        (out / f"model{number}.tflite").write_bytes(content)
        converter = ingot.Converter.from_tflite(content)
        converter.target = "cortex-m4"
        accuracy = {}
        try:
            compiled = converter.compile(name="fashion")
            ours = run_tflite_style(ingot.Interpreter(model_content=content),
                                    test_x)
        except ingot.CompilerError as error:
            # Say so in the table, as a user would see it.
            compiled, ours = None, None
            print(f"{label}: ingot refused it: {error}")
        if ours is not None:
            accuracy["ingot"] = float(np.mean(ours.argmax(1) == test_y))
        theirs = run_tflite_style(tf.lite.Interpreter(model_content=content),
                                  test_x)
        accuracy["tf.lite"] = float(np.mean(theirs.argmax(1) == test_y))
        # In output units: probabilities for float outputs, quantization
        # steps for int8 ones.
        difference = (None if ours is None else float(np.abs(
            ours.astype(np.float64) - theirs.astype(np.float64)).max()))
        exact = None
        if "dynamic" not in label:  # TFLite Micro has no hybrid kernels
            micro = run_tflm(tflm, content, test_x)
            accuracy["TFLM"] = float(np.mean(micro.argmax(1) == test_y))
            if ours is not None and ours.dtype != np.float32:
                exact = int(np.sum(np.all(ours == micro, axis=1)))
        rows.append({"model": label, "bytes": len(content),
                     "arena": compiled.arena_bytes if compiled else None,
                     "flash": compiled.flash_bytes() if compiled else None,
                     **accuracy, "exact": exact,
                     "max_difference_vs_tflite": difference})

    images = len(test_y)
    print()
    print(f"| model | .tflite bytes | arena bytes | Cortex-M4 flash bytes "
          f"| accuracy tf.lite | accuracy TFLM | accuracy ingot | ingot == "
          f"TFLM, bit for bit ({images} images) | max abs(ingot - tf.lite) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        micro = (f"{row['TFLM']:.4f}" if "TFLM" in row else
                 "(TFLM has no hybrid kernels)")
        ours = f"{row['ingot']:.4f}" if "ingot" in row else "refused"
        exact = ("—" if row["exact"] is None else
                 f"{row['exact']} / {images}")
        difference = row["max_difference_vs_tflite"]
        print(f"| {row['model']} | {row['bytes']} | {row['arena'] or '—'} | "
              f"{row['flash'] or '—'} | {row['tf.lite']:.4f} | {micro} | "
              f"{ours} | {exact} | "
              f"{'—' if difference is None else f'{difference:.3g}'} |")
    (out / "results.json").write_text(json.dumps(rows, indent=2))

    if args.check:
        failures = []
        converter_int8 = next(row for row in rows
                              if row["model"].startswith("int8 (TFLite"))
        if converter_int8["exact"] != images:
            failures.append("ingot differs from TFLite Micro on the "
                            "converter's int8 model")
        reference = rows[0]["tf.lite"]
        for row in rows:
            for key in ("tf.lite", "TFLM", "ingot"):
                if key in row and abs(row[key] - reference) > 0.02:
                    failures.append(f"{row['model']} {key}: {row[key]:.4f}, "
                                    f"float {reference:.4f}")
        if failures:
            raise SystemExit("FAIL: " + "; ".join(failures))
        print("check passed")


if __name__ == "__main__":
    main()
