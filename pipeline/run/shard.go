package run

// Sharded runs. `plenary run --shard I/N` is shard I of N: it takes the
// documents whose doc_id hashes to I (ingest.ShardOf) and writes, into the
// shared OUT, only under OUT/.plenary-shards/I-of-N/:
//
//	lock         held (flock) while the shard runs
//	state/       its checkpoint (--resume)
//	.tmp-*/      its tables while they are written
//	done/        its finished output: <table>/part-<I>-<seq>.<format>,
//	             people.spill (the registry's input) and shard.json (its
//	             record, with every file's size and SHA-256)
//
// A shard also holds OUT/.plenary-lock shared, so shards run side by side
// while a run without shards, or finalize, which hold it exclusively, wait
// for none of them. A shard publishes by renaming its temporary folder to
// done/ in one step (its shard.json inside), so done/ holds one whole
// finished shard or nothing. `plenary finalize OUT` (Finalize) checks that
// every shard of N is done with the same settings, runs the whole-run steps
// over all of them, and publishes the tables and run.json into OUT as a run
// without shards does; then it removes the done/ folders it consumed (the
// checkpoints stay for the next --resume).

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ShardsDir is the folder in OUT where shards work.
const ShardsDir = ".plenary-shards"

// Shard is one shard of a sharded run: Index of Count. Count <= 1 means no
// sharding.
type Shard struct {
	Index, Count int
}

// Sharded reports whether s is a shard of a sharded run.
func (s Shard) Sharded() bool { return s.Count > 1 }

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// dirName is the shard's folder name in ShardsDir: I-of-N.
func (s Shard) dirName() string { return fmt.Sprintf("%d-of-%d", s.Index, s.Count) }

// ParseShard reads "I/N" (0 <= I < N).
func ParseShard(v string) (Shard, error) {
	i, n, ok := strings.Cut(v, "/")
	if !ok {
		return Shard{}, fmt.Errorf("--shard %q: want I/N (shard I of N, from 0), or auto", v)
	}
	var s Shard
	var err1, err2 error
	s.Index, err1 = strconv.Atoi(strings.TrimSpace(i))
	s.Count, err2 = strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("--shard %q: want I/N with two whole numbers, or auto", v)
	}
	return s, s.check("--shard " + v)
}

func (s Shard) check(what string) error {
	switch {
	case s.Count < 1:
		return fmt.Errorf("%s: the number of shards must be at least 1, not %d", what, s.Count)
	case s.Count > maxShards:
		return fmt.Errorf("%s: at most %d shards, not %d", what, maxShards, s.Count)
	case s.Index < 0 || s.Index >= s.Count:
		return fmt.Errorf("%s: shard %d is not one of 0 to %d", what, s.Index, s.Count-1)
	}
	return nil
}

// maxShards keeps shard indices within the five digits of part names.
const maxShards = 100000

// Scheduler environment variables (see ShardFromEnv).
const (
	envK8sIndex    = "JOB_COMPLETION_INDEX"
	envK8sCount    = "JOB_COMPLETIONS"
	envSlurmID     = "SLURM_ARRAY_TASK_ID"
	envSlurmCount  = "SLURM_ARRAY_TASK_COUNT"
	envSlurmMin    = "SLURM_ARRAY_TASK_MIN"
	envSlurmMax    = "SLURM_ARRAY_TASK_MAX"
	envSlurmStep   = "SLURM_ARRAY_TASK_STEP"
	envAWSIndex    = "AWS_BATCH_JOB_ARRAY_INDEX"
	envAWSSize     = "AWS_BATCH_JOB_ARRAY_SIZE"
	schedulerNames = envK8sIndex + " (Kubernetes Indexed Job), " + envSlurmID + " (Slurm job array) or " + envAWSIndex + " (AWS Batch array job)"
)

// ShardFromEnv is --shard auto: the shard from a batch scheduler's
// environment, read through getenv. count is the number of shards from a
// flag (--shards; 0: not given), which wins over what the environment
// says: a retry of one task may run in an array of its own.
//
//   - Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0 to N-1); N from the
//     flag or JOB_COMPLETIONS (the manifest sets it: Kubernetes does not).
//   - Slurm job array: SLURM_ARRAY_TASK_ID is the shard, so the array is
//     --array=0-N-1; N from the flag, else SLURM_ARRAY_TASK_COUNT (or
//     MAX+1), and then the array must be that one range: an array starting
//     past 0, with a step or a list of ids is refused without the flag.
//   - AWS Batch array job: AWS_BATCH_JOB_ARRAY_INDEX (0 to N-1); N from
//     the flag (or AWS_BATCH_JOB_ARRAY_SIZE if the job definition sets it).
func ShardFromEnv(getenv func(string) string, count int) (Shard, error) {
	var found []string
	for _, k := range []string{envK8sIndex, envSlurmID, envAWSIndex} {
		if getenv(k) != "" {
			found = append(found, k)
		}
	}
	switch len(found) {
	case 0:
		return Shard{}, fmt.Errorf("--shard auto: none of %s is set; use --shard I/N", schedulerNames)
	case 1:
	default:
		return Shard{}, fmt.Errorf("--shard auto: %s are all set, so the scheduler is ambiguous; use --shard I/N", strings.Join(found, " and "))
	}
	num := func(k string) (int, bool, error) {
		v := strings.TrimSpace(getenv(k))
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, false, fmt.Errorf("--shard auto: %s=%q is not a whole number", k, v)
		}
		return n, true, nil
	}
	var s Shard
	var err error
	switch found[0] {
	case envK8sIndex:
		s, err = k8sShard(num)
	case envSlurmID:
		s, err = slurmShard(num, count > 0)
	default:
		s, err = awsShard(num)
	}
	if err != nil {
		return Shard{}, err
	}
	if count > 0 {
		s.Count = count
	}
	if s.Count == 0 {
		return Shard{}, fmt.Errorf("--shard auto: %s gives the shard index, but nothing gives the number of shards: pass --shards N", found[0])
	}
	return s, s.check(fmt.Sprintf("--shard auto (%s)", found[0]))
}

type envNum func(k string) (int, bool, error)

func k8sShard(num envNum) (Shard, error) {
	i, _, err := num(envK8sIndex)
	if err != nil {
		return Shard{}, err
	}
	n, _, err := num(envK8sCount)
	return Shard{Index: i, Count: n}, err
}

// slurmShard: the task id is the shard. Without a count from the flag,
// the array must be 0 to N-1, one step at a time.
func slurmShard(num envNum, counted bool) (Shard, error) {
	vals := map[string]int{}
	has := map[string]bool{}
	for _, k := range []string{envSlurmID, envSlurmMin, envSlurmMax, envSlurmCount, envSlurmStep} {
		v, ok, err := num(k)
		if err != nil {
			return Shard{}, err
		}
		vals[k], has[k] = v, ok
	}
	s := Shard{Index: vals[envSlurmID]}
	if counted {
		return s, nil
	}
	switch {
	case has[envSlurmCount]:
		s.Count = vals[envSlurmCount]
	case has[envSlurmMax]:
		s.Count = vals[envSlurmMax] + 1
	}
	lo, hi := vals[envSlurmMin], vals[envSlurmMax]
	if has[envSlurmMin] && lo != 0 || has[envSlurmStep] && vals[envSlurmStep] != 1 ||
		has[envSlurmMax] && s.Count != hi+1 {
		return Shard{}, fmt.Errorf("--shard auto: the Slurm array is not 0-N-1 (%s=%d %s=%d %s=%d %s=%d): submit it as --array=0-N-1 (a %%limit is fine), or pass --shards N (a retry of some tasks, --array=2,5)",
			envSlurmMin, lo, envSlurmMax, hi, envSlurmCount, vals[envSlurmCount], envSlurmStep, vals[envSlurmStep])
	}
	return s, nil
}

func awsShard(num envNum) (Shard, error) {
	i, _, err := num(envAWSIndex)
	if err != nil {
		return Shard{}, err
	}
	n, _, err := num(envAWSSize)
	return Shard{Index: i, Count: n}, err
}

// shardDir is the shard's folder in OUT.
func shardDir(out string, s Shard) string {
	return filepath.Join(out, ShardsDir, s.dirName())
}

// parseShardDir reads a shard folder's name back.
func parseShardDir(name string) (Shard, bool) {
	i, n, ok := strings.Cut(name, "-of-")
	if !ok {
		return Shard{}, false
	}
	var s Shard
	var err1, err2 error
	s.Index, err1 = strconv.Atoi(i)
	s.Count, err2 = strconv.Atoi(n)
	if err1 != nil || err2 != nil || s.check("") != nil || s.dirName() != name {
		return Shard{}, false
	}
	return s, true
}

// Files of a shard's folder.
const (
	shardLock   = "lock"
	shardState  = "state"
	shardDone   = "done"
	shardRecord = "shard.json"
	spillName   = "people.spill"
	shardTmp    = ".tmp-"
)

// removeShardTemps deletes the temporary folders a killed run of this shard
// left (no other process writes there: the shard is locked).
func removeShardTemps(dir string) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), shardTmp) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}
