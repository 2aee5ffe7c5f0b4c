package main

import (
	"fmt"
	"os"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
)

// lexiconNotices prints what lexicon.Load noticed about the --lexicon files
// on stderr and returns it as warning rows for the errors table.
func lexiconNotices(lx *lexicon.Lexicon) []doc.DocError {
	var rows []doc.DocError
	for _, w := range lx.Warnings() {
		fmt.Fprintf(os.Stderr, "plenary: warning: lexicon %s: %s\n", w.File, w.Message)
		rows = append(rows, doc.DocError{Source: w.File, Stage: "lexicon", Message: w.Message, Severity: doc.SeverityWarning})
	}
	return rows
}
