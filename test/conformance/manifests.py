"""Finds the conformance models and sorts them by what ingot must do with them.

This file implements the one rule every conformance script shares: a model
folder under ``shared/conformance`` is a conformance model when it holds a
``manifest.json``; its kind comes from the dtypes the manifest gives its inputs
and outputs, never from its name.

- ``integer``: every input and output is an integer type (int8, int16, int32,
  ...). ingot must compile it and reproduce the reference outputs bit-exactly.
- ``float``: some input or output is a float type (float models, and hybrid
  models whose activations are float). ingot must refuse it cleanly.
- ``unknown``: a dtype this rule does not recognize; the scripts report it as
  a failure so that a new kind of model is looked at rather than skipped.

Folders without a manifest (such as ``seanet/``, a tree of per-operator
models with CSV data) are not conformance models and are left out.
"""

import json
import pathlib

INTEGER_PREFIXES = ("int", "uint")
FLOAT_PREFIXES = ("float", "bfloat", "complex")


def dtype_kind(dtype):
    """Returns 'integer', 'float' or 'unknown' for a manifest dtype string."""
    name = str(dtype).lower()
    if name.startswith(INTEGER_PREFIXES):
        return "integer"
    if name.startswith(FLOAT_PREFIXES):
        return "float"
    return "unknown"


class Model:
    """One conformance model folder and its parsed manifest."""

    def __init__(self, folder, manifest):
        self.folder = folder
        self.manifest = manifest
        self.name = folder.name
        self.path = folder / manifest.get("model_file", "model.tflite")
        dtypes = [t.get("dtype") for t in manifest.get("inputs", [])]
        dtypes += [t.get("dtype") for t in manifest.get("outputs", [])]
        kinds = {dtype_kind(d) for d in dtypes}
        if not dtypes or "unknown" in kinds:
            self.kind = "unknown"
        elif kinds == {"integer"}:
            self.kind = "integer"
        else:
            self.kind = "float"
        self.dtypes = dtypes

    @property
    def cases(self):
        return self.manifest.get("cases", [])


def default_root(script_file):
    """<repo>/../shared/conformance, found from a script inside the repo."""
    repo = pathlib.Path(script_file).resolve().parents[2]
    return repo.parent / "shared" / "conformance"


def find_models(root):
    """Every folder under root with a manifest.json, sorted by name.

    Raises SystemExit with a readable message when root is missing or a
    manifest does not parse: both mean the oracle itself is broken.
    """
    root = pathlib.Path(root)
    if not root.is_dir():
        raise SystemExit(f"error: no conformance data at {root} "
                         "(expected shared/ beside the repository)")
    models = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            continue
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, ValueError) as error:
            raise SystemExit(f"error: cannot read {manifest_path}: {error}")
        models.append(Model(folder, manifest))
    return models
