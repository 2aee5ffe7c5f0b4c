# plenary — build, run, test. Every target needs only Go (1.26+) on a fresh
# machine: the targets that need more (test, interop, browser-test) install it
# first through scripts/setup.sh (Debian/Ubuntu packages, as root or with sudo).
GO      ?= go
BIN     := ./plenary
INTEROP := pipeline/tables/interop
TESTOUT := $(CURDIR)/.test-outputs
# The revision plenary --version and run.json name ("-dirty" with local changes).
COMMIT  := $(shell git describe --always --dirty --abbrev=12 --exclude='*' 2>/dev/null || echo unknown)

.PHONY: lexicons lexicons-check postag-model postag-check bench-matrix all build run test test-short setup fmt-check vet lint gotest gotest-short interop eval eval-gate baseline bench bench-scale clean browser-test

all: build

build:
	$(GO) build -ldflags "-X main.commit=$(COMMIT)" -o $(BIN) ./cmd/plenary

# The main job on the bundled sample: the project's own corpus -> outputs/.
run: build
	$(BIN) run -o outputs corpus/

# Everything, as CI runs it: about 6 minutes on a quiet 2-core machine (see
# README). The first run on a fresh machine also installs Node.js/npm,
# Chromium and the DuckDB module (setup).
test: setup fmt-check vet lint gotest interop eval-gate browser-test

# The edit-test loop: under 3 minutes on a quiet 2-core machine, Go only. No
# race detector, no browser, no DuckDB, no fuzzing, and the long kill-and-resume
# trials skipped (go test -short); make test runs all of them.
test-short: fmt-check vet lint gotest-short eval-gate

# Installs what is missing for make test (quiet when nothing is).
setup:
	@GO=$(GO) scripts/setup.sh

fmt-check:
	@out=$$(gofmt -l cmd pipeline scripts); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# golangci-lint with .golangci.yml: function length (funlen), cyclomatic
# complexity (gocyclo) and unused code. The pinned version is installed
# with go install the first time (a few minutes), so the target needs only Go.
GOLANGCI_VERSION := v2.15.0
GOLANGCI ?= $(shell $(GO) env GOPATH)/bin/golangci-lint
lint:
	@$(GOLANGCI) version 2>/dev/null | grep -q ' $(GOLANGCI_VERSION:v%=%) ' || { \
	  echo "lint: installing golangci-lint $(GOLANGCI_VERSION) (once)"; \
	  $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION); }
	$(GOLANGCI) run ./...

gotest:
	$(GO) test -race -count=1 ./...

gotest-short:
	$(GO) test -short -count=1 ./...

# Every fuzz target (func FuzzX in any _test.go under cmd/ and pipeline/),
# one at a time since go test -fuzz takes one package and one target:
# briefly as part of make test, a minute each in make fuzz. A failure prints
# the fuzzer's output; the failing input is saved under the package's
# testdata/fuzz/ and replays in every go test from then on.
.PHONY: fuzz fuzz-short
test: fuzz-short
FUZZTIME ?= 5s
# No minimizing in the short run (a crasher is still saved, unminimized).
# Go's fuzzer sometimes ends a timed run with a bare "context deadline
# exceeded" and no failing input (seen in CI with go1.26 on targets that had
# found nothing): that is the deadline, not a finding, and is reported as a
# note; a real failure always writes its input under testdata/fuzz/.
FUZZFLAGS ?= -fuzzminimizetime=0s
fuzz-short:
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' cmd pipeline | sort); do \
	  d=./$$(dirname $$f); \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "fuzz $$d $$t ($(FUZZTIME))"; \
	    if ! $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) $(FUZZFLAGS) $$d > .fuzz.log 2>&1; then \
	      if grep -q 'context deadline exceeded' .fuzz.log && ! grep -q 'Failing input written' .fuzz.log; then \
	        echo "  note: $$t ended on the fuzzer's own deadline with no failing input"; \
	      else cat .fuzz.log; rm -f .fuzz.log; exit 1; fi; \
	    fi; \
	  done; \
	done; rm -f .fuzz.log

fuzz:
	$(MAKE) fuzz-short FUZZTIME=60s FUZZFLAGS=

# Independent-engine check: DuckDB (npm @duckdb/node-api) and polars (npm
# nodejs-polars, the engine of Python's polars) read the Parquet tables
# written for corpus/ (each a folder of part files, read with one glob) and
# check column types, row counts and the parts run.json lists; then the same
# input as three shards and finalize (three parts per table), whose tables
# must hold the same rows; and three shards with --format arrow, whose
# folders of Arrow IPC parts polars reads.
interop: setup build
	rm -rf $(TESTOUT) && mkdir -p $(TESTOUT)
	$(BIN) run --quiet -o $(TESTOUT)/one corpus/
	node $(INTEROP)/check.mjs $(TESTOUT)/one
	for i in 0 1 2; do $(BIN) run --quiet --shard $$i/3 -o $(TESTOUT)/sharded corpus/ || exit 1; done
	$(BIN) finalize --quiet $(TESTOUT)/sharded
	node $(INTEROP)/check.mjs $(TESTOUT)/sharded $(TESTOUT)/one
	for i in 0 1 2; do $(BIN) run --quiet --format arrow --shard $$i/3 -o $(TESTOUT)/arrow corpus/ || exit 1; done
	$(BIN) finalize --quiet $(TESTOUT)/arrow
	node $(INTEROP)/check.mjs $(TESTOUT)/arrow

# The HTML reports in headless Chromium (Debian package chromium, installed by
# setup): DOM after the scripts ran (charts, highlights, no markup from
# document text) and screenshots, kept in $(TESTOUT)/screenshots. Fails,
# rather than skips, when chromium is missing.
browser-test: setup
	PLENARY_REQUIRE_BROWSER=1 PLENARY_SCREENSHOT_DIR=$(TESTOUT)/screenshots $(GO) test -count=1 -run Browser -v ./pipeline/report/

# The generated lexicons (pipeline/lexicon/data/gen_*.txt) from open-data
# npm packages pinned in scripts/lexicons/package-lock.json; see NOTICE for
# their sources and licences. Needs the npm registry; normal builds and tests
# use the committed files. lexicons-check regenerates them aside and fails
# when a committed file differs (a hand edit, or a generator changed without
# regenerating).
LEXGEN := scripts/lexicons
lexicons:
	cd $(LEXGEN) && npm ci --no-audit --no-fund --loglevel=error
	node $(LEXGEN)/generate.mjs pipeline/lexicon/data

lexicons-check:
	cd $(LEXGEN) && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(TESTOUT)/lexicons && node $(LEXGEN)/generate.mjs $(TESTOUT)/lexicons
	@for f in $(TESTOUT)/lexicons/gen_*.txt; do cmp $$f pipeline/lexicon/data/$$(basename $$f) || exit 1; done; \
	  echo "lexicons-check: the committed gen_*.txt are what make lexicons writes"

# The part-of-speech model (pipeline/postag/model.bin) from the averaged
# perceptron that the prose module embeds (see NOTICE), weights unchanged,
# in a form that loads in milliseconds. postag-check writes it aside and
# compares.
postag-model:
	$(GO) run ./scripts/postag pipeline/postag/model.bin

postag-check:
	@mkdir -p $(TESTOUT) && $(GO) run ./scripts/postag $(TESTOUT)/postag-model.bin >/dev/null && \
	  cmp $(TESTOUT)/postag-model.bin pipeline/postag/model.bin && \
	  echo "postag-check: the committed model.bin is what make postag-model writes"

# Figures against a gold corpus: the project's own by default, or yours with
# make eval CORPUS=DIR (its format: docs/gold-format.md).
CORPUS ?= corpus
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

# Throughput and memory: a deterministic synthetic corpus of BENCH_MB
# megabytes (plenary synth), one `plenary run` over it under /usr/bin/time
# (Debian package "time"), then MB/s, documents/s, peak RSS and the time per
# stage from run.json. BENCH_WORKERS=N sets --workers (default: all cores).
BENCH_MB      ?= 20
BENCH_WORKERS ?=
BENCH_DIR     ?= /tmp/plenary-bench
SYNTH_SUM      = $(shell cat pipeline/synth/*.go pipeline/synth/data/*.txt cmd/plenary/synth.go | cksum | cut -d' ' -f1)
bench: build
	@test -x /usr/bin/time || { echo "bench: /usr/bin/time missing (scripts/setup.sh installs it)"; exit 2; }
	@rm -rf $(BENCH_DIR)/out && mkdir -p $(BENCH_DIR)
	@# The corpus is deterministic: it is made again only when the generator
	@# (pipeline/synth, its data, the synth command) changed. (Comparing with
	@# the binary's time made it again at every make bench: build relinks.)
	@test "$$(cat $(BENCH_DIR)/corpus-$(BENCH_MB)/.done 2>/dev/null)" = "$(SYNTH_SUM)" || { rm -rf $(BENCH_DIR)/corpus-$(BENCH_MB) && \
	  $(BIN) synth --mb $(BENCH_MB) --seed 1 -o $(BENCH_DIR)/corpus-$(BENCH_MB) && echo "$(SYNTH_SUM)" > $(BENCH_DIR)/corpus-$(BENCH_MB)/.done; }
	/usr/bin/time -v -o $(BENCH_DIR)/time.txt $(BIN) run --quiet $(if $(BENCH_WORKERS),--workers $(BENCH_WORKERS)) -o $(BENCH_DIR)/out $(BENCH_DIR)/corpus-$(BENCH_MB)
	@awk -F': ' '/Elapsed \(wall clock\)/ { n = split($$2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i]; print "wall", w } \
	  /Maximum resident set size/ { print "rss", $$2 } /User time/ { print "user", $$2 } /System time/ { print "sys", $$2 }' $(BENCH_DIR)/time.txt > $(BENCH_DIR)/figures.txt
	@$(BIN) figures $(BENCH_DIR)/out >> $(BENCH_DIR)/figures.txt
	@awk '$$1 == "stage" { stage[$$2] = $$3; total += $$3; next } { v[$$1] = $$2 } END { \
	  printf "bench: %.1f MB, %d documents, %d workers, load %s\n", v["bytes"] / 1e6, v["docs"], v["workers"], load; \
	  printf "  end to end %.2f s: %.2f MB/s, %.0f documents/s (user %.2f s, sys %.2f s)\n", v["wall"], v["bytes"] / 1e6 / v["wall"], v["docs"] / v["wall"], v["user"], v["sys"]; \
	  printf "  peak RSS %.0f MB; start-up %.3f s\n", v["rss"] / 1024, v["startup"]; \
	  printf "  stage seconds, summed over workers:"; \
	  n = split("segment entities roles dates quotes assemble write registry", order, " "); \
	  for (i = 1; i <= n; i++) if (order[i] in stage) printf " %s %.2f (%.0f%%)", order[i], stage[order[i]], 100 * stage[order[i]] / total; \
	  printf "\n" }' load="$$(cut -d' ' -f1-3 /proc/loadavg)" $(BENCH_DIR)/figures.txt
	@cp $(BENCH_DIR)/figures.txt $(BENCH_DIR)/figures-$(BENCH_MB)mb-$(or $(BENCH_WORKERS),all)w.txt

# Linear time on pathological input: BenchmarkPathological (pipeline/extract)
# extracts each shape of text (long runs of punctuation, short quoted
# phrases, thousands of names, bodies, titles and quotes, long sentences and
# paragraphs, nested brackets) at 256 KiB, 512 KiB and 1 MiB;
# BenchmarkPathological (pipeline/registry) resolves each shape of a run's
# people (thousands of persons sharing a surname, long lists of names, a few
# names in every report) at 12,000, 24,000 and 48,000 document persons.
# Each runs for at least PATHO_TIME, PATHO_COUNT times, the least CPU time
# kept (wall time on a shared machine is too noisy); this prints the ratio
# of each doubling and the ratio per doubling over both (the square root of
# the largest over the smallest, steadier than either), and fails when that
# passes 2.5 (linear gives ~2, quadratic ~4).
PATHO_COUNT ?= 3
PATHO_TIME  ?= 300ms
.PHONY: bench-pathological
bench-pathological:
	$(GO) test -run '^$$' -bench '^BenchmarkPathological$$' -benchtime $(PATHO_TIME) -count $(PATHO_COUNT) -timeout 60m ./pipeline/extract/ ./pipeline/registry/ > .bench-patho.txt || { cat .bench-patho.txt; exit 1; }
	@awk '/^pkg: / { pkg = $$2; sub(/.*\//, "", pkg) } \
	  /^BenchmarkPathological\// { \
	    split($$1, p, "/"); s = pkg "/" p[2]; z = p[3]; sub(/-[0-9]+$$/, "", z); \
	    for (i = 2; i <= NF; i++) if ($$i == "cpu-ns/op") ns = $$(i - 1) + 0; \
	    k = s SUBSEP z; if (!(k in t)) { t[k] = ns; nz[s]++; size[s, nz[s]] = z } else if (ns < t[k]) t[k] = ns; \
	    if (!(s in seen)) { seen[s] = 1; order[++n] = s } } \
	  END { printf "%-32s %22s   %s\n", "shape", "smallest, x2, x4", "CPU time ratio: each doubling, per doubling over both"; \
	    for (j = 1; j <= n; j++) { s = order[j]; a = t[s, size[s, 1]]; b = t[s, size[s, 2]]; c = t[s, size[s, 3]]; \
	      r = sqrt(c / a); mark = r > 2.5 ? "   over 2.5" : ""; if (mark != "") bad++; \
	      printf "%-32s %6.3fs %6.3fs %6.3fs   %.2f  %.2f  %.2f%s\n", s " (" size[s, 1] ")", a / 1e9, b / 1e9, c / 1e9, b / a, c / b, r, mark } \
	    if (bad) { printf "bench-pathological: %d shape(s) grow faster than linear\n", bad; exit 1 } }' .bench-patho.txt

# The issue's matrix: 20 and 200 MB (BENCH_SIZES, small first), 1 and 2
# workers, BENCH_ROUNDS rounds, each running every size with 1 then 2
# workers, so that a change in the machine's speed or memory behaviour
# during the matrix (another VM on the host) hits every combination alike;
# then per size and worker count the median MB/s and the highest and median
# peak RSS, the speed-up of 2 workers over 1 (of the medians, and within
# each round) and the peak RSS of the largest size against the smallest.
BENCH_SIZES  ?= 20 200
BENCH_ROUNDS ?= 5
bench-matrix: build
	@rm -f $(BENCH_DIR)/matrix-runs.txt
	@for r in $$(seq $(BENCH_ROUNDS)); do for mb in $(BENCH_SIZES); do for w in 1 2; do \
	  $(MAKE) --no-print-directory bench BENCH_MB=$$mb BENCH_WORKERS=$$w > $(BENCH_DIR)/bench.log 2>&1 || { cat $(BENCH_DIR)/bench.log; exit 1; }; \
	  awk -v mb=$$mb -v w=$$w -v r=$$r '{ v[$$1] = $$2 } END { printf "%s %s %.3f %.0f %.0f %s\n", mb, w, v["bytes"] / 1e6 / v["wall"], v["docs"] / v["wall"], v["rss"] / 1024, r }' \
	    $(BENCH_DIR)/figures.txt | tee -a $(BENCH_DIR)/matrix-runs.txt | awk '{ printf "run: %s MB, %s worker(s), round %s: %s MB/s, %s docs/s, %s MB peak RSS\n", $$1, $$2, $$6, $$3, $$4, $$5 }'; \
	done; done; done
	@sort -k1,1n -k2,2n -k3,3n $(BENCH_DIR)/matrix-runs.txt | awk ' \
	  function median(a, cnt,   i, j, t) { for (i = 2; i <= cnt; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } \
	    return cnt % 2 ? a[(cnt + 1) / 2] : (a[cnt / 2] + a[cnt / 2 + 1]) / 2 } \
	  { k = $$1 " " $$2; n[k]++; mbs[k, n[k]] = $$3; docs[k, n[k]] = $$4; rs[k, n[k]] = $$5; if ($$5 > rss[k]) rss[k] = $$5; byround[k, $$6] = $$3; rounds[$$1, $$6] = 1 } \
	  !($$1 in seen) { seen[$$1] = 1; sizes[++ns] = $$1 } END { \
	  for (i = 1; i <= ns; i++) for (w = 1; w <= 2; w++) { k = sizes[i] " " w; m = int((n[k] + 1) / 2); med[k] = mbs[k, m]; \
	    c = 0; for (j = 1; j <= n[k]; j++) tmp[++c] = rs[k, j]; medrss[k] = median(tmp, c); \
	    printf "matrix: %s MB, %d worker(s): median %.2f MB/s (%.0f docs/s) of %d runs, peak RSS %d MB at most, %d MB median\n", sizes[i], w, med[k], docs[k, m], n[k], rss[k], medrss[k] } \
	  for (i = 1; i <= ns; i++) { c = 0; lo = 0; hi = 0; \
	    for (key in rounds) { split(key, kr, SUBSEP); if (kr[1] != sizes[i]) continue; \
	      a1 = byround[sizes[i] " 1", kr[2]]; a2 = byround[sizes[i] " 2", kr[2]]; if (a1 == "" || a2 == "") continue; \
	      x = a2 / a1; tmp[++c] = x; if (lo == 0 || x < lo) lo = x; if (x > hi) hi = x } \
	    printf "matrix: %s MB: 2 workers / 1 worker = %.2fx (medians); in the same round %.2fx median, %.2f-%.2fx\n", sizes[i], med[sizes[i] " 2"] / med[sizes[i] " 1"], median(tmp, c), lo, hi } \
	  for (w = 1; w <= 2; w++) printf "matrix: peak RSS %s MB / %s MB = %.3f at most, %.3f median (%d worker(s))\n", sizes[ns], sizes[1], \
	    rss[sizes[ns] " " w] / rss[sizes[1] " " w], medrss[sizes[ns] " " w] / medrss[sizes[1] " " w], w }' \
	  | tee $(BENCH_DIR)/matrix.txt

# Issue 17's memory check: memory must not grow with the input. make bench
# with 2 workers over the 20 MB corpus, then over a BENCH_SCALE_MB corpus
# (default 1000: 1 GB, made once by plenary synth as make bench does, ~1 GB
# of disk in BENCH_DIR, plus its tables), and the ratio of their peak RSS;
# fails when the large run peaks more than 5% above the small one. The
# large run takes minutes of both cores: run it on a quiet machine.
BENCH_SCALE_MB ?= 1000
bench-scale: build
	@$(MAKE) --no-print-directory bench BENCH_MB=20 BENCH_WORKERS=2
	@$(MAKE) --no-print-directory bench BENCH_MB=$(BENCH_SCALE_MB) BENCH_WORKERS=2
	@awk 'FNR == 1 { f++ } $$1 == "rss" { rss[f] = $$2 } $$1 == "bytes" { mb[f] = $$2 / 1e6 } END { \
	  r = rss[2] / rss[1]; \
	  printf "bench-scale: peak RSS %.0f MB at %.0f MB of input, %.0f MB at %.0f MB: %.3fx (at most 1.05)\n", rss[2] / 1024, mb[2], rss[1] / 1024, mb[1], r; \
	  if (r > 1.05) { print "bench-scale: memory grows with the input"; exit 1 } }' \
	  $(BENCH_DIR)/figures-20mb-2w.txt $(BENCH_DIR)/figures-$(BENCH_SCALE_MB)mb-2w.txt

clean:
	rm -rf $(BIN) $(TESTOUT)
