#!/usr/bin/env python3
"""Differential fuzzing: random graphs run by ingot and by TFLite Micro.

Each seed makes one random graph of 1 to --max-ops operators on an NHWC
tensor (convolutions, depthwise convolutions, fully connected, pools,
element functions, broadcasting binary operators against constants or
earlier tensors, transposes, pads, concatenations, means, reshapes, softmax)
with random shapes, strides, paddings and random weights, and writes it
twice as a .tflite (through flatc and ingot's schema): in float32, and in
int8 quantized as TFLite's specification says (weights symmetric per
channel, int32 biases at input scale x weight scale, activations asymmetric
with ranges calibrated by running the float graph in TFLite Micro with every
intermediate tensor as an output, the fixed output parameters of LOGISTIC,
TANH and SOFTMAX, and the input's parameters kept where TFLite Micro's
kernels require them). Both are run on random inputs by TFLite Micro
(`tflite-micro` from PyPI) and by `ingot run`: int8 outputs must be equal
bit for bit, float32 within 1e-5 x max(1, max|ref|).

TFLite Micro runs in a child process that imports it once and serves every
model of the graphs checked (all 8 calibration samples of a model through
one interpreter, reset between them); TFLite Micro aborts on some models,
which ends only that child: the graph counts as skipped and the next one
gets a new child. --jobs N checks N graphs at a time in N processes, each
with its own child; lines still come in seed order. Most of the remaining
time is the two `ingot run`s per graph (each builds C++ with the host
compiler): about 0.4 s a graph on one core.

A failing seed is saved with its models and inputs under --failures, and
reproduces with `--seed N --count 1`. Prints one line per graph and a
summary `N graphs (M operators), K mismatches, L crashes or refusals,
S skipped (TFLite Micro failed)`; exits 1 on any mismatch, crash or refusal.
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import pickle
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np

REPO = pathlib.Path(__file__).resolve().parents[3]
SCHEMA = REPO / "compiler" / "Import" / "schema.fbs"

# Builtin codes and option tables, from TensorFlow Lite's schema.
CODES = {
    "ADD": 0, "AVERAGE_POOL_2D": 1, "CONCATENATION": 2, "CONV_2D": 3,
    "DEPTHWISE_CONV_2D": 4, "FULLY_CONNECTED": 9, "LOGISTIC": 14,
    "MAX_POOL_2D": 17, "MUL": 18, "RELU": 19, "RELU6": 21, "RESHAPE": 22,
    "SOFTMAX": 25, "TANH": 28, "PAD": 34, "TRANSPOSE": 39, "MEAN": 40,
    "SUB": 41, "MAXIMUM": 55, "MINIMUM": 57, "LEAKY_RELU": 98,
    "HARD_SWISH": 117, "ABS": 101,
}
ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]


class Graph:
    """A TFLite subgraph under construction, in float32 (its values kept)."""

    def __init__(self, rng):
        self.rng = rng
        self.tensors = []   # dicts: name, shape, const (np array or None)
        self.operators = []  # (op, inputs, outputs, options type, options)
        self.inputs = []
        # Per tensor: None (activation) or the kind of constant it is.
        self.roles = []

    def tensor(self, shape, const=None, role=None):
        self.tensors.append({"name": f"t{len(self.tensors)}",
                             "shape": [int(d) for d in shape],
                             "const": const})
        self.roles.append(role)
        return len(self.tensors) - 1

    def op(self, name, inputs, output_shape, options_type=None, options=None,
           keeps_quantization=False, fixed_quantization=None):
        out = self.tensor(output_shape)
        self.operators.append({"op": name, "inputs": inputs, "outputs": [out],
                               "options_type": options_type,
                               "options": options or {},
                               "keeps": keeps_quantization,
                               "fixed": fixed_quantization})
        return out


def conv_output(size, filter_size, stride, padding, dilation=1):
    effective = (filter_size - 1) * dilation + 1
    if padding == "SAME":
        return (size + stride - 1) // stride
    return (size - effective + stride) // stride


def add_layer(graph, current, rng):
    """Appends one random operator reading `current`; returns its output."""
    shape = graph.tensors[current]["shape"]
    rank = len(shape)
    choices = ["unary", "binary_const"]
    if rank == 4:
        choices += ["conv", "depthwise", "pool", "pad", "transpose",
                    "concat", "mean", "binary_skip"]
    if rank in (2, 4):
        choices += ["fully_connected"]
    kind = rng.choice(choices)
    if kind == "conv" or kind == "depthwise":
        n, h, w, c = shape
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        stride = int(rng.integers(1, 3))
        padding = str(rng.choice(["SAME", "VALID"]))
        dilation = int(rng.integers(1, 3)) if stride == 1 else 1
        oh = conv_output(h, kh, stride, padding, dilation)
        ow = conv_output(w, kw, stride, padding, dilation)
        if oh < 1 or ow < 1:
            return current
        activation = str(rng.choice(ACTIVATIONS))
        if kind == "conv":
            oc = int(rng.integers(1, 9))
            weights = rng.normal(0, 1 / np.sqrt(kh * kw * c),
                                 (oc, kh, kw, c)).astype(np.float32)
            options_type = "Conv2DOptions"
            options = {"padding": padding, "stride_w": stride,
                       "stride_h": stride, "fused_activation_function":
                       activation, "dilation_w_factor": dilation,
                       "dilation_h_factor": dilation}
        else:
            multiplier = int(rng.integers(1, 3))
            oc = c * multiplier
            weights = rng.normal(0, 1 / np.sqrt(kh * kw),
                                 (1, kh, kw, oc)).astype(np.float32)
            options_type = "DepthwiseConv2DOptions"
            options = {"padding": padding, "stride_w": stride,
                       "stride_h": stride, "depth_multiplier": multiplier,
                       "fused_activation_function": activation,
                       "dilation_w_factor": dilation,
                       "dilation_h_factor": dilation}
        filt = graph.tensor(weights.shape, weights,
                            "weights" if kind == "conv" else "dw_weights")
        bias = graph.tensor([oc], rng.normal(0, 0.2, oc).astype(np.float32),
                            "bias")
        name = "CONV_2D" if kind == "conv" else "DEPTHWISE_CONV_2D"
        return graph.op(name, [current, filt, bias], [n, oh, ow, oc],
                        options_type, options)
    if kind == "fully_connected":
        depth = shape[-1]
        units = int(rng.integers(1, 17))
        weights = rng.normal(0, 1 / np.sqrt(depth),
                             (units, depth)).astype(np.float32)
        filt = graph.tensor(weights.shape, weights, "weights")
        bias = graph.tensor([units],
                            rng.normal(0, 0.2, units).astype(np.float32),
                            "bias")
        batches = int(np.prod(shape[:-1]))
        return graph.op("FULLY_CONNECTED", [current, filt, bias],
                        [batches, units], "FullyConnectedOptions",
                        {"fused_activation_function":
                         str(rng.choice(ACTIVATIONS))})
    if kind == "pool":
        n, h, w, c = shape
        k = int(rng.integers(1, min(h, w, 3) + 1))
        stride = int(rng.integers(1, 3))
        padding = str(rng.choice(["SAME", "VALID"]))
        oh, ow = conv_output(h, k, stride, padding), conv_output(w, k, stride,
                                                               padding)
        if oh < 1 or ow < 1:
            return current
        name = str(rng.choice(["AVERAGE_POOL_2D", "MAX_POOL_2D"]))
        return graph.op(name, [current], [n, oh, ow, c], "Pool2DOptions",
                        {"padding": padding, "stride_w": stride,
                         "stride_h": stride, "filter_width": k,
                         "filter_height": k,
                         "fused_activation_function": "NONE"},
                        keeps_quantization=True)
    if kind == "unary":
        name = str(rng.choice(["RELU", "RELU6", "LOGISTIC", "TANH", "ABS",
                               "LEAKY_RELU", "HARD_SWISH"]))
        fixed = {"LOGISTIC": (1 / 256, -128), "TANH": (1 / 128, 0)}.get(name)
        if name == "RELU6":
            # TFLite Micro's int8 RELU6 clamps stored values and ignores
            # its output's parameters (TFLite requantizes; so does ingot):
            # only the case both agree on is compared.
            return graph.op(name, [current], shape, keeps_quantization=True)
        if name == "LEAKY_RELU":
            return graph.op(name, [current], shape, "LeakyReluOptions",
                            {"alpha": float(rng.uniform(0.01, 0.5))})
        return graph.op(name, [current], shape, fixed_quantization=fixed)
    if kind in ("binary_const", "binary_skip"):
        name = str(rng.choice(["ADD", "SUB", "MUL", "MAXIMUM", "MINIMUM"]))
        if kind == "binary_skip":
            other = graph.op("RELU6", [current], shape,
                             keeps_quantization=True)
        else:
            other_shape = [d if rng.random() < 0.5 else 1 for d in shape]
            other = graph.tensor(other_shape,
                                 rng.uniform(-2, 2, other_shape).astype(
                                     np.float32), "operand")
        options_type = {"ADD": "AddOptions", "SUB": "SubOptions",
                        "MUL": "MulOptions"}.get(name)
        options = ({"fused_activation_function": str(rng.choice(ACTIVATIONS))}
                   if options_type else None)
        # MAXIMUM and MINIMUM compare stored values: TFLite Micro needs one
        # set of parameters on both inputs and the output.
        compares = name in ("MAXIMUM", "MINIMUM")
        swap = not compares and rng.random() < 0.3
        inputs = [other, current] if swap else [current, other]
        return graph.op(name, inputs, shape, options_type, options,
                        keeps_quantization=compares)
    if kind == "pad":
        paddings = rng.integers(0, 3, (4, 2)).astype(np.int32)
        paddings[0] = 0
        pads = graph.tensor([4, 2], paddings, "int")
        out = [s + int(p.sum()) for s, p in zip(shape, paddings)]
        return graph.op("PAD", [current, pads], out, keeps_quantization=True)
    if kind == "transpose":
        perm = np.array([0] + list(rng.permutation([1, 2, 3])),
                        dtype=np.int32)
        perm_tensor = graph.tensor([4], perm, "int")
        return graph.op("TRANSPOSE", [current, perm_tensor],
                        [shape[p] for p in perm], keeps_quantization=True)
    if kind == "concat":
        other = graph.op("MAX_POOL_2D", [current], shape, "Pool2DOptions",
                         {"padding": "SAME", "stride_w": 1, "stride_h": 1,
                          "filter_width": 2, "filter_height": 2,
                          "fused_activation_function": "NONE"},
                         keeps_quantization=True)
        axis = int(rng.integers(1, 4))
        out = list(shape)
        out[axis] *= 2
        return graph.op("CONCATENATION", [current, other], out,
                        "ConcatenationOptions",
                        {"axis": axis, "fused_activation_function": "NONE"},
                        keeps_quantization=True)
    if kind == "mean":
        axes = np.array([1, 2], dtype=np.int32)
        axes_tensor = graph.tensor([2], axes, "int")
        keep = bool(rng.random() < 0.5)
        out = [shape[0], 1, 1, shape[3]] if keep else [shape[0], shape[3]]
        return graph.op("MEAN", [current, axes_tensor], out,
                        "ReducerOptions", {"keep_dims": keep})
    return current


def random_graph(seed, max_ops):
    rng = np.random.default_rng(seed)
    graph = Graph(rng)
    shape = [1, int(rng.integers(1, 9)), int(rng.integers(1, 9)),
             int(rng.integers(1, 9))]
    current = graph.tensor(shape)
    graph.inputs = [current]
    for _ in range(int(rng.integers(1, max_ops + 1))):
        current = add_layer(graph, current, rng)
    if not graph.operators:
        current = graph.op("RELU", [current], shape)
    if rng.random() < 0.2 and len(graph.tensors[current]["shape"]) == 2:
        current = graph.op("SOFTMAX", [current],
                           graph.tensors[current]["shape"], "SoftmaxOptions",
                           {"beta": 1.0}, fixed_quantization=(1 / 256, -128))
    graph.output = current
    return graph


def flatbuffer_json(graph, quant, outputs):
    """The model as flatc JSON; `quant` maps tensor index to (scale, zp)
    or per-channel lists, None for a float32 model."""
    buffers = [{}]
    tensors = []
    for index, tensor in enumerate(graph.tensors):
        entry = {"name": tensor["name"], "shape": tensor["shape"],
                 "type": "FLOAT32", "buffer": 0}
        const, role = tensor["const"], graph.roles[index]
        if quant is not None and index in quant:
            q = quant[index]
            entry["quantization"] = {"scale": q["scale"],
                                     "zero_point": q["zero_point"]}
            if "axis" in q:
                entry["quantization"]["quantized_dimension"] = q["axis"]
            entry["type"] = q["type"]
        if const is not None:
            if role == "int":
                data = const.astype("<i4").tobytes()
                entry["type"] = "INT32"
            elif quant is not None and index in quant:
                data = quant[index]["data"]
            else:
                data = const.astype("<f4").tobytes()
            buffers.append({"data": list(data)})
            entry["buffer"] = len(buffers) - 1
        tensors.append(entry)
    names = sorted({op["op"] for op in graph.operators})
    codes = [{"deprecated_builtin_code": min(CODES[n], 127),
              "builtin_code": CODES[n], "version": 1} for n in names]
    operators = []
    for op in graph.operators:
        entry = {"opcode_index": names.index(op["op"]),
                 "inputs": op["inputs"], "outputs": op["outputs"]}
        if op["options_type"]:
            entry["builtin_options_type"] = op["options_type"]
            entry["builtin_options"] = op["options"]
        operators.append(entry)
    return {"version": 3, "operator_codes": codes,
            "subgraphs": [{"tensors": tensors, "inputs": graph.inputs,
                           "outputs": outputs, "operators": operators}],
            "buffers": buffers}


def write_model(model_json, path):
    json_path = path.with_suffix(".json")
    json_path.write_text(json.dumps(model_json))
    subprocess.run(["flatc", "-b", "-o", str(path.parent), str(SCHEMA),
                    str(json_path)], check=True, capture_output=True)
    path.with_suffix(".bin").rename(path)


class ReferenceFailed(Exception):
    """TFLite Micro itself failed on a model (it aborts on some)."""


def tflm_serve():
    """The TFLite Micro worker's loop (`--tflm-worker`): reads jobs from
    stdin and writes their outputs to stdout, each one pickle behind its
    length. It imports tflite_micro once for all the graphs a fuzzer process
    checks; an abort inside TFLite Micro ends only this child."""
    # Python exceptions end the worker too, with their traceback on stderr,
    # so that every TFLite Micro failure reaches the fuzzer the same way.
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    # Anything TFLite Micro prints must not land in the replies.
    os.dup2(2, 1)
    from tflite_micro.python.tflite_micro import runtime
    while True:
        header = requests.read(8)
        if len(header) < 8:
            return
        model_path, input_sets, count = pickle.loads(
            requests.read(struct.unpack("<Q", header)[0]))
        interpreter = runtime.Interpreter.from_file(str(model_path),
                                                    arena_size=16 << 20)
        results = []
        for number, inputs in enumerate(input_sets):
            if number:
                interpreter.reset()
            for index, value in enumerate(inputs):
                interpreter.set_input(value, index)
            interpreter.invoke()
            results.append([np.array(interpreter.get_output(i))
                            for i in range(count)])
        del interpreter
        reply = pickle.dumps(results)
        replies.write(struct.pack("<Q", len(reply)) + reply)
        replies.flush()


class TflmWorker:
    """A child process running TFLite Micro jobs, started when first needed
    and again after TFLite Micro took it down."""

    TIMEOUT = 300  # seconds a job may take

    def __init__(self):
        self.process = None
        self.stderr = None

    def start(self):
        self.stderr = tempfile.TemporaryFile()
        # A fixed mmap threshold keeps glibc from raising it when an arena is
        # freed: each interpreter's 16 MiB arena then comes zeroed from mmap,
        # as it did when every model had a process of its own.
        env = dict(os.environ, MALLOC_MMAP_THRESHOLD_=str(1 << 20))
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--tflm-worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            env=env)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process.stdin.close()
            self.process.stdout.close()
            self.stderr.close()
        self.process = None

    def read(self, size, deadline):
        data = b""
        fd = self.process.stdout.fileno()
        while len(data) < size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, size - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def run(self, model_path, input_sets, count):
        if self.process is None:
            self.start()
        self.stderr.seek(0, os.SEEK_END)
        stderr_start = self.stderr.tell()
        job = pickle.dumps((str(model_path), input_sets, count))
        deadline = time.monotonic() + self.TIMEOUT
        try:
            self.process.stdin.write(struct.pack("<Q", len(job)) + job)
            self.process.stdin.flush()
            size = struct.unpack("<Q", self.read(8, deadline))[0]
            return pickle.loads(self.read(size, deadline))
        except TimeoutError:
            self.stop()
            raise ReferenceFailed(f"TFLite Micro took more than "
                                  f"{self.TIMEOUT} s") from None
        except (BrokenPipeError, EOFError):
            status = self.process.wait()
            self.stderr.seek(stderr_start)
            log = self.stderr.read().decode(errors="replace")
            self.stop()
            raise ReferenceFailed(f"TFLite Micro exited with {status}: "
                                  f"{log.strip()[-300:]}") from None


TFLM = TflmWorker()


def tflm_run(model_path, input_sets, count=1):
    """TFLite Micro's first `count` outputs for each set of inputs, all run
    by one interpreter of the model."""
    return TFLM.run(model_path, input_sets, count)


def asymmetric(low, high):
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-6:
        high = low + 1e-6
    scale = (high - low) / 255.0
    zero_point = int(np.clip(round(-128 - low / scale), -128, 127))
    return scale, zero_point


def quantize_graph(graph, ranges):
    """Quantization parameters and int8 data of every tensor."""
    quant = {}
    producers = {op["outputs"][0]: op for op in graph.operators}

    def activation_params(index):
        if index in quant:
            return quant[index]
        op = producers.get(index)
        if op is not None and op["fixed"]:
            scale, zp = op["fixed"]
        elif op is not None and op["keeps"]:
            source = activation_params(op["inputs"][0])
            scale, zp = source["scale"][0], source["zero_point"][0]
        else:
            scale, zp = asymmetric(*ranges[index])
        quant[index] = {"scale": [float(scale)], "zero_point": [int(zp)],
                        "type": "INT8"}
        return quant[index]

    for index in range(len(graph.tensors)):
        if graph.tensors[index]["const"] is None:
            activation_params(index)
    # CONCATENATION's inputs and output must share parameters in TFLM.
    for op in graph.operators:
        if op["op"] == "CONCATENATION":
            for other in op["inputs"][1:]:
                quant[other] = quant[op["inputs"][0]]
    for op in graph.operators:
        for position, index in enumerate(op["inputs"]):
            tensor = graph.tensors[index]
            role = graph.roles[index]
            if tensor["const"] is None or role == "int":
                continue
            values = tensor["const"]
            if role in ("weights", "dw_weights"):
                axis = 0 if role == "weights" else 3
                moved = np.moveaxis(values, axis, 0).reshape(
                    values.shape[axis], -1)
                scales = np.maximum(np.abs(moved).max(axis=1), 1e-8) / 127.0
                shape = [1] * values.ndim
                shape[axis] = -1
                data = np.clip(np.round(values / scales.reshape(shape)),
                               -127, 127).astype(np.int8)
                quant[index] = {"scale": [float(s) for s in scales],
                                "zero_point": [0] * len(scales),
                                "axis": axis, "type": "INT8",
                                "data": data.tobytes()}
            elif role == "bias":
                input_scale = quant[op["inputs"][0]]["scale"][0]
                weight_scales = np.array(quant[op["inputs"][1]]["scale"])
                scales = input_scale * weight_scales
                data = np.round(values / scales).astype("<i4")
                quant[index] = {"scale": [float(s) for s in scales],
                                "zero_point": [0] * len(scales),
                                "type": "INT32", "data": data.tobytes()}
            else:  # a constant operand of an element-wise operator
                if op["keeps"]:
                    first = quant[op["inputs"][0]]
                    scale, zp = first["scale"][0], first["zero_point"][0]
                else:
                    scale, zp = asymmetric(float(values.min()),
                                           float(values.max()))
                data = np.clip(np.round(values / scale) + zp, -128,
                               127).astype(np.int8)
                quant[index] = {"scale": [float(scale)], "zero_point": [zp],
                                "type": "INT8", "data": data.tobytes()}
    return quant


def compare(kind, ours, reference):
    if kind == "int8":
        if ours.tobytes() != reference.tobytes():
            differing = int(np.sum(ours != reference))
            return f"{differing} of {ours.size} int8 values differ"
        return None
    worst = float(np.max(np.abs(ours - reference))) if ours.size else 0.0
    tolerance = 1e-5 * max(1.0, float(np.max(np.abs(reference))))
    if not worst <= tolerance:
        return f"float max |ours - ref| = {worst:.3g} > {tolerance:.3g}"
    return None


def ingot_run(ingot, model, inputs, workdir):
    workdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, value in enumerate(inputs):
        path = workdir / f"input{index}.bin"
        path.write_bytes(value.tobytes())
        paths.append(path)
    outdir = workdir / "out"
    command = [ingot, "run", str(model), "--outdir", str(outdir)]
    for path in paths:
        command += ["--input", str(path)]
    done = subprocess.run(command, capture_output=True, text=True,
                          timeout=300)
    return done.returncode, done.stdout + done.stderr, outdir


def check_graph(ingot, seed, max_ops, failures):
    """Returns (operators, problems) for one seed; a graph TFLite Micro
    itself cannot run is reported as skipped, not as ingot's problem."""
    try:
        return check_graph_or_raise(ingot, seed, max_ops, failures)
    except ReferenceFailed as error:
        return 0, [("skipped", str(error))]


def check_graph_or_raise(ingot, seed, max_ops, failures):
    graph = random_graph(seed, max_ops)
    rng = np.random.default_rng(seed + 1_000_003)
    problems = []
    with tempfile.TemporaryDirectory(prefix="ingot-diff-") as tmp:
        workdir = pathlib.Path(tmp)
        # Float model with every activation as an output, for calibration.
        activations = [i for i, t in enumerate(graph.tensors)
                       if t["const"] is None and i not in graph.inputs]
        calibration = workdir / "calibration.tflite"
        write_model(flatbuffer_json(graph, None, activations), calibration)
        input_shape = graph.tensors[graph.inputs[0]]["shape"]
        samples = [rng.uniform(-3, 3, input_shape).astype(np.float32)
                   for _ in range(8)]
        ranges = {i: [np.inf, -np.inf] for i in activations}
        ranges[graph.inputs[0]] = [-3.0, 3.0]
        calibrated = tflm_run(calibration, [[sample] for sample in samples],
                              len(activations))
        for outputs in calibrated:
            for index, value in zip(activations, outputs):
                ranges[index][0] = min(ranges[index][0], float(value.min()))
                ranges[index][1] = max(ranges[index][1], float(value.max()))
        # The float model.
        float_model = workdir / "float.tflite"
        write_model(flatbuffer_json(graph, None, [graph.output]), float_model)
        reference = tflm_run(float_model, [[samples[0]]])[0][0]
        status, log, outdir = ingot_run(ingot, float_model, [samples[0]],
                                        workdir / "float")
        if status != 0:
            problems.append(("crash" if status != 1 else "refused",
                             f"float: {log.strip()}"))
        else:
            ours = np.fromfile(outdir / "output0.bin",
                               dtype=np.float32).reshape(reference.shape)
            why = compare("float32", ours, reference)
            if why:
                problems.append(("mismatch", f"float: {why}"))
        # The int8 model.
        quant = quantize_graph(graph, ranges)
        if quant:
            int8_model = workdir / "int8.tflite"
            write_model(flatbuffer_json(graph, quant, [graph.output]),
                        int8_model)
            q = quant[graph.inputs[0]]
            int8_input = np.clip(np.round(samples[0] / q["scale"][0]) +
                                 q["zero_point"][0], -128,
                                 127).astype(np.int8)
            reference = tflm_run(int8_model, [[int8_input]])[0][0]
            status, log, outdir = ingot_run(ingot, int8_model, [int8_input],
                                            workdir / "int8")
            if status != 0:
                problems.append(("crash" if status != 1 else "refused",
                                 f"int8: {log.strip()}"))
            else:
                ours = np.fromfile(outdir / "output0.bin",
                                   dtype=np.int8).reshape(reference.shape)
                why = compare("int8", ours, reference)
                if why:
                    problems.append(("mismatch", f"int8: {why}"))
        if problems and failures:
            keep = pathlib.Path(failures) / f"seed{seed}"
            keep.mkdir(parents=True, exist_ok=True)
            for path in workdir.glob("*.tflite"):
                shutil.copy(path, keep / path.name)
            np.save(keep / "input.npy", samples[0])
    return len(graph.operators), problems


def in_order(tasks, jobs):
    """Runs check_graph on each (seed, label, ingot, max_ops, failures) that
    `tasks` yields, on `jobs` processes; yields (label, result) in the order
    of `tasks`. The next task is drawn only when a process can take it, so
    that a time limit inside `tasks` stops the run promptly."""
    if jobs == 1:
        for task in tasks:
            yield task[1], check_graph(task[2], task[0], *task[3:])
        return
    with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
        pending = []
        tasks = iter(tasks)
        exhausted = False
        while True:
            # A few more tasks than processes keeps every process busy while
            # the oldest one, whose line comes next, is still running.
            while not exhausted and len(pending) < 2 * jobs:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                else:
                    pending.append((task[1], pool.submit(
                        check_graph, task[2], task[0], *task[3:])))
            if not pending:
                return
            label, future = pending.pop(0)
            yield label, future.result()


def main():
    if sys.argv[1:] == ["--tflm-worker"]:
        tflm_serve()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=20,
                        help="graphs to try, the regressions included (then "
                             "seeds seed, seed+1, ...)")
    parser.add_argument("--seconds", type=float, default=None,
                        help="stop after this long instead of after --count")
    parser.add_argument("--jobs", type=int, default=1,
                        help="graphs checked in parallel, each by its own "
                             "process")
    parser.add_argument("--max-ops", type=int, default=4)
    parser.add_argument("--failures", default=None,
                        help="folder to keep failing seeds' models in")
    parser.add_argument("--regressions", default=None,
                        help="file of seeds that once failed (one per line, "
                             "# comments), checked before the others")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    start = time.monotonic()
    regressions = []
    if args.regressions:
        for line in pathlib.Path(args.regressions).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                regressions.append(int(line))

    def tasks():
        for regression in regressions:
            yield (regression, f"seed {regression} (regression)", args.ingot,
                   args.max_ops, args.failures)
        seed = args.seed
        while True:
            if args.seconds is not None:
                if time.monotonic() - start > args.seconds:
                    return
            elif len(regressions) + seed - args.seed >= args.count:
                return
            yield (seed, f"seed {seed}", args.ingot, args.max_ops,
                   args.failures)
            seed += 1

    graphs = operators = mismatches = crashes = skipped = 0
    for label, (count, problems) in in_order(tasks(), args.jobs):
        graphs += 1
        operators += count
        for kind, detail in problems:
            if kind == "mismatch":
                mismatches += 1
            elif kind == "skipped":
                skipped += 1
            else:
                crashes += 1
            print(f"{label}: {kind}: {detail}", flush=True)
        if not problems:
            print(f"{label}: {count} operators ok", flush=True)
    print(f"\n{graphs} graphs ({operators} operators), {mismatches} "
          f"mismatches, {crashes} crashes or refusals, {skipped} skipped "
          "(TFLite Micro failed)")
    return 0 if mismatches == 0 and crashes == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
