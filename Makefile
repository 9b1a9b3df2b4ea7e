# Firebreak: build, test, run and benchmark.
#
#   make run     install what is missing, build, and start the server on the example runbooks
#   make test    install what is missing, build everything, and run every test target
#   make durability    kill -9 the server 20 times per backend while webhooks are posted; 0 lost
#   make fuzz          schemathesis against the server's /openapi.json
#   make bench-ingest  webhook ingest into Firebreak against a real Alertmanager (release build)
#
# Every target that builds first runs scripts/install-deps.sh, which is quiet and fast when
# nothing is missing.

SWIFT ?= swift
SWIFT_FORMAT ?= swift-format

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

EXAMPLES_LINT = lint examples/runbooks --rules examples/alerts --config examples/firebreak.yml
FORMAT_PATHS = Package.swift Sources Tests Benchmarks

.PHONY: all deps build release test run lint-examples bench bench-run bench-ingest durability fuzz format format-check clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Swift Testing is off because every suite is XCTest: its own empty-run line would otherwise close
# the output and hide XCTest's "Executed N tests, with M failures" summary.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-swift-testing

# Starts `firebreak serve --config examples/firebreak.yml` with SQLite in .firebreak/, creating an
# admin and an ingest token the first time, and prints a curl line that posts an example alert.
run: deps
	@SWIFT="$(SWIFT)" scripts/run-server.sh

# Exit status 1 means the linter found error-level findings, which is what the examples are
# meant to show; only 2 (usage or I/O error) fails the target.
lint-examples: build
	@bin="$$($(SWIFT) build --show-bin-path)/firebreak"; \
	echo "\$$ firebreak $(EXAMPLES_LINT)"; \
	status=0; "$$bin" $(EXAMPLES_LINT) || status=$$?; \
	echo "(exit status $$status)"; \
	test $$status -le 1

bench: deps
	bench/lint.sh

# `firebreak run` overhead: 200 trivial commands against 200 `bash -c true` calls.
bench-run: deps
	bench/run.sh

# Release build; DURATION=5s for shorter points. Results in bench/out/ingest-results.txt.
bench-ingest: deps
	bench/ingest.sh

# 20 rounds per backend (SQLite, PostgreSQL); the output also goes to bench/out/durability.txt.
durability: build
	@mkdir -p bench/out
	scripts/durability.py --backend both --rounds 20 2>&1 | tee bench/out/durability.txt

fuzz: build
	scripts/fuzz-api.sh

format:
	@if command -v $(SWIFT_FORMAT) >/dev/null 2>&1; then \
		$(SWIFT_FORMAT) format --in-place --recursive --parallel --configuration .swift-format $(FORMAT_PATHS); \
	else \
		echo "make format: $(SWIFT_FORMAT) not found; it ships with Swift 6 toolchains."; \
	fi

format-check:
	@if command -v $(SWIFT_FORMAT) >/dev/null 2>&1; then \
		$(SWIFT_FORMAT) lint --strict --recursive --parallel --configuration .swift-format $(FORMAT_PATHS); \
	else \
		echo "make format-check: $(SWIFT_FORMAT) not found; it ships with Swift 6 toolchains."; \
	fi

clean:
	$(SWIFT) package clean
	rm -rf bench/out .firebreak examples/.firebreak
