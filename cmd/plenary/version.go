package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"plenary/pipeline/tables"
)

// commit is the source revision, set at build time by the Makefile
// (-ldflags "-X main.commit=…"); else the Go toolchain's VCS stamp is used.
var commit string

// buildCommit names the revision plenary was built from, "unknown" when the
// build recorded none (go build -buildvcs=false, a source archive).
func buildCommit() string {
	if commit != "" {
		return commit
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" && dirty {
			rev += "-dirty"
		}
		if rev != "" {
			return rev
		}
	}
	return "unknown"
}

// versionLine is what plenary --version prints.
func versionLine() string {
	return fmt.Sprintf("plenary %s (commit %s, %s)", Version, buildCommit(), runtime.Version())
}

func schemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the table contract: every table's columns, types and meaning",
		Long: `Print the table contract as a Markdown table: every output table, its
columns in file order, their types ("?" marks a nullable column) and what
they hold. The same descriptions are in every written file: in each field's
metadata ("description") and as file key/values "plenary.column.<name>".

Examples:
  plenary schema
  duckdb -c "SELECT DISTINCT decode(key), decode(value) FROM parquet_kv_metadata('outputs/quotes/*.parquet')"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprint(cmd.OutOrStdout(), tables.Contract())
			return nil
		},
	}
}
