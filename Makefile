# The project's entry points. Every target installs what it needs first, so a fresh clone
# only ever needs `make demo` or `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
WITH_ENGINE := scripts/with-engine

.PHONY: help install build dist engine demo demo-destroy test typecheck gitops-check conformance bench profile schema mutation clean

help:
	@echo "make demo   deploy the demo against the local COM emulator and print its outputs"
	@echo "make test   run the whole test suite on the real Pulumi engine"
	@echo "make demo-destroy  remove what make demo deployed"
	@echo "make gitops-check  run the GitOps pipeline steps locally against the emulator"
	@echo "make bench  benchmark against the engine floor and a naive provider"
	@echo "make schema  regenerate plugin/schema.json from the sdk's zod schemas"
	@echo "make profile  where the CPU time of a no-op up goes, per process (BENCH_N=100)"
	@echo "make conformance  probe the API assumptions (a real COM workspace if HPECOM_* is set, else the emulator)"
	@echo "make engine build (or reuse) the Pulumi engine and print its bin directory"
	@echo "make dist   the plugin's release archives in dist/release (pulumi plugin install resource hpecom <v> --file …)"
	@echo "make mutation  mutation-test the core (sdk/, provider/runtime/, plugin/) with StrykerJS; see docs/mutation.md"

# npm ci only when the lockfile changed since the last install.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.installed

build: install
	npm run build --silent

# The plugin's release archives: dist/release/pulumi-resource-hpecom-v<version>-<os>-<arch>.tar.gz.
dist: build
	scripts/dist.sh

engine: install
	@scripts/engine/build.sh

typecheck: install
	npm run typecheck --silent

demo: build
	$(WITH_ENGINE) scripts/demo.sh

demo-destroy: build
	$(WITH_ENGINE) scripts/demo.sh destroy

# The pipeline steps of examples/gitops, locally against the emulator.
gitops-check: build
	$(WITH_ENGINE) scripts/gitops-check.sh

test: build typecheck gitops-check
	$(WITH_ENGINE) npx jest --ci

# The sdk's contract suite against the emulator, then the probes of docs/api-assumptions.md:
# against a real COM workspace when HPECOM_ENDPOINT (or HPECOM_REGION), HPECOM_CLIENT_ID and
# HPECOM_CLIENT_SECRET are set, against the emulator otherwise.
conformance: build
	HPECOM_CONFORMANCE=1 CONFORMANCE_REPORT=$(CURDIR)/conformance-report.json $(WITH_ENGINE) npx jest --ci tests/contract tests/conformance

# Wall time, requests and memory of this provider against the engine floor and a naive provider.
bench: build
	$(WITH_ENGINE) node dist/bench/run.js

# StrykerJS over the core with the unit and contract tests (not part of make test); the report is
# reports/mutation/mutation.json, and docs/mutation.md explains every survivor.
mutation: build
	npx stryker run

profile: build
	$(WITH_ENGINE) node dist/bench/profile.js

schema: build
	node dist/plugin/generate-schema.js

clean:
	rm -rf dist .pulumi node_modules .stryker-tmp reports
