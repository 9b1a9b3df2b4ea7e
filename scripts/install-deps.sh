#!/usr/bin/env bash
# Installs what building and testing Firebreak needs, and only what is missing.
#
# Safe to run any number of times: when everything is present it prints nothing and takes a few
# milliseconds, so `make test` and `make run` call it every time.
#
#   scripts/install-deps.sh            # install missing Debian packages, check the Swift toolchain
#   SWIFT=/opt/swift/usr/bin/swift scripts/install-deps.sh
set -euo pipefail

# The Markdown parser (cmark-gfm and its GFM extensions, found through pkg-config), the shell
# checkers the lint rules use as oracles (bash -n, shellcheck), tmux and procps for terminal and
# process tests, the YAML module for the Python test oracles, PostgreSQL for the storage tests'
# throwaway clusters, a real Alertmanager for the integration tests, and hyperfine and wrk for the
# benchmarks.
packages=(
    pkg-config
    libcmark-gfm-dev
    libcmark-gfm-extensions-dev
    cmark-gfm
    shellcheck
    python3
    python3-yaml
    bash
    tmux
    procps
    postgresql
    prometheus-alertmanager
    hyperfine
    wrk
    # virtualenv for schemathesis, which scripts/fuzz-api.sh installs from PyPI into .venv
    python3-venv
    # HTTP probes of the proof scripts (scripts/lib/servers.sh)
    curl
)

die() {
    printf 'install-deps: %s\n' "$*" >&2
    exit 1
}

# One dpkg-query for all packages keeps the common case (nothing missing) fast.
missing=()
installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)
for p in "${packages[@]}"; do
    grep -qE "^${p} ii" <<<"$installed" || missing+=("$p")
done

if ((${#missing[@]} > 0)); then
    if [[ $(id -u) -eq 0 ]]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        die "missing Debian packages: ${missing[*]}; run this script as root or install sudo."
    fi
    printf 'install-deps: installing %s\n' "${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
        die "apt-get update failed; check the network and /etc/apt/sources.list."
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        die "apt-get install ${missing[*]} failed; run it by hand to see why."
fi

# The python3 first on PATH may not be Debian's (pyenv, a virtualenv), so python3-yaml alone does
# not guarantee `import yaml` works for it.
if ! python3 -c 'import yaml' >/dev/null 2>&1; then
    printf 'install-deps: installing PyYAML for %s\n' "$(command -v python3)"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check pyyaml ||
        die "python3 cannot import yaml; install PyYAML for $(command -v python3)."
fi

pkg-config --exists libcmark-gfm ||
    die "pkg-config cannot find libcmark-gfm; reinstall libcmark-gfm-dev libcmark-gfm-extensions-dev."

swift_bin=${SWIFT:-swift}
command -v "$swift_bin" >/dev/null 2>&1 ||
    die "'$swift_bin' not found on PATH. Install Swift 6.x (https://www.swift.org/install/linux/) and put its usr/bin on PATH, or set SWIFT=/path/to/swift."
