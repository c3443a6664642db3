# Sourced by the scripts: makes sure the C libraries the package links are
# present — GSL (randomness and statistics) and SQLite (merged sweeps, via
# GRDB) — installing Debian's libgsl-dev and libsqlite3-dev when they are
# not. Never prints on stdout (stdout belongs to results).
ensure_gsl() {
    if pkg-config --exists gsl 2>/dev/null && [ -f /usr/include/gsl/gsl_rng.h ] && [ -f /usr/include/sqlite3.h ]; then
        return 0
    fi
    echo "renosim: installing GSL and SQLite (libgsl-dev, libsqlite3-dev) with apt-get…" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "renosim: GSL or SQLite is missing and this user cannot install it; run: apt-get install libgsl-dev libsqlite3-dev pkg-config" >&2
            return 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2 || return 1
    $sudo apt-get install -y -qq libgsl-dev libsqlite3-dev pkg-config >&2 || return 1
    pkg-config --exists gsl && [ -f /usr/include/sqlite3.h ]
}

# The project's root, whatever folder the script was called from.
renosim_root() {
    cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd
}

# The result-file schema test validates real output with Python's
# jsonschema (the reference implementation): install it from PyPI if missing.
ensure_jsonschema() {
    python3 -c "import jsonschema" 2>/dev/null && return 0
    echo "renosim: installing Python's jsonschema for the result-schema test…" >&2
    python3 -m pip install -q jsonschema >&2 || python3 -m pip install -q --user jsonschema >&2 ||
        echo "renosim: could not install jsonschema; the schema test will be skipped" >&2
}
