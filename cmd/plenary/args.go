package main

import (
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// positional checks a command's positional arguments and, when they are
// missing or too many, says what the command wants with an example (cobra
// says "requires at least 1 arg(s), only received 0"). arg is the name the
// usage line gives it (CORPUS_DIR), desc what it is. max < 0: no limit.
func positional(arg, desc, example string, min, max int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		name := c.Name()
		switch {
		case len(args) < min:
			return usageErr("%s: no %s given (%s); for example: %s (see 'plenary %s --help')", name, arg, desc, example, name)
		case max >= 0 && len(args) > max:
			return usageErr("%s: one %s, not %d (%s); for example: %s", name, arg, len(args), strings.Join(args, " "), example)
		}
		return nil
	}
}

// flagError words a flag the command cannot parse as that command's error,
// pointing at its help.
func flagError(c *cobra.Command, err error) error {
	name := strings.TrimPrefix(c.CommandPath(), "plenary ")
	return usageErr("%s: %v (see '%s --help')", name, err, c.CommandPath())
}

// outFolder refuses an output folder that exists as something else (a
// file), before any input is read.
func outFolder(cmd, flag, path string) error {
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		return usageErr("%s: %s %s is a file, not a folder; give a folder (created if missing) for the output", cmd, flag, path)
	}
	return nil
}
