// Command plenary turns reports of meetings into tables of people, roles,
// organizations, locations, dates and quotes.
//
//	plenary run [flags] INPUT...        extract and write Parquet/Arrow tables
//	plenary eval [flags] CORPUS_DIR     score extraction against a gold corpus
//
// Exit codes: 0 all documents processed; 1 some documents failed (they are in
// the errors table, every other document is written) or an eval regression;
// 2 usage or output errors.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// Version is plenary's version, written into every table and run.json.
const Version = "0.1.0"

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func usageErr(format string, a ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, a...)}
}

// rootCmd builds the command tree: plenary and its subcommands.
func rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "plenary",
		Short: "Extract people, roles, organizations, places, dates and quotes from meeting reports",
		Long: `plenary turns reports of meetings (trade-union and party meetings, official
visits, campaign events) into Arrow/Parquet tables: people, their roles,
organizations (with acronyms), locations, normalized dates, and direct and
indirect quotes with their speakers.

Examples:
  plenary run corpus/                      # every .txt/.md/.html/.jsonl under corpus/ -> outputs/
  plenary run -o out --format arrow a.txt  # Arrow IPC files instead of Parquet
  cat docs.jsonl | plenary run -           # JSON Lines on stdin
  plenary eval corpus/                     # precision/recall/F1 against gold (docs/gold-format.md)`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(runCmd(), evalCmd(), synthCmd(), figuresCmd())
	root.AddCommand(reportCmd(), explainCmd(), schemaCmd(), finalizeCmd())
	root.SetFlagErrorFunc(flagError)
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
	return root
}

func main() {
	os.Exit(execute(os.Args[1:]))
}

func execute(args []string) int {
	root := rootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(os.Stderr, "plenary:", ee.err)
		}
		return ee.code
	}
	// cobra's own errors: unknown flag, wrong arguments.
	fmt.Fprintln(os.Stderr, "plenary:", err)
	fmt.Fprintln(os.Stderr, "Run 'plenary --help' for usage.")
	return 2
}
