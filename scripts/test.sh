#!/usr/bin/env bash
# Runs every test from any state, a fresh clone included (this is what CI
# runs): installs the Debian packages ingot needs, builds whatever is missing
# or stale in build/, then runs ctest: gtest unit tests, lit tests, the
# import mutation test and the end-to-end tests of test/conformance
# (conformance against ../shared/conformance, generated-code checks, the
# bundled examples, runtime headers alone).
#
# Extra arguments go to ctest, e.g.: bash scripts/test.sh -L end-to-end
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${INGOT_BUILD_DIR:-$ROOT/build}
JOBS=${INGOT_JOBS:-2}

echo "== installing dependencies (scripts/install-deps.sh)"
bash "$ROOT/scripts/install-deps.sh"
echo "== building in $BUILD (scripts/build.sh)"
bash "$ROOT/scripts/build.sh"
echo "== testing (ctest)"
# ctest's summary stays the last thing printed: CI reads its closing lines.
exec ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" "$@"
