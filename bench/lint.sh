#!/usr/bin/env bash
# Benchmarks `firebreak lint` on a synthetic corpus of 2,000 runbooks (about 9 KB and 9 shell
# blocks each) against two references, all in one run on the release binary:
#
#   floor   cmark-gfm parsing every file in one process: the cost of parsing alone
#   peer    pymarkdownlnt (`pymarkdown scan`), a Markdown linter in Python
#
# and prints seconds, the ratio to the floor, and the goals beside them. Results also go to
# bench/out/lint-results.txt.
#
#   bench/lint.sh                        # everything, pymarkdownlnt over the whole corpus (minutes)
#   BENCH_PEER_SAMPLE=200 bench/lint.sh  # time pymarkdownlnt on 200 files and extrapolate
#                                        # (its ~1 s start-up is extrapolated too: use 200 or more)
#   BENCH_RUNS=5 bench/lint.sh           # more hyperfine runs per measurement (default 3)
#   FIREBREAK=path/to/firebreak bench/lint.sh   # benchmark that binary instead of building one
#
# Lint exit status 1 (findings) is expected on this corpus; status 2 fails the benchmark.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

swift_bin=${SWIFT:-swift}
runs=${BENCH_RUNS:-3}
peer_sample=${BENCH_PEER_SAMPLE:-0}
out=bench/out
results=$out/lint-results.txt
# hyperfine sends the commands' output to /dev/null; -N runs the lint commands without a shell.
# Lint runs from inside bench/out so its cache lands in bench/out/.firebreak/cache, not the repository's.
cache_dir=.firebreak

die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

[[ $peer_sample =~ ^[0-9]+$ ]] || die "BENCH_PEER_SAMPLE must be a number of files, got '$peer_sample'."
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive number, got '$runs'."

scripts/bench-deps.sh
mkdir -p "$out"
python3 bench/gen_corpus.py --out "$out/corpus"

# FIREBREAK=/path/to/firebreak benchmarks that binary instead of building the release one.
firebreak=${FIREBREAK:-}
if [[ -z $firebreak ]]; then
    echo "bench: building the release binary"
    "$swift_bin" build -c release --product firebreak
    firebreak="$("$swift_bin" build -c release --show-bin-path)/firebreak"
fi
[[ -x $firebreak ]] || die "no executable firebreak at $firebreak; run 'swift build -c release'."
firebreak=$(cd "$(dirname "$firebreak")" && pwd)/$(basename "$firebreak")

cd "$out"
mapfile -d '' files < <(find corpus -name '*.md' -print0 | sort -z)
file_count=${#files[@]}
((file_count > 0)) || die "the corpus in $out/corpus is empty."
corpus_kib=$(du -sk --apparent-size corpus | cut -f1)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Mean seconds and the worst exit status of one hyperfine export.
mean_of() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }
worst_status_of() { python3 -c 'import json,sys; print(max(json.load(open(sys.argv[1]))["results"][0].get("exit_codes") or [0]))' "$1"; }

# A lint run that ends in 2 is a broken benchmark, not a slow one: stop with the linter's own words.
check_lint_status() { # status, what
    if (($1 > 1)); then
        echo "bench: 'firebreak lint' exited $1 during $2 (2 = usage or I/O error)." >&2
        echo "bench: its error output:" >&2
        "$firebreak" lint corpus --no-cache 2>&1 >/dev/null | head -n 20 >&2 || true
        exit 1
    fi
}

echo "bench: checking that firebreak lint runs"
status=0
"$firebreak" lint "${files[0]}" --no-cache >/dev/null 2>preflight.err || status=$?
if ((status > 1)); then
    echo "bench: 'firebreak lint ${files[0]} --no-cache' exited $status (2 = usage or I/O error):" >&2
    head -n 20 preflight.err >&2
    exit 1
fi
rm -f preflight.err

hyper=(hyperfine --style basic --ignore-failure --runs "$runs")

echo "bench: cmark-gfm parse floor"
"${hyper[@]}" --warmup 1 --export-json h-cmark.json \
    "find corpus -name '*.md' -print0 | xargs -0 cmark-gfm -e table -e strikethrough -e autolink -e tasklist > /dev/null"
floor=$(mean_of h-cmark.json)

echo "bench: firebreak lint, cold (--no-cache), bash -n as the syntax oracle"
"${hyper[@]}" -N --export-json h-cold.json "'$firebreak' lint corpus --no-cache --shellcheck off"
check_lint_status "$(worst_status_of h-cold.json)" "the cold runs"
cold=$(mean_of h-cold.json)

# shellcheck is far slower than bash -n (tens of milliseconds a block); its findings are cached like bash's, so
# only a cold run pays for it. Timed on a sample of files and extrapolated, with the sample's bash-only time beside it.
cold_sc=n/a
sc_sample=${BENCH_SHELLCHECK_SAMPLE:-100}
if command -v shellcheck >/dev/null 2>&1; then
    echo "bench: firebreak lint, cold, with shellcheck, on $sc_sample files"
    mkdir -p sc-sample && rm -f sc-sample/*.md && cp "${files[@]:0:sc_sample}" sc-sample/
    status=0
    start=$(now)
    "$firebreak" lint sc-sample --no-cache --shellcheck on >/dev/null 2>&1 || status=$?
    sc_measured=$(elapsed "$start" "$(now)")
    check_lint_status "$status" "the cold run with shellcheck"
    cold_sc=$(awk -v t="$sc_measured" -v n="$sc_sample" -v all="$file_count" 'BEGIN { printf "%.3f", t * all / n }')
fi

echo "bench: firebreak lint, filling the cache"
rm -rf "$cache_dir"
status=0
start=$(now)
"$firebreak" lint corpus --shellcheck off >lint-report.txt 2>/dev/null || status=$?
fill=$(elapsed "$start" "$(now)")
check_lint_status "$status" "the cache-filling run"
findings=$(grep -cE ':[0-9]+:[0-9]+: (error|warning|note|info):' lint-report.txt || true)
errors=$(grep -cE ':[0-9]+:[0-9]+: error:' lint-report.txt || true)
[[ -d $cache_dir ]] || echo "bench: note: no $out/$cache_dir directory after a cached run; the warm numbers measure no cache."

echo "bench: firebreak lint, warm cache"
"${hyper[@]}" -N --warmup 1 --export-json h-warm.json "'$firebreak' lint corpus --shellcheck off"
check_lint_status "$(worst_status_of h-warm.json)" "the warm runs"
warm=$(mean_of h-warm.json)

peer_files=("${files[@]}")
if ((peer_sample > 0 && peer_sample < file_count)); then
    peer_files=("${files[@]:0:peer_sample}")
    peer_how="timed on $peer_sample of $file_count files, extrapolated linearly"
else
    peer_how="timed on all $file_count files"
fi
echo "bench: pymarkdownlnt ($peer_how)"
status=0
start=$(now)
pymarkdown scan "${peer_files[@]}" >/dev/null 2>&1 || status=$?
peer_measured=$(elapsed "$start" "$(now)")
((status <= 1)) || die "'pymarkdown scan' exited $status (1 = violations found, more = failure); run it by hand to see why."
peer=$(awk -v t="$peer_measured" -v n="${#peer_files[@]}" -v all="$file_count" 'BEGIN { printf "%.3f", t * all / n }')

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
verdict() { # value, limit, direction (le|ge)
    awk -v v="$1" -v l="$2" -v d="$3" 'BEGIN { ok = (d == "le") ? (v <= l) : (v >= l); print ok ? "met" : "MISSED" }'
}

cold_x=$(ratio "$cold" "$floor")
warm_x=$(ratio "$warm" "$floor")
fill_x=$(ratio "$fill" "$floor")
peer_x=$(ratio "$peer" "$floor")
speedup=$(ratio "$peer" "$cold")

{
    echo "Firebreak lint benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "Machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //' || echo unknown CPU)"
    echo "Corpus: $file_count runbooks, $(awk -v k="$corpus_kib" 'BEGIN { printf "%.1f", k / 1024 }') MiB, $(awk -v k="$corpus_kib" -v n="$file_count" 'BEGIN { printf "%.1f", k / n }') KiB per file (bench/gen_corpus.py, fixed seed)"
    echo "Lint findings: $findings ($errors errors) — exit status 1 is expected on this corpus"
    echo
    printf '%-34s %10s %10s   %s\n' "tool" "seconds" "x floor" "goal"
    printf '%-34s %10s %10s   %s\n' "cmark-gfm parse (floor)" "$floor" "1.0" ""
    printf '%-34s %10s %10s   %s\n' "firebreak lint --no-cache (cold)" "$cold" "$cold_x" "<= 6x floor: $(verdict "$cold_x" 6 le)"
    printf '%-34s %10s %10s   %s\n' "  cold with shellcheck (extrapolated)" "$cold_sc" "$(ratio "$cold_sc" "$floor")" "from $sc_sample files; cached like bash -n"
    printf '%-34s %10s %10s   %s\n' "firebreak lint (filling cache)" "$fill" "$fill_x" "one run"
    printf '%-34s %10s %10s   %s\n' "firebreak lint (warm cache)" "$warm" "$warm_x" "<= 2x floor: $(verdict "$warm_x" 2 le)"
    printf '%-34s %10s %10s   %s\n' "pymarkdownlnt scan" "$peer" "$peer_x" "$peer_how"
    echo
    echo "pymarkdownlnt / firebreak cold: ${speedup}x (goal >= 50x: $(verdict "$speedup" 50 ge))"
    echo "Means of $runs hyperfine runs (cmark and warm after 1 warm-up); the cache-filling and pymarkdownlnt runs are single runs."
} | tee lint-results.txt

echo "bench: results written to $results"
