package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"plenary/pipeline/run"
	"plenary/pipeline/synth"
)

func synthCmd() *cobra.Command {
	var (
		mb   float64
		seed uint64
		out  string
	)
	c := &cobra.Command{
		Use:   "synth [flags]",
		Short: "Developer tool: write a synthetic corpus of meeting reports for benchmarks",
		Long: `Developer tool (used by make bench): write a deterministic synthetic corpus
of about --mb megabytes of meeting reports (~4 KB each, .txt files dated in
their names) into the output folder. Names, titles, organizations, places,
dates and numbers are drawn by a PRNG from templates and word lists
embedded in pipeline/synth, so the same --seed and --mb always give the
same files, and no two reports are the same. The texts are for measuring
speed and memory, not for scoring extraction.

Examples:
  plenary synth --mb 20 --seed 1 -o /tmp/bench20
  plenary run --quiet -o /tmp/out /tmp/bench20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if mb <= 0 {
				return usageErr("synth: --mb must be > 0")
			}
			if out == "" {
				return usageErr("synth: -o DIR is required")
			}
			g, err := synth.New(seed)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			st, err := g.Generate(out, int64(mb*1e6))
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			fmt.Fprintf(os.Stderr, "plenary synth: %d reports, %.1f MB -> %s\n", st.Files, float64(st.Bytes)/1e6, out)
			return nil
		},
	}
	f := c.Flags()
	f.Float64Var(&mb, "mb", 20, "corpus size in megabytes (10^6 bytes)")
	f.Uint64Var(&seed, "seed", 1, "PRNG seed")
	f.StringVarP(&out, "out", "o", "", "output folder (created)")
	return c
}

// figuresCmd prints a run's figures for make bench, one "key value" line
// each: bytes (input), docs, workers, startup and "stage NAME seconds".
// Reading run.json here rather than with awk keeps make bench right
// whatever run.json holds (its files list has a "bytes" per file).
func figuresCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "figures OUT",
		Short:  "Developer tool: a run's figures from OUT/run.json, for make bench",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := os.ReadFile(filepath.Join(args[0], "run.json"))
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			var sum run.Summary
			if err := json.Unmarshal(b, &sum); err != nil {
				return &exitError{code: 2, err: fmt.Errorf("%s/run.json: %w", args[0], err)}
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "bytes %d\ndocs %d\nworkers %d\nstartup %g\nshards %d\n",
				sum.Bytes, sum.Documents.OK, sum.Workers, sum.StartupSeconds, max(len(sum.Shards), 1))
			for _, k := range slices.Sorted(maps.Keys(sum.StageSeconds)) {
				fmt.Fprintf(w, "stage %s %g\n", k, sum.StageSeconds[k])
			}
			return nil
		},
	}
}
