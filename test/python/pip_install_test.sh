#!/usr/bin/env bash
# `pip install .` as the README tells a user: a fresh clone of the repository
# (its committed state), a new virtual environment, and then the package and
# the command it installs.
#
#   pip_install_test.sh REPOSITORY WORKDIR
set -euo pipefail
REPO=$1
WORK=$2
rm -rf "$WORK"
mkdir -p "$WORK"
git clone --quiet "$REPO" "$WORK/ingot"
python3 -m venv "$WORK/v"
"$WORK/v/bin/pip" install --quiet "$WORK/ingot"
cd "$WORK"
"$WORK/v/bin/python" - <<'PY'
import ingot
import ingot._ingot
print("import ingot:", ingot.__version__, ingot._ingot.__file__)
assert "/v/lib/" in ingot._ingot.__file__, "the module is not the installed one"
PY
"$WORK/v/bin/ingot" --help | head -1
echo "PASS: pip install . from a fresh clone"
