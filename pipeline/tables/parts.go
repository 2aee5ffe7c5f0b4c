package tables

// Tables as datasets: each table is a folder of part files,
//
//	<dir>/<table>/part-<writer>-<seq>.<format>
//
// <writer> is who wrote the part: a shard's index in five digits (00000 for
// a run without shards) for the tables made per document, or "final" for
// the tables the whole-run step writes (people, persons, role_timeline);
// <seq> counts that writer's parts of the table from 00000. A part ends once
// it holds PartBytes (Open's WithPartBytes), at a flush of the builders, so
// the same rows always give the same parts. Writing one Parquet file per
// table kept ~700 bytes of footer per row group and column in memory until
// the file closed, ~0.6 MB per 100 MB of input; a bounded part bounds that.
//
// Names sort in writer, then seq order, and every table has at least one
// part (empty tables too), so a glob of the folder (DuckDB
// '<table>/*.parquet'), a dataset (pyarrow, pandas) or a scan (polars)
// reads the whole table with one call.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// DefaultPartBytes is where a part file ends: 32 MiB of encoded data.
// That is ~128 Parquet row groups of the largest tables (row groups are
// bounded at 256 KiB), whose footer holds ~0.7-1 MB until the part closes.
const DefaultPartBytes = 32 << 20

// FinalWriter is the <writer> of the parts the whole-run step writes.
const FinalWriter = "final"

// ShardWriter is the <writer> of shard i's parts: its index in five digits.
func ShardWriter(i int) string { return fmt.Sprintf("%05d", i) }

// PartName is the file name of a part: part-<writer>-<seq>.<format>.
func PartName(writer string, seq int, format string) string {
	return fmt.Sprintf("part-%s-%05d.%s", writer, seq, format)
}

// PartPath is a part's path relative to the output folder, with slashes:
// <table>/part-<writer>-<seq>.<format>.
func PartPath(table, writer string, seq int, format string) string {
	return table + "/" + PartName(writer, seq, format)
}

// IsPart reports whether name is a part file name of format (any writer
// and seq), as PartName makes them.
func IsPart(name, format string) bool {
	rest, ok := strings.CutPrefix(name, "part-")
	if !ok {
		return false
	}
	if rest, ok = strings.CutSuffix(rest, "."+format); !ok {
		return false
	}
	i := strings.LastIndexByte(rest, '-')
	if i <= 0 || len(rest)-i-1 != 5 {
		return false
	}
	if _, err := strconv.Atoi(rest[i+1:]); err != nil {
		return false
	}
	writer := rest[:i]
	if writer == FinalWriter {
		return true
	}
	n, err := strconv.Atoi(writer)
	return err == nil && n >= 0 && len(writer) == 5
}

// Parts lists the part files of table in dir (an output folder) in reading
// order, with their format: of format when it is set, else whichever of
// Parquet and Arrow the folder holds. A table written before tables were
// datasets (<dir>/<table>.<format>, one file) is listed as its one part.
// No parts: nil.
func Parts(dir, table, format string) ([]string, string) {
	formats := []string{Parquet, Arrow}
	if format != "" {
		formats = []string{format}
	}
	for _, f := range formats {
		ents, err := os.ReadDir(filepath.Join(dir, table))
		var paths []string
		if err == nil {
			for _, e := range ents {
				if e.Type().IsRegular() && IsPart(e.Name(), f) {
					paths = append(paths, filepath.Join(dir, table, e.Name()))
				}
			}
		}
		if len(paths) > 0 {
			slices.Sort(paths)
			return paths, f
		}
		old := filepath.Join(dir, table+"."+f)
		if st, err := os.Stat(old); err == nil && st.Mode().IsRegular() {
			return []string{old}, f
		}
	}
	return nil, ""
}
