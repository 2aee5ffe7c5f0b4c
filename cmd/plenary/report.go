package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"plenary/pipeline/eval"
	"plenary/pipeline/extract"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/report"
	"plenary/pipeline/run"
)

func reportCmd() *cobra.Command {
	var (
		out, corpusDir, predPath, lexDir, title, baseFile string
		workers, topN                                     int
	)
	c := &cobra.Command{
		Use:   "report [flags] OUTPUT_DIR | EVAL_JSON",
		Short: "Write a self-contained HTML report of a run's tables or of an eval",
		Long: `Write one self-contained HTML file (inline CSS, SVG and script; no network,
no external assets) that a person opens in a browser.

OUTPUT_DIR, a folder written by 'plenary run' (<table>/part-*.parquet or
.arrow, run.json): rows per table, the top people, organizations and speakers across
documents, and every quote with its speaker, attribution method, confidence
and doc_id (filterable by speaker, method and words; without JavaScript all
quotes are listed).

EVAL_JSON, the file written by 'plenary eval CORPUS --json FILE': precision,
recall and F1 per table as bar charts, with the baseline's bars beside them
when the JSON carries a comparison ('plenary eval --baseline FILE --json
OUT': the full figures of FILE when it can still be read, else the
comparison's F1) or when --baseline FILE is given, and the comparison's
verdict (regression or not, and why). The JSON holds figures
only, so to see each document's text with its gold and predicted items
highlighted (green matched, red missed, orange spurious) give the corpus
with --corpus DIR (default: the JSON's "corpus_dir" when it records one).
The documents are then scored again, exactly as eval scores them, against
predictions read from --predictions (a folder of <id>.json as 'plenary eval
--predictions' writes, or a JSON Lines file) or, without it, made by running
the extractor now (with --lexicon, as given to eval). Items are found in the
text by searching for them, since predictions carry no offsets: people,
organizations and locations by name and aliases, case-insensitively at word
boundaries; dates by their text as written; quotes by their words (or their
first and last words, for quotes that reopen the mark on each paragraph).
Roles are listed beside the text, not highlighted. Items not found are
marked as such. If the new scores differ from the JSON's, the report says so.

Every document text and name is HTML-escaped: a text containing <script>
shows as text and runs nothing.

Examples:
  plenary run -o outputs corpus/ && plenary report outputs -o run.html
  plenary eval corpus/ --json eval.json
  plenary report eval.json --corpus corpus/ -o eval.html
  plenary eval corpus/ --json eval.json --predictions preds/
  plenary report eval.json --corpus corpus/ --predictions preds/ -o eval.html
  plenary eval corpus/ --baseline corpus/baseline.json --json eval.json
  plenary report eval.json --corpus corpus/ -o eval.html   # with baseline bars`,
		Args: positional("INPUT", "an output folder of plenary run, or the JSON of plenary eval --json", "plenary report outputs -o run.html", 1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := args[0]
			st, err := os.Stat(in)
			if err != nil {
				return usageErr("report: %v", err)
			}
			page := report.Page{Title: title, Version: Version}
			if st.IsDir() {
				if corpusDir != "" || predPath != "" || baseFile != "" {
					return usageErr("report: --corpus, --predictions and --baseline go with an eval JSON, not an output folder")
				}
				if err := verifyRun(in); err != nil {
					return err
				}
				r, err := report.ReadRun(in, topN)
				if err != nil {
					return usageErr("%v", err)
				}
				page.Run = r
				if page.Title == "" {
					page.Title = "plenary run report: " + filepath.Base(filepath.Clean(in))
				}
			} else {
				e, err := evalReport(in, baseFile, corpusDir, predPath, lexDir, workers)
				if err != nil {
					return err
				}
				page.Eval = e
				if page.Title == "" {
					page.Title = "plenary eval report: " + filepath.Base(in)
				}
			}
			var buf bytes.Buffer
			if err := report.Write(&buf, page); err != nil {
				return &exitError{code: 2, err: err}
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return &exitError{code: 2, err: fmt.Errorf("report: %w", err)}
			}
			fmt.Fprintf(os.Stderr, "plenary: report written to %s\n", out)
			return nil
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "out", "o", "report.html", "the HTML file to write")
	f.StringVar(&corpusDir, "corpus", "", "eval: the gold corpus, to show each document with its items highlighted")
	f.StringVar(&predPath, "predictions", "", "eval: predictions to highlight (folder of <id>.json or JSON Lines) instead of running the extractor")
	f.StringVar(&lexDir, "lexicon", "", "eval without --predictions: folder of extra lexicon files")
	f.IntVar(&workers, "workers", 0, "eval without --predictions: parallel workers (0 = all cores)")
	f.IntVar(&topN, "top", 15, "run: length of the top people, organizations and speakers lists")
	f.StringVar(&title, "title", "", "the report's title")
	f.StringVar(&baseFile, "baseline", "", "eval: draw this baseline's figures beside the JSON's (a file of eval --save-baseline, or another eval JSON)")
	return c
}

// evalReport reads the eval JSON and, with a corpus, scores its documents
// again to highlight them.
func evalReport(path, baseFile, corpusDir, predPath, lexDir string, workers int) (*report.Eval, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErr("report: %v", err)
	}
	var baseData []byte
	if baseFile != "" {
		if baseData, err = os.ReadFile(baseFile); err != nil {
			return nil, usageErr("report: --baseline: %v", err)
		}
	}
	e, err := report.NewEval(path, data, baseData)
	if err != nil {
		return nil, usageErr("%v (give an output folder of plenary run or the JSON of plenary eval --json)", err)
	}
	var meta struct {
		CorpusDir string   `json:"corpus_dir"`
		Scope     []string `json:"scope"`
	}
	_ = json.Unmarshal(data, &meta) // NewEval has read it already
	if corpusDir == "" && meta.CorpusDir != "" {
		// As eval was given it: from here, or from the JSON's folder.
		tries := []string{meta.CorpusDir}
		if !filepath.IsAbs(meta.CorpusDir) {
			tries = append(tries, filepath.Join(filepath.Dir(path), meta.CorpusDir))
		}
		for _, d := range tries {
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				corpusDir = d
				break
			}
		}
		if corpusDir == "" {
			e.Notes = append(e.Notes, fmt.Sprintf("The JSON's corpus_dir %s is not a folder here.", meta.CorpusDir))
		}
	}
	if corpusDir == "" {
		if predPath != "" {
			return nil, usageErr("report: --predictions needs --corpus")
		}
		e.Notes = append(e.Notes, "Give the corpus with --corpus DIR to see each document's text with its gold and predicted items highlighted.")
		return e, nil
	}
	corpus, err := eval.LoadCorpus(corpusDir)
	if err != nil {
		return nil, usageErr("report: %v", err)
	}
	var preds map[string]eval.Prediction
	if predPath != "" {
		var warns []string
		if preds, warns, err = eval.ReadPredictions(predPath); err != nil {
			return nil, usageErr("report: %v", err)
		}
		e.Notes = append(e.Notes, warns...)
	} else {
		lx, err := lexicon.Load(lexDir)
		if err != nil {
			return nil, usageErr("report: %v", err)
		}
		lexiconNotices(lx)
		ex, err := extract.New(lx)
		if err != nil {
			return nil, &exitError{code: 2, err: err}
		}
		var failed []string
		preds, _, failed = predict(corpus, ex, workers)
		e.Notes = append(e.Notes, failed...)
	}
	res := eval.Score(corpus, preds, eval.Options{Tables: meta.Scope})
	if diff := e.SameFigures(res); len(diff) > 0 {
		e.Notes = append(e.Notes, "The documents below were scored again and their F1 differs from the JSON's in "+
			strings.Join(diff, "; ")+": the code, the lexicons, the predictions or the corpus changed since the JSON was written.")
	}
	for i, det := range res.Details {
		gd := corpus.Docs[i]
		text, err := corpus.ReadText(gd)
		if err != nil {
			return nil, &exitError{code: 2, err: fmt.Errorf("report: %w", err)}
		}
		in := report.DocInput{ID: gd.ID, Text: string(text), Gold: gd.Gold, Detail: det}
		if p, ok := preds[gd.ID]; ok {
			in.Pred = &p
		}
		e.Docs = append(e.Docs, report.NewDocView(in))
	}
	return e, nil
}

// verifyRun checks an output folder's tables against its run.json (the
// commit record) before they are shown: a folder where a run was killed
// while publishing mixes two runs, and the report says so instead of
// showing them. A folder without run.json, or with one from a plenary that
// wrote no checksums, is shown with a warning.
func verifyRun(dir string) error {
	_, err := run.Verify(dir)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(os.Stderr, "plenary: warning: %s has no run.json: its tables cannot be checked to be one run's\n", dir)
		return nil
	case errors.Is(err, run.ErrUnverifiable):
		fmt.Fprintf(os.Stderr, "plenary: warning: %s: %v\n", dir, err)
		return nil
	}
	return &exitError{code: 2, err: fmt.Errorf("report: %w", err)}
}
