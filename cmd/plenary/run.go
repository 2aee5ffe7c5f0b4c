package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"plenary/pipeline/extract"
	"plenary/pipeline/ingest"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/run"
)

func runCmd() *cobra.Command {
	var (
		out, format, lexDir, cpuProf, memProf string
		workers                               int
		quiet                                 bool
		maxBytes                              int64
	)
	c := &cobra.Command{
		Use:   "run [flags] INPUT...",
		Short: "Extract from files, folders or JSON Lines on stdin and write tables",
		Long: `Extract from every INPUT and write one table file per table to the output
folder: documents, people, organizations, locations, roles, dates, quotes,
mentions and errors (.parquet, zstd; or .arrow with --format arrow), plus
run.json (version, arguments, times, counts).

INPUT is a file, a folder (walked recursively, in sorted order) or - for
JSON Lines on stdin ({"id":…, "text":…, "url":…, "published":"YYYY-MM-DD",
"title":…} per line). By extension: .txt and .md are read as text; .html
and .htm are reduced to their visible text; .jsonl and .ndjson hold one
document per line. Other files are skipped and counted.

A text file's metadata comes from a sibling <stem>.meta.json (url,
published, title), else <stem>.gold.json (url, published), else a
YYYY-MM-DD in its file name. doc_id is the path relative to the INPUT
folder without extension.

Documents that cannot be read or processed go to the errors table; the
rest of the batch is still written. Exit code 0 when every document was
processed, 1 when some failed, 2 on usage or output errors.

Examples:
  plenary run corpus/
  plenary run --workers 1 -o /tmp/out corpus/ extra/report.html
  plenary run --format arrow --quiet reports.jsonl
  plenary run --lexicon my-lexicons/ corpus/   # add your own titles, places, orgs`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "parquet" && format != "arrow" {
				return usageErr("run: --format must be parquet or arrow, not %q", format)
			}
			if workers < 0 {
				return usageErr("run: --workers must be >= 0")
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
			lx, err := lexicon.Load(lexDir)
			if err != nil {
				return usageErr("run: %v", err)
			}
			ex, err := extract.New(lx)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			opt := run.Options{
				Inputs:   args,
				Out:      out,
				Format:   format,
				Workers:  workers,
				Quiet:    quiet,
				Progress: os.Stderr,
				Terminal: term.IsTerminal(int(os.Stderr.Fd())),
				Stdin:    os.Stdin,
				Version:  Version,
				Args:     os.Args[1:],
				Ingest:   ingest.Options{MaxBytes: maxBytes},
			}
			sum, err := run.Run(opt, ex.Extract)
			if memProf != "" {
				if perr := writeMemProfile(memProf); perr != nil && err == nil {
					err = perr
				}
			}
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if sum.Documents.Failed > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%d document(s) failed; see %s/errors.%s", sum.Documents.Failed, out, format)}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "out", "o", "outputs", "output folder")
	f.IntVar(&workers, "workers", 0, "parallel workers (0 = all cores)")
	f.StringVar(&format, "format", "parquet", "table format: parquet or arrow")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress bar, only the one-line summary")
	f.StringVar(&lexDir, "lexicon", "", "folder of extra lexicon files (titles.txt, places.txt, org_heads.txt, given_names.txt, …) added to the built-in ones")
	f.Int64Var(&maxBytes, "max-bytes", 8<<20, "largest document accepted, in bytes")
	f.StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile to this file")
	f.StringVar(&memProf, "memprofile", "", "write a heap profile to this file at the end")
	return c
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
