# Sourced by scripts that need Python packages from PyPI: creates (once) a
# venv under .venv/ in the project and installs the named packages into it.
#   ensure_venv simpy   → sets $VENV_PYTHON
ensure_venv() {
    local root venv
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    venv="$root/.venv"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv" >&2 || return 1
    fi
    local missing=()
    for pkg in "$@"; do
        "$venv/bin/python" -c "import $pkg" 2>/dev/null || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        "$venv/bin/pip" install -q "${missing[@]}" >&2 || return 1
    fi
    VENV_PYTHON="$venv/bin/python"
}
