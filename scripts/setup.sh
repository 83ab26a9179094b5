# Sourced by scripts/serve and scripts/test: make .venv (Python >= 3.12) and node_modules match
# requirements.txt and package-lock.json. Quick when nothing changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

find_python() {
  local candidate
  if [ -n "${HANDBOOK_PYTHON:-}" ]; then echo "$HANDBOOK_PYTHON"; return; fi
  for candidate in python3.14 python3.13 python3.12 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then command -v "$candidate"; return; fi
  done
  # pyenv installs that are not the global version (its shims refuse them unless selected).
  local roots=("${PYENV_ROOT:-$HOME/.pyenv}/versions" "$HOME/.local/share/uv/python" /usr/local/bin /opt/homebrew/bin)
  for candidate in $(ls -d "${roots[@]}" 2>/dev/null | while read -r dir; do ls -d "$dir"/*/bin/python3 "$dir"/python3.1[2-9] 2>/dev/null; done | sort -rV); do
    if python_ok "$candidate"; then echo "$candidate"; return; fi
  done
  if command -v uv >/dev/null 2>&1 && candidate="$(uv python find '>=3.12' 2>/dev/null)"; then echo "$candidate"; return; fi
  echo "No Python 3.12 or newer found. Install one (python.org, your package manager, pyenv or uv)," >&2
  echo "or point HANDBOOK_PYTHON at it." >&2
  return 1
}

stamp_matches() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

if [ ! -x .venv/bin/python ] || ! python_ok .venv/bin/python; then
  PYTHON="$(find_python)"
  echo "setup: creating .venv with $("$PYTHON" --version) ($PYTHON)"
  rm -rf .venv
  "$PYTHON" -m venv .venv
fi
req_hash="$(cat requirements.txt | sha256sum | cut -d' ' -f1)"
if ! stamp_matches .venv/.requirements.sha256 "$req_hash"; then
  echo "setup: installing Python tools from requirements.txt"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$req_hash" > .venv/.requirements.sha256
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to install the self-hosted Pyodide (https://nodejs.org)." >&2
  exit 1
fi
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if ! stamp_matches node_modules/.package-lock.sha256 "$lock_hash"; then
  echo "setup: installing npm packages from package-lock.json"
  # puppeteer-core (drives Firefox in the tests) never downloads a browser; the variable says so to any that would.
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.package-lock.sha256
fi
export PATH="$ROOT/.venv/bin:$PATH"
# mkdocs.yml names the markers' extension `site_build.markers`: importable from the repository root.
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
# ...and for `.venv/bin/mkdocs build` typed by hand, outside these scripts.
site_packages="$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
[ "$(cat "$site_packages/handbook-root.pth" 2>/dev/null)" = "$ROOT" ] || echo "$ROOT" > "$site_packages/handbook-root.pth"
