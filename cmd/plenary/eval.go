package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"plenary/pipeline/doc"
	"plenary/pipeline/eval"
	"plenary/pipeline/extract"
	"plenary/pipeline/lexicon"
)

func evalCmd() *cobra.Command {
	var (
		jsonOut, predDir, lexDir, tables string
		nErrors, workers                 int
		perDoc                           bool
	)
	c := &cobra.Command{
		Use:   "eval [flags] CORPUS_DIR",
		Short: "Score extraction against a gold corpus (FORMAT.md)",
		Long: `Run the pipeline over every <id>.txt in CORPUS_DIR that has an
<id>.gold.json beside it (other files are ignored) and print, per table,
gold / predicted / matched / precision / recall / F1, quote attribution
accuracy and end-to-end quote F1, scored as ../shared/FORMAT.md defines
(micro-averaged over the corpus). A SCOPE file in CORPUS_DIR limits the
tables scored.

Examples:
  plenary eval ../shared/corpus
  plenary eval --errors 20 corpus/            # list missed and spurious items
  plenary eval corpus/ --json figures.json    # figures as score.py --json writes them
  plenary eval corpus/ --predictions /tmp/p   # also write <id>.json predictions`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			corpus, err := eval.LoadCorpus(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			opt := eval.Options{Errors: nErrors, PerDoc: perDoc}
			if tables != "" {
				if opt.Tables, err = eval.ParseTables(tables); err != nil {
					return usageErr("eval: %v", err)
				}
			}
			lx, err := lexicon.Load(lexDir)
			if err != nil {
				return usageErr("eval: %v", err)
			}
			ex, err := extract.New(lx)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			preds, failed := predict(corpus, ex, workers)
			for _, f := range failed {
				fmt.Fprintln(os.Stderr, "plenary: warning:", f)
			}
			for _, w := range corpus.Warnings {
				fmt.Fprintln(os.Stderr, "plenary: warning:", w)
			}
			res := eval.Score(corpus, preds, opt)
			if predDir != "" {
				list := make([]eval.Prediction, 0, len(preds))
				for _, d := range corpus.Docs {
					if p, ok := preds[d.ID]; ok {
						list = append(list, p)
					}
				}
				if err := eval.WritePredictions(predDir, list); err != nil {
					return &exitError{code: 2, err: err}
				}
			}
			if jsonOut != "" {
				b, err := json.MarshalIndent(res, "", " ")
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				if err := os.WriteFile(jsonOut, append(b, '\n'), 0o644); err != nil {
					return &exitError{code: 2, err: fmt.Errorf("eval: --json: %w", err)}
				}
			}
			if err := eval.Render(os.Stdout, res); err != nil {
				return &exitError{code: 2, err: err}
			}
			if len(failed) > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%d document(s) failed", len(failed))}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&jsonOut, "json", "", "write the figures as JSON (score.py --json layout) to this file")
	f.IntVar(&nErrors, "errors", 0, "list up to N missed and spurious items per table")
	f.BoolVar(&perDoc, "per-doc", false, "add per-document F1")
	f.StringVar(&tables, "tables", "", "comma-separated tables to score (overrides SCOPE)")
	f.StringVar(&predDir, "predictions", "", "also write each document's prediction as <id>.json to this folder")
	f.StringVar(&lexDir, "lexicon", "", "folder of extra lexicon files")
	f.IntVar(&workers, "workers", 0, "parallel workers (0 = all cores)")
	return c
}

// predict runs the extractor over every gold document. A document that
// cannot be read or extracted gets no prediction (scored as all missed).
func predict(c *eval.Corpus, ex *extract.Extractor, workers int) (map[string]eval.Prediction, []string) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	preds := make(map[string]eval.Prediction, len(c.Docs))
	var failed []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	ch := make(chan eval.GoldDoc)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for gd := range ch {
				p, err := predictOne(gd, ex)
				mu.Lock()
				if err != nil {
					failed = append(failed, err.Error())
				} else {
					preds[gd.ID] = p
				}
				mu.Unlock()
			}
		}()
	}
	for _, gd := range c.Docs {
		ch <- gd
	}
	close(ch)
	wg.Wait()
	return preds, failed
}

func predictOne(gd eval.GoldDoc, ex *extract.Extractor) (eval.Prediction, error) {
	b, err := os.ReadFile(gd.TextPath)
	if err != nil {
		return eval.Prediction{}, fmt.Errorf("eval %s: %w", gd.TextPath, err)
	}
	d := doc.Doc{ID: gd.ID, Source: gd.TextPath, Text: string(b)}
	if gd.Gold.URL != nil {
		d.URL = *gd.Gold.URL
	}
	if gd.Gold.Published != nil {
		if t, err := time.Parse("2006-01-02", strings.TrimSpace(*gd.Gold.Published)); err == nil {
			d.Published = t
		}
	}
	x, err := ex.Extract(d)
	if err != nil {
		return eval.Prediction{}, err
	}
	return eval.FromExtraction(x), nil
}
