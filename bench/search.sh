#!/usr/bin/env bash
# Benchmarks `firebreak search` on a synthetic corpus of 10,000 runbooks built from the shapes of the
# real ones in ../shared/corpus (bench/search_corpus.py), all in one run on a release build:
#
#   1. SearchBenchmark (release) parses the corpus, times a full index build into a fresh SQLite file,
#      an incremental refresh with 1% of the files changed, and 200 queries (bench/search-queries.txt)
#      in-process after a warm-up pass: p50, p99 and max per query, wall clock and CPU time.
#   2. The same 200 queries with `grep -ril -- WORD` over the same tree, the tool people use today.
#      grep takes one pattern, so multi-word queries grep for their first word only (grep then does
#      less work than the search, which looks for every word and ranks).
#
# Prints grep's mean per query against firebreak's p50 and p99, the ratios, and the goals
# (p99 < 5 ms, full index build < 10 s). Results also go to bench/out/search-results.txt; per-query
# times to bench/out/search-per-query.tsv.
#
#   bench/search.sh                 # everything
#   BENCH_COUNT=2000 bench/search.sh   # a smaller corpus
#   BENCH_ROUNDS=5 bench/search.sh     # more timed passes over the queries (default 3)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

swift_bin=${SWIFT:-swift}
count=${BENCH_COUNT:-10000}
rounds=${BENCH_ROUNDS:-3}
out=bench/out
corpus=$out/search-corpus
queries=bench/search-queries.txt
results=$out/search-results.txt

die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

[[ $count =~ ^[1-9][0-9]*$ ]] || die "BENCH_COUNT must be a positive number, got '$count'."
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive number, got '$rounds'."
[[ -f $queries ]] || die "no query list at $queries."
command -v python3 >/dev/null || die "python3 is needed to generate the corpus."

mkdir -p "$out"
python3 bench/search_corpus.py --count "$count" --out "$corpus"

echo "bench: building SearchBenchmark (release)"
"$swift_bin" build -c release --product SearchBenchmark
benchmark="$("$swift_bin" build -c release --show-bin-path)/SearchBenchmark"
[[ -x $benchmark ]] || die "no executable at $benchmark."

log=$out/search-benchmark.log
"$benchmark" --corpus "$corpus" --index "$out/search-index.sqlite" --queries "$queries" \
    --latencies "$out/search-latency.tsv" --rounds "$rounds" | tee "$log"

# grep: one warm-up pass so both tools read a warm page cache, then one timed pass.
grep -ril -- runbook "$corpus" >/dev/null || true
now_ns() { date +%s%N; }
: >"$out/search-grep.tsv"
while IFS= read -r query; do
    [[ -n $query ]] || continue
    word=${query%% *}
    start=$(now_ns)
    grep -ril -- "$word" "$corpus" >/dev/null || true
    end=$(now_ns)
    printf '%s\t%s\n' "$query" "$(((end - start) / 1000))" >>"$out/search-grep.tsv"
done <"$queries"

python3 - "$log" "$out/search-latency.tsv" "$out/search-grep.tsv" "$out/search-per-query.tsv" "$results" "$count" <<'PY'
import re, statistics, sys
log, latency_path, grep_path, per_query_path, results_path, count = sys.argv[1:]
text = open(log).read()
def grab(pattern):
    match = re.search(pattern, text)
    return float(match.group(1)) if match else float("nan")
p50 = grab(r"sqlite latency \(wall\): p50 ([0-9.]+) ms")
p99 = grab(r"sqlite latency \(wall\): p50 [0-9.]+ ms  p99 ([0-9.]+) ms")
build = grab(r"full index build: ([0-9.]+) s")
firebreak = dict(line.rstrip("\n").split("\t") for line in open(latency_path) if "\t" in line)
grep = {q: int(us) / 1000 for q, us in (line.rstrip("\n").split("\t") for line in open(grep_path) if "\t" in line)}
grep_mean = statistics.mean(grep.values())
with open(per_query_path, "w") as handle:
    handle.write("query\tfirebreak_median_ms\tgrep_first_word_ms\n")
    for query, ms in grep.items():
        handle.write(f"{query}\t{float(firebreak.get(query, 'nan')):.3f}\t{ms:.3f}\n")
summary = [
    "",
    f"search benchmark: {count} runbooks, {len(grep)} queries",
    f"  grep -ril (first word of each query): mean {grep_mean:.2f} ms per query",
    f"  firebreak search (SQLite FTS5, in-process): p50 {p50:.3f} ms, p99 {p99:.3f} ms per query",
    f"  ratio grep mean / firebreak p50: {grep_mean / p50:.0f}x;  grep mean / firebreak p99: {grep_mean / p99:.0f}x",
    f"  goal p99 < 5 ms: {'met' if p99 < 5 else 'NOT met'} ({p99:.3f} ms)",
    f"  goal full index build < 10 s: {'met' if build < 10 else 'NOT met'} ({build:.2f} s)",
]
print("\n".join(summary))
with open(results_path, "w") as handle:
    handle.write(text + "\n".join(summary) + "\n")
PY
echo "bench: results in $results"
