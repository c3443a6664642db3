#!/usr/bin/env bash
# The main command: installs GSL if missing, then runs renosim (release build).
#   scripts/renosim.sh run scenarios/yonghong-2022.yaml
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-gsl.sh"
root="$(renosim_root)"
ensure_gsl
swift build -c release --package-path "$root" --product renosim >&2
exec "$root/.build/release/renosim" "$@"
