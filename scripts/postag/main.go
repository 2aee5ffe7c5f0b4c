// Command postag writes pipeline/postag/model.bin, the part-of-speech
// model plenary's quotes stage tags cue clauses with, from the averaged
// perceptron that github.com/jdkato/prose/v2 embeds (MIT licence; a port of
// textblob-aptagger, itself trained on the Penn Treebank's Wall Street
// Journal). prose decodes that model with encoding/gob into nested maps, half
// a second and ~60 MB of allocation at start-up; the file written here holds
// the same classes, tag dictionary and weights in a flat form that loads in a
// few milliseconds. Nothing is retrained or dropped: the weights, rounded to
// three decimals by prose's training, are stored exactly as thousandths
// (varints), each feature as its kind's index and its words.
//
// Usage (from the repository root): go run ./scripts/postag [OUT]
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/jdkato/prose/v2"
)

// featureKinds are prose's feature names, in the order of pipeline/postag's
// FeatureKinds (the model stores a kind's index; TestMatchesProse there
// fails if the two lists part).
var featureKinds = [...]string{"bias", "i suffix", "i pref1", "i-1 tag", "i-2 tag", "i tag+i-2 tag",
	"i word", "i-1 tag+i word", "i-1 word", "i-1 suffix", "i-2 word", "i+1 word", "i+1 suffix", "i+2 word"}

// featureKey is prose's feature f ("i-1 tag+i word NN that") as the model
// stores it: its kind's index (one byte) and the words after the name.
func featureKey(f string) (string, bool) {
	best := -1
	for k, name := range featureKinds {
		if (f == name || strings.HasPrefix(f, name+" ")) && (best < 0 || len(name) > len(featureKinds[best])) {
			best = k
		}
	}
	if best < 0 {
		return "", false
	}
	return string(rune(best)) + strings.TrimPrefix(f[len(featureKinds[best]):], " "), true
}

func decode(name string, v any) error {
	b, err := prose.Asset("model/AveragedPerceptron/" + name)
	if err != nil {
		return fmt.Errorf("prose asset %s: %w", name, err)
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	return nil
}

func main() {
	out := "pipeline/postag/model.bin"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	if err := run(out); err != nil {
		fmt.Fprintln(os.Stderr, "postag:", err)
		os.Exit(1)
	}
}

// writer is the model file being written.
type writer struct {
	b   bytes.Buffer
	idx map[string]int // class -> index
}

func (w *writer) u32(v uint32) { _ = binary.Write(&w.b, binary.LittleEndian, v) }

func (w *writer) str(s string) {
	w.u32(uint32(len(s)))
	w.b.WriteString(s)
}

func run(out string) error {
	var classes []string
	var tags map[string]string
	var weights map[string]map[string]float64
	if err := decode("classes.gob", &classes); err != nil {
		return err
	}
	if err := decode("tags.gob", &tags); err != nil {
		return err
	}
	if err := decode("weights.gob", &weights); err != nil {
		return err
	}
	if len(classes) > 255 {
		return fmt.Errorf("%d classes: more than a byte holds", len(classes))
	}
	sort.Strings(classes) // a fixed order: gob keeps the slice's, but be sure
	w := &writer{idx: map[string]int{}}
	w.b.WriteString("PTAG2\n")
	w.u32(uint32(len(classes)))
	for i, c := range classes {
		w.idx[c] = i
		w.str(c)
	}
	if err := w.tagMap(tags); err != nil {
		return err
	}
	nf, total, err := w.weights(weights)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, w.b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("postag: %d classes, %d words, %d features, %d weights -> %s (%d bytes)\n", len(classes), len(tags), nf, total, out, w.b.Len())
	return nil
}

// tagMap writes the words with one tag, sorted.
func (w *writer) tagMap(tags map[string]string) error {
	words := make([]string, 0, len(tags))
	for word := range tags {
		words = append(words, word)
	}
	sort.Strings(words)
	w.u32(uint32(len(words)))
	for _, word := range words {
		i, ok := w.idx[tags[word]]
		if !ok {
			return fmt.Errorf("tag %q of %q is no class", tags[word], word)
		}
		w.str(word)
		w.b.WriteByte(byte(i))
	}
	return nil
}

// weights writes the features, sorted by key: a feature "i-1 tag+i word
// NN that" as its kind's index (featureKinds) and the rest, "NN that", then
// its weights by class, in thousandths as varints.
func (w *writer) weights(weights map[string]map[string]float64) (nf, total int, err error) {
	keys := map[string]string{}
	for f, ws := range weights {
		if len(ws) == 0 {
			continue
		}
		k, ok := featureKey(f)
		if !ok {
			return 0, 0, fmt.Errorf("feature %q is of no known kind", f)
		}
		keys[k] = f
	}
	feats := make([]string, 0, len(keys))
	for k := range keys {
		feats = append(feats, k)
		total += len(weights[keys[k]])
	}
	sort.Strings(feats)
	w.u32(uint32(len(feats)))
	w.u32(uint32(total)) // so the reader sizes its weight table once
	var vb [binary.MaxVarintLen64]byte
	for _, k := range feats {
		ws := weights[keys[k]]
		cs := make([]string, 0, len(ws))
		for c := range ws {
			cs = append(cs, c)
		}
		sort.Strings(cs)
		w.str(k)
		w.b.WriteByte(byte(len(cs)))
		for _, c := range cs {
			i, ok := w.idx[c]
			if !ok {
				return 0, 0, fmt.Errorf("weight class %q is no class", c)
			}
			milli := math.Round(ws[c] * 1000)
			if math.Abs(milli-ws[c]*1000) > 1e-6 || math.Abs(milli) > math.MaxInt32 {
				return 0, 0, fmt.Errorf("weight %v of %q/%q is not a whole number of thousandths", ws[c], keys[k], c)
			}
			w.b.WriteByte(byte(i))
			w.b.Write(vb[:binary.PutVarint(vb[:], int64(milli))])
		}
	}
	return len(feats), total, nil
}
