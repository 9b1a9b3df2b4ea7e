#!/usr/bin/env python3
"""Independent oracle for linting the prometheus-operator runbooks against kube-prometheus rules.

Prints, as JSON, what `firebreak lint` must report for the alert and structure rules on that
corpus, computed without Firebreak (plain Python and PyYAML) so the two can be compared:

    {"alert_runbook_missing": [alert names],
     "runbooks_without_alert": [runbook paths relative to the runbook repository],
     "missing_sections": {relative path: [missing kinds]}}

Usage (paths default to ../shared/corpus beside the package root):

    Tests/Fixtures/prometheus-operator-expected.py [RUNBOOK_REPO] [RULE_DIR]

Conventions shared with the linter:
- runbook files: every *.md except `_index.md` and repository meta files (README, CONTRIBUTING,
  CHANGELOG, CODE_OF_CONDUCT, SECURITY, LICENSE .md), names compared case-insensitively;
- runbook_url `https://runbooks.prometheus-operator.dev/runbooks/X` maps to `content/runbooks/X`;
  a URL resolves when a file's repository-relative path equals, case-insensitively, the mapped
  path or the mapped path + ".md" (trailing slash and #anchor ignored);
- a section is an ATX heading outside fenced code whose text, lowercased and stripped of a
  trailing ':' and surrounding whitespace, is one of the synonyms in SECTION_SYNONYMS.
"""

import json
import os
import re
import sys

import yaml

URL_PREFIX = "https://runbooks.prometheus-operator.dev/runbooks/"
MAPPED_DIR = "content/runbooks/"

META_FILES = {
    "readme.md",
    "contributing.md",
    "changelog.md",
    "code_of_conduct.md",
    "security.md",
    "license.md",
}

SECTION_SYNONYMS = {
    "summary": {"meaning", "summary", "overview"},
    "impact": {"impact"},
    "diagnosis": {
        "diagnosis",
        "investigation",
        "triage",
        "assess",
        "possible checks",
        "root causes",
        "check",
    },
    "resolution": {
        "resolution",
        "mitigation",
        "fix",
        "quick fix",
        "remediation",
        "immediate actions",
        "steps",
        "recovery",
        "possible resolutions",
    },
}
REQUIRED_KINDS = ["summary", "impact", "diagnosis", "resolution"]

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")


def all_files(root):
    """Every regular file under root, as a repository-relative path with '/' separators."""
    found = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for name in filenames:
            full = os.path.join(directory, name)
            found.append(os.path.relpath(full, root).replace(os.sep, "/"))
    return sorted(found)


def is_runbook(relpath):
    name = relpath.rsplit("/", 1)[-1].lower()
    return name.endswith(".md") and name != "_index.md" and name not in META_FILES


def resolve(url, files_by_lower):
    """Repository-relative files a runbook URL points at (empty when it does not resolve)."""
    target = url.strip().split("#", 1)[0]
    if target.startswith(URL_PREFIX):
        target = MAPPED_DIR + target[len(URL_PREFIX):]
    elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target):
        return []
    target = target.rstrip("/")
    while target.startswith("./"):
        target = target[2:]
    target = target.lstrip("/").lower()
    if not target:
        return []
    hits = []
    for candidate in (target, target + ".md"):
        hits.extend(files_by_lower.get(candidate, []))
    return hits


def alerts_in(rule_dir):
    """(alert name, runbook URL or None) for every alerting rule in the YAML files of rule_dir."""
    alerts = []
    for relpath in all_files(rule_dir):
        if not relpath.lower().endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(rule_dir, relpath), encoding="utf-8") as handle:
            documents = list(yaml.safe_load_all(handle))
        for document in documents:
            if not isinstance(document, dict):
                continue
            groups = document.get("groups")
            spec = document.get("spec")
            if groups is None and isinstance(spec, dict):
                groups = spec.get("groups")
            for group in groups or []:
                for rule in (group or {}).get("rules") or []:
                    if not isinstance(rule, dict) or "alert" not in rule:
                        continue
                    annotations = rule.get("annotations") or {}
                    url = annotations.get("runbook_url") or annotations.get("runbook")
                    alerts.append((str(rule["alert"]), url))
    return alerts


def heading_text(line):
    match = ATX_HEADING.match(line)
    if not match:
        return None
    text = CLOSING_HASHES.sub("", match.group(2) or "")
    return text.strip().rstrip(":").strip().lower()


def strip_front_matter(lines):
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return lines[index + 1:]
    return lines


def section_kinds(path):
    """Canonical kinds of the headings in a Markdown file, ignoring fenced code and front matter."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = strip_front_matter(handle.read().splitlines())
    kinds = set()
    fence = None
    for line in lines:
        match = FENCE.match(line)
        if fence is None:
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = match.group(1)
                continue
        else:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not match.group(2).strip():
                fence = None
            continue
        text = heading_text(line)
        if text is None:
            continue
        for kind, names in SECTION_SYNONYMS.items():
            if text in names:
                kinds.add(kind)
    return kinds


def main(argv):
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    corpus = os.path.join(os.path.dirname(package_root), "shared", "corpus")
    runbook_repo = argv[1] if len(argv) > 1 else os.path.join(corpus, "prometheus-operator__runbooks")
    rule_dir = argv[2] if len(argv) > 2 else os.path.join(
        corpus, "prometheus-operator__kube-prometheus", "manifests")
    for path in (runbook_repo, rule_dir):
        if not os.path.isdir(path):
            sys.exit(f"prometheus-operator-expected: {path} is not a directory")

    files = all_files(runbook_repo)
    files_by_lower = {}
    for relpath in files:
        files_by_lower.setdefault(relpath.lower(), []).append(relpath)
    runbooks = [f for f in files if is_runbook(f)]

    missing_runbook = set()
    linked = set()
    for name, url in alerts_in(rule_dir):
        if url is None:
            continue
        hits = resolve(str(url), files_by_lower)
        if hits:
            linked.update(hits)
        else:
            missing_runbook.add(name)

    missing_sections = {}
    for relpath in runbooks:
        present = section_kinds(os.path.join(runbook_repo, relpath))
        absent = [kind for kind in REQUIRED_KINDS if kind not in present]
        if absent:
            missing_sections[relpath] = absent

    result = {
        "alert_runbook_missing": sorted(missing_runbook),
        "runbooks_without_alert": sorted(f for f in runbooks if f not in linked),
        "missing_sections": missing_sections,
    }
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
