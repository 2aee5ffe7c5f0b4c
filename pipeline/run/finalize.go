package run

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"plenary/pipeline/doc"
	"plenary/pipeline/registry"
	"plenary/pipeline/tables"
)

// Settings are what every shard of a run must share: what decides the
// rows. Finalize refuses shards whose settings differ.
type Settings struct {
	Version         string   `json:"version"`
	Commit          string   `json:"commit"`
	Lexicons        string   `json:"lexicons"` // the plenary version and --lexicon files, hashed
	Format          string   `json:"format"`
	NoText          bool     `json:"no_text"`
	Optional        []string `json:"optional"` // optional tables (trace)
	Inputs          []string `json:"inputs"`
	MaxDocBytes     int64    `json:"max_doc_bytes"`
	DocTimeout      string   `json:"doc_timeout"`
	NoFollowOutside bool     `json:"no_follow_outside"`
	IDPrefix        string   `json:"id_prefix"`
	IDParent        bool     `json:"id_parent"`
}

func settingsOf(opt Options) Settings {
	return Settings{Version: opt.Version, Commit: opt.Commit, Lexicons: opt.Lexicons, Format: opt.Format,
		NoText: opt.NoText, Optional: slices.Sorted(slices.Values(opt.Optional)), Inputs: opt.Inputs,
		MaxDocBytes: opt.Ingest.MaxBytes, DocTimeout: opt.DocTimeout.String(), NoFollowOutside: opt.Ingest.NoFollowOutside,
		IDPrefix: opt.Ingest.IDPrefix, IDParent: opt.Ingest.IDParent}
}

// ShardRecord is a finished shard's shard.json: its Summary (Files are its
// parts, Counts its tables' rows), who it was, its settings, and the people
// spill the whole-run step reads.
type ShardRecord struct {
	Summary
	Shard    int        `json:"shard"`
	Of       int        `json:"of"`
	Host     string     `json:"host"`
	Settings Settings   `json:"settings"`
	Spill    FileRecord `json:"spill"`
}

// ShardSummary is one shard's figures in a sharded run's run.json.
type ShardSummary struct {
	Shard          int                `json:"shard"`
	Host           string             `json:"host"`
	Args           []string           `json:"args"`
	Started        time.Time          `json:"started"`
	Finished       time.Time          `json:"finished"`
	Seconds        float64            `json:"seconds"`
	StartupSeconds float64            `json:"startup_seconds"`
	Workers        int                `json:"workers"`
	Bytes          int64              `json:"bytes"`
	Resumed        bool               `json:"resumed"`
	Documents      DocCounts          `json:"documents"`
	Counts         map[string]int64   `json:"counts"`
	StageSeconds   map[string]float64 `json:"stage_seconds,omitempty"`
}

// commitShard finishes a shard: its record goes into the temporary
// folder, which then replaces the shard's done/ folder in one rename.
func (o *output) commitShard(opt Options, sum Summary, spill FileRecord) error {
	host, _ := os.Hostname()
	rec := ShardRecord{Summary: sum, Shard: opt.Shard.Index, Of: opt.Shard.Count, Host: host,
		Settings: settingsOf(opt), Spill: spill}
	if err := writeJSON(filepath.Join(o.tmp, shardRecord), rec); err != nil {
		return err
	}
	if err := syncTree(o.tmp); err != nil {
		return err
	}
	done := filepath.Join(o.dir, shardDone)
	// The old record goes first: a kill from here on leaves no done/ that
	// looks finished.
	if err := os.Remove(filepath.Join(done, shardRecord)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("replace %s: %w", done, err)
	}
	if err := syncDir(done); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.RemoveAll(done); err != nil {
		return fmt.Errorf("replace %s: %w", done, err)
	}
	if err := os.Rename(o.tmp, done); err != nil {
		return fmt.Errorf("publish shard %s: %w", opt.Shard, err)
	}
	o.tmp = ""
	return syncDir(o.dir)
}

// syncTree fsyncs every folder under dir (its files were synced when
// written), so the names in it survive a power cut.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(path)
		}
		return nil
	})
}

// syncedChecksum syncs the file name in dir and gives its record.
func syncedChecksum(dir, name string) (FileRecord, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		return FileRecord{}, err
	}
	err = f.Sync()
	f.Close()
	if err != nil {
		return FileRecord{}, fmt.Errorf("sync %s: %w", path, err)
	}
	r := FileRecord{Name: name}
	r.Bytes, r.SHA256, err = fileSum(path)
	return r, err
}

// shardOut is a finished shard's output: its record, and the folder its
// files are in (done/, or the run's temporary folder without shards).
type shardOut struct {
	dir string
	rec ShardRecord
}

// wholeOptions configure the whole-run step.
type wholeOptions struct {
	tmp       string // where its tables are written
	format    string
	version   string
	partBytes int64
	registry  *registry.Resolver
}

// wholeResult is what the whole-run step wrote.
type wholeResult struct {
	files  []FileRecord
	counts map[string]int64
}

// wholeRun runs the whole-run steps over the shards' output, in shard
// order: the persons registry reads every shard's people spill and writes
// people (with person_uid), persons and role_timeline, as parts of the
// FinalWriter in tmp.
func wholeRun(opt wholeOptions, shards []shardOut) (wholeResult, error) {
	rv := opt.registry
	if rv == nil {
		var err error
		if rv, err = registry.New(nil); err != nil {
			return wholeResult{}, err
		}
	}
	set, err := tables.Open(opt.tmp, opt.format, opt.version, memory.DefaultAllocator,
		tables.WithTables(tables.WholeRun...), tables.WithWriter(tables.FinalWriter), tables.WithPartBytes(opt.partBytes))
	if err != nil {
		return wholeResult{}, err
	}
	spills := func() iter2 {
		return func(yield func(registry.DocPeople, error) bool) {
			for _, s := range shards {
				for d, err := range registry.ReadSpill(filepath.Join(s.dir, s.rec.Spill.Name)) {
					if !yield(d, err) || err != nil {
						return
					}
				}
			}
		}
	}
	if err := writePersons(set, rv, spills); err != nil {
		set.Abort()
		return wholeResult{}, err
	}
	if err := set.Close(); err != nil {
		return wholeResult{}, err
	}
	r := wholeResult{counts: set.Counts()}
	for _, f := range set.Files() {
		r.files = append(r.files, FileRecord(f))
	}
	return r, nil
}

type iter2 = func(yield func(registry.DocPeople, error) bool)

// writePersons resolves the persons of every document read from docs and
// writes people, persons and role_timeline. docs is read twice: to
// resolve, then to write each document's people with their person_uid.
// The spill is decoded, and the persons' rows made, a batch ahead on
// another core (ahead).
func writePersons(set *tables.Set, rv *registry.Resolver, docs func() iter2) error {
	reg, err := rv.Resolve(ahead(docs()))
	if err != nil {
		return err
	}
	i := 0
	var people []doc.Person
	for d, err := range ahead(docs()) {
		if err != nil {
			return err
		}
		people = people[:0]
		for _, q := range d.People {
			people = append(people, doc.Person{ID: q.ID, Name: q.Name, Aliases: q.Aliases, Mentions: q.Mentions,
				Span: doc.Span{Start: q.Start, End: q.End}})
		}
		if err := set.AddPeople(d.DocID, people, reg.UIDs(i)); err != nil {
			return err
		}
		i++
	}
	for r, err := range ahead(registryRows(reg)) {
		if err != nil {
			return err
		}
		if r.person != nil {
			err = set.AddPerson(*r.person)
		} else {
			err = set.AddRoleSpan(*r.span)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// FinalizeOptions configure Finalize.
type FinalizeOptions struct {
	Out string
	// Shards is the number of shards to finalize; 0: the number the
	// finished shards in Out say.
	Shards   int
	Version  string
	Commit   string
	Lexicons string // must be the shards' (Options.Lexicons)
	Args     []string
	Registry *registry.Resolver
	// PartBytes is where a part of the whole-run tables ends (0: the
	// default).
	PartBytes int64
	Progress  io.Writer
}

// Finalize is the reduce step of a sharded run: it checks that every
// shard of N has finished with the same settings, runs the whole-run steps
// over all of them, and publishes the whole run into OUT (every shard's
// parts, the whole-run tables, and run.json with the sums and each shard's
// figures), as a run without shards would have. It takes OUT's lock
// exclusively, so it waits for no shard still running: it fails.
func Finalize(opt FinalizeOptions) (sum Summary, err error) {
	start := time.Now().UTC()
	unlock, err := lockOut(opt.Out, opt.Progress)
	if err != nil {
		return sum, fmt.Errorf("finalize: %w", err)
	}
	defer unlock()
	shards, err := finishedShards(opt.Out, opt.Shards)
	if err != nil {
		return sum, fmt.Errorf("finalize: %w", err)
	}
	if err := checkSettings(opt, shards); err != nil {
		return sum, fmt.Errorf("finalize: %w", err)
	}
	placed, err := placeShardFiles(opt.Out, shards)
	if err != nil {
		return sum, fmt.Errorf("finalize: %w", err)
	}
	removeTemps(opt.Out)
	tmp, err := os.MkdirTemp(opt.Out, tmpPrefix)
	if err != nil {
		return sum, fmt.Errorf("finalize: %w", err)
	}
	defer os.RemoveAll(tmp)
	regStart := time.Now()
	first := shards[0].rec
	wr, err := wholeRun(wholeOptions{tmp: tmp, format: first.Settings.Format, version: first.Settings.Version,
		partBytes: opt.PartBytes, registry: opt.Registry}, shards)
	if err != nil {
		return sum, fmt.Errorf("finalize: %w", err)
	}
	sum = mergeShards(shards)
	sum.Args = opt.Args
	sum.GoVersion = runtime.Version()
	if start.Before(sum.Started) {
		sum.Started = start
	}
	for _, f := range wr.files {
		placed = append(placed, placedFile{FileRecord: f, from: filepath.Join(tmp, filepath.FromSlash(f.Name))})
	}
	slices.SortStableFunc(placed, func(a, b placedFile) int { return cmp.Compare(tableRank(a.Name), tableRank(b.Name)) })
	sum.Files = make([]FileRecord, len(placed))
	for i, p := range placed {
		sum.Files[i] = p.FileRecord
	}
	maps.Copy(sum.Counts, wr.counts)
	sum.StageSeconds["registry"] = time.Since(regStart).Seconds()
	sum.Finished = time.Now().UTC()
	sum.Seconds = sum.Finished.Sub(sum.Started).Seconds()
	if err := publish(opt.Out, tmp, placed, &sum); err != nil {
		return sum, fmt.Errorf("finalize: %w", err)
	}
	// The shards' output is the run's now: a later finalize must not
	// take it again.
	for _, s := range shards {
		if err := os.RemoveAll(s.dir); err != nil {
			return sum, fmt.Errorf("finalize: %w", err)
		}
	}
	if opt.Progress != nil {
		fmt.Fprintln(opt.Progress, sum.Line(opt.Out))
	}
	return sum, nil
}

// tableRank orders run.json's files by table, in the order of the
// contract.
func tableRank(name string) int {
	t, _, _ := strings.Cut(name, "/")
	if i := slices.Index(tables.Tables, t); i >= 0 {
		return i
	}
	return len(tables.Tables)
}

// ShardsError: the shards in OUT are not all of one run, finished with the
// same settings. Problems says what is missing or inconsistent, one line
// each.
type ShardsError struct {
	Out      string
	Problems []string
}

func (e *ShardsError) Error() string {
	return fmt.Sprintf("the shards in %s cannot be finalized: %s", e.Out, strings.Join(e.Problems, "; "))
}

// finishedShards reads the records of the finished shards in OUT: all n
// of them (n = 0: the number they say), in index order.
func finishedShards(out string, n int) ([]shardOut, error) {
	root := filepath.Join(out, ShardsDir)
	ents, err := os.ReadDir(root)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	byCount := map[int]map[int]shardOut{}
	var problems []string
	for _, e := range ents {
		s, ok := parseShardDir(e.Name())
		if !ok {
			continue
		}
		dir := filepath.Join(root, e.Name(), shardDone)
		b, err := os.ReadFile(filepath.Join(dir, shardRecord))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var rec ShardRecord
		if err == nil {
			err = json.Unmarshal(b, &rec)
		}
		if err == nil && (rec.Shard != s.Index || rec.Of != s.Count) {
			err = fmt.Errorf("it says it is shard %d of %d", rec.Shard, rec.Of)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("shard %s: %s: %v", s, filepath.Join(dir, shardRecord), err))
			continue
		}
		if byCount[s.Count] == nil {
			byCount[s.Count] = map[int]shardOut{}
		}
		byCount[s.Count][s.Index] = shardOut{dir: dir, rec: rec}
	}
	if n == 0 {
		switch counts := slices.Sorted(maps.Keys(byCount)); len(counts) {
		case 0:
			if len(problems) == 0 {
				return nil, fmt.Errorf("no finished shard in %s: run `plenary run --shard I/N -o %s ...` for every shard I of N first (a run without --shard needs no finalize)", out, out)
			}
		case 1:
			n = counts[0]
		default:
			var runs []string
			for _, c := range counts {
				runs = append(runs, fmt.Sprintf("%d of %d", len(byCount[c]), c))
			}
			problems = append(problems, fmt.Sprintf("finished shards of runs with different numbers of shards (%s): say which with --shards N", strings.Join(runs, ", ")))
		}
	}
	var shards []shardOut
	var missing []string
	for i := 0; i < n; i++ {
		s, ok := byCount[n][i]
		if !ok {
			missing = append(missing, fmt.Sprint(i))
			continue
		}
		if s.rec.Interrupted {
			problems = append(problems, fmt.Sprintf("shard %d/%d was interrupted (by a signal) after %d documents: run it again with --resume", i, n, s.rec.Documents.OK+s.rec.Documents.Failed))
		}
		shards = append(shards, s)
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("shard(s) %s of %d have not finished (no %s): run them, or run them again with --resume if they were killed",
			strings.Join(missing, ", "), n, filepath.Join(root, "I-of-"+fmt.Sprint(n), shardDone, shardRecord)))
	}
	if len(problems) > 0 {
		return nil, &ShardsError{Out: out, Problems: problems}
	}
	return shards, nil
}

// checkSettings checks that every shard ran with the same settings, and
// with this finalize's version and lexicons (the registry reads them).
func checkSettings(opt FinalizeOptions, shards []shardOut) error {
	fields := []struct {
		name string
		get  func(Settings) string
	}{
		{"plenary version", func(s Settings) string { return s.Version + " (commit " + s.Commit + ")" }},
		{"lexicons (--lexicon files and version)", func(s Settings) string { return s.Lexicons }},
		{"--format", func(s Settings) string { return s.Format }},
		{"--no-text", func(s Settings) string { return fmt.Sprint(s.NoText) }},
		{"optional tables (--trace)", func(s Settings) string { return "[" + strings.Join(s.Optional, " ") + "]" }},
		{"INPUT", func(s Settings) string { return strings.Join(s.Inputs, " ") }},
		{"--max-doc-bytes", func(s Settings) string { return fmt.Sprint(s.MaxDocBytes) }},
		{"--doc-timeout", func(s Settings) string { return s.DocTimeout }},
		{"--no-follow-outside", func(s Settings) string { return fmt.Sprint(s.NoFollowOutside) }},
		{"--id-prefix", func(s Settings) string { return fmt.Sprintf("%q", s.IDPrefix) }},
		{"--id-parent", func(s Settings) string { return fmt.Sprint(s.IDParent) }},
	}
	var problems []string
	for _, f := range fields {
		by := map[string][]string{}
		for _, s := range shards {
			v := f.get(s.rec.Settings)
			by[v] = append(by[v], fmt.Sprint(s.rec.Shard))
		}
		if len(by) < 2 {
			continue
		}
		var parts []string
		for _, v := range slices.Sorted(maps.Keys(by)) {
			parts = append(parts, fmt.Sprintf("%s (shard %s)", v, strings.Join(by[v], ", ")))
		}
		problems = append(problems, fmt.Sprintf("%s differs: %s", f.name, strings.Join(parts, " vs ")))
	}
	first := shards[0].rec.Settings
	if len(problems) == 0 && first.Version != opt.Version {
		problems = append(problems, fmt.Sprintf("the shards ran plenary %s, this is %s: finalize with the shards' version", first.Version, opt.Version))
	} else if len(problems) == 0 && first.Lexicons != opt.Lexicons {
		problems = append(problems, "finalize's lexicons differ from the shards' (the persons registry reads them): pass the --lexicon the shards were given")
	}
	if len(problems) > 0 {
		return &ShardsError{Out: opt.Out, Problems: problems}
	}
	return nil
}

// placeShardFiles finds every part of every shard: in its done/ folder, or
// already in its place in OUT when a finalize killed while publishing
// moved it there (then its checksum must still match).
func placeShardFiles(out string, shards []shardOut) ([]placedFile, error) {
	var placed []placedFile
	var problems []string
	for _, s := range shards {
		spill := filepath.Join(s.dir, s.rec.Spill.Name)
		if p := checkFile(spill, s.rec.Spill); p != "" {
			problems = append(problems, fmt.Sprintf("shard %d/%d: %s: %s: run it again", s.rec.Shard, s.rec.Of, spill, p))
		}
		for _, f := range s.rec.Files {
			from := filepath.Join(s.dir, filepath.FromSlash(f.Name))
			fi, err := os.Stat(from)
			switch {
			case err == nil && fi.Size() == f.Bytes:
				placed = append(placed, placedFile{FileRecord: f, from: from})
				continue
			case err == nil:
				problems = append(problems, fmt.Sprintf("shard %d/%d: %s is %d bytes, its record says %d: run the shard again", s.rec.Shard, s.rec.Of, from, fi.Size(), f.Bytes))
				continue
			}
			if p := checkFile(filepath.Join(out, filepath.FromSlash(f.Name)), f); p != "" {
				problems = append(problems, fmt.Sprintf("shard %d/%d: %s is missing: run the shard again", s.rec.Shard, s.rec.Of, f.Name))
				continue
			}
			placed = append(placed, placedFile{FileRecord: f})
		}
	}
	if len(problems) > 0 {
		return nil, &ShardsError{Out: out, Problems: problems}
	}
	return placed, nil
}

// mergeShards sums the shards' records into the run's Summary, with each
// shard's own figures in Shards.
func mergeShards(shards []shardOut) Summary {
	first := shards[0].rec
	sum := Summary{Version: first.Version, Commit: first.Commit, Format: first.Format,
		Started: first.Started, Finished: first.Finished,
		Counts: map[string]int64{}, StageSeconds: map[string]float64{}}
	for _, s := range shards {
		r := s.rec
		if r.Started.Before(sum.Started) {
			sum.Started = r.Started
		}
		sum.Workers += r.Workers
		sum.Bytes += r.Bytes
		sum.Resumed = sum.Resumed || r.Resumed
		sum.StartupSeconds = max(sum.StartupSeconds, r.StartupSeconds)
		sum.Documents.add(r.Documents)
		sum.SkippedFiles = append(sum.SkippedFiles, r.SkippedFiles[:min(len(r.SkippedFiles), maxSkippedListed-len(sum.SkippedFiles))]...)
		for k, v := range r.Counts {
			sum.Counts[k] += v
		}
		for k, v := range r.StageSeconds {
			sum.StageSeconds[k] += v
		}
		sum.Shards = append(sum.Shards, ShardSummary{Shard: r.Shard, Host: r.Host, Args: r.Args,
			Started: r.Started, Finished: r.Finished, Seconds: r.Seconds, StartupSeconds: r.StartupSeconds,
			Workers: r.Workers, Bytes: r.Bytes, Resumed: r.Resumed, Documents: r.Documents,
			Counts: r.Counts, StageSeconds: r.StageSeconds})
	}
	return sum
}
