"""The TensorFlow workflow: one converter script, run with tf.lite and with ingot."""
import numpy as np

import ingot


def quantize(lite, converter_class, tf, model, representative_dataset):
    """A script written for TFLite's converter; `lite` and the class change."""
    converter = converter_class.from_keras_model(model)
    converter.optimizations = [lite.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    converter.target_spec.supported_ops = [lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    return converter.convert()


def small_cnn(tf):
    tf.keras.utils.set_random_seed(3)
    return tf.keras.Sequential([
        tf.keras.Input((12, 12, 1)),
        tf.keras.layers.Conv2D(8, 3, strides=2, padding="same",
                               activation="relu"),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(5),
        tf.keras.layers.Softmax(),
    ])


def classify(tflm, content, images):
    interpreter = tflm.Interpreter.from_bytes(content)
    detail = interpreter.get_input_details(0)
    scale = detail["quantization_parameters"]["scales"][0]
    zero_point = detail["quantization_parameters"]["zero_points"][0]
    outputs = []
    for image in images:
        q = np.clip(np.round(image / scale) + zero_point, -128, 127)
        interpreter.set_input(q.astype(np.int8)[None], 0)
        interpreter.invoke()
        outputs.append(interpreter.get_output(0)[0].copy())
    return np.array(outputs)


def test_the_same_script_quantizes_with_either(tf, tflm):
    model = small_cnn(tf)
    rng = np.random.default_rng(0)
    calibration = rng.uniform(0, 1, (64, 12, 12, 1)).astype(np.float32)
    images = rng.uniform(0, 1, (40, 12, 12, 1)).astype(np.float32)

    def representative_dataset():
        for image in calibration:
            yield [image[None]]

    theirs = quantize(tf.lite, tf.lite.TFLiteConverter, tf, model,
                      representative_dataset)
    ours = quantize(ingot, ingot.Converter, tf, model,
                    representative_dataset)
    float_classes = model.predict(images, verbose=0).argmax(axis=1)
    for content in (theirs, ours):
        outputs = classify(tflm, content, images)
        assert outputs.dtype == np.int8
        # Both quantized models classify as the float model does, nearly
        # always (random weights: close scores can swap).
        assert np.mean(outputs.argmax(axis=1) == float_classes) >= 0.9
        # And ingot's generated code runs either model as TFLite Micro does.
        interpreter = ingot.Interpreter(model_content=content)
        interpreter.allocate_tensors()
        detail = interpreter.get_input_details()[0]
        scale, zero_point = detail["quantization"]
        for image, expected in zip(images, outputs):
            q = np.clip(np.round(image / scale) + zero_point, -128, 127)
            interpreter.set_tensor(detail["index"], q.astype(np.int8)[None])
            interpreter.invoke()
            got = interpreter.get_tensor(
                interpreter.get_output_details()[0]["index"])[0]
            np.testing.assert_array_equal(got, expected)
