"""ingot.Converter: each attribute's effect, checked on the model it writes."""
import numpy as np
import pytest

import ingot


def float_model(conformance):
    return conformance / "hello_world_float" / "model.tflite"


def representative_dataset():
    # hello_world's input is x in [0, 2*pi]; batches of one, as TFLite's
    # converter is given them.
    for x in np.linspace(0.0, 2 * np.pi, 64, dtype=np.float32):
        yield [np.array([[x]], dtype=np.float32)]


def tflm_run(tflm, model_bytes, value):
    interpreter = tflm.Interpreter.from_bytes(model_bytes)
    interpreter.set_input(value, 0)
    interpreter.invoke()
    return interpreter.get_output(0)


def ingot_run(model_bytes, value):
    interpreter = ingot.Interpreter(model_content=model_bytes)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], value)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


def io_types(model_bytes):
    details = ingot.Interpreter(model_content=model_bytes)
    return (details.get_input_details()[0]["dtype"],
            details.get_output_details()[0]["dtype"])


def test_without_optimizations_the_model_stays_float(conformance):
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    assert io_types(converter.convert()) == (np.float32, np.float32)


def test_default_without_data_is_dynamic_range(conformance):
    path = conformance / "mlperf_ic_float" / "model.tflite"
    converter = ingot.Converter.from_tflite(str(path))
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converted = converter.convert()
    # int8 weights: about a quarter of the float model's bytes.
    assert len(converted) < 0.35 * path.stat().st_size
    assert io_types(converted) == (np.float32, np.float32)


def test_float16_halves_the_weights(conformance):
    path = conformance / "mlperf_ic_float" / "model.tflite"
    converter = ingot.Converter.from_tflite(path.read_bytes())
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.target_spec.supported_types = [np.float16]
    size = len(converter.convert())
    assert 0.4 * path.stat().st_size < size < 0.6 * path.stat().st_size


def test_full_integer_matches_tflite_micro_bit_for_bit(conformance, tflm):
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    converter.target_spec.supported_ops = [ingot.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = np.int8
    converter.inference_output_type = np.int8
    converted = converter.convert()
    assert io_types(converted) == (np.int8, np.int8)
    for q in range(-128, 128, 17):
        value = np.array([[q]], dtype=np.int8)
        np.testing.assert_array_equal(ingot_run(converted, value),
                                      tflm_run(tflm, converted, value))
    # Calibrated on [0, 2*pi]: sin stays within a few quantization steps.
    interpreter = ingot.Interpreter(model_content=converted)
    interpreter.allocate_tensors()
    (scale_in, zero_in), = [d["quantization"]
                            for d in interpreter.get_input_details()]
    (scale_out, zero_out), = [d["quantization"]
                              for d in interpreter.get_output_details()]
    x = 1.0
    interpreter.set_tensor(0, np.array([[round(x / scale_in) + zero_in]],
                                       np.int8))
    interpreter.invoke()
    y = (int(interpreter.get_tensor(1)[0, 0]) - zero_out) * scale_out
    assert abs(y - np.sin(x)) < 0.1


def test_int16x8_has_int16_inputs(conformance):
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    converter.target_spec.supported_ops = [
        ingot.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
    converter.inference_input_type = np.int16
    converter.inference_output_type = np.int16
    assert io_types(converter.convert()) == (np.int16, np.int16)


def test_compile_writes_buildable_cpp(conformance, tmp_path):
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    converter.target = "cortex-m4"
    compiled = converter.compile(name="sine")
    assert compiled.arena_bytes > 0
    assert compiled.inputs[0]["shape"] == (1, 1)
    folder = compiled.save(tmp_path / "sine")
    assert (tmp_path / "sine" / "sine.h").read_text() == compiled.header
    import subprocess
    subprocess.run(["c++", "-std=c++17", "-c", "-I", folder,
                    f"{folder}/sine.cpp", "-o", str(tmp_path / "sine.o")],
                   check=True)


@pytest.mark.parametrize("attribute, value, error, message", [
    ("target", "cortex-z9", ValueError, "unknown target 'cortex-z9'"),
    ("calibration_method", "median", ValueError, "minmax, percentile or mse"),
    ("inference_input_type", np.int8, ValueError, "one type"),
    ("inference_types", np.int8, ValueError, "does not go with no"),
    ("inference_types", "complex64", ValueError, "does not go with"),
    ("inference_input_type", object(), TypeError, "numpy dtype"),
])
def test_bad_attributes_are_refused(conformance, attribute, value, error,
                                    message):
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    if attribute == "inference_types":
        converter.inference_input_type = value
        converter.inference_output_type = value
    else:
        setattr(converter, attribute, value)
    with pytest.raises(error, match=message):
        converter.convert()


def test_integer_ops_need_a_representative_dataset(conformance):
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.target_spec.supported_ops = [ingot.OpsSet.TFLITE_BUILTINS_INT8]
    with pytest.raises(ValueError, match="representative_dataset"):
        converter.convert()
    converter.optimizations = []
    with pytest.raises(ValueError, match="Optimize.DEFAULT"):
        converter.convert()


def test_compiler_errors_carry_the_compilers_message(tmp_path):
    bad = tmp_path / "broken.tflite"
    bad.write_bytes(b"this is not a flatbuffer")
    with pytest.raises(ingot.CompilerError, match="broken.tflite"):
        ingot.Converter.from_tflite(str(bad)).compile()
    with pytest.raises(FileNotFoundError, match="missing.tflite"):
        ingot.Converter.from_tflite(str(tmp_path / "missing.tflite"))
    with pytest.raises(ValueError, match="C identifier"):
        ingot.Converter.from_tflite(bad.read_bytes()).compile(name="1 net")


def test_evaluate_reports_every_layer(conformance):
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    data = np.linspace(0.0, 2 * np.pi, 50, dtype=np.float32)[:, None]
    evaluation = ingot.evaluate(converter, data)
    assert evaluation.samples == 50
    assert [layer["op"] for layer in evaluation.layers] == [
        "FULLY_CONNECTED"] * 3
    assert all(layer["sqnr_db"] > 20 for layer in evaluation.layers)
    assert evaluation.model_bytes_after < evaluation.model_bytes_before


def test_works_after_tensorflow_is_imported(conformance, tf):
    # TensorFlow brings its own LLVM and MLIR, loaded globally: ingot must
    # keep to its own (a fresh process, TensorFlow imported first).
    import subprocess
    import sys
    # Quantized and compiled: every pipeline runs.
    script = ("import tensorflow, ingot; "
              "c = ingot.Converter.from_tflite("
              f"{str(conformance / 'mlperf_ic_float' / 'model.tflite')!r}); "
              "c.optimizations = [ingot.Optimize.DEFAULT]; "
              "c.target = 'cortex-m4'; "
              "print(len(c.compile().source))")
    result = subprocess.run([sys.executable, "-c", script], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.split()[-1]) > 1000


def int8_converter(path, **attributes):
    converter = ingot.Converter.from_tflite(str(path))
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    for name, value in attributes.items():
        setattr(converter, name, value)
    return converter


def test_target_and_optimize_choose_the_kernels(conformance):
    path = conformance / "mlperf_kws_int8" / "model.tflite"
    generic = ingot.Converter.from_tflite(str(path)).compile(name="kws")
    converter = ingot.Converter.from_tflite(str(path))
    converter.target = "cortex-m4"
    m4 = converter.compile(name="kws")
    assert not any(name.startswith("ingot/runtime/arm/")
                   for name in generic.files)
    assert "ingot/runtime/arm/dsp.h" in m4.files
    converter.optimize = "size"
    assert converter.compile(name="kws").source != m4.source


def test_calibration_method_and_bias_correction_change_the_model(
        conformance):
    # Real keyword-spotting features, where the methods' ranges differ.
    path = conformance / "mlperf_kws_hybrid" / "model.tflite"
    features = np.load(conformance.parent / "datasets/kws/mfcc_f32.npy")[:64]

    def kws_dataset():
        for sample in features:
            yield [sample[None]]

    models = {}
    for method in ("minmax", "percentile", "mse"):
        models[method] = int8_converter(
            path, representative_dataset=kws_dataset,
            calibration_method=method).convert()
    assert len(set(models.values())) == 3
    corrected = int8_converter(path, representative_dataset=kws_dataset,
                               bias_correction=True).convert()
    # Bias correction moves only the biases: same size, other bytes.
    assert corrected != models["minmax"]
    assert len(corrected) == len(models["minmax"])


def test_from_saved_model(tf, tmp_path, tflm):
    tf.keras.utils.set_random_seed(5)
    model = tf.keras.Sequential([tf.keras.Input((6,)),
                                 tf.keras.layers.Dense(3)])
    model.export(str(tmp_path / "saved"), verbose=False)
    converted = ingot.Converter.from_saved_model(tmp_path / "saved").convert()
    x = np.linspace(-1, 1, 6, dtype=np.float32)[None]
    expected = model(x).numpy()
    np.testing.assert_allclose(ingot_run(converted, x), expected, atol=1e-5)
    np.testing.assert_allclose(tflm_run(tflm, converted, x), expected,
                               atol=1e-5)


def test_compiled_model_has_the_layer_table(conformance):
    # MLPerf Tiny's KWS DS-CNN: the anchors list its MACs (an independent
    # count); the arena is the generated header's.
    import json
    path = conformance / "mlperf_kws_int8" / "model.tflite"
    compiled = ingot.Converter.from_tflite(str(path)).compile(name="kws")
    anchors = json.loads((conformance.parent / "anchors" /
                          "tflm_cm4.json").read_text())
    entry = anchors["models"]["mlperf_kws_int8"]
    assert compiled.macs == entry["macs"]
    ops = [layer["op"] for layer in compiled.layers]
    assert ops.count("DEPTHWISE_CONV_2D") == 4 and ops[-1] == "SOFTMAX"
    assert compiled.weight_bytes == sum(layer["weight_bytes"]
                                        for layer in compiled.layers)


def test_supported_types_read_as_tflite_reads_them(conformance):
    # [int8] asks for integer-only operators, which need data; float16
    # counts only as the smallest type.
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.target_spec.supported_types = [np.int8]
    with pytest.raises(ValueError, match="representative_dataset"):
        converter.convert()
    converter.target_spec.supported_types = [np.float16, np.int8]
    converter.representative_dataset = representative_dataset
    converter.inference_input_type = np.int8
    converter.inference_output_type = np.int8
    assert io_types(converter.convert()) == (np.int8, np.int8)
    # Sparsity alone does not quantize.
    converter = ingot.Converter.from_tflite(str(float_model(conformance)))
    converter.optimizations = [ingot.Optimize.EXPERIMENTAL_SPARSITY]
    assert io_types(converter.convert()) == (np.float32, np.float32)
