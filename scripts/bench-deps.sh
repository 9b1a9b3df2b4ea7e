#!/usr/bin/env bash
# Installs what the benchmarks need beyond scripts/install-deps.sh: hyperfine (Debian) and the
# peer linter pymarkdownlnt (PyPI) that bench/lint.sh compares against. Idempotent and quiet when
# everything is present.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/install-deps.sh"

# Pinned so that benchmark numbers from different days compare the same peer.
pymarkdown_version=${PYMARKDOWN_VERSION:-0.9.41}

die() {
    printf 'bench-deps: %s\n' "$*" >&2
    exit 1
}

if ! dpkg-query -W -f='${db:Status-Abbrev}' hyperfine 2>/dev/null | grep -q '^ii'; then
    as_root=()
    [[ $(id -u) -eq 0 ]] || as_root=(sudo)
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null ||
        die "apt-get install hyperfine failed; run it by hand to see why."
fi

if ! command -v pymarkdown >/dev/null 2>&1; then
    printf 'bench-deps: installing pymarkdownlnt==%s\n' "$pymarkdown_version"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check "pymarkdownlnt==$pymarkdown_version" ||
        die "pip could not install pymarkdownlnt==$pymarkdown_version; set PYMARKDOWN_VERSION to another release."
    # pyenv puts new console scripts behind shims that exist only after a rehash.
    if ! command -v pymarkdown >/dev/null 2>&1 && command -v pyenv >/dev/null 2>&1; then
        pyenv rehash
    fi
    command -v pymarkdown >/dev/null 2>&1 ||
        die "pymarkdownlnt installed but 'pymarkdown' is not on PATH; add $(python3 -m site --user-base)/bin to PATH."
fi
