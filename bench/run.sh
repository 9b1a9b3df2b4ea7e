#!/usr/bin/env bash
# Benchmarks `firebreak run` on a runbook of 200 trivial read-only commands (`true`, in 4 steps),
# run with --auto read-only on the release binary, against two references, in one hyperfine run:
#
#   script   the same 200 commands in one plain bash script (no process per command)
#   spawn    200 separate `bash -c true` calls (the process-spawn floor `firebreak run` pays)
#
# Prints the ratios; the goal is firebreak within 1.5x of the 200 separate bash -c calls.
#
#   bench/run.sh                       # build the release binary, then measure (BENCH_RUNS=10 runs)
#   FIREBREAK=path/to/firebreak bench/run.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${BENCH_RUNS:-10}
commands=200
out=bench/out/run
mkdir -p "$out"

command -v hyperfine >/dev/null 2>&1 || { echo "bench: hyperfine is missing; run scripts/install-deps.sh" >&2; exit 1; }
if [[ -z ${FIREBREAK:-} ]]; then
    ${SWIFT:-swift} build -c release --product firebreak >/dev/null
    FIREBREAK="$(${SWIFT:-swift} build -c release --show-bin-path)/firebreak"
fi

# The runbook: 4 steps of 50 `true` blocks' lines each; the script: the same 200 lines.
{
    printf -- '---\nid: BENCH-RUN\ntitle: Two hundred trivial commands\n---\n# Two hundred trivial commands\n\n## Steps\n'
    for step in 1 2 3 4; do
        printf '\n### Step %d: Check %d\n\n```bash\n' "$step" "$step"
        for _ in $(seq 1 $((commands / 4))); do echo true; done
        printf '```\n'
    done
} >"$out/bench-run.md"
for _ in $(seq 1 "$commands"); do echo true; done >"$out/script.sh"
{
    echo '#!/usr/bin/env bash'
    for _ in $(seq 1 "$commands"); do echo 'bash --noprofile --norc -c true'; done
} >"$out/spawn.sh"

cd "$out"
rm -rf .firebreak
"$FIREBREAK" run bench-run.md --auto read-only >/dev/null
hyperfine -N --warmup 2 --runs "$runs" --export-json results.json \
    -n firebreak "$FIREBREAK run bench-run.md --auto read-only --data-dir .firebreak" \
    -n script "bash script.sh" \
    -n spawn "bash spawn.sh"
rm -rf .firebreak

python3 - <<'PY'
import json
results = {r["command"]: r for r in json.load(open("results.json"))["results"]}
fb, script, spawn = (results[n]["mean"] for n in ("firebreak", "script", "spawn"))
print(f"firebreak run, 200 commands: {fb*1000:.0f} ms ({fb/200*1000:.2f} ms per command)")
print(f"one bash script:             {script*1000:.0f} ms")
print(f"200 separate bash -c:        {spawn*1000:.0f} ms")
print(f"ratio firebreak / bash -c x200: {fb/spawn:.2f}x (goal <= 1.5x)")
print(f"ratio firebreak / one script:   {fb/script:.1f}x")
PY
