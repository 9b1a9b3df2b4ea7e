#!/usr/bin/env python3
"""Generates a synthetic corpus of runbooks for the search benchmark from the shapes of real ones.

Reads the alert runbooks under ../shared/corpus (prometheus-operator and openshift runbook
repositories; repository READMEs and section index pages are skipped) and writes COUNT variants
of them: variant v of a runbook belongs to fictional service SERVICES[v % len(SERVICES)]. Its alert
name gets the service as a suffix (`KubePodCrashLooping` -> `KubePodCrashLoopingPayments`)
everywhere it appears, namespaces become the service's, and a deterministic random choice of
ordinary words is swapped for near-synonyms and of paragraphs dropped or repeated, so that
documents differ in length and term statistics the way a large organisation's runbooks do.

    bench/search_corpus.py [--count 10000] [--seed 4242] [--corpus ../shared/corpus] [--out bench/out/search-corpus]

The output is generated, never committed (bench/out is ignored); the same inputs, seed and count
always give byte-identical files.
"""

import argparse
import os
import random
import re
import shutil
import sys

SERVICES = [
    "payments", "checkout", "ledger", "billing", "inventory", "gateway", "identity", "notifications",
    "reporting", "shipping", "catalog", "pricing", "media", "orders", "accounts", "fraud", "loyalty",
    "analytics", "messaging", "scheduler", "telemetry", "ingest", "frontend", "mobile", "search",
    "recommendations", "warehouse", "invoicing", "profiles", "settlement",
]

SYNONYMS = {
    "check": ["inspect", "verify", "examine"],
    "pod": ["pod", "workload pod"],
    "error": ["error", "failure"],
    "errors": ["errors", "failures"],
    "failed": ["failed", "did not succeed"],
    "cluster": ["cluster", "environment"],
    "increase": ["raise", "increase"],
    "review": ["review", "look at", "read"],
    "logs": ["logs", "log output"],
    "node": ["node", "host"],
    "slow": ["slow", "sluggish"],
    "restart": ["restart", "bounce"],
    "alert": ["alert", "alarm"],
    "quickly": ["quickly", "promptly"],
    "issue": ["issue", "problem"],
}

SKIPPED = {"readme.md", "_index.md", "example.md", "add-runbook.md"}
CAMEL_NAME = re.compile(r"^#\s+([A-Za-z][A-Za-z0-9]+)\s*$", re.MULTILINE)
NAMESPACE = re.compile(r"\b(openshift|kube)-(monitoring|storage|logging|cnv|system)\b")
WORD = re.compile(r"\b([a-z]+)\b")


def source_files(corpus):
    result = []
    for repo in ("prometheus-operator__runbooks", "openshift__runbooks"):
        for directory, _, names in os.walk(os.path.join(corpus, repo)):
            for name in names:
                if name.lower().endswith(".md") and name.lower() not in SKIPPED:
                    result.append(os.path.join(directory, name))
    return sorted(result)


def alert_name(path, text):
    match = CAMEL_NAME.search(text)
    if match:
        return match.group(1)
    return os.path.splitext(os.path.basename(path))[0]


def vary_words(text, rng):
    def swap(match):
        word = match.group(1)
        choices = SYNONYMS.get(word)
        if choices and rng.random() < 0.35:
            return rng.choice(choices)
        return word

    out_lines = []
    in_fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if in_fence:
            out_lines.append(line)
            continue
        # Odd segments are inline code spans: commands and error strings stay as written.
        segments = line.split("`")
        out_lines.append("`".join(seg if i % 2 else WORD.sub(swap, seg) for i, seg in enumerate(segments)))
    return "\n".join(out_lines)


def vary_paragraphs(text, rng):
    """Drops or repeats a few prose paragraphs (never headings or fenced code) to vary lengths."""
    paragraphs = text.split("\n\n")
    result = []
    in_fence = False
    for paragraph in paragraphs:
        fences = paragraph.count("```")
        prose = not in_fence and fences == 0 and not paragraph.lstrip().startswith(("#", "---", "|"))
        if fences % 2 == 1:
            in_fence = not in_fence
        roll = rng.random()
        if prose and roll < 0.08:
            continue
        result.append(paragraph)
        if prose and roll > 0.9:
            result.append(paragraph)
    return "\n\n".join(result)


def variant(path, text, index, per_service_round, rng):
    service = SERVICES[per_service_round % len(SERVICES)]
    name = alert_name(path, text)
    new_name = name + service.capitalize()
    body = re.sub(r"\b" + re.escape(name) + r"\b", new_name, text)
    body = re.sub(r"^title: (.+)$", lambda m: f"title: {m.group(1)} ({service})", body, count=1, flags=re.MULTILINE)
    body = NAMESPACE.sub(lambda m: f"{service}-{m.group(2)}", body)
    body = vary_paragraphs(vary_words(body, rng), rng)
    component = os.path.basename(os.path.dirname(path))
    relative = os.path.join(service, component, f"{new_name}.md")
    return relative, body


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    parser.add_argument("--out", default=os.path.join(here, "out", "search-corpus"))
    args = parser.parse_args()

    sources = source_files(args.corpus)
    if not sources:
        sys.exit(f"search_corpus: no runbooks under {args.corpus}")
    texts = []
    for path in sources:
        with open(path, encoding="utf-8", errors="replace") as handle:
            texts.append(handle.read())

    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    rng = random.Random(args.seed)
    written = set()
    total_bytes = 0
    for index in range(args.count):
        source = index % len(sources)
        round_number = index // len(sources)
        relative, body = variant(sources[source], texts[source], index, round_number, rng)
        if relative in written:
            stem, ext = os.path.splitext(relative)
            relative = f"{stem}-{index}{ext}"
        written.add(relative)
        target = os.path.join(args.out, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(body)
        total_bytes += len(body.encode("utf-8"))
    print(f"search_corpus: {args.count} runbooks from {len(sources)} sources, "
          f"{total_bytes / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
