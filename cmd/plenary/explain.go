package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"plenary/pipeline/doc"
	"plenary/pipeline/explain"
	"plenary/pipeline/extract"
	"plenary/pipeline/ingest"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
)

func explainCmd() *cobra.Command {
	var (
		id, item, lexDir string
		text, list       bool
	)
	c := &cobra.Command{
		Use:   "explain [flags] FILE",
		Short: "Show why each item of one document was extracted: the named rules that decided",
		Long: `Extract one document and print each item it gives (people, organizations,
locations, dates, roles, quotes) with its mentions and, in the order they
fired, the named rules that found, trimmed, merged, linked, rejected or
attributed the candidates behind it, with their spans (code point offsets
into the text). Candidates a rule rejected are listed at the end.

FILE is a text, Markdown or HTML file, a JSON Lines file or a folder (then
--id picks the document; without it, the first one), or - for JSON Lines
on stdin. Each rule's ID is the one string to search for in the source to
find its code; --rules lists them all.

Examples:
  plenary explain corpus/kasipodaq-2022-06-14-kostanay-wage-arrears.txt
  plenary explain --item q2 corpus/kasipodaq-2022-06-14-kostanay-wage-arrears.txt
  plenary explain --id report-17 reports.jsonl
  plenary explain --rules`,
		Args: func(cmd *cobra.Command, args []string) error {
			if list {
				return cobra.NoArgs(cmd, args)
			}
			return positional("FILE", "a report: .txt, .md, .html, or .jsonl with --id", "plenary explain corpus/report.txt", 1, 1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			out := bufio.NewWriter(os.Stdout)
			defer out.Flush()
			if list {
				return listRules(out)
			}
			d, err := explainDoc(args[0], id)
			if err != nil {
				return usageErr("explain: %v", err)
			}
			lx, err := lexicon.Load(lexDir)
			if err != nil {
				return usageErr("explain: %v", err)
			}
			lexiconNotices(lx)
			ex, err := extract.New(lx)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			x, err := ex.ExtractTrace(d)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if err := explain.Write(out, x, explain.Options{Item: item, Text: text}); err != nil {
				return usageErr("%v", err)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&id, "id", "", "doc_id of the document to explain, in a JSON Lines file or a folder")
	f.StringVar(&item, "item", "", "explain only this item (p1, o2, l1, d1, r1, q2), with each rule's doc line")
	f.BoolVar(&text, "text", false, "print the document's text first, each line with its offset")
	f.BoolVar(&list, "rules", false, "list every named rule (ID, stage, decision, doc line, example) and exit")
	f.StringVar(&lexDir, "lexicon", "", "folder of extra lexicon files, as for run")
	return c
}

// explainDoc reads the document of input with doc_id id ("": the first).
func explainDoc(input, id string) (doc.Doc, error) {
	for it := range ingest.Stream([]string{input}, ingest.Options{AllowDuplicateIDs: true}, os.Stdin) {
		if it.Err != nil && !it.Err.IsWarning() {
			if id == "" || it.Err.DocID == id {
				return doc.Doc{}, it.Err
			}
			continue
		}
		if it.Doc != nil && (id == "" || it.Doc.ID == id) {
			return *it.Doc, nil
		}
	}
	if id != "" {
		return doc.Doc{}, fmt.Errorf("no document %q in %s", id, input)
	}
	return doc.Doc{}, fmt.Errorf("no document in %s", input)
}

// listRules prints the registry, stage by stage.
func listRules(w *bufio.Writer) error {
	stage := ""
	for _, r := range rules.All() {
		if r.Stage != stage {
			stage = r.Stage
			fmt.Fprintf(w, "\n%s\n", stage)
		}
		ex := strings.ReplaceAll(r.Example, "\n", " ¶ ")
		fmt.Fprintf(w, "  %-40s %-8s %s\n  %-40s          e.g. %s\n", r.ID, r.Decision, r.Doc, "", ex)
	}
	return nil
}
