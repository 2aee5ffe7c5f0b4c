package run

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"plenary/pipeline/doc"
	"plenary/pipeline/tables"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		err  string
	}{
		{"0/3", Shard{0, 3}, ""},
		{"2/3", Shard{2, 3}, ""},
		{"0/1", Shard{0, 1}, ""},
		{"3/3", Shard{}, "not one of 0 to 2"},
		{"-1/3", Shard{}, "not one of 0 to 2"},
		{"1/0", Shard{}, "at least 1"},
		{"1", Shard{}, "want I/N"},
		{"a/b", Shard{}, "two whole numbers"},
		{"0/100001", Shard{}, "at most 100000"},
	}
	for _, tc := range tests {
		got, err := ParseShard(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParseShard(%q) error = %v, want one saying %q", tc.in, err, tc.err)
		}
	}
}

// --shard auto reads each scheduler's variables as that scheduler sets
// them, and refuses what cannot be one shard of a range.
func TestShardFromEnv(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		count int
		want  Shard
		err   string
	}{
		{"kubernetes with JOB_COMPLETIONS", map[string]string{"JOB_COMPLETION_INDEX": "2", "JOB_COMPLETIONS": "3"}, 0, Shard{2, 3}, ""},
		{"kubernetes with the flag", map[string]string{"JOB_COMPLETION_INDEX": "0"}, 4, Shard{0, 4}, ""},
		{"kubernetes without a count", map[string]string{"JOB_COMPLETION_INDEX": "0"}, 0, Shard{}, "pass --shards N"},
		{"kubernetes: the flag wins", map[string]string{"JOB_COMPLETION_INDEX": "3", "JOB_COMPLETIONS": "3"}, 4, Shard{3, 4}, ""},
		{"kubernetes index past the count", map[string]string{"JOB_COMPLETION_INDEX": "3", "JOB_COMPLETIONS": "3"}, 0, Shard{}, "not one of 0 to 2"},
		{"slurm 0-3", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_STEP": "1"}, 0, Shard{2, 4}, ""},
		{"slurm 0-4 min/max only", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "4"}, 0, Shard{0, 5}, ""},
		{"slurm 1-3", map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "3"}, 0, Shard{}, "not 0-N-1"},
		{"slurm with a step", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "3"}, 0, Shard{}, "not 0-N-1"},
		{"slurm list of ids", map[string]string{"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9", "SLURM_ARRAY_TASK_COUNT": "3"}, 0, Shard{}, "not 0-N-1"},
		{"slurm retry of task 2 of 4", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_MAX": "2", "SLURM_ARRAY_TASK_COUNT": "1"}, 4, Shard{2, 4}, ""},
		{"slurm retry without the count", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_MAX": "2", "SLURM_ARRAY_TASK_COUNT": "1"}, 0, Shard{}, "or pass --shards N"},
		{"aws with the flag", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "1"}, 3, Shard{1, 3}, ""},
		{"aws without a count", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "1"}, 0, Shard{}, "pass --shards N"},
		{"no scheduler", map[string]string{}, 3, Shard{}, "none of JOB_COMPLETION_INDEX"},
		{"two schedulers", map[string]string{"JOB_COMPLETION_INDEX": "0", "SLURM_ARRAY_TASK_ID": "0"}, 3, Shard{}, "ambiguous"},
		{"not a number", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "x"}, 3, Shard{}, "not a whole number"},
	}
	for _, tc := range tests {
		got, err := ShardFromEnv(func(k string) string { return tc.env[k] }, tc.count)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("%s: %v, %v; want %v", tc.name, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.err)
		}
	}
}

// shardRun runs shard s of the documents in in into out.
func shardRun(t *testing.T, in, out string, s Shard, fx *fakeExtract) (Summary, error) {
	t.Helper()
	opt := options(in, out)
	opt.Shard = s
	opt.Lexicons = "lex"
	if fx == nil {
		fx = &fakeExtract{}
	}
	return Run(opt, fx.extract)
}

func finalizeOptions(out string) FinalizeOptions {
	return FinalizeOptions{Out: out, Version: "test", Lexicons: "lex", Progress: io.Discard}
}

// sortedTables is readTables with each table's rows sorted: shards give
// one run's rows, grouped by shard.
func sortedTables(t *testing.T, out string) map[string][]string {
	m := readTables(t, out)
	for _, rows := range m {
		slices.Sort(rows)
	}
	return m
}

// Three shards and finalize give the tables of one run, row for row; each
// shard wrote only its own documents, and only under its own folder until
// finalize; finalize leaves no shard output to take again.
func TestShardsEqualOneRun(t *testing.T) {
	in, one, _ := completeRun(t, 40)
	want := sortedTables(t, one)
	out := filepath.Join(t.TempDir(), "out")
	docs := 0
	for i := range 3 {
		fx := &fakeExtract{}
		sum, err := shardRun(t, in, out, Shard{i, 3}, fx)
		if err != nil {
			t.Fatal(err)
		}
		docs += sum.Documents.OK
		if fx.total() != sum.Documents.OK || sum.Documents.OK == 0 || sum.Documents.OK == 40 {
			t.Errorf("shard %d: extracted %d, wrote %d of 40 documents", i, fx.total(), sum.Documents.OK)
		}
		ents, _ := os.ReadDir(out)
		for _, e := range ents {
			if e.Name() != ShardsDir && e.Name() != LockFile {
				t.Errorf("after shard %d, OUT holds %s", i, e.Name())
			}
		}
	}
	if docs != 40 {
		t.Errorf("the shards wrote %d documents, want 40", docs)
	}
	sum, err := Finalize(finalizeOptions(out))
	if err != nil {
		t.Fatal(err)
	}
	if got := sortedTables(t, out); !reflect.DeepEqual(got, want) {
		for name := range want {
			if !reflect.DeepEqual(got[name], want[name]) {
				t.Errorf("%s: %d rows, want the %d of one run", name, len(got[name]), len(want[name]))
			}
		}
	}
	if _, err := Verify(out); err != nil {
		t.Errorf("Verify: %v", err)
	}
	if len(sum.Shards) != 3 || sum.Documents.OK != 40 || sum.Counts["documents"] != 40 {
		t.Errorf("run.json: %d shards, %d documents ok, counts %v", len(sum.Shards), sum.Documents.OK, sum.Counts)
	}
	// run.json: the sums are one run's, and each shard keeps its timings.
	rj, oneSum := readSummary(t, out), readSummary(t, one)
	if rj.Bytes != oneSum.Bytes || rj.Documents != oneSum.Documents || !reflect.DeepEqual(rj.Counts, oneSum.Counts) {
		t.Errorf("run.json sums %d bytes, %+v, %v; one run: %d, %+v, %v", rj.Bytes, rj.Documents, rj.Counts, oneSum.Bytes, oneSum.Documents, oneSum.Counts)
	}
	for i, s := range rj.Shards {
		if s.Shard != i || s.Seconds <= 0 || s.Started.IsZero() || s.Finished.Before(s.Started) || s.Bytes == 0 || s.Bytes == rj.Bytes {
			t.Errorf("run.json shards[%d]: %+v, want shard %d's own timings and bytes", i, s, i)
		}
		if s.Started.Before(rj.Started) || s.Finished.After(rj.Finished) {
			t.Errorf("shard %d ran %v-%v, outside the run's %v-%v", i, s.Started, s.Finished, rj.Started, rj.Finished)
		}
	}
	if _, err := Finalize(finalizeOptions(out)); err == nil || !strings.Contains(err.Error(), "no finished shard") {
		t.Errorf("a second finalize: %v, want no finished shard", err)
	}
	// The next sharded run resumes per shard from its checkpoint.
	fx := &fakeExtract{}
	opt := options(in, out)
	opt.Shard, opt.Lexicons, opt.Resume = Shard{1, 3}, "lex", true
	s1, err := Run(opt, fx.extract)
	if err != nil || !s1.Resumed || fx.total() != 0 || s1.Documents.Reused != s1.Documents.OK {
		t.Errorf("shard 1 with --resume: extracted %d, reused %d of %d (%v)", fx.total(), s1.Documents.Reused, s1.Documents.OK, err)
	}
}

// Finalize says what is missing or inconsistent, and publishes nothing.
func TestFinalizeRefuses(t *testing.T) {
	in, _, _ := completeRun(t, 12)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Finalize(finalizeOptions(out)); err == nil {
		t.Error("finalize of an empty OUT succeeded")
	}
	for _, i := range []int{0, 2} {
		if _, err := shardRun(t, in, out, Shard{i, 3}, nil); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what, want string) {
		t.Helper()
		_, err := Finalize(finalizeOptions(out))
		var se *ShardsError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a ShardsError saying %q", what, err, want)
		}
		if _, err := os.Stat(filepath.Join(out, "run.json")); err == nil {
			t.Errorf("%s: run.json was written", what)
		}
	}
	check("shard 1 missing", "shard(s) 1 of 3 have not finished")

	// Shard 1 with another --format and other lexicons.
	opt := options(in, out)
	opt.Shard, opt.Lexicons, opt.Format = Shard{1, 3}, "other", tables.Arrow
	if _, err := Run(opt, (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	check("settings differ", "--format differs: arrow (shard 1) vs parquet (shard 0, 2)")
	check("settings differ", "lexicons (--lexicon files and version) differs")

	// Shard 1 by another plenary version.
	opt = options(in, out)
	opt.Shard, opt.Lexicons, opt.Version = Shard{1, 3}, "lex", "other"
	if _, err := Run(opt, (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	check("version differs", "plenary version differs: other (commit ) (shard 1) vs test (commit ) (shard 0, 2)")

	if _, err := shardRun(t, in, out, Shard{1, 3}, nil); err != nil {
		t.Fatal(err)
	}
	// A shard of another count.
	if _, err := shardRun(t, in, out, Shard{0, 2}, nil); err != nil {
		t.Fatal(err)
	}
	check("two runs", "different numbers of shards (1 of 2, 3 of 3)")
	fo := finalizeOptions(out)
	fo.Lexicons = "else"
	fo.Shards = 3
	if _, err := Finalize(fo); err == nil || !strings.Contains(err.Error(), "--lexicon the shards were given") {
		t.Errorf("finalize with other lexicons: %v", err)
	}
	// A part of shard 2 gone.
	parts, _ := filepath.Glob(filepath.Join(out, ShardsDir, "2-of-3", shardDone, "quotes", "*"))
	os.Remove(parts[0])
	fo.Lexicons = "lex"
	if _, err := Finalize(fo); err == nil || !strings.Contains(err.Error(), "quotes/part-00002-00000.parquet is missing: run the shard again") {
		t.Errorf("finalize with a part missing: %v", err)
	}
	if _, err := shardRun(t, in, out, Shard{2, 3}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Finalize(fo); err != nil {
		t.Errorf("finalize --shards 3 beside a shard of 2: %v", err)
	}
}

// An interrupted shard is refused until it is run again.
func TestFinalizeInterruptedShard(t *testing.T) {
	// More documents than the producer hands out before the stop (its
	// in-flight bound), so the stop always finds input left unread.
	in, _, _ := completeRun(t, 240)
	out := filepath.Join(t.TempDir(), "out")
	for _, i := range []int{0, 1} {
		if _, err := shardRun(t, in, out, Shard{i, 2}, nil); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	opt := options(in, out)
	opt.Shard, opt.Lexicons, opt.Stop, opt.CheckpointEvery = Shard{1, 2}, "lex", stop, 1
	var n atomic.Int64
	var once sync.Once
	fx := &fakeExtract{hook: func(doc.Doc) {
		if n.Add(1) == 3 {
			once.Do(func() { close(stop) })
		}
	}}
	sum, err := Run(opt, fx.extract)
	if err != nil || !sum.Interrupted {
		t.Fatalf("stopped shard: %+v, %v", sum.Documents, err)
	}
	if _, err := Finalize(finalizeOptions(out)); err == nil || !strings.Contains(err.Error(), "shard 1/2 was interrupted") {
		t.Errorf("finalize with an interrupted shard: %v", err)
	}
	opt.Stop, opt.Resume = nil, true
	if _, err := Run(opt, (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	if _, err := Finalize(finalizeOptions(out)); err != nil {
		t.Errorf("finalize after the shard ran again: %v", err)
	}
}

// Shards run side by side; a shard never runs twice at once; finalize and
// a run without shards wait for no shard.
func TestShardLocks(t *testing.T) {
	in, _, _ := completeRun(t, 6)
	out := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(out, 0o755)
	unlock, err := lockShard(out, Shard{0, 2}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shardRun(t, in, out, Shard{1, 2}, nil); err != nil {
		t.Errorf("shard 1 beside shard 0: %v", err)
	}
	var be *BusyError
	if _, err := shardRun(t, in, out, Shard{0, 2}, nil); !errors.As(err, &be) || !strings.Contains(err.Error(), "shard 0/2 of") {
		t.Errorf("shard 0 twice: %v", err)
	}
	if _, err := Finalize(finalizeOptions(out)); !errors.As(err, &be) || !strings.Contains(err.Error(), "shards running: shard 0/2") {
		t.Errorf("finalize while shard 0 runs: %v", err)
	}
	if _, err := Run(options(in, out), (&fakeExtract{}).extract); !errors.As(err, &be) {
		t.Errorf("a run without shards while shard 0 runs: %v", err)
	}
	unlock()
	unlock, err = lockOut(out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shardRun(t, in, out, Shard{0, 2}, nil); !errors.As(err, &be) {
		t.Errorf("a shard while OUT is locked: %v", err)
	}
	unlock()
}
