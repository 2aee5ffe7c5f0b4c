package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"plenary/pipeline/extract"
	"plenary/pipeline/ingest"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/registry"
	"plenary/pipeline/run"
	"plenary/pipeline/segment"
	"plenary/pipeline/tables"
)

// processStart is when the process started (main's package initialisation
// where the system does not say): run.json's startup_seconds is the time
// from here to the first document.
var processStart = processStarted(time.Now())

func runCmd() *cobra.Command {
	var (
		out, format, lexDir, cpuProf, memProf string
		workers                               int
		quiet, resume, allowEmpty, trace      bool
		noText, noFollow, idParent            bool
		idPrefix, stdinFormat                 string
		maxBytes, partBytes                   int64
		docTimeout                            time.Duration
		shardFlag                             string
		shardCount                            int
	)
	c := &cobra.Command{
		Use:   "run [flags] INPUT...",
		Short: "Extract from files, folders or JSON Lines on stdin and write tables",
		Long: `Extract from every INPUT and write the tables to the output folder, each a
folder of part files (OUT/<table>/part-*.parquet, zstd; or .arrow with
--format arrow): documents, people, organizations, locations, roles, dates,
quotes, mentions, errors, persons and role_timeline, plus run.json (version,
arguments, times, counts, every part file with its checksum). At the end
of the run, the people of all documents are resolved into real persons: the
persons table
(one row per person, with the forms written for them and how they were
joined), role_timeline (each person's titles with the first and last
publication date stating them), and person_uid in the people table.

INPUT is a file, a folder (walked recursively, in sorted order) or - for
JSON Lines on stdin ({"id":…, "text":…, "url":…, "published":"YYYY-MM-DD",
"title":…} per line; --stdin-format text reads stdin as one text
document instead, doc_id "stdin"). By extension: .txt is read as text; .md is reduced
to its text (link text kept; URLs, images and code dropped); .html and .htm
are reduced to their visible text; .jsonl and .ndjson hold one document per
line. Other files are skipped and counted. Offsets count code points of the
reduced text.

A text file's metadata comes from a sibling <stem>.meta.json (url,
published, title), else <stem>.gold.json (url, published), else a
YYYY-MM-DD in its file name. doc_id is the path relative to the INPUT
folder without extension. Two INPUT folders with the same file names
(plenary run day1 day2) would give the same ids: --id-parent makes ids
relative to the INPUTs' common parent folder (day1/report, day2/report),
--id-prefix P puts P before every doc_id (JSON Lines ids too).

Symbolic links are followed wherever they lead, also out of the INPUT
folder; for a folder you do not trust, --no-follow-outside refuses a link
whose target is outside it (an error row; a warning for a sidecar).

Documents that cannot be read or processed go to the errors table
(severity "error"); the rest of the batch is still written. Files that are
not UTF-8 are decoded (UTF-16 with a byte order mark, Windows-1251 or
-1252) and empty ones kept with zero counts, each with a "warning" row.
Documents over --max-doc-bytes are refused unread; one whose extraction
takes longer than --doc-timeout is dropped as an error.

One run at a time: a run locks OUT (OUT/.plenary-lock); a second run on the
same OUT exits 2 at once, saying which run holds it. Output is atomic:
tables are written into OUT/.plenary-tmp-<random> and renamed into OUT only
when all are complete, run.json last; run.json lists every part file with
its size and SHA-256, so after a kill at any instant OUT holds the previous
run, the new one, or parts that do not match run.json, which 'plenary
report' (and sha256sum, see the README) detects. Every extracted document is
also checkpointed in OUT/.plenary-state; after a crash, rerun with --resume
to extract only what is missing (or, over a folder that has grown or
changed, only new and changed documents) and get the same tables as an
uninterrupted run. SIGINT or SIGTERM stop gracefully: no more input is read,
documents in flight are finished, the tables of what was done are written
with "interrupted": true in run.json; a second signal kills at once.

Sharded runs: --shard I/N runs shard I of N (from 0), the documents whose
doc_id hashes to I, writing only under OUT/.plenary-shards/I-of-N (its
parts, checkpoint and record); shards run side by side on one OUT (a shared
folder), each can be retried alone, with --resume. --shard auto takes the
index from a batch scheduler's array job (Kubernetes Indexed Job, Slurm job
array, AWS Batch array job) and the count from it or --shards N. Once all
have finished, 'plenary finalize OUT' joins them into the tables one run
would have written.

Exit codes: 0 every document processed, 1 some failed, 2 usage or output
errors, 130 interrupted by SIGINT, 143 by SIGTERM. An INPUT that does not
exist, or inputs that yield no document (an empty folder, only .pdf files),
are exit 2 with OUT left as it was; --allow-empty writes empty tables then.

Examples:
  plenary run corpus/
  plenary run --workers 1 -o /tmp/out corpus/ extra/report.html
  plenary run --format arrow --quiet reports.jsonl
  plenary run --lexicon my-lexicons/ corpus/   # add your own titles, places, orgs
  plenary run --resume -o out scraped/         # after a crash, or when scraped/ has grown
  plenary run --trace -o out corpus/            # plus the trace table: which rule decided what
  plenary run --shard 1/3 -o /data/out corpus/   # shard 1 of 3; then plenary finalize /data/out
  plenary run --shard auto --shards 8 -o /data/out /data/corpus   # in an array job`,
		Args: positional("INPUT", "a file, a folder, or - for JSON Lines on stdin", "plenary run corpus/", 1, -1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := outFolder("run", "-o", out); err != nil {
				return err
			}
			if stdinFormat != "jsonl" && stdinFormat != "text" {
				return usageErr("run: --stdin-format must be jsonl or text, not %q", stdinFormat)
			}
			if format != "parquet" && format != "arrow" {
				return usageErr("run: --format must be parquet or arrow, not %q", format)
			}
			if workers < 0 {
				return usageErr("run: --workers must be >= 0")
			}
			if maxBytes <= 0 {
				return usageErr("run: --max-doc-bytes must be > 0")
			}
			if partBytes <= 0 {
				return usageErr("run: --part-bytes must be > 0 (a table's part ends once it holds that many bytes)")
			}
			if docTimeout < 0 {
				return usageErr("run: --doc-timeout must be >= 0 (0: no limit)")
			}
			shard, err := shardOf(shardFlag, shardCount)
			if err != nil {
				return usageErr("run: %v", err)
			}
			if shard.Sharded() && slices.Contains(args, "-") {
				return usageErr("run: --shard with stdin (-): every shard would need the whole stream; give the shards a file or folder")
			}
			if cpuProf != "" {
				f, err := os.Create(cpuProf)
				if err != nil {
					return usageErr("run: --cpuprofile: %v", err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return usageErr("run: --cpuprofile: %v", err)
				}
				defer pprof.StopCPUProfile()
			}
			// The sentence model decodes while the lexicons load.
			segment.Preload()
			lx, err := lexicon.Load(lexDir)
			if err != nil {
				return usageErr("run: %v", err)
			}
			notices := lexiconNotices(lx)
			ex, err := extract.New(lx)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			persons, err := registry.New(lx)
			if err != nil {
				return usageErr("run: %v", err)
			}
			fp, err := fingerprint(lexDir)
			if err != nil {
				return usageErr("run: %v", err)
			}
			lexicons := fp
			extractFn := ex.ExtractContext
			var optional []string
			if trace {
				// checkpoints made with and without a trace differ
				fp += "\ntrace"
				extractFn = ex.ExtractTraceContext
				optional = append(optional, "trace")
			}
			onTerm := term.IsTerminal(int(os.Stderr.Fd()))
			stop, caught, release := onSignals(onTerm && !quiet)
			defer release()
			opt := run.Options{
				Inputs:   args,
				Out:      out,
				Format:   format,
				Workers:  workers,
				Quiet:    quiet,
				Progress: os.Stderr,
				Terminal: onTerm,
				Stdin:    os.Stdin,
				Version:  Version,
				Commit:   buildCommit(),
				Args:     os.Args[1:],
				Ingest: ingest.Options{MaxBytes: maxBytes, NoFollowOutside: noFollow, IDPrefix: idPrefix, IDParent: idParent,
					StdinFormat: stdinFormat},
				NoText:  noText,
				Notices: notices,

				DocTimeout:   docTimeout,
				Resume:       resume,
				AllowEmpty:   allowEmpty,
				Fingerprint:  fp,
				Optional:     optional,
				Stop:         stop,
				Stages:       ex.StageSeconds,
				ProcessStart: processStart,
				Registry:     persons,
				Shard:        shard,
				Lexicons:     lexicons,
				PartBytes:    partBytes,
			}
			defer limitCores(workers)()
			var profErr error
			if memProf != "" {
				// Taken before the tables close, while the writers still
				// hold their buffers: after Close it missed the peak.
				opt.BeforeClose = func() { profErr = writeMemProfile(memProf) }
			}
			defer setMemoryLimit(workers)()
			sum, err := run.Run(opt, extractFn)
			if err == nil && profErr != nil {
				err = profErr
			}
			if errors.Is(err, run.ErrStoppedBeforeInput) {
				return &exitError{code: signalCode(caught()), err: err}
			}
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if sum.Interrupted {
				return &exitError{code: signalCode(caught()), err: fmt.Errorf("interrupted: tables in %s cover the %d documents done; rerun with --resume to finish", out, sum.Documents.OK+sum.Documents.Failed)}
			}
			if sum.Documents.Failed > 0 {
				where := fmt.Sprintf("%s/errors/", out)
				if shard.Sharded() {
					where = fmt.Sprintf("the errors table once the shards are finalized (plenary finalize %s)", out)
				}
				return &exitError{code: 1, err: fmt.Errorf("%d document(s) failed; see %s", sum.Documents.Failed, where)}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "out", "o", "outputs", "output folder")
	f.IntVar(&workers, "workers", 0, "documents extracted at once, on at most that many cores (0 = all cores)")
	f.StringVar(&format, "format", "parquet", "table format: parquet or arrow")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress bar, only the one-line summary")
	f.StringVar(&lexDir, "lexicon", "", "folder of extra lexicon files (titles.txt, places.txt, org_heads.txt, given_names.txt, …) added to the built-in ones")
	f.Int64Var(&maxBytes, "max-doc-bytes", ingest.DefaultMaxBytes, "largest document (or JSON Lines line) accepted, in bytes; larger ones are refused unread")
	// The flag's first name, kept so existing scripts still work.
	f.Int64Var(&maxBytes, "max-bytes", ingest.DefaultMaxBytes, "alias of --max-doc-bytes")
	_ = f.MarkHidden("max-bytes")
	f.DurationVar(&docTimeout, "doc-timeout", run.DefaultDocTimeout, "per-document extraction budget (0: none); a document over it becomes an error row")
	f.BoolVar(&noText, "no-text", false, "leave documents.text null: the tables then hold offsets but not the text they point into")
	f.StringVar(&stdinFormat, "stdin-format", "jsonl", "how INPUT - is read: jsonl (one {\"id\", \"text\"} record per line) or text (one document, doc_id stdin)")
	f.BoolVar(&idParent, "id-parent", false, "doc_id relative to the INPUTs' common parent folder (day1/report, day2/report), not to each INPUT")
	f.StringVar(&idPrefix, "id-prefix", "", "put this before every doc_id (files and JSON Lines records), e.g. 2023-05/")
	f.BoolVar(&noFollow, "no-follow-outside", false, "do not follow symbolic links that lead outside a folder INPUT (for untrusted folders); each is an error row")
	f.BoolVar(&allowEmpty, "allow-empty", false, "write empty tables when the inputs hold no document (default: exit 2 and leave OUT as it was)")
	f.BoolVar(&trace, "trace", false, "also write the trace table: every decision of a named rule, per document (see plenary explain)")
	f.BoolVar(&resume, "resume", false, "reuse the checkpoint in OUT/.plenary-state (a shard's own with --shard): extract only documents not done yet (new or changed)")
	f.StringVar(&shardFlag, "shard", "", "run as shard I of N (I/N, I from 0), or auto: the index from the batch scheduler's array job (Kubernetes, Slurm, AWS Batch); then run plenary finalize OUT")
	f.IntVar(&shardCount, "shards", 0, "with --shard auto: the number of shards (AWS Batch; Kubernetes without JOB_COMPLETIONS; a Slurm retry of some tasks); wins over the scheduler's count")
	f.Int64Var(&partBytes, "part-bytes", tables.DefaultPartBytes, "a table's part file ends once it holds this many bytes (memory stays flat at any input size)")
	f.StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile to this file")
	f.StringVar(&memProf, "memprofile", "", "write a heap profile to this file once every document is written, before the tables close")
	return c
}

// signalCode is the exit code of a run stopped by sig: 130 for SIGINT (and
// by default), 143 for SIGTERM.
func signalCode(sig os.Signal) int {
	if sig == syscall.SIGTERM {
		return 143
	}
	return 130
}

// limitCores makes --workers N a bound on the cores the whole run uses, not
// only on the extraction goroutines: the table writer, the checkpoint, ingest
// and the GC share those N cores (GOMAXPROCS). Without it --workers 1 used
// about 1.4 cores on a 2-core machine, since the writer ran beside the
// worker; a user asking for one worker to leave the other cores free got
// less than that. GOMAXPROCS in the environment wins, as GOMEMLIMIT does.
// The returned function restores the previous setting.
func limitCores(workers int) (restore func()) {
	prev := runtime.GOMAXPROCS(0)
	if os.Getenv("GOMAXPROCS") != "" || workers <= 0 || workers >= prev {
		return func() {}
	}
	runtime.GOMAXPROCS(workers)
	return func() { runtime.GOMAXPROCS(prev) }
}

// setMemoryLimit gives the run a memory budget: a soft GC limit of 64 MiB
// plus 16 MiB per worker (their documents in flight), and a GC that lets the
// heap grow to it (GOGC 400) instead of collecting whenever the heap doubles.
// With Go's default the footprint followed the live heap, which warms up and
// then creeps with the corpus (the file listing, Parquet footers): peak RSS
// was ~94 MB at 20 MB of input and ~114 MB at 200 MB with 2 workers. With a
// budget it is the budget at both (~122-124 MB), and the GC runs about a
// third as often (~10% less CPU in make bench). The limit is soft: when more
// is live (very large documents) the heap grows past it and the GC runs more
// often (the runtime caps it at half the CPU) instead of failing.
// GOMEMLIMIT or GOGC in the environment turn this off (GOMEMLIMIT=off for
// Go's defaults). The returned function restores the previous settings.
func setMemoryLimit(workers int) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return func() {}
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	prevLimit := debug.SetMemoryLimit(int64(64+16*workers) << 20)
	prevPercent := debug.SetGCPercent(400)
	return func() {
		debug.SetMemoryLimit(prevLimit)
		debug.SetGCPercent(prevPercent)
	}
}

func writeMemProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("--memprofile: %w", err)}
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return &exitError{code: 2, err: fmt.Errorf("--memprofile: %w", err)}
	}
	return nil
}

// onSignals turns the first SIGINT or SIGTERM into a graceful stop (the
// returned channel closes) and restores the default action, so a second
// signal kills at once. caught returns the signal received, if any.
// With a progress bar on the terminal, the message starts a line of its
// own rather than being glued to the bar.
func onSignals(bar bool) (stop <-chan struct{}, caught func() os.Signal, release func()) {
	nl := ""
	if bar {
		nl = "\n"
	}
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	stopC := make(chan struct{})
	quit := make(chan struct{})
	var mu sync.Mutex
	var got os.Signal
	go func() {
		select {
		case s := <-ch:
			mu.Lock()
			got = s
			mu.Unlock()
			signal.Stop(ch)
			fmt.Fprintf(os.Stderr, nl+"plenary: %v: finishing documents in flight and writing what is done (again to abort)\n", s)
			close(stopC)
		case <-quit:
		}
	}()
	return stopC, func() os.Signal {
			mu.Lock()
			defer mu.Unlock()
			return got
		}, func() {
			signal.Stop(ch)
			close(quit)
		}
}

// fingerprint names what extraction depends on besides the document: the
// plenary version and the added lexicon files, by content. A checkpoint made
// under another fingerprint is not reused by --resume.
func fingerprint(lexDir string) (string, error) {
	h := sha256.New()
	io.WriteString(h, Version)
	if lexDir != "" {
		files, err := lexicon.UserFiles(lexDir)
		if err != nil {
			return "", err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return "", fmt.Errorf("--lexicon: %w", err)
			}
			fmt.Fprintf(h, "\x00%s\x00%d\x00", filepath.Base(f), len(b))
			h.Write(b)
		}
	}
	return "plenary " + Version + " " + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// shardOf reads --shard (and --shards for auto): no sharding when empty.
func shardOf(flag string, count int) (run.Shard, error) {
	if count < 0 {
		return run.Shard{}, fmt.Errorf("--shards must be > 0")
	}
	switch {
	case flag == "" && count > 0:
		return run.Shard{}, fmt.Errorf("--shards goes with --shard auto")
	case flag == "":
		return run.Shard{}, nil
	case flag == "auto":
		return run.ShardFromEnv(os.Getenv, count)
	case count > 0:
		return run.Shard{}, fmt.Errorf("--shards goes with --shard auto; --shard %s names the count already", flag)
	}
	return run.ParseShard(flag)
}
