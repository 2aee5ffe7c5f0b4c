# plenary — build, run, test. Every target works on a fresh machine after
# .ci/run's installs (Go, Node.js/npm).
GO      ?= go
BIN     := ./plenary
INTEROP := pipeline/tables/interop
TESTOUT := $(CURDIR)/.test-outputs

.PHONY: all build run test fmt-check vet gotest interop eval eval-gate baseline bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/plenary

# The main job on the bundled sample: the project's own corpus -> outputs/.
run: build
	$(BIN) run -o outputs corpus/

test: fmt-check vet gotest interop eval-gate

fmt-check:
	@out=$$(gofmt -l cmd pipeline); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

gotest:
	$(GO) test -race -count=1 ./...

# Every fuzz target (func FuzzX in any _test.go under cmd/ and pipeline/),
# one at a time since go test -fuzz takes one package and one target:
# briefly as part of make test, a minute each in make fuzz. A failure prints
# the fuzzer's output; the failing input is saved under the package's
# testdata/fuzz/ and replays in every go test from then on.
.PHONY: fuzz fuzz-short
test: fuzz-short
FUZZTIME ?= 5s
fuzz-short:
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' cmd pipeline | sort); do \
	  d=./$$(dirname $$f); \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "fuzz $$d $$t ($(FUZZTIME))"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) $$d > .fuzz.log 2>&1 || { cat .fuzz.log; rm -f .fuzz.log; exit 1; }; \
	  done; \
	done; rm -f .fuzz.log

fuzz:
	$(MAKE) fuzz-short FUZZTIME=60s

# Independent-engine check: DuckDB (npm @duckdb/node-api) reads the Parquet
# tables written for corpus/ and checks column types and row counts.
interop: build
	rm -rf $(TESTOUT) && mkdir -p $(TESTOUT)
	$(BIN) run --quiet -o $(TESTOUT) corpus/
	cd $(INTEROP) && (test -d node_modules/@duckdb/node-api || npm install --no-audit --no-fund --loglevel=error)
	node $(INTEROP)/check.mjs $(TESTOUT)

# Figures against a gold corpus (default: the shared dev corpus).
CORPUS ?= ../shared/corpus
eval: build
	$(BIN) eval $(CORPUS)

# The corpus gate: compare extraction on corpus/ with the committed baseline;
# fails on an F1 drop beyond the tolerance, a gold item newly missed (gold
# added since the baseline included) or a new spurious item.
eval-gate: build
	$(BIN) eval corpus --baseline corpus/baseline.json

# Refresh the baseline deliberately, after reviewing what eval-gate reports.
baseline: build
	$(BIN) eval corpus --save-baseline corpus/baseline.json

clean:
	rm -rf $(BIN) $(TESTOUT)
