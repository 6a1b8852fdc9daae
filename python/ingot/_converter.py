"""ingot.Converter: TensorFlow Lite's converter interface over ingot's compiler."""
import enum
import json
import os
import re
import shutil
import subprocess
import tempfile

import numpy as np

from ._native import native as _ingot
from ._errors import check


class Optimize(enum.Enum):
    """As ``tf.lite.Optimize``: DEFAULT quantizes (how, the other settings say)."""
    DEFAULT = "DEFAULT"
    # Deprecated in TensorFlow, where both mean DEFAULT; kept so that old
    # scripts run.
    OPTIMIZE_FOR_SIZE = "OPTIMIZE_FOR_SIZE"
    OPTIMIZE_FOR_LATENCY = "OPTIMIZE_FOR_LATENCY"
    # TFLite's sparse encoding; ingot's weights are dense, so it changes
    # nothing (as in TFLite for weights that are not sparse).
    EXPERIMENTAL_SPARSITY = "EXPERIMENTAL_SPARSITY"


_QUANTIZING = {Optimize.DEFAULT, Optimize.OPTIMIZE_FOR_SIZE,
               Optimize.OPTIMIZE_FOR_LATENCY}


class OpsSet(enum.Enum):
    """As ``tf.lite.OpsSet``: which kinds of operators the model may keep."""
    TFLITE_BUILTINS = "TFLITE_BUILTINS"
    TFLITE_BUILTINS_INT8 = "TFLITE_BUILTINS_INT8"
    EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8 = (
        "EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8")


class TargetSpec:
    """As ``converter.target_spec``: ``supported_ops`` and ``supported_types``."""

    def __init__(self):
        self.supported_ops = {OpsSet.TFLITE_BUILTINS}
        self.supported_types = []


def _ops_set(value):
    """An OpsSet from ingot's enum, TensorFlow's, or its name."""
    name = getattr(value, "name", value)
    try:
        return OpsSet(name)
    except ValueError:
        raise ValueError(
            f"target_spec.supported_ops: ingot does not know the set {value!r}; "
            f"use one of {[member.name for member in OpsSet]}") from None


def _numpy_dtype(value, what):
    """A numpy dtype from a numpy type, a dtype, a name or a tf.DType."""
    if hasattr(value, "as_numpy_dtype"):  # tf.int8 and the like
        value = value.as_numpy_dtype
    try:
        return np.dtype(value)
    except TypeError:
        raise TypeError(f"{what} takes a numpy dtype such as numpy.int8 "
                        f"(or TensorFlow's tf.int8), not {value!r}") from None


class Converter:
    """Quantizes and compiles a TensorFlow Lite model, as ``tf.lite.TFLiteConverter``.

    Make one with ``from_tflite``, ``from_keras_model`` or
    ``from_saved_model``; set the same attributes as on TFLite's converter;
    ``convert()`` returns the ``.tflite`` bytes and ``compile()`` the C++.
    ingot's own attributes: ``target`` (``"generic"``, ``"host"``,
    ``"cortex-m4"``, ``"cortex-m7"``, ``"cortex-m55"``), ``optimize``
    (``"speed"`` or ``"size"``), ``calibration_method`` (``"minmax"``,
    ``"percentile"``, ``"mse"``) and ``bias_correction``.
    """

    def __init__(self, model_content, model_path=None):
        self._model_content = bytes(model_content)
        self._model_path = model_path
        self.optimizations = []
        self.representative_dataset = None
        self.target_spec = TargetSpec()
        self.inference_input_type = np.float32
        self.inference_output_type = np.float32
        self.target = "generic"
        self.optimize = "speed"
        self.calibration_method = "minmax"
        self.bias_correction = False

    @classmethod
    def from_tflite(cls, model):
        """A converter for a ``.tflite`` file (a path) or its bytes."""
        if isinstance(model, (bytes, bytearray, memoryview)):
            return cls(model)
        path = os.fspath(model)
        try:
            with open(path, "rb") as file:
                return cls(file.read(), model_path=path)
        except OSError as error:
            raise FileNotFoundError(
                f"ingot: cannot read the model {path}: {error.strerror}"
            ) from None

    @classmethod
    def from_keras_model(cls, model):
        """A converter for a Keras model, through TensorFlow's converter (float)."""
        tf = _tensorflow("from_keras_model")
        return cls(tf.lite.TFLiteConverter.from_keras_model(model).convert())

    @classmethod
    def from_saved_model(cls, saved_model_dir):
        """A converter for a SavedModel folder, through TensorFlow's converter."""
        tf = _tensorflow("from_saved_model")
        converter = tf.lite.TFLiteConverter.from_saved_model(
            os.fspath(saved_model_dir))
        return cls(converter.convert())

    # What the attributes ask of ingot --------------------------------------

    def _quantization(self):
        """ingot's --quantize and --strict for the attributes, as TFLite reads them."""
        optimizing = any(Optimize(getattr(option, "name", option))
                         in _QUANTIZING for option in self.optimizations)
        ops = {_ops_set(value) for value in self.target_spec.supported_ops}
        types = [_numpy_dtype(value, "target_spec.supported_types")
                 for value in self.target_spec.supported_types]
        wide = (OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8
                in ops)
        # As TFLite: supported_types=[int8] asks for integer-only operators,
        # and float16 counts only when it is the smallest type given.
        integer_only = (OpsSet.TFLITE_BUILTINS_INT8 in ops
                        or np.dtype(np.int8) in types)
        float16 = bool(types) and min(types, key=lambda t: t.itemsize) == \
            np.dtype(np.float16)
        if not optimizing:
            if wide or integer_only:
                raise ValueError(
                    "target_spec.supported_ops asks for integer operators, "
                    "which needs quantization: add converter.optimizations = "
                    "[ingot.Optimize.DEFAULT] (as TFLite's converter does)")
            return "", False
        strict = (wide or integer_only) and (
            OpsSet.TFLITE_BUILTINS not in ops or np.dtype(np.int8) in types)
        if float16:
            return "float16", False
        if wide or integer_only or self.representative_dataset is not None:
            if self.representative_dataset is None:
                raise ValueError(
                    "full-integer quantization calibrates on representative "
                    "inputs: set converter.representative_dataset to a "
                    "function that yields them (as for TFLite's converter)")
            return ("int16x8" if wide else "int8"), strict
        return "dynamic", False

    def _io_type(self, mode):
        """ingot's --io-type for inference_input_type and inference_output_type."""
        types = {_numpy_dtype(value, attribute).name
                 for attribute, value in [
                     ("inference_input_type", self.inference_input_type),
                     ("inference_output_type", self.inference_output_type)]}
        if len(types) != 1:
            raise ValueError(
                "ingot gives a model's inputs and outputs one type: set "
                "inference_input_type and inference_output_type alike "
                f"(they are {sorted(types)})")
        io_type = types.pop()
        allowed = {"int8": ["float32", "int8", "uint8"],
                   "int16x8": ["float32", "int16"]}.get(mode, ["float32"])
        if io_type not in allowed:
            raise ValueError(
                f"inference_input_type {io_type} does not go with "
                f"{mode or 'no'} quantization; it takes {', '.join(allowed)}")
        # The driver names the integer type of the int16x8 scheme "int8" too.
        return "int8" if io_type == "int16" else io_type

    def _options(self, workdir):
        mode, strict = self._quantization()
        calibration = ""
        if mode in ("int8", "int16x8"):
            calibration = os.path.join(workdir, "representative.npy")
            np.save(calibration, self._representative_samples())
        options = _ingot.Options(
            target=self.target, optimize=self.optimize, quantize=mode,
            calibration=calibration,
            calibration_method=self.calibration_method,
            io_type=self._io_type(mode), strict=strict,
            bias_correction=bool(self.bias_correction))
        problem = _ingot.validate(options)
        if problem:
            raise ValueError(f"ingot: {problem}")
        return options

    def _representative_samples(self):
        """The representative dataset as one float32 array, samples first."""
        samples = []
        for item in self.representative_dataset():
            if isinstance(item, dict):
                item = list(item.values())
            if isinstance(item, (list, tuple)):
                if len(item) != 1:
                    raise ValueError(
                        "ingot calibrates models with one input; the "
                        f"representative dataset yields {len(item)} tensors "
                        "per sample")
                item = item[0]
            sample = np.asarray(item, dtype=np.float32)
            if sample.ndim == 0:
                raise ValueError("the representative dataset yields scalars; "
                                 "yield [input] with the model's input shape")
            samples.append(sample)
        if not samples:
            raise ValueError("the representative dataset yields no samples")
        # Each sample has the model's input shape, batch of one included.
        return np.concatenate(samples, axis=0)

    def _model_file(self, workdir):
        if self._model_path:
            return self._model_path
        path = os.path.join(workdir, "model.tflite")
        with open(path, "wb") as file:
            file.write(self._model_content)
        return path

    # The results ------------------------------------------------------------

    def convert(self):
        """The model, quantized as the attributes say, as ``.tflite`` bytes."""
        with tempfile.TemporaryDirectory(prefix="ingot-") as workdir:
            options = self._options(workdir)
            output = os.path.join(workdir, "converted.tflite")
            check(_ingot.write_tflite(options, self._model_file(workdir),
                                      output))
            with open(output, "rb") as file:
                return file.read()

    def compile(self, name="model"):
        """The model as C++ (quantized as the attributes say): a CompiledModel."""
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"name {name!r} is not a C identifier; it names "
                             "the files and prefixes every symbol")
        with tempfile.TemporaryDirectory(prefix="ingot-") as workdir:
            options = self._options(workdir)
            output = os.path.join(workdir, "out")
            model_file = self._model_file(workdir)
            check(_ingot.compile(options, model_file, output, name))
            # The per-layer table; with int8 quantization this calibrates
            # again, on the same data, to the same model.
            inspected = json.loads(
                check(_ingot.inspect(options, model_file))["report"])
            files = {}
            for folder, _, names in os.walk(output):
                for file_name in names:
                    path = os.path.join(folder, file_name)
                    relative = os.path.relpath(path, output)
                    with open(path, encoding="utf-8") as file:
                        files[relative.replace(os.sep, "/")] = file.read()
        return CompiledModel(name, files, self.target, inspected)


def _tensorflow(method):
    try:
        import tensorflow as tf
    except ImportError:
        raise ImportError(
            f"Converter.{method} converts with TensorFlow's converter; "
            "install tensorflow-cpu, or convert to .tflite first and use "
            "Converter.from_tflite") from None
    return tf


_DEFINE = re.compile(r"^#define (\w+) (.+)$", re.M)
_TENSOR_NAME = re.compile(r"^/\* (input|output) (\d+): '(.*)' \*/$", re.M)
_C_TYPES = {"int8_t": np.int8, "uint8_t": np.uint8, "int16_t": np.int16,
            "uint16_t": np.uint16, "int32_t": np.int32, "uint32_t": np.uint32,
            "int64_t": np.int64, "uint64_t": np.uint64, "float": np.float32,
            "bool": np.bool_}


# The flags of examples/fashion_mnist and scripts/measure.py: code and weights
# for a Cortex-M4 at -Os.
_CORTEX_M4_FLAGS = ["-std=c++17", "-mcpu=cortex-m4", "-mthumb", "-Os",
                    "-fno-exceptions", "-fno-rtti"]


def _flash_bytes(compiled, compiler="arm-none-eabi-g++",
                 flags=tuple(_CORTEX_M4_FLAGS)):
    """The .text and .rodata bytes of the generated code, compiled for a core."""
    size = compiler[:-len("g++")] + "size" if compiler.endswith("g++") else None
    if not shutil.which(compiler) or not size or not shutil.which(size):
        raise FileNotFoundError(
            f"flash_bytes compiles with {compiler} and measures with its "
            "size tool; install gcc-arm-none-eabi (Debian)")
    with tempfile.TemporaryDirectory(prefix="ingot-flash-") as folder:
        compiled.save(folder)
        obj = os.path.join(folder, "model.o")
        subprocess.run([compiler, *flags, "-I", folder, "-c",
                        os.path.join(folder, f"{compiled.name}.cpp"), "-o",
                        obj], check=True)
        table = subprocess.run([size, "-A", obj], check=True, text=True,
                               stdout=subprocess.PIPE).stdout
    return sum(int(fields[1]) for fields in
               (line.split() for line in table.splitlines())
               if len(fields) >= 2 and fields[1].isdigit()
               and fields[0].startswith((".text", ".rodata")))


class CompiledModel:
    """The C++ that ingot generated for a model.

    ``files`` maps relative paths (``NAME.h``, ``NAME.cpp`` and the runtime
    headers under ``ingot/runtime/``) to their text; ``save(folder)`` writes
    them. ``arena_bytes`` is the working memory ``NAME_invoke`` needs;
    ``inputs`` and ``outputs`` describe the tensors as the header does;
    ``layers`` is the per-layer table of ``ingot inspect`` (``op``,
    ``output``, ``output_type``, ``macs``, ``weight_bytes``, ``kernel``),
    with ``macs`` and ``weight_bytes`` its totals.
    """

    def __init__(self, name, files, target, inspected):
        self.name = name
        self.files = files
        self.target = target
        self.layers = inspected["layers"]
        self.macs = inspected["macs"]
        self.weight_bytes = inspected["weight_bytes"]
        self.header = files[f"{name}.h"]
        self.source = files[f"{name}.cpp"]
        macros = dict(_DEFINE.findall(self.header))
        prefix = name.upper()
        self.arena_bytes = int(macros[f"{prefix}_ARENA_BYTES"])
        names = {(kind, int(index)): tensor
                 for kind, index, tensor in _TENSOR_NAME.findall(self.header)}
        self.inputs = self._tensors(macros, prefix, "input", names)
        self.outputs = self._tensors(macros, prefix, "output", names)

    @staticmethod
    def _tensors(macros, prefix, kind, names):
        tensors = []
        while f"{prefix}_{kind.upper()}{len(tensors)}_TYPE" in macros:
            index = len(tensors)
            key = f"{prefix}_{kind.upper()}{index}"
            shape = tuple(int(extent) for extent in
                          re.findall(r"-?\d+",
                                     macros.get(f"{key}_SHAPE", "")))
            scale = macros.get(f"{key}_SCALE")
            tensors.append({
                "name": names.get((kind, index), f"{kind}{index}"),
                "shape": shape,
                "dtype": np.dtype(_C_TYPES[macros[f"{key}_TYPE"]]),
                "quantization": (
                    (float(np.float32(scale.rstrip("fF"))),
                     int(macros[f"{key}_ZERO_POINT"])) if scale else
                    (0.0, 0)),
            })
        return tensors

    def save(self, folder):
        """Writes the files into ``folder`` (made if missing); returns its path."""
        folder = os.fspath(folder)
        for relative, text in sorted(self.files.items()):
            path = os.path.join(folder, *relative.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
        return folder

    def flash_bytes(self, compiler="arm-none-eabi-g++",
                    flags=tuple(_CORTEX_M4_FLAGS)):
        """Flash the code and weights take: ``.text`` + ``.rodata`` bytes of
        ``NAME.cpp`` compiled with ``compiler`` (default: for a Cortex-M4 at
        -Os)."""
        return _flash_bytes(self, compiler, flags)

    def __repr__(self):
        return (f"<ingot.CompiledModel {self.name}: {len(self.inputs)} "
                f"input(s), {len(self.outputs)} output(s), arena "
                f"{self.arena_bytes} bytes, target {self.target}>")

