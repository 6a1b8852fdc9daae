#!/usr/bin/env python3
"""Keras models through TensorFlow Lite's converter: ingot against TFLite Micro.

Reads the models test/models/keras_models.py wrote (--models DIR with its
index.json; --generate SET makes them first), draws seeded random inputs of
each model's input types, and compares `ingot run`'s outputs with the
reference:

  float, int8, int16x8 models: TFLite Micro's interpreter; integer outputs
      byte for byte, float32 within max|ours - ref| <= 1e-5 * max(1, max|ref|).
  dynamic-range (hybrid) models, which TFLite Micro does not run:
      tf.lite.Interpreter's reference kernels, within DYNAMIC_TOLERANCE (see
      there how it was chosen). The models of
      keras_models.PER_CHANNEL_DENSE must also hold their number of hybrid
      FULLY_CONNECTED with per-channel weights (version 12) and
      asymmetric_quantize_inputs, or they would not test those.

A passing float comparison prints its max |ours - ref| and that relative to
max(1, max|ref|).

Prints `model | mode | ops | result` per converted model, then
`N passed, M failed, ...`. An ingot refusal is a failure unless the model and
mode are listed in --expected-refusals (keras_refusals.txt beside this file:
`MODEL MODE reason`, MODE may be `*`); a listed pair that passes fails too,
so that the list only shrinks. A model TFLite Micro itself refuses, or the
converter refused, is reported and not counted against ingot. Exits 0 only
when nothing failed.
"""

import argparse
import contextlib
import json
import os
import pathlib
import pickle
import signal
import subprocess
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "models"))

TIMEOUT_SECONDS = 600
ARENA_BYTES = 64 << 20
CRASH_MARKERS = ("Stack dump", "PLEASE submit a bug report", "Assertion",
                 "Segmentation fault", "core dumped", "Aborted")

# Dynamic-range models are compared with TFLite's own hybrid reference
# kernels, which quantize each activation to int8 at run time (per batch
# row, with a scale of max|x| / 127, or with asymmetric_quantize_inputs a
# scale and zero point over [min(x, 0), max(x, 0)]), multiply in int32 and
# scale back by input_scale * weight_scale in float. (ingot's asymmetric
# quantizer follows TFLite's vectorized one, which TensorFlow's build runs:
# the width max - min is rounded to float before the division by 255, and
# x / scale is rounded before the zero point is added. It used to follow
# TFLite's portable source, which does both the other way; on the Keras
# MobileNets that moved the softmax by up to 0.0128 on some inputs, a tie at
# -71.5 or an ulp of scale turning into a step 14 layers later.) ingot's
# hybrid kernels do the same integer work with the same float steps around
# it, so their outputs are expected to be identical; the tolerance covers
# float steps a C++ compiler may still order differently. Measured on the 68
# dynamic-range Keras models with two seeds each: all identical but the
# hybrid TRANSPOSE_CONV of conv2d_transpose_large (at most 3.0e-7 relative).
# So: 1e-5 * max(1, max|ref|) per output, as for float models, 30x that and
# 800x tighter than an int8 step (1/127 ~ 8e-3), which a wrong scale, zero
# point or weight would exceed; an input rounded to the neighbouring integer
# moves an output by about 1e-4 and fails too.
DYNAMIC_TOLERANCE = 1e-5


def run(command, timeout=TIMEOUT_SECONDS):
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    return done.returncode, done.stdout.decode("utf-8", "replace")


def tflite_interpreter(path):
    """TFLite's reference kernels (as TFLite Micro's), or its optimized ones
    for the few operators the reference resolver lacks (ELU)."""
    import tensorflow as tf
    import warnings
    resolvers = tf.lite.experimental.OpResolverType
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return tf.lite.Interpreter(
                model_path=str(path),
                experimental_op_resolver_type=resolvers.BUILTIN_REF)
        except ValueError:
            return tf.lite.Interpreter(
                model_path=str(path),
                experimental_op_resolver_type=(
                    resolvers.BUILTIN_WITHOUT_DEFAULT_DELEGATES))


def operator_names(interpreter):
    return sorted({d["op_name"] for d in interpreter._get_ops_details()})


def random_inputs(details, rng):
    """Uniform in [-1, 1] (the range the converter calibrated on), quantized
    with the input's own parameters for an integer input."""
    arrays = []
    for detail in details:
        values = rng.uniform(-1, 1, detail["shape"]).astype(np.float32)
        dtype = np.dtype(detail["dtype"])
        if dtype.kind == "f":
            arrays.append(values.astype(dtype))
            continue
        scale, zero_point = detail["quantization"]
        info = np.iinfo(dtype)
        if scale == 0:
            raise ValueError(f"input {detail['name']}: {dtype} without "
                             "quantization parameters")
        quantized = np.round(values / scale) + zero_point
        arrays.append(np.clip(quantized, info.min, info.max).astype(dtype))
    return arrays


def forked(function, *args):
    """function(*args) in a forked process: TFLite Micro and TFLite abort
    the process on some models they cannot prepare, and write their reasons
    to file descriptors 1 and 2. Returns (result, None) or (None, why)."""
    with tempfile.TemporaryDirectory(prefix="ingot-keras-ref-") as workdir:
        result = pathlib.Path(workdir) / "result.pickle"
        log = pathlib.Path(workdir) / "log.txt"
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                with open(log, "w") as sink:
                    os.dup2(sink.fileno(), 1)
                    os.dup2(sink.fileno(), 2)
                    value = function(*args)
                    result.write_bytes(pickle.dumps(value))
            except BaseException as error:
                with open(log, "a") as sink:
                    sink.write(f"{str(error).strip()}\n")
                status = 1
            os._exit(status)
        _, status = os.waitpid(pid, 0)
        said = [l.strip() for l in log.read_text("utf-8", "replace")
                .splitlines() if l.strip()] if log.exists() else []
        if os.WIFSIGNALED(status):
            said.append(
                f"(aborted: {signal.Signals(os.WTERMSIG(status)).name})")
        if status != 0 or not result.is_file():
            return None, " / ".join(said[-3:])[:400]
        return pickle.loads(result.read_bytes()), None


def tile_as_concatenation(source, destination):
    """Writes `source` with every TILE rewritten as one CONCATENATION of
    copies per tiled axis (the same values, by TILE's definition), so that
    TFLite Micro, which has no TILE, can be the oracle for the rest of the
    model. Returns the number of TILE operators rewritten."""
    import copy
    import flatbuffers
    from tensorflow.lite.python import schema_py_generated as schema
    model = schema.ModelT.InitFromObj(
        schema.Model.GetRootAsModel(pathlib.Path(source).read_bytes(), 0))
    codes = model.operatorCodes

    def code_index(builtin, version):
        for index, code in enumerate(codes):
            if (max(code.builtinCode, code.deprecatedBuiltinCode) == builtin
                    and code.version == version):
                return index
        code = schema.OperatorCodeT()
        code.builtinCode = builtin
        code.deprecatedBuiltinCode = min(builtin, 127)
        code.version = version
        codes.append(code)
        return len(codes) - 1

    rewritten = 0
    for graph in model.subgraphs:
        operators = []
        for op in graph.operators:
            code = codes[op.opcodeIndex]
            if (max(code.builtinCode, code.deprecatedBuiltinCode) !=
                    schema.BuiltinOperator.TILE):
                operators.append(op)
                continue
            rewritten += 1
            multiples_tensor = graph.tensors[op.inputs[1]]
            multiples = np.frombuffer(
                bytes(model.buffers[multiples_tensor.buffer].data), np.int32)
            current = op.inputs[0]
            shape = list(graph.tensors[current].shape)
            version = {schema.TensorType.INT8: 2,
                       schema.TensorType.INT16: 3}.get(
                           graph.tensors[current].type, 1)
            axes = [axis for axis, m in enumerate(multiples) if m > 1]
            for position, axis in enumerate(axes):
                shape[axis] *= int(multiples[axis])
                if position == len(axes) - 1:
                    output = op.outputs[0]
                else:
                    tensor = copy.deepcopy(graph.tensors[op.outputs[0]])
                    tensor.shape = np.array(shape, np.int32)
                    tensor.shapeSignature = None
                    tensor.name = (tensor.name or b"") + b"/tile_axis%d" % axis
                    tensor.buffer = 0
                    graph.tensors.append(tensor)
                    output = len(graph.tensors) - 1
                concatenation = schema.OperatorT()
                concatenation.opcodeIndex = code_index(
                    schema.BuiltinOperator.CONCATENATION, version)
                concatenation.inputs = [current] * int(multiples[axis])
                concatenation.outputs = [output]
                concatenation.builtinOptionsType = (
                    schema.BuiltinOptions.ConcatenationOptions)
                concatenation.builtinOptions = schema.ConcatenationOptionsT()
                concatenation.builtinOptions.axis = axis
                operators.append(concatenation)
                current = output
            if not axes:
                operators.append(op)  # all multiples 1: left to TFLM to refuse
        graph.operators = operators
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    pathlib.Path(destination).write_bytes(builder.Output())
    return rewritten


def tflm_outputs(path, inputs, count):
    from tflite_micro.python.tflite_micro import runtime
    interpreter = runtime.Interpreter.from_file(str(path),
                                                arena_size=ARENA_BYTES)
    for index, array in enumerate(inputs):
        interpreter.set_input(array, index)
    interpreter.invoke()
    return [np.array(interpreter.get_output(i)) for i in range(count)]


def tflite_outputs(path, inputs):
    interpreter = tflite_interpreter(path)
    interpreter.allocate_tensors()
    for detail, array in zip(interpreter.get_input_details(), inputs):
        interpreter.set_tensor(detail["index"], array)
    interpreter.invoke()
    return [interpreter.get_tensor(d["index"]).copy()
            for d in interpreter.get_output_details()]


def ingot_outputs(ingot, path, inputs, workdir, expected):
    """(outputs, None) or (None, (outcome, message))."""
    command = [ingot, "run", str(path), "--outdir", str(workdir)]
    for index, array in enumerate(inputs):
        name = pathlib.Path(workdir) / f"in{index}.bin"
        name.write_bytes(np.ascontiguousarray(array).tobytes())
        command += ["--input", str(name)]
    status, output = run(command)
    if status != 0:
        crash = [m for m in CRASH_MARKERS if m in output]
        if status == 1 and not crash:
            lines = [l.strip() for l in output.splitlines() if l.strip()]
            errors = [l for l in lines if "error" in l.lower()] or lines
            return None, ("refused", " / ".join(errors[:3])[:400])
        return None, ("crash", f"exit status {status}: "
                      f"{output.strip()[-400:]}")
    produced = []
    for index, want in enumerate(expected):
        file = pathlib.Path(workdir) / f"output{index}.bin"
        if not file.is_file():
            return None, ("crash", f"no {file.name} was written")
        data = file.read_bytes()
        if len(data) != want.nbytes:
            return None, ("mismatch", f"output{index}: {len(data)} bytes, "
                          f"reference has {want.nbytes}")
        produced.append(np.frombuffer(data, dtype=want.dtype)
                        .reshape(want.shape))
    return produced, None


def per_channel_hybrid_dense(path):
    """How many FULLY_CONNECTED operators of the model at `path` are hybrid
    with per-channel int8 weights, and whether each has version 12 and
    asymmetric_quantize_inputs: [(version, per-channel, asymmetric)]."""
    from tensorflow.lite.python import schema_py_generated as schema
    model = schema.ModelT.InitFromObj(
        schema.Model.GetRootAsModel(pathlib.Path(path).read_bytes(), 0))
    graph = model.subgraphs[0]
    found = []
    for op in graph.operators:
        code = model.operatorCodes[op.opcodeIndex]
        builtin = max(code.builtinCode, code.deprecatedBuiltinCode)
        if builtin != schema.BuiltinOperator.FULLY_CONNECTED:
            continue
        weights = graph.tensors[op.inputs[1]]
        if weights.type != schema.TensorType.INT8:
            continue
        scales = weights.quantization.scale if weights.quantization else None
        found.append((code.version, scales is not None and len(scales) > 1,
                      bool(op.builtinOptions.asymmetricQuantizeInputs)))
    return found


def structure_problem(path, model):
    """Why a dynamic-range model of keras_models.PER_CHANNEL_DENSE does not
    exercise what it is there for, or None."""
    import keras_models
    want = keras_models.PER_CHANNEL_DENSE.get(model)
    if want is None:
        return None
    found = per_channel_hybrid_dense(path)
    good = [f for f in found if f == (12, True, True)]
    if len(good) != want:
        return (f"expected {want} hybrid FULLY_CONNECTED with version 12, "
                f"per-channel weights and asymmetric_quantize_inputs; found "
                f"(version, per-channel, asymmetric) = {found}")
    return None


def worst_difference(produced, expected):
    """max |ours - ref| / max(1, max|ref|) over the float outputs, with the
    absolute figure, as text; None without float outputs."""
    pairs = [(g, w) for g, w in zip(produced, expected)
             if w.dtype.kind == "f" and w.size]
    if not pairs:
        return None
    absolute = max(float(np.max(np.abs(g.astype(np.float64) - w)))
                   for g, w in pairs)
    relative = max(float(np.max(np.abs(g.astype(np.float64) - w))) /
                   max(1.0, float(np.max(np.abs(w)))) for g, w in pairs)
    return f"max |ours - ref| = {absolute:.3g}, relative {relative:.3g}"


def first_difference(index, got, want, relative):
    """None when `got` matches `want`, else the first difference."""
    if want.dtype.kind == "f":
        worst = float(np.max(np.abs(got.astype(np.float64) - want))) \
            if want.size else 0.0
        tolerance = relative * max(1.0, float(np.max(np.abs(want)))
                                   if want.size else 1.0)
        if worst <= tolerance:
            return None
        flat = np.abs(got.astype(np.float64) - want).ravel()
        at = int(np.argmax(flat > tolerance))
        return (f"output{index}: max |ours - ref| = {worst:.3g} > "
                f"{tolerance:.3g}; first at element {at} (got "
                f"{got.ravel()[at]:.6g}, want {want.ravel()[at]:.6g})")
    differing = np.flatnonzero(got.ravel() != want.ravel())
    if not differing.size:
        return None
    at = int(differing[0])
    return (f"output{index}: {differing.size} of {want.size} {want.dtype} "
            f"elements differ, first at {at} (got {got.ravel()[at]}, "
            f"want {want.ravel()[at]}, off by "
            f"{int(got.ravel()[at]) - int(want.ravel()[at])})")


# (model, mode) pairs where TFLite Micro departs from TFLite's quantization
# specification or cannot run the model as TFLite does (docs/ops.md, "Where
# TensorFlow Lite Micro is wrong"): ingot follows TFLite, so TFLite's
# reference kernels are the oracle there (integers bit for bit, float within
# 1e-5).
TFLM_DIVERGES = {
    # RELU6 whose output is quantized unlike its input (the converter's
    # choice for a standalone RELU6): TFLite Micro clamps the stored input
    # values and ignores the output's parameters.
    ("relu6", "int8"), ("relu6", "int16x8"),
    # An LSTM with return_sequences=True: the WHILE body writes its output
    # sequence with SLICEs sized by the loop counter. TFLite Micro has no
    # dynamic tensors and slices with the file's placeholder shapes; its
    # first output row is all zeros.
    ("lstm_sequences", "float"),
}


def check(ingot, path, mode, seed, model=None):
    """(outcome, ops, detail): outcome is pass, mismatch, refused, crash or
    tflm-refused."""
    interpreter = tflite_interpreter(path)
    ops = operator_names(interpreter)
    rng = np.random.default_rng(seed)
    inputs = random_inputs(interpreter.get_input_details(), rng)
    count = len(interpreter.get_output_details())
    note = None
    if (model, mode) in TFLM_DIVERGES:
        expected, why = forked(tflite_outputs, path, inputs)
        if why is not None:
            return "error", ops, f"TFLite cannot run it: {why}"
        relative = 1e-5  # integer outputs are compared bit for bit
    elif mode == "dynamic":
        problem = structure_problem(path, model)
        if problem:
            return "mismatch", ops, problem
        expected, why = forked(tflite_outputs, path, inputs)
        if why is not None:
            return "error", ops, f"TFLite cannot run it: {why}"
        relative = DYNAMIC_TOLERANCE
    else:
        tflm_path = path
        if "TILE" in ops:
            # TFLite Micro has no TILE: it runs the model with each TILE
            # spelled as CONCATENATIONs (keeps the temporary folder alive
            # for the call below).
            spelled = tempfile.TemporaryDirectory(prefix="ingot-keras-tile-")
            tflm_path = pathlib.Path(spelled.name) / "tile_as_concat.tflite"
            tile_as_concatenation(path, tflm_path)
            note = "TFLite Micro ran TILE spelled as CONCATENATION"
        expected, why = forked(tflm_outputs, tflm_path, inputs, count)
        if why is not None:
            # Still informative: ingot against TFLite's reference kernels
            # (not counted, TFLite Micro being the definition).
            fallback, refusal = forked(tflite_outputs, path, inputs)
            if refusal is not None:
                return "tflm-refused", ops, (f"{why}; TFLite cannot run it "
                                             f"either: {refusal[:150]}")
            with tempfile.TemporaryDirectory(prefix="ingot-keras-") as work:
                produced, problem = ingot_outputs(ingot, path, inputs, work,
                                                  fallback)
            if problem:
                versus = f"ingot {problem[0]}: {problem[1][:200]}"
            else:
                versus = next((d for d in (
                    first_difference(i, g, w, 1e-5)
                    for i, (g, w) in enumerate(zip(produced, fallback)))
                    if d), None) or "bit-exact (float within 1e-5)"
            return "tflm-refused", ops, (f"{why}; ingot against TFLite's "
                                         f"reference kernels: {versus}")
        relative = 1e-5
    with tempfile.TemporaryDirectory(prefix="ingot-keras-") as workdir:
        produced, problem = ingot_outputs(ingot, path, inputs, workdir,
                                          expected)
    if problem:
        return problem[0], ops, problem[1]
    for index, (got, want) in enumerate(zip(produced, expected)):
        difference = first_difference(index, got, want, relative)
        if difference:
            return "mismatch", ops, difference
    detail = worst_difference(produced, expected) if relative else None
    if note:
        detail = f"{detail}; {note}" if detail else note
    return "pass", ops, detail


def read_expected_refusals(path):
    """{(model, mode): reason}; mode `*` stands for every mode."""
    listed = {}
    if path and pathlib.Path(path).is_file():
        for line in pathlib.Path(path).read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(None, 2)
            if len(fields) < 3:
                raise SystemExit(f"error: {path}: `{line}` has no reason "
                                 "(expected `MODEL MODE reason`)")
            listed[(fields[0], fields[1])] = fields[2]
    return listed


def is_listed(listed, model, mode):
    return (model, mode) in listed or (model, "*") in listed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingot", required=True, help="the ingot binary")
    parser.add_argument("--models", required=True,
                        help="folder of keras_models.py's output")
    parser.add_argument("--generate", default=None, metavar="SET",
                        help="first generate SET (quick, layers, "
                             "architectures, full) into --models")
    parser.add_argument("--only", action="append", default=[],
                        help="only this model (repeatable)")
    parser.add_argument("--modes", default="float,dynamic,int8,int16x8")
    parser.add_argument("--expected-refusals",
                        default=str(HERE / "keras_refusals.txt"))
    parser.add_argument("--seed", type=int, default=99)
    args = parser.parse_args()

    models_dir = pathlib.Path(args.models)
    modes = [m for m in args.modes.split(",") if m]
    if args.generate:
        import keras_models
        names = args.only or keras_models.model_set(args.generate)
        keras_models.generate(names, modes, models_dir)
        sys.stdout.flush()
        if not args.only:
            args.only = names
    index_path = models_dir / "index.json"
    if not index_path.is_file():
        raise SystemExit(f"error: no {index_path}: run "
                         "test/models/keras_models.py --outdir first")
    entries = [e for e in json.loads(index_path.read_text())
               if e["mode"] in modes and
               (not args.only or e["model"] in args.only)]
    listed = read_expected_refusals(args.expected_refusals)

    counts = dict.fromkeys(("passed", "failed", "expected refusals",
                            "TFLM refused", "converter refused"), 0)
    failures = []
    print(f"{'model':<26}| {'mode':<8}| {'ops':<40}| result", flush=True)
    for number, entry in enumerate(entries):
        model, mode = entry["model"], entry["mode"]
        if "skipped" in entry:
            counts["converter refused"] += 1
            print(f"{model:<26}| {mode:<8}| {'-':<40}| {entry['skipped']}",
                  flush=True)
            continue
        try:
            outcome, ops, detail = check(args.ingot,
                                         models_dir / entry["file"], mode,
                                         args.seed + number, model)
        except Exception as error:  # the reference itself failed
            outcome, ops, detail = "error", [], f"{type(error).__name__}: " \
                f"{str(error).strip()[:300]}"
        result = outcome if not detail else f"{outcome}: {detail}"
        if outcome == "pass":
            counts["passed"] += 1
            if is_listed(listed, model, mode):
                counts["failed"] += 1
                result = "pass, but listed in the expected refusals: FAIL"
                failures.append(f"{model} {mode}: passes but is listed")
        elif outcome == "refused" and is_listed(listed, model, mode):
            counts["expected refusals"] += 1
            result = f"ingot refused (expected): {detail}"
        elif outcome == "tflm-refused":
            counts["TFLM refused"] += 1
            result = f"TFLM refused: {detail}"
        else:
            counts["failed"] += 1
            if outcome == "refused":
                result = f"ingot refused: {detail}"
            failures.append(f"{model} {mode}: {result}")
        print(f"{model:<26}| {mode:<8}| {','.join(ops):<40}| {result}",
              flush=True)
    if failures:
        print("\nfailures:")
        for failure in failures:
            print(f"  {failure}")
    extra = ", ".join(f"{n} {k}" for k, n in counts.items()
                      if k not in ("passed", "failed"))
    print(extra)
    print(f"{counts['passed']} passed, {counts['failed']} failed")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
