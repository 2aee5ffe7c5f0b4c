// Package deploy holds the files that run plenary on batch schedulers
// (see README.md); its tests check them as far as a machine without Docker,
// a cluster or AWS allows.
package deploy

import (
	"bytes"
	"context"
	"debug/elf"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"plenary/pipeline/synth"
	"plenary/pipeline/tables/tablestest"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd, args string
	stage     int // index of the FROM it belongs to
}

func readDockerfile(t *testing.T) []instruction {
	t.Helper()
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	stage, cur := -1, ""
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if cur == "" && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if rest, ok := strings.CutSuffix(line, "\\"); ok {
			cur += rest + " "
			continue
		}
		cur += line
		cmd, args, _ := strings.Cut(cur, " ")
		cmd = strings.ToUpper(cmd)
		if cmd == "FROM" {
			stage++
		}
		known := "FROM RUN COPY ADD ARG ENV WORKDIR USER ENTRYPOINT CMD LABEL EXPOSE VOLUME"
		if !slices.Contains(strings.Fields(known), cmd) || stage < 0 {
			t.Errorf("Dockerfile: %q is not an instruction (or comes before FROM)", cur)
		}
		out = append(out, instruction{cmd: cmd, args: strings.TrimSpace(args), stage: stage})
		cur = ""
	}
	return out
}

// The Dockerfile is multi-stage: a Go build stage making a static binary
// (its command is run here, and the result checked: no interpreter, no
// shared library, and it runs), and a final stage with that binary alone,
// run as a non-root user.
func TestDockerfile(t *testing.T) {
	ins := readDockerfile(t)
	var froms []instruction
	var build []string
	user, entry := "", ""
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms = append(froms, in)
		case "RUN":
			if in.stage == 0 && strings.Contains(in.args, "go build") {
				build = append(build, in.args)
			}
		case "USER":
			if in.stage == len(froms)-1 {
				user = in.args
			}
		case "ENTRYPOINT":
			entry = in.args
		}
	}
	if len(froms) != 2 || !strings.HasSuffix(froms[0].args, " AS build") || !strings.HasPrefix(froms[0].args, "golang:") {
		t.Fatalf("want a golang build stage named build, then the final stage: %v", froms)
	}
	if want := "golang:" + goVersion(t); !strings.HasPrefix(froms[0].args, want) {
		t.Errorf("build stage %q, want Go %s as in go.mod", froms[0].args, want)
	}
	if u, _, _ := strings.Cut(user, ":"); u == "" || u == "0" || u == "root" {
		t.Errorf("final stage runs as %q, want a non-root user", user)
	}
	if !slices.ContainsFunc(ins, func(in instruction) bool {
		return in.cmd == "COPY" && in.stage == 1 && strings.Contains(in.args, "--from=build /out/plenary")
	}) {
		t.Error("the final stage does not copy the built binary")
	}
	var ep []string
	if err := json.Unmarshal([]byte(entry), &ep); err != nil || len(ep) != 1 || filepath.Base(ep[0]) != "plenary" {
		t.Errorf("ENTRYPOINT %s: want the exec form naming plenary", entry)
	}
	if len(build) != 1 || !strings.HasPrefix(build[0], "CGO_ENABLED=0 go build ") {
		t.Fatalf("build stage's go build: %q, want one RUN CGO_ENABLED=0 go build ...", build)
	}
	if testing.Short() {
		t.Skip("compiles plenary")
	}
	// The build command as the stage runs it (WORKDIR is the sources:
	// here, the repository), with its ARG and output path.
	bin := filepath.Join(t.TempDir(), "plenary")
	command := strings.NewReplacer("${COMMIT}", "deploytest", "/out/plenary", bin).Replace(build[0])
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", command, err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary names a program interpreter: not static")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v: not static", libs)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "deploytest") {
		t.Errorf("plenary --version: %s %v, want the commit given as ARG", out, err)
	}
}

func goVersion(t *testing.T) string {
	b, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(b)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	return string(m[1])
}

// k8sJob is the part of a Kubernetes Job these tests read.
type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Spec       struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				RestartPolicy   string `yaml:"restartPolicy"`
				SecurityContext struct {
					RunAsNonRoot bool `yaml:"runAsNonRoot"`
					RunAsUser    int  `yaml:"runAsUser"`
				} `yaml:"securityContext"`
				Containers []struct {
					Image string   `yaml:"image"`
					Args  []string `yaml:"args"`
					Env   []struct {
						Name  string `yaml:"name"`
						Value string `yaml:"value"`
					} `yaml:"env"`
					VolumeMounts []struct {
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func readJob(t *testing.T, path string) k8sJob {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var j k8sJob
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(false)
	if err := dec.Decode(&j); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if j.APIVersion != "batch/v1" || j.Kind != "Job" || len(j.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("%s: want a batch/v1 Job with one container", path)
	}
	sc := j.Spec.Template.Spec.SecurityContext
	if !sc.RunAsNonRoot || sc.RunAsUser == 0 || j.Spec.Template.Spec.RestartPolicy != "Never" {
		t.Errorf("%s: runAsNonRoot %v, runAsUser %d, restartPolicy %q", path, sc.RunAsNonRoot, sc.RunAsUser, j.Spec.Template.Spec.RestartPolicy)
	}
	return j
}

// env of the Job's container as a map.
func (j k8sJob) env() map[string]string {
	m := map[string]string{}
	for _, e := range j.Spec.Template.Spec.Containers[0].Env {
		m[e.Name] = e.Value
	}
	return m
}

// awsJob is the part of an AWS Batch job definition these tests read.
type awsJob struct {
	Name       string            `json:"jobDefinitionName"`
	Type       string            `json:"type"`
	Parameters map[string]string `json:"parameters"`
	Container  struct {
		Image       string   `json:"image"`
		Command     []string `json:"command"`
		User        string   `json:"user"`
		MountPoints []struct {
			ContainerPath string `json:"containerPath"`
		} `json:"mountPoints"`
	} `json:"containerProperties"`
}

func readAWS(t *testing.T, path string) awsJob {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var j awsJob
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if j.Type != "container" || j.Container.User == "" || j.Container.User == "0" || j.Container.User == "root" {
		t.Errorf("%s: type %q, user %q: want a container job run as a non-root user", path, j.Type, j.Container.User)
	}
	return j
}

// command is the definition's command with its Ref::name parameters
// replaced by their defaults.
func (j awsJob) command(t *testing.T) []string {
	var out []string
	for _, a := range j.Container.Command {
		if name, ok := strings.CutPrefix(a, "Ref::"); ok {
			v, ok := j.Parameters[name]
			if !ok {
				t.Errorf("%s: Ref::%s has no default parameter", j.Name, name)
			}
			a = v
		}
		out = append(out, a)
	}
	return out
}

// slurmArray reads the #SBATCH --array=0-M line of the shard script.
func slurmArray(t *testing.T) int {
	b, err := os.ReadFile("slurm/plenary-array.sbatch")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^#SBATCH --array=(\d+)-(\d+)$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("plenary-array.sbatch has no #SBATCH --array=0-M line")
	}
	lo, _ := strconv.Atoi(string(m[1]))
	hi, _ := strconv.Atoi(string(m[2]))
	if lo != 0 {
		t.Errorf("the Slurm array starts at %d: plenary takes the task id as the shard, from 0", lo)
	}
	return hi + 1
}

// The files parse, and agree with each other: one number of shards
// everywhere, --shard auto, the volume where the paths are.
func TestFilesAgree(t *testing.T) {
	shards := readJob(t, "kubernetes/shards-job.yaml")
	fin := readJob(t, "kubernetes/finalize-job.yaml")
	n := shards.Spec.Completions
	if shards.Spec.CompletionMode != "Indexed" || n < 2 || shards.Spec.Parallelism != n {
		t.Errorf("shards Job: completionMode %q, completions %d, parallelism %d", shards.Spec.CompletionMode, n, shards.Spec.Parallelism)
	}
	if got := shards.env()["JOB_COMPLETIONS"]; got != strconv.Itoa(n) {
		t.Errorf("JOB_COMPLETIONS is %q, completions %d", got, n)
	}
	c := shards.Spec.Template.Spec.Containers[0]
	if !slices.Equal(c.Args[:3], []string{"run", "--shard", "auto"}) || !slices.Contains(c.Args, "--resume") {
		t.Errorf("shards Job args %v: want run --shard auto ... --resume", c.Args)
	}
	if fa := fin.Spec.Template.Spec.Containers[0].Args; fa[0] != "finalize" || fa[len(fa)-1] != c.Args[slices.Index(c.Args, "-o")+1] {
		t.Errorf("finalize Job args %v: want finalize of the shards' -o folder", fa)
	}
	for _, j := range []k8sJob{shards, fin} {
		ct := j.Spec.Template.Spec.Containers[0]
		if len(ct.VolumeMounts) != 1 || ct.VolumeMounts[0].MountPath != "/data" {
			t.Errorf("want the data volume at /data: %+v", ct.VolumeMounts)
		}
	}
	var pvc map[string]any
	if b, err := os.ReadFile("kubernetes/pvc.yaml"); err != nil || yaml.Unmarshal(b, &pvc) != nil || pvc["kind"] != "PersistentVolumeClaim" {
		t.Errorf("kubernetes/pvc.yaml: %v", err)
	}

	if got := slurmArray(t); got != n {
		t.Errorf("the Slurm array has %d tasks, the Kubernetes Job %d", got, n)
	}
	aws := readAWS(t, "aws-batch/job-definition.json")
	awsFin := readAWS(t, "aws-batch/finalize-job-definition.json")
	cmd := aws.command(t)
	if !slices.Equal(cmd[:5], []string{"run", "--shard", "auto", "--shards", strconv.Itoa(n)}) {
		t.Errorf("AWS Batch command %v: want run --shard auto --shards %d", cmd, n)
	}
	if fc := awsFin.command(t); fc[0] != "finalize" || fc[len(fc)-1] != cmd[slices.Index(cmd, "-o")+1] {
		t.Errorf("AWS finalize command %v", fc)
	}
	b, _ := os.ReadFile("aws-batch/submit.sh")
	for _, want := range []string{`--array-properties "size=$n"`, `--parameters "shards=$n"`, `--depends-on "jobId=$array"`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("aws-batch/submit.sh lacks %s", want)
		}
	}
	// Shell syntax.
	scripts, _ := filepath.Glob("*/*.sh")
	sb, _ := filepath.Glob("slurm/*.sbatch")
	for _, s := range append(scripts, sb...) {
		if out, err := exec.Command("bash", "-n", s).CombinedOutput(); err != nil {
			t.Errorf("bash -n %s: %v\n%s", s, err, out)
		}
	}
}

// scheduler runs one shard of an array as that scheduler would.
type scheduler struct {
	name     string
	n        int
	shard    func(i int) *exec.Cmd
	finalize func() *exec.Cmd
}

// schedulers reads each scheduler's files and turns them into commands
// over bin, with /data (the volume) at data, and its corpus at corpus.
func schedulers(t *testing.T, bin, corpus, data string) []scheduler {
	path := func(args []string) []string {
		out := make([]string, len(args))
		for i, a := range args {
			if a == "/data/corpus" {
				a = corpus
			} else if rest, ok := strings.CutPrefix(a, "/data"); ok {
				a = data + rest
			}
			out[i] = a
		}
		return out
	}
	withEnv := func(c *exec.Cmd, env map[string]string) *exec.Cmd {
		c.Env = os.Environ()
		for k, v := range env {
			c.Env = append(c.Env, k+"="+v)
		}
		return c
	}
	k8s := readJob(t, "kubernetes/shards-job.yaml")
	k8sFin := readJob(t, "kubernetes/finalize-job.yaml")
	aws := readAWS(t, "aws-batch/job-definition.json")
	awsFin := readAWS(t, "aws-batch/finalize-job-definition.json")
	n := slurmArray(t)
	slurmEnv := map[string]string{"PLENARY": bin, "INPUT": corpus, "OUT": data + "/out", "SLURM_CPUS_PER_TASK": "2"}
	return []scheduler{
		{
			name: "kubernetes", n: k8s.Spec.Completions,
			shard: func(i int) *exec.Cmd {
				// The pod's environment: the manifest's, and the index.
				env := k8s.env()
				env["JOB_COMPLETION_INDEX"] = strconv.Itoa(i)
				return withEnv(exec.Command(bin, path(k8s.Spec.Template.Spec.Containers[0].Args)...), env)
			},
			finalize: func() *exec.Cmd {
				return exec.Command(bin, path(k8sFin.Spec.Template.Spec.Containers[0].Args)...)
			},
		},
		{
			name: "slurm", n: n,
			shard: func(i int) *exec.Cmd {
				env := maps(slurmEnv, map[string]string{"SLURM_ARRAY_JOB_ID": "4242", "SLURM_ARRAY_TASK_ID": strconv.Itoa(i),
					"SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": strconv.Itoa(n - 1),
					"SLURM_ARRAY_TASK_COUNT": strconv.Itoa(n), "SLURM_ARRAY_TASK_STEP": "1"})
				return withEnv(exec.Command("bash", "slurm/plenary-array.sbatch"), env)
			},
			finalize: func() *exec.Cmd {
				return withEnv(exec.Command("bash", "slurm/plenary-finalize.sbatch"), slurmEnv)
			},
		},
		{
			name: "aws-batch", n: n,
			shard: func(i int) *exec.Cmd {
				env := map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": strconv.Itoa(i), "AWS_BATCH_JOB_ID": "j-1:" + strconv.Itoa(i)}
				return withEnv(exec.Command(bin, path(aws.command(t))...), env)
			},
			finalize: func() *exec.Cmd { return exec.Command(bin, path(awsFin.command(t))...) },
		},
	}
}

func maps(a, b map[string]string) map[string]string {
	m := map[string]string{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// buildPlenary compiles plenary for the process tests.
func buildPlenary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "plenary")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/plenary").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Each scheduler's array, run here: N processes at once with the
// environment that scheduler gives its tasks and the arguments of these
// files, then finalize; every table holds the rows of one run without
// shards over the same input. Then once more with one shard SIGKILLed
// mid-run: finalize refuses, naming it; the shard run again (its
// arguments have --resume) reuses its checkpoint, and finalize gives the
// same tables.
func TestSchedulersLocally(t *testing.T) {
	if testing.Short() {
		t.Skip("builds plenary and runs it many times")
	}
	bin := buildPlenary(t)
	corpus := filepath.Join(t.TempDir(), "corpus")
	g, err := synth.New(7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Generate(corpus, 5_000_000); err != nil {
		t.Fatal(err)
	}
	one := filepath.Join(t.TempDir(), "one")
	if out, err := exec.Command(bin, "run", "--quiet", "-o", one, corpus).CombinedOutput(); err != nil {
		t.Fatalf("run without shards: %v\n%s", err, out)
	}
	want := tableRows(t, one)
	for _, kill := range []bool{false, true} {
		for k := range schedulers(t, bin, corpus, "") {
			data := t.TempDir()
			s := schedulers(t, bin, corpus, data)[k]
			t.Run(fmt.Sprintf("%s/kill=%v", s.name, kill), func(t *testing.T) {
				runArray(t, s, data, kill)
				if got := tableRows(t, filepath.Join(data, "out")); !reflect.DeepEqual(got, want) {
					for name := range want {
						if !reflect.DeepEqual(got[name], want[name]) {
							t.Errorf("%s: %d rows, differing from the %d of one run", name, len(got[name]), len(want[name]))
						}
					}
				}
			})
		}
	}
}

// runArray runs every shard of s at once, then finalize; with kill, shard
// 1 is killed once its checkpoint holds documents, and run again alone.
func runArray(t *testing.T, s scheduler, data string, kill bool) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, s.n)
	logs := make([]bytes.Buffer, s.n)
	var killed *exec.Cmd
	for i := range s.n {
		c := s.shard(i)
		c.Dir = "."
		c.Stdout, c.Stderr = &logs[i], &logs[i]
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		if kill && i == 1 {
			killed = c
		}
		wg.Go(func() { errs[i] = c.Wait() })
	}
	if killed != nil {
		manifest := filepath.Join(data, "out", ".plenary-shards", fmt.Sprintf("1-of-%d", s.n), "state", "manifest")
		// The checkpoint commits every 256 documents (or 2 s): kill after
		// the first commit, while the shard's ~300 documents are extracted.
		if !waitFor(func() bool { b, _ := os.ReadFile(manifest); return bytes.Count(b, []byte("\n")) >= 1 }, 2*time.Minute) {
			t.Log("shard 1 checkpointed nothing before the kill")
		}
		killed.Process.Signal(syscall.SIGKILL)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil && !(kill && i == 1) {
			t.Fatalf("%s shard %d: %v\n%s", s.name, i, err, logs[i].String())
		}
	}
	if kill {
		out, err := s.finalize().CombinedOutput()
		if err == nil || !strings.Contains(string(out), fmt.Sprintf("shard(s) 1 of %d have not finished", s.n)) {
			t.Errorf("finalize without shard 1: %v\n%s", err, out)
		}
		c := s.shard(1)
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("shard 1 again: %v\n%s", err, out)
		}
		rec := readShardRecord(t, filepath.Join(data, "out", ".plenary-shards", fmt.Sprintf("1-of-%d", s.n), "done", "shard.json"))
		if !rec.Resumed || rec.Documents.Reused == 0 {
			t.Errorf("shard 1 run again reused %d documents (resumed %v)", rec.Documents.Reused, rec.Resumed)
		}
		if rec.Documents.Reused >= rec.Documents.OK {
			t.Logf("shard 1 was killed after its last commit: all %d documents reused", rec.Documents.OK)
		}
		t.Logf("shard 1 killed, run again: %d of %d documents reused from its checkpoint", rec.Documents.Reused, rec.Documents.OK)
	}
	if out, err := s.finalize().CombinedOutput(); err != nil {
		t.Fatalf("%s finalize: %v\n%s", s.name, err, out)
	}
}

func waitFor(cond func() bool, d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(5 * time.Millisecond):
		}
	}
	return true
}

type shardRecord struct {
	Resumed   bool `json:"resumed"`
	Documents struct {
		OK     int `json:"ok"`
		Reused int `json:"reused"`
	} `json:"documents"`
}

func readShardRecord(t *testing.T, path string) shardRecord {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r shardRecord
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// tableRows reads every table of an output folder, every part, as rows of
// strings, sorted: a sharded run's rows come grouped by shard, so tables
// are compared as rows ordered by their values (doc_id and id first).
func tableRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	m := tablestest.Rows(t, out)
	for name := range m {
		slices.Sort(m[name])
	}
	return m
}
