package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"plenary/pipeline/lexicon"
	"plenary/pipeline/registry"
	"plenary/pipeline/run"
	"plenary/pipeline/tables"
)

func finalizeCmd() *cobra.Command {
	var (
		lexDir    string
		shards    int
		partBytes int64
		quiet     bool
	)
	c := &cobra.Command{
		Use:   "finalize [flags] OUT",
		Short: "Join the shards of a sharded run into one set of tables",
		Long: `Finalize a sharded run: once every shard of N has finished
('plenary run --shard I/N -o OUT INPUT...' for I = 0..N-1, or --shard auto
on a batch scheduler), check that all N are there and ran with the same
plenary version, lexicons, flags and INPUT, run the whole-run steps over
all of them (the persons registry: people.person_uid, persons,
role_timeline), and publish the whole run into OUT: every table's part
files and run.json (sums, and each shard's figures), as one run without
shards would have written them. A run without --shard needs no finalize.

It takes OUT's lock: while a shard still runs it exits 2, naming it. A
missing, interrupted or inconsistent shard is exit 2 with a message saying
which and what to do; run that shard again (--resume reuses its
checkpoint) and finalize again.

Examples:
  plenary run --shard 0/3 -o out corpus/ & plenary run --shard 1/3 -o out corpus/ &
  plenary run --shard 2/3 -o out corpus/; wait
  plenary finalize out`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := args[0]
			if st, err := os.Stat(out); err != nil || !st.IsDir() {
				return usageErr("finalize: %s is not a folder", out)
			}
			if shards < 0 {
				return usageErr("finalize: --shards must be > 0")
			}
			if partBytes <= 0 {
				return usageErr("finalize: --part-bytes must be > 0")
			}
			lx, err := lexicon.Load(lexDir)
			if err != nil {
				return usageErr("finalize: %v", err)
			}
			persons, err := registry.New(lx)
			if err != nil {
				return usageErr("finalize: %v", err)
			}
			fp, err := fingerprint(lexDir)
			if err != nil {
				return usageErr("finalize: %v", err)
			}
			opt := run.FinalizeOptions{Out: out, Shards: shards, Version: Version, Commit: buildCommit(),
				Lexicons: fp, Args: os.Args[1:], Registry: persons, PartBytes: partBytes}
			if !quiet {
				opt.Progress = os.Stderr
			}
			defer setMemoryLimit(0)()
			sum, err := run.Finalize(opt)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if quiet {
				fmt.Fprintln(os.Stderr, sum.Line(out))
			}
			if sum.Documents.Failed > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%d document(s) failed; see %s/errors/", sum.Documents.Failed, out)}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&lexDir, "lexicon", "", "the --lexicon folder the shards were given (the persons registry reads it)")
	f.IntVar(&shards, "shards", 0, "the number of shards (default: what the finished shards in OUT say)")
	f.Int64Var(&partBytes, "part-bytes", tables.DefaultPartBytes, "a whole-run table's part file ends once it holds this many bytes")
	f.BoolVarP(&quiet, "quiet", "q", false, "print only the one-line summary")
	return c
}
