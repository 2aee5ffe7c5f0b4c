package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

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
