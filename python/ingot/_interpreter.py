"""ingot.Interpreter: TensorFlow Lite's interpreter interface over ingot's generated code.

The model is compiled to C++, built once for this machine as a shared
library with the host's C++ compiler (``$CXX``, else ``c++``), and loaded
into the process; ``invoke`` calls the generated ``NAME_invoke``.
"""
import copy
import ctypes
import os
import shlex
import shutil
import subprocess
import tempfile

import numpy as np

from ._converter import CompiledModel, Converter
from ._errors import CompilerError

class Interpreter:
    """Runs a model through ingot's generated code, as ``tf.lite.Interpreter``.

    ``Interpreter(model_path=...)`` or ``Interpreter(model_content=...)``
    compile the ``.tflite`` as it is (already quantized or float), for this
    machine; ``Interpreter(compiled_model=converter.compile())`` runs what a
    converter compiled. Then, as with TFLite: ``allocate_tensors()``,
    ``get_input_details()``, ``set_tensor()``, ``invoke()``,
    ``get_output_details()``, ``get_tensor()``.
    """

    def __init__(self, model_path=None, model_content=None,
                 compiled_model=None, num_threads=None,
                 experimental_op_resolver_type=None, **_):
        # num_threads and the op resolver are TFLite's; ingot's code is one
        # thread and has no resolver, so they are accepted and unused.
        del num_threads, experimental_op_resolver_type
        given = [value is not None
                 for value in (model_path, model_content, compiled_model)]
        if sum(given) != 1:
            raise ValueError("give one of model_path, model_content or "
                             "compiled_model")
        if compiled_model is None:
            converter = (Converter.from_tflite(model_path)
                         if model_path is not None else
                         Converter.from_tflite(model_content))
            converter.target = "host"
            compiled_model = converter.compile(name="model")
        if not isinstance(compiled_model, CompiledModel):
            raise TypeError("compiled_model takes what Converter.compile "
                            "returns")
        self._model = compiled_model
        inputs = compiled_model.inputs
        outputs = compiled_model.outputs
        self._details = []
        for index, tensor in enumerate(inputs + outputs):
            scale, zero_point = tensor["quantization"]
            self._details.append({
                "name": tensor["name"],
                "index": index,
                "shape": np.array(tensor["shape"], dtype=np.int32),
                "shape_signature": np.array(tensor["shape"], dtype=np.int32),
                "dtype": tensor["dtype"].type,
                "quantization": (scale, zero_point),
                "quantization_parameters": {
                    "scales": np.array([scale] if scale else [],
                                       dtype=np.float32),
                    "zero_points": np.array([zero_point] if scale else [],
                                            dtype=np.int32),
                    "quantized_dimension": 0,
                },
                "sparsity_parameters": {},
            })
        self._input_count = len(inputs)
        # The shapes the buffers are made from, apart from the details
        # handed out (which scripts may change, as TFLite's are fresh copies).
        self._tensors = inputs + outputs
        self._buffers = None
        self._library = None

    # TFLite's interface -----------------------------------------------------

    def allocate_tensors(self):
        """Builds and loads the generated code (once), and its buffers and arena."""
        if self._library is None:
            self._library = self._build()
        if self._buffers is None:
            self._buffers = [np.zeros(tensor["shape"], dtype=tensor["dtype"])
                             for tensor in self._tensors]
            # The arena is 16-byte aligned, as the generated header asks.
            raw = np.zeros(self._model.arena_bytes + 16, dtype=np.uint8)
            offset = (-raw.ctypes.data) % 16
            self._arena_storage = raw
            self._arena = raw[offset:offset + self._model.arena_bytes]
            self._init(self._arena.ctypes.data_as(ctypes.c_void_p))

    def get_input_details(self):
        return copy.deepcopy(self._details[:self._input_count])

    def get_output_details(self):
        return copy.deepcopy(self._details[self._input_count:])

    def get_tensor_details(self):
        return copy.deepcopy(self._details)

    def set_tensor(self, tensor_index, value):
        """Copies ``value`` into an input; its dtype and shape must be the input's."""
        self._require_allocated()
        detail = self._detail(tensor_index)
        if tensor_index >= self._input_count:
            raise ValueError(f"tensor {tensor_index} is an output; set_tensor "
                             "takes an input's index")
        value = np.asarray(value)
        if value.dtype != np.dtype(detail["dtype"]):
            raise ValueError(
                f"Cannot set tensor: Got value of type "
                f"{value.dtype.name.upper()} but expected type "
                f"{np.dtype(detail['dtype']).name.upper()} for input "
                f"{tensor_index}, name: {detail['name']}")
        shape = self._tensors[tensor_index]["shape"]
        if tuple(value.shape) != tuple(shape):
            raise ValueError(
                f"Cannot set tensor: Dimension mismatch. Got "
                f"{list(value.shape)} but expected "
                f"{list(shape)} for input {tensor_index}, name: "
                f"{detail['name']}")
        np.copyto(self._buffers[tensor_index], value)

    def invoke(self):
        """Runs one inference on the inputs set."""
        self._require_allocated()
        pointers = [buffer.ctypes.data_as(ctypes.c_void_p)
                    for buffer in self._buffers]
        self._invoke(*pointers, self._arena.ctypes.data_as(ctypes.c_void_p))

    def get_tensor(self, tensor_index):
        """A copy of an input or output tensor."""
        self._require_allocated()
        self._detail(tensor_index)
        return self._buffers[tensor_index].copy()

    def tensor(self, tensor_index):
        """A function returning a view of the tensor (TFLite's zero-copy access)."""
        self._require_allocated()
        self._detail(tensor_index)
        return lambda: self._buffers[tensor_index]

    def resize_tensor_input(self, input_index, tensor_size, strict=False):
        del strict
        self._detail(input_index)
        expected = list(self._tensors[input_index]["shape"])
        if list(tensor_size) != expected:
            raise ValueError(
                "ingot compiles every shape ahead of time: input "
                f"{input_index} is {expected}; compile a model with the "
                "shape you need instead of resizing")

    # The generated code, built for this machine ----------------------------

    def _detail(self, tensor_index):
        if not 0 <= tensor_index < len(self._details):
            raise ValueError(f"Invalid tensor index {tensor_index}: the "
                             f"model has {len(self._details)} input and "
                             "output tensors")
        return self._details[tensor_index]

    def _require_allocated(self):
        if self._buffers is None:
            raise RuntimeError("call allocate_tensors() first")

    def _build(self):
        folder = tempfile.mkdtemp(prefix="ingot-interpreter-")
        try:
            self._model.save(folder)
            name = self._model.name
            library = os.path.join(folder, f"lib{name}.so")
            compiler = shlex.split(os.environ.get("CXX", "c++"))
            command = compiler + ["-std=c++17", "-O2", "-shared", "-fPIC",
                                  "-I", folder,
                                  os.path.join(folder, f"{name}.cpp"),
                                  "-o", library]
            result = subprocess.run(command, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True)
            if result.returncode != 0:
                raise CompilerError(
                    "ingot: error: building the generated code for this "
                    f"machine failed ({' '.join(command)}):\n{result.stdout}")
            # Loaded, the library stays mapped after its file is gone.
            loaded = ctypes.CDLL(library)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        self._init = getattr(loaded, f"{name}_init")
        self._init.restype = None
        self._init.argtypes = [ctypes.c_void_p]
        self._invoke = getattr(loaded, f"{name}_invoke")
        self._invoke.restype = None
        self._invoke.argtypes = [ctypes.c_void_p] * (len(self._details) + 1)
        return loaded
