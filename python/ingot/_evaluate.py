"""ingot.evaluate: what quantization costs, measured (the --eval report)."""
import json
import os
import tempfile

import numpy as np

from ._native import native as _ingot
from ._converter import Converter
from ._errors import check


class Evaluation:
    """The ``--eval`` report of a quantized model against its float original.

    ``layers``: one dict per operator (``index``, ``op``, ``output``,
    ``sqnr_db``, ``mse``, ``mean_error``); ``top1_agreement`` of the two
    models; ``accuracy`` and ``float_accuracy`` when labels were given;
    ``model_bytes_before`` and ``model_bytes_after``; ``float_ops``, the
    operators kept in float. ``report`` is the whole report as a dict.
    """

    def __init__(self, report):
        self.report = report
        self.layers = report.get("layers", [])
        self.samples = report.get("samples")
        self.top1_agreement = report.get("top1_agreement")
        self.accuracy = report.get("accuracy")
        self.float_accuracy = report.get("float_accuracy")
        self.model_bytes_before = report.get("model_bytes_before")
        self.model_bytes_after = report.get("model_bytes_after")
        self.float_ops = report.get("float_ops", [])

    def __repr__(self):
        text = (f"<ingot.Evaluation {self.samples} samples, top-1 agreement "
                f"{self.top1_agreement:.4f}")
        if self.accuracy is not None:
            text += (f", accuracy {self.accuracy:.4f} (float "
                     f"{self.float_accuracy:.4f})")
        return text + ">"


def evaluate(converter, data, labels=None, samples="all"):
    """Quantizes as ``converter`` says and measures it on ``data``.

    ``data``: float32 inputs, samples first (an array, or a .npy path);
    ``labels``: the class of each sample (an array of ints, or a CSV path
    with a ``label`` column), for accuracy; ``samples``: ``"all"``,
    ``"even"`` or ``"odd"`` rows of the data (to measure on the half the
    calibration left out). Returns an Evaluation.
    """
    if not isinstance(converter, Converter):
        raise TypeError("evaluate takes an ingot.Converter (set up as for "
                        "convert())")
    with tempfile.TemporaryDirectory(prefix="ingot-eval-") as workdir:
        if not isinstance(data, (str, os.PathLike)):
            path = os.path.join(workdir, "eval.npy")
            np.save(path, np.asarray(data, dtype=np.float32))
            data = path
        if labels is not None and not isinstance(labels, (str, os.PathLike)):
            path = os.path.join(workdir, "labels.csv")
            with open(path, "w") as file:
                file.write("label\n")
                file.writelines(f"{int(label)}\n"
                                for label in np.asarray(labels).ravel())
            labels = path
        options = converter._options(workdir)
        result = check(_ingot.evaluate(
            options, converter._model_file(workdir),
            os.path.join(workdir, "quantized.tflite"), os.fspath(data),
            samples, os.fspath(labels) if labels is not None else ""))
    return Evaluation(json.loads(result["report"]))
