#!/usr/bin/env bash
# The test command: installs GSL (and Python's jsonschema) if missing, then runs every test.
#   scripts/test.sh [extra swift test arguments]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-gsl.sh"
cd "$(renosim_root)"
ensure_gsl
ensure_jsonschema
exec swift test "$@"
