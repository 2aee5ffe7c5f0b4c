package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"plenary/pipeline/doc"
	"plenary/pipeline/eval"
	"plenary/pipeline/extract"
	"plenary/pipeline/ingest"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/registry"
	"plenary/pipeline/segment"
)

func evalCmd() *cobra.Command {
	var (
		jsonOut, predDir, lexDir, tables string
		saveBase, baseFile               string
		nErrors, workers                 int
		perDoc, allowRemoved             bool
		tolerance                        float64
		maxBytes                         int64
	)
	c := &cobra.Command{
		Use:   "eval [flags] CORPUS_DIR",
		Short: "Score extraction against a gold corpus (docs/gold-format.md)",
		Long: `Run the pipeline over every <id>.txt in CORPUS_DIR that has an
<id>.gold.json beside it (other files are ignored) and print, per table,
gold / predicted / matched / precision / recall / F1, quote attribution
accuracy and end-to-end quote F1 (micro-averaged over the corpus). A SCOPE
file in CORPUS_DIR limits the tables scored. An identity.json in CORPUS_DIR
(which people of different reports are one person) adds pairwise and
B-cubed figures of the persons plenary finds across the reports; --errors
then lists wrong merges and splits too. The gold format, the annotation
conventions and exactly how each table is matched and scored are in the
repository's docs/gold-format.md; docs/example-corpus is a two-report
example to start from.

Examples:
  plenary eval corpus/                        # the project's own gold corpus
  plenary eval docs/example-corpus
  plenary eval --errors 20 corpus/            # missed and spurious items, with their sentences
  plenary eval corpus/ --json figures.json    # the figures as JSON
  plenary eval corpus/ --predictions preds/   # also write <id>.json predictions

Regression testing: save a baseline once, then compare every later run with
it. The comparison prints each table's F1 then and now, and per document the
items newly missed and newly spurious with their sentence. It exits 1 when a
table's F1 drops by more than --tolerance, when a gold item is missed that
the baseline did not list as missed (gold added since the baseline counts),
when a spurious item appears that the baseline did not have, or when a
document of the baseline is not scored now (its gold removed or unreadable;
--allow-removed accepts that). A folder without any readable gold is exit 2.

Corpus files are read as 'plenary run' reads documents: a FIFO or device is
never read, and a file over --max-doc-bytes is refused unread. No output
(--predictions, --json, --save-baseline) may be a text or gold file of the
corpus: eval refuses (exit 2) before writing anything.
  plenary eval corpus --save-baseline corpus/baseline.json
  plenary eval corpus --baseline corpus/baseline.json
  plenary eval corpus --baseline corpus/baseline.json --tolerance 0 --json diff.json`,
		Args: positional("CORPUS_DIR", "a folder of <id>.txt and <id>.gold.json", "plenary eval corpus/", 1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if maxBytes <= 0 {
				return usageErr("eval: --max-doc-bytes must be > 0")
			}
			corpus, err := eval.LoadCorpusMax(args[0], maxBytes)
			if err != nil {
				return usageErr("%v", err)
			}
			if len(corpus.Docs) == 0 {
				for _, w := range corpus.Warnings {
					fmt.Fprintln(os.Stderr, "plenary: warning:", w)
				}
				return usageErr("eval: no gold in %s: no <id>.txt with a readable <id>.gold.json beside it", args[0])
			}
			if err := corpus.CheckOutputs(outputs(corpus, predDir, jsonOut, saveBase)); err != nil {
				return usageErr("%v", err)
			}
			opt := eval.Options{Errors: nErrors, PerDoc: perDoc}
			if tables != "" {
				if opt.Tables, err = eval.ParseTables(tables); err != nil {
					return usageErr("eval: %v", err)
				}
			}
			var base *eval.Baseline
			if baseFile != "" {
				if base, err = eval.ReadBaseline(baseFile); err != nil {
					return usageErr("%v", err)
				}
			}
			if tolerance < 0 {
				return usageErr("eval: --tolerance must be 0 or more")
			}
			lx, err := lexicon.Load(lexDir)
			if err != nil {
				return usageErr("eval: %v", err)
			}
			lexiconNotices(lx)
			ex, err := extract.New(lx)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			preds, people, failed := predict(corpus, ex, workers)
			for _, f := range failed {
				fmt.Fprintln(os.Stderr, "plenary: warning:", f)
			}
			for _, w := range corpus.Warnings {
				fmt.Fprintln(os.Stderr, "plenary: warning:", w)
			}
			res := eval.Score(corpus, preds, opt)
			var predIdentity [][]eval.Member
			if res.Identity, predIdentity, err = scoreIdentity(corpus, people, lx); err != nil {
				return &exitError{code: 2, err: err}
			}
			texts := corpusTexts(corpus)
			var comp *eval.Comparison
			if base != nil {
				c := eval.Compare(base, res, tolerance, allowRemoved, texts.source)
				c.Baseline = baseFile
				comp = &c
			}
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
				if res.Identity != nil {
					if err := eval.WriteIdentity(filepath.Join(predDir, eval.IdentityFile), predIdentity); err != nil {
						return &exitError{code: 2, err: err}
					}
				}
			}
			if jsonOut != "" {
				res := res
				res.CorpusDir = filepath.Clean(args[0]) // plenary report's default --corpus
				b, err := json.Marshal(res)
				if comp != nil && err == nil {
					b, err = eval.MarshalWithComparison(res, *comp)
				}
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				var ind bytes.Buffer
				if err := json.Indent(&ind, b, "", " "); err != nil {
					return &exitError{code: 2, err: err}
				}
				b = ind.Bytes()
				if err := os.WriteFile(jsonOut, append(b, '\n'), 0o644); err != nil {
					return &exitError{code: 2, err: fmt.Errorf("eval: --json: %w", err)}
				}
			}
			// The figure table is the reference scorer's; the error lists come
			// with the sentence of each item instead of its bare lists.
			figures := res
			figures.HasErrors = false
			if err := eval.Render(os.Stdout, figures); err != nil {
				return &exitError{code: 2, err: err}
			}

			if nErrors > 0 {
				if err := eval.RenderErrorLists(os.Stdout, eval.ErrorLists(res, nErrors, texts.source)); err != nil {
					return &exitError{code: 2, err: err}
				}
			}
			if res.Identity != nil {
				if err := eval.RenderIdentity(os.Stdout, *res.Identity, nErrors); err != nil {
					return &exitError{code: 2, err: err}
				}
			}
			if comp != nil {
				if err := eval.RenderComparison(os.Stdout, *comp); err != nil {
					return &exitError{code: 2, err: err}
				}
			}
			if saveBase != "" {
				sums := map[string]string{}
				for _, d := range corpus.Docs {
					if text, _, ok := texts.read(d.ID); ok {
						sums[d.ID] = eval.SHA256Hex(text)
					}
				}
				if err := eval.WriteBaseline(saveBase, eval.NewBaseline(res, sums, Version)); err != nil {
					return &exitError{code: 2, err: err}
				}
				fmt.Fprintf(os.Stderr, "plenary: baseline written to %s (%d documents)\n", saveBase, res.Documents)
			}
			var problems []string
			if len(failed) > 0 {
				problems = append(problems, fmt.Sprintf("%d document(s) failed", len(failed)))
			}
			if comp != nil && comp.Regression {
				problems = append(problems, "regression against "+baseFile+": "+strings.Join(comp.Reasons, "; "))
			}
			if len(problems) > 0 {
				return &exitError{code: 1, err: errors.New(strings.Join(problems, "; "))}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&jsonOut, "json", "", "write the figures as JSON to this file (keys: docs/gold-format.md)")
	f.IntVar(&nErrors, "errors", 0, "list up to N missed and spurious items per table, each with the sentence holding it")
	f.BoolVar(&perDoc, "per-doc", false, "add per-document F1")
	f.StringVar(&tables, "tables", "", "comma-separated tables to score (overrides SCOPE)")
	f.StringVar(&predDir, "predictions", "", "also write each document's prediction as <id>.json to this folder")
	f.StringVar(&lexDir, "lexicon", "", "folder of extra lexicon files")
	f.IntVar(&workers, "workers", 0, "parallel workers (0 = all cores)")
	f.StringVar(&saveBase, "save-baseline", "", "write this run as a baseline (figures and every matched, missed and spurious item) to FILE")
	f.StringVar(&baseFile, "baseline", "", "compare with the baseline in FILE; exit 1 on a regression")
	f.Float64Var(&tolerance, "tolerance", 0.005, "with --baseline: largest F1 drop per table that is not a regression")
	f.BoolVar(&allowRemoved, "allow-removed", false, "with --baseline: a document of the baseline that is not scored now (gold removed or unreadable) is no regression")
	f.Int64Var(&maxBytes, "max-doc-bytes", ingest.DefaultMaxBytes, "largest corpus file read, in bytes (as for plenary run); larger ones are refused unread")
	return c
}

// outputs are the files an eval is about to write, for CheckOutputs.
func outputs(c *eval.Corpus, predDir, jsonOut, saveBase string) []string {
	var out []string
	if predDir != "" {
		for _, d := range c.Docs {
			out = append(out, filepath.Join(predDir, d.ID+".json"))
		}
		out = append(out, filepath.Join(predDir, eval.IdentityFile))
	}
	for _, f := range []string{jsonOut, saveBase} {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// docTexts reads corpus texts once and segments them into sentences on first
// use, for the contexts of listed items.
type docTexts struct {
	corpus *eval.Corpus
	paths  map[string]string
	seg    *segment.Segmenter
	segOK  bool
	cache  map[string]*docText
}

type docText struct {
	text  string
	sents []doc.Span
	ok    bool
	split bool
}

func corpusTexts(c *eval.Corpus) *docTexts {
	t := &docTexts{corpus: c, paths: map[string]string{}, cache: map[string]*docText{}}
	for _, d := range c.Docs {
		t.paths[d.ID] = d.TextPath
	}
	return t
}

func (t *docTexts) get(id string) *docText {
	if d, ok := t.cache[id]; ok {
		return d
	}
	d := &docText{}
	if p, ok := t.paths[id]; ok {
		if b, err := t.corpus.ReadFile(p); err == nil {
			d.text, d.ok = string(b), true
		}
	}
	t.cache[id] = d
	return d
}

// read gives the text alone.
func (t *docTexts) read(id string) (string, []doc.Span, bool) {
	d := t.get(id)
	return d.text, nil, d.ok
}

// source gives the text with its sentences (an eval.TextSource).
func (t *docTexts) source(id string) (string, []doc.Span, bool) {
	d := t.get(id)
	if !d.ok {
		return "", nil, false
	}
	if !d.split {
		d.split = true
		if t.seg == nil && !t.segOK {
			t.segOK = true
			t.seg, _ = segment.New() // without it, contexts fall back to the item's line
		}
		if t.seg != nil {
			d.sents = t.seg.Segment(d.text).Sentences
		}
	}
	return d.text, d.sents, true
}

// predict runs the extractor over every gold document. A document that
// cannot be read or extracted gets no prediction (scored as all missed).
func predict(c *eval.Corpus, ex *extract.Extractor, workers int) (map[string]eval.Prediction, map[string]registry.DocPeople, []string) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	preds := make(map[string]eval.Prediction, len(c.Docs))
	people := make(map[string]registry.DocPeople, len(c.Docs))
	var failed []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	ch := make(chan eval.GoldDoc)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for gd := range ch {
				p, dp, err := predictOne(c, gd, ex)
				mu.Lock()
				if err != nil {
					failed = append(failed, err.Error())
				} else {
					preds[gd.ID] = p
					people[gd.ID] = dp
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
	return preds, people, failed
}

func predictOne(c *eval.Corpus, gd eval.GoldDoc, ex *extract.Extractor) (eval.Prediction, registry.DocPeople, error) {
	b, err := c.ReadText(gd)
	if err != nil {
		return eval.Prediction{}, registry.DocPeople{}, fmt.Errorf("eval %s: %w", gd.TextPath, err)
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
		return eval.Prediction{}, registry.DocPeople{}, err
	}
	return eval.FromExtraction(x), registry.FromExtraction(&x), nil
}
