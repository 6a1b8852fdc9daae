#!/usr/bin/env python3
"""Writes the operator table of docs/ops.md from what the compiler does.

Input: the JSON that `test/conformance/run_ops.py --write-status` writes
after running every model of ../shared/conformance/ops through `ingot run`.
Each (operator, type) pair TFLite Micro registers is "bit-exact" (float32:
"within 1e-5") when every configuration of the pair matched TFLite Micro,
and otherwise shows the first reason ingot gave. The builtins TFLite Micro
does not run, or that the corpus leaves out, are listed with the reason from
LEFT_OUT. The table replaces the text between the two markers in
docs/ops.md:

  python3 test/conformance/run_ops.py --ingot build/bin/ingot \\
      --write-status /tmp/ops-status.json
  python3 scripts/gen_ops_table.py /tmp/ops-status.json docs/ops.md
"""

import collections
import json
import pathlib
import re
import sys

BEGIN = "<!-- BEGIN GENERATED: scripts/gen_ops_table.py -->"
END = "<!-- END GENERATED -->"

# TFLite Micro builtins without models in the corpus, and why.
LEFT_OUT = {
    "RELU_N1_TO_1": "not registered by TFLite Micro as an operator; ingot "
                    "applies it as a fused activation",
    "REDUCE_PROD": "not registered by TFLite Micro; ingot compiles float32 "
                   "REDUCE_PROD (not checked against a reference)",
    "LOCAL_RESPONSE_NORMALIZATION": "not registered by TFLite Micro",
    "VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE, CALL_ONCE":
        "not supported: resource variables need an initialisation subgraph "
        "that CALL_ONCE runs at the first invocation",
    "IF, WHILE": "unrolled at import when the condition folds to a constant "
                 "(a WHILE with a fixed number of iterations, as Keras's "
                 "LSTM, GRU and SimpleRNN layers convert to; an IF on a "
                 "constant); checked against TFLite Micro on those Keras "
                 "models (test/conformance/run_keras.py)",
    "TILE": "not registered by TFLite Micro; ingot compiles it, in any type, "
            "as CONCATENATIONs of copies (up to 4,096), checked against TFLite "
            "Micro running the same rewrite (Keras UpSampling2D and U-Net "
            "models)",
    "custom operators (DETECTION_POSTPROCESS, CIRCULAR_BUFFER, signal "
    "library, ETHOS_U)": "not supported: custom operators with flexbuffer "
                         "options",
}


def shorten(detail):
    """The reason of an `ingot: error: FILE: operator #0 (OP) reason`."""
    if not detail:
        return ""
    line = detail.strip().splitlines()[0]
    match = re.search(r"operator #\d+ \([A-Z0-9_]+\) (.*)", line)
    text = match.group(1) if match else line
    return text.replace("|", "\\|")


def table(status):
    pairs = collections.OrderedDict()
    for entry in sorted(status, key=lambda e: (e["op"], e["type"])):
        pairs.setdefault((entry["op"], entry["type"]), []).append(entry)
    rows = ["| TFLite operator | type | configurations | ingot |",
            "|---|---|---:|---|"]
    supported = 0
    for (op, dtype), entries in pairs.items():
        passed = [e for e in entries if e["outcome"] == "pass"]
        if len(passed) == len(entries):
            supported += 1
            verdict = ("within 1e-5 of TFLite Micro"
                       if dtype.split("_to_")[-1] == "float32"
                       else "bit-exact")
        else:
            failing = next(e for e in entries if e["outcome"] != "pass")
            verdict = f"**no**: {shorten(failing['detail'])}"
        rows.append(f"| `{op}` | {dtype} | {len(entries)} | {verdict} |")
    summary = (f"{supported} of {len(pairs)} (operator, type) pairs that "
               f"TFLite Micro runs are supported "
               f"({100.0 * supported / len(pairs):.1f}%), checked on "
               f"{len(status)} single-operator models of "
               "`../shared/conformance/ops`, 4 cases each.")
    left = ["", "TFLite Micro builtins outside the corpus:", "",
            "| operator | ingot |", "|---|---|"]
    left += [f"| {op} | {why} |" for op, why in LEFT_OUT.items()]
    return "\n".join([summary, ""] + rows + left)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    status = json.loads(pathlib.Path(sys.argv[1]).read_text())
    doc = pathlib.Path(sys.argv[2])
    text = doc.read_text()
    if BEGIN not in text or END not in text:
        raise SystemExit(f"error: {doc} lacks the markers {BEGIN} / {END}")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(head + BEGIN + "\n" + table(status) + "\n" + END + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
