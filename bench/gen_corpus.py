#!/usr/bin/env python3
"""Generates a synthetic, deterministic corpus of runbooks for benchmarking `firebreak lint`.

The runbooks are for fictional services and mix the layouts real teams write: YAML front matter
or none, heading sections (Symptoms/Diagnosis/Resolution/Verification or
Meaning/Impact/Diagnosis/Mitigation), bold-label sections, multi-runbook pages with `## RB-00N:`
units and `#### Step N:` headings, numbered steps, `$ ` prompts with output, `# Option N:`
alternatives, tables and links between files. A few deliberate problems are planted at fixed
rates (placeholders, `kubectl logs -f`, shell syntax errors in about 1% of blocks, a broken
link now and then) so the linter has real work to report.

    bench/gen_corpus.py [--count 2000] [--seed 1729] [--out bench/out/corpus]

The same seed and count always give byte-identical files.
"""

import argparse
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from corpus_blocks import BlockWriter  # noqa: E402
from corpus_text import (  # noqa: E402
    SCENARIOS,
    TEAMS,
    Prose,
    slug,
)

TARGET_MIN_BYTES = 8000
TARGET_MAX_BYTES = 10000
SHELL_BLOCKS_MIN = 7
SHELL_BLOCKS_MAX = 11


class Spec:
    """What one file will be about, decided before any file is written so links can point ahead."""

    def __init__(self, index, team, service, scenario, layout, front_matter):
        self.index = index
        self.team = team
        self.service = service
        self.scenario = scenario
        self.layout = layout
        self.front_matter = front_matter
        self.code = f"{team[:3].upper()}-{index:04d}"
        self.path = f"{team}/{service}/{slug(scenario['title'])}-{index:04d}.md"
        self.title = f"{service}: {scenario['title']}"
        self.alert = service.title().replace("-", "") + scenario["alert"]


def plan(rng, count):
    specs = []
    layouts = ["headings"] * 40 + ["meaning"] * 20 + ["bold"] * 30 + ["multi"] * 10
    for index in range(count):
        team = rng.choice(sorted(TEAMS))
        service = rng.choice(TEAMS[team])
        scenario = rng.choice(SCENARIOS)
        layout = rng.choice(layouts)
        front_matter = layout != "multi" and rng.random() < 0.45
        specs.append(Spec(index, team, service, scenario, layout, front_matter))
    return specs


def relative_link(source, target):
    return os.path.relpath(target.path, os.path.dirname(source.path)).replace(os.sep, "/")


class Document:
    """Builds one runbook file: sections in the spec's layout, filled up to a target size."""

    def __init__(self, rng, spec, specs, stats):
        self.rng = rng
        self.spec = spec
        self.specs = specs
        self.stats = stats
        self.prose = Prose(rng, spec.service, spec.scenario)
        self.blocks = BlockWriter(rng, spec.service, spec.team, stats)
        self.lines = []
        self.blocks_left = rng.randint(SHELL_BLOCKS_MIN, SHELL_BLOCKS_MAX)
        self.target = rng.randint(TARGET_MIN_BYTES, TARGET_MAX_BYTES)
        self.placeholder = rng.random() < 0.08
        self.follow_logs = rng.random() < 0.05
        self.fill_at = None
        self.fill_level = 0

    # Output helpers -------------------------------------------------------------------------

    def add(self, *lines):
        self.lines.extend(lines)

    def paragraph(self, sentences=3):
        self.add(self.prose.paragraph(sentences), "")

    def size(self):
        return sum(len(line.encode("utf-8")) + 1 for line in self.lines)

    def block(self, kind=None):
        self.add(*self.blocks.shell_block(kind, self.take_problem()), "")
        self.blocks_left -= 1

    def explained_blocks(self, count):
        for _ in range(count):
            self.add(self.prose.step_sentence(), "")
            self.block()

    def take_problem(self):
        if self.follow_logs:
            self.follow_logs = False
            return "follow-logs"
        if self.placeholder:
            self.placeholder = False
            return "placeholder"
        return None

    def link(self):
        other = self.specs[self.rng.randrange(len(self.specs))]
        if other is self.spec:
            other = self.specs[(self.spec.index + 1) % len(self.specs)]
        target = relative_link(self.spec, other)
        if self.rng.random() < 0.01:
            self.stats["broken_links"] += 1
            target = target.replace(".md", "-old.md")
        anchor = "#" + self.rng.choice(["diagnosis", "resolution", "verification"]) \
            if other.layout == "headings" and self.rng.random() < 0.4 else ""
        return f"[{other.title}]({target}{anchor})"

    # Shared pieces ----------------------------------------------------------------------------

    def front_matter(self):
        spec = self.spec
        rng = self.rng
        tags = sorted(rng.sample(spec.scenario["tags"] + [spec.team, "on-call"], 3))
        self.add(
            "---",
            f"id: {spec.code}",
            f"title: \"{spec.title}\"",
            f"severity: {rng.choice(['critical', 'high', 'medium', 'low'])}",
            f"mttr: {rng.choice(['10m', '15m', '30m', '45m', '1h'])}",
            f"alerts: [{spec.alert}]",
            f"service: {spec.service}",
            f"owner: team-{spec.team}",
            f"tags: [{', '.join(tags)}]",
            f"last_reviewed: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            f"review_every: {rng.choice(['90d', '180d', '365d'])}",
            "params:",
            "  NAMESPACE:",
            f"    default: {spec.team}",
            "  DEPLOYMENT:",
            f"    default: {spec.service}",
            "---",
            "",
        )

    def metadata_lines(self):
        rng = self.rng
        self.add(
            f"**Severity**: {rng.choice(['Critical', 'High', 'Medium'])}",
            f"**Last Updated**: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            f"**MTTR Target**: <{rng.choice([5, 10, 15, 30])} min",
            f"**Owner**: team-{self.spec.team}",
            "",
        )

    def reference_table(self):
        rows = self.prose.metric_rows(self.rng.randint(3, 5))
        self.add("| Metric | Warning | Critical | Dashboard |", "|--------|---------|----------|-----------|")
        self.add(*rows, "")

    def contacts_table(self):
        self.add(
            "| Level | Who | When |",
            "|-------|-----|------|",
            f"| L1 | On-call for {self.spec.service} | Immediately |",
            f"| L2 | team-{self.spec.team} lead | After {self.rng.choice([15, 20, 30])} minutes |",
            "| L3 | Incident commander | Customer impact confirmed |",
            "",
        )

    def numbered_steps(self, count):
        for number in range(1, count + 1):
            self.add(f"{number}. {self.prose.step_sentence()}")
        self.add("")

    def fill(self, heading_level):
        """Marks where diagnosis notes go; finish() adds them until the file reaches its target size."""
        self.fill_at = len(self.lines)
        self.fill_level = heading_level

    def finish(self):
        notes = []
        size = self.size()
        while size < self.target:
            note = []
            if self.fill_level:
                note += ["#" * self.fill_level + " " + self.prose.note_title(), ""]
            note += [self.prose.paragraph(self.rng.randint(3, 5)), ""]
            if self.rng.random() < 0.35:
                note += [f"See also {self.link()}.", ""]
            notes += note
            size += sum(len(line.encode("utf-8")) + 1 for line in note)
        at = len(self.lines) if self.fill_at is None else self.fill_at
        self.lines[at:at] = notes
        return "\n".join(self.lines).rstrip("\n") + "\n"


def write_headings(doc, meaning_style):
    spec = doc.spec
    if spec.front_matter:
        doc.front_matter()
    doc.add(f"# {spec.title}", "")
    if not spec.front_matter:
        doc.metadata_lines()
    if meaning_style:
        doc.add("## Meaning", "")
        doc.paragraph(3)
        doc.add("## Impact", "")
        doc.paragraph(2)
    else:
        doc.add("## Symptoms", "")
        doc.add(*[f"- {s}" for s in doc.prose.symptoms(4)], "")
        doc.reference_table()
    doc.add("## Diagnosis", "")
    doc.paragraph(2)
    doc.explained_blocks(4)
    if doc.rng.random() < 0.5:
        doc.add(*doc.blocks.query_block(), "")
    doc.fill(3)
    doc.add("## Mitigation" if meaning_style else "## Resolution", "")
    doc.numbered_steps(doc.rng.randint(3, 5))
    doc.block("alternatives")
    doc.add("> **Warning:** the next command drops in-flight work; confirm the incident channel agrees.", "")
    doc.block("destructive")
    doc.explained_blocks(doc.blocks_left - 1)
    if not meaning_style:
        doc.add("## Verification", "")
    doc.add(doc.prose.step_sentence(), "")
    doc.block("console")
    doc.add("## Escalation", "")
    doc.contacts_table()
    doc.add("## Related", "", f"- {doc.link()}", f"- {doc.link()}", "")


def write_bold(doc):
    spec = doc.spec
    if spec.front_matter:
        doc.front_matter()
    doc.add(f"### {spec.code}: {spec.title}", "")
    doc.metadata_lines()
    doc.add("**Symptoms:**", *[f"- {s}" for s in doc.prose.symptoms(4)], "")
    doc.add("**Root Causes:**", *[f"{n}. {c}" for n, c in enumerate(doc.prose.causes(3), 1)], "")
    doc.add("**Investigation:**", "")
    doc.explained_blocks(4)
    doc.fill(0)
    doc.reference_table()
    doc.add("**Resolution:**", "")
    doc.block("alternatives")
    doc.explained_blocks(doc.blocks_left - 1)
    doc.add("**Verify Recovery:**", "")
    doc.block("console")
    doc.add("**Prevention:**", *[f"- {s}" for s in doc.prose.causes(2)], "")
    doc.add(f"Related: {doc.link()}", "")


def write_multi(doc):
    spec = doc.spec
    doc.add(f"# {spec.team.title()} operational runbooks", "")
    doc.add("| Scenario | Priority | Runbook | MTTR Target |", "|----------|----------|---------|-------------|")
    units = doc.rng.randint(2, 3)
    for unit in range(1, units + 1):
        doc.add(f"| {doc.prose.note_title()} | P{doc.rng.randint(0, 3)} | RB-{unit:03d} | <{doc.rng.choice([5, 10, 30])} min |")
    doc.add("")
    per_unit = max(1, doc.blocks_left // units)
    for unit in range(1, units + 1):
        doc.add(f"## RB-{unit:03d}: {doc.prose.note_title()}", "")
        doc.add("### Prerequisites", "", "- [ ] Access to the production cluster", "- [ ] Read access to the database", "")
        doc.add("### Procedure", "")
        count = per_unit if unit < units else doc.blocks_left
        for step in range(1, count + 1):
            doc.add(f"#### Step {step}: {doc.prose.note_title()}", "")
            doc.paragraph(2)
            doc.block("alternatives" if step == 2 else None)
        doc.add("### Verification", "")
        doc.numbered_steps(2)
    doc.fill(2)
    doc.add("## Escalation", "")
    doc.contacts_table()


def generate(count, seed, out_dir):
    rng = random.Random(seed)
    specs = plan(rng, count)
    stats = {"files": 0, "bytes": 0, "shell_blocks": 0, "other_blocks": 0, "syntax_errors": 0,
             "placeholders": 0, "follow_logs": 0, "broken_links": 0}
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    for spec in specs:
        doc = Document(random.Random(rng.getrandbits(64)), spec, specs, stats)
        if spec.layout == "multi":
            write_multi(doc)
        elif spec.layout == "bold":
            write_bold(doc)
        else:
            write_headings(doc, spec.layout == "meaning")
        text = doc.finish()
        path = os.path.join(out_dir, spec.path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        stats["files"] += 1
        stats["bytes"] += len(text.encode("utf-8"))
    return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="number of runbook files (default 2000)")
    parser.add_argument("--seed", type=int, default=1729, help="random seed (default 1729)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "corpus"),
                        help="output directory, emptied first (default bench/out/corpus)")
    args = parser.parse_args()
    stats = generate(args.count, args.seed, args.out)
    files = max(stats["files"], 1)
    print(f"gen_corpus: {stats['files']} files, {stats['bytes'] / 1024 / 1024:.1f} MiB "
          f"({stats['bytes'] / files / 1024:.1f} KiB/file), "
          f"{stats['shell_blocks'] / files:.1f} shell blocks/file (+{stats['other_blocks']} other), "
          f"planted: {stats['syntax_errors']} syntax errors, {stats['placeholders']} placeholders, "
          f"{stats['follow_logs']} 'kubectl logs -f', {stats['broken_links']} broken links -> {args.out}")


if __name__ == "__main__":
    main()
