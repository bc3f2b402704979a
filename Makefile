# `make build` and `make test` set up a fresh machine on their own (uv + locked deps).
UV := $(shell ./scripts/bootstrap.sh)
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: test build lint format dev bench clean-state
.DEFAULT_GOAL := test

test:  ## lint, then the whole test suite
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run pytest

build:  ## parse documents/ and publish datapackage/ (validated by Frictionless too)
	$(UV) run aidecl build --frictionless

lint:
	$(UV) run ruff check .

format:
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

dev:  ## Dagster UI with the daemon (sensor + schedule) on http://127.0.0.1:3000
	$(UV) run dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

bench:  ## benchmarks (figures in README): dates, then a quick end-to-end build
	$(UV) run python benchmarks/dates_vs_dateparser.py
	$(UV) run python benchmarks/build_benchmark.py --quick

clean-state:
	rm -rf .aidecl-state
