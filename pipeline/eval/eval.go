// Package eval scores plenary's extractions against a gold corpus.
//
// In: a gold corpus folder (FORMAT.md: <id>.txt + <id>.gold.json, optional
// SCOPE) read by LoadCorpus, and one Prediction per document, either converted
// from a doc.Extraction by FromExtraction or read from JSON by ReadPredictions.
// Out: a Result with micro-averaged precision, recall and F1 per table, quote
// attribution accuracy and end-to-end quote figures, optional per-document
// figures and error lists, plus per-item details (matched, missed, spurious)
// for baselines and diffs. Render prints it as a text table.
//
// The figures are exactly those of the reference scorer shared/tools/score.py,
// which the project never calls: the same normalization (including Python's
// lowercasing), the same maximum matching with the same try and preference
// order, the same 0.8 token F1 threshold computed as one division, the same
// null for 0/0. Result marshals to the JSON of `score.py --json`.
package eval
