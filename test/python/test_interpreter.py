"""ingot.Interpreter against TFLite Micro's outputs and tf.lite.Interpreter's interface."""
import numpy as np
import pytest

import ingot
from conftest import read_case


@pytest.mark.parametrize("name", ["hello_world_int8", "mlperf_kws_int8",
                                  "mlperf_ad_float"])
def test_outputs_equal_tflite_micro_outputs(conformance, name):
    folder = conformance / name
    interpreter = ingot.Interpreter(model_path=str(folder / "model.tflite"))
    interpreter.allocate_tensors()
    (input_detail,) = interpreter.get_input_details()
    (output_detail,) = interpreter.get_output_details()
    for case in range(4):
        value = read_case(folder, case, "input", input_detail["dtype"],
                          input_detail["shape"])
        interpreter.set_tensor(input_detail["index"], value)
        interpreter.invoke()
        got = interpreter.get_tensor(output_detail["index"])
        want = read_case(folder, case, "output", output_detail["dtype"],
                         output_detail["shape"])
        if np.issubdtype(want.dtype, np.floating):
            tolerance = 1e-5 * max(1.0, float(np.abs(want).max()))
            assert np.abs(got - want).max() <= tolerance
        else:
            np.testing.assert_array_equal(got, want)


def test_details_match_tflite_interpreter(conformance, tf):
    path = str(conformance / "mlperf_kws_int8" / "model.tflite")
    ours = ingot.Interpreter(model_path=path)
    theirs = tf.lite.Interpreter(model_path=path)
    for interpreter in (ours, theirs):
        interpreter.allocate_tensors()
    for get in ("get_input_details", "get_output_details"):
        assert len(getattr(ours, get)()) == len(getattr(theirs, get)())
        for mine, reference in zip(getattr(ours, get)(),
                                   getattr(theirs, get)()):
            assert set(reference) <= set(mine), set(reference) - set(mine)
            assert mine["name"] == reference["name"]
            np.testing.assert_array_equal(mine["shape"], reference["shape"])
            assert mine["dtype"] == reference["dtype"]
            assert mine["quantization"] == reference["quantization"]
            np.testing.assert_array_equal(
                mine["quantization_parameters"]["scales"],
                reference["quantization_parameters"]["scales"])
            np.testing.assert_array_equal(
                mine["quantization_parameters"]["zero_points"],
                reference["quantization_parameters"]["zero_points"])


def classify(lite, model_path, features):
    """A script written for tf.lite: only `lite` changes (tf.lite or ingot)."""
    interpreter = lite.Interpreter(model_path=model_path)
    interpreter.allocate_tensors()
    input_details = interpreter.get_input_details()[0]
    output_details = interpreter.get_output_details()[0]
    scale, zero_point = input_details["quantization"]
    results = []
    for sample in features:
        quantized = np.clip(np.round(sample / scale) + zero_point, -128, 127)
        interpreter.set_tensor(input_details["index"],
                               quantized.astype(input_details["dtype"])[None])
        interpreter.invoke()
        results.append(interpreter.get_tensor(output_details["index"])[0])
    return np.array(results)


def test_tflite_script_runs_unchanged(conformance, tf):
    features = np.load(conformance.parent / "datasets/kws/mfcc_f32.npy")[:8]
    path = str(conformance / "mlperf_kws_int8" / "model.tflite")
    ours = classify(ingot, path, features)
    theirs = classify(tf.lite, path, features)
    # TFLite's optimized kernels may round differently from the reference
    # kernels (ingot's oracle) by one step; the classes must agree.
    assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= 1
    np.testing.assert_array_equal(ours.argmax(axis=1), theirs.argmax(axis=1))


def test_set_tensor_checks_dtype_and_shape(conformance):
    interpreter = ingot.Interpreter(
        model_path=str(conformance / "hello_world_int8" / "model.tflite"))
    with pytest.raises(RuntimeError, match="allocate_tensors"):
        interpreter.invoke()
    interpreter.allocate_tensors()
    index = interpreter.get_input_details()[0]["index"]
    with pytest.raises(ValueError, match="type FLOAT32 but expected type INT8"):
        interpreter.set_tensor(index, np.zeros((1, 1), np.float32))
    with pytest.raises(ValueError, match="Dimension mismatch"):
        interpreter.set_tensor(index, np.zeros((1, 2), np.int8))
    with pytest.raises(ValueError, match="Invalid tensor index"):
        interpreter.get_tensor(7)
    with pytest.raises(ValueError, match="ahead of time"):
        interpreter.resize_tensor_input(index, [4, 1])
    # Details are copies, as TFLite's: changing one changes nothing here.
    interpreter.get_input_details()[0]["shape"][1] = 5
    interpreter.set_tensor(index, np.zeros((1, 1), np.int8))


def test_model_content_and_compiled_model(conformance):
    path = conformance / "hello_world_int8" / "model.tflite"
    from_bytes = ingot.Interpreter(model_content=path.read_bytes())
    compiled = ingot.Converter.from_tflite(str(path)).compile(name="sine")
    from_compiled = ingot.Interpreter(compiled_model=compiled)
    outputs = []
    for interpreter in (from_bytes, from_compiled):
        interpreter.allocate_tensors()
        interpreter.set_tensor(0, np.array([[-30]], np.int8))
        interpreter.invoke()
        outputs.append(interpreter.get_tensor(1))
    np.testing.assert_array_equal(outputs[0], outputs[1])
    with pytest.raises(ValueError, match="one of"):
        ingot.Interpreter()
