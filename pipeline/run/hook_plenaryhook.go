//go:build plenaryhook

package run

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// With the build tag plenaryhook, PLENARY_PUBLISH_HOOK=kill@N makes the
// process SIGKILL itself just before publish step N (see publishHook): the
// crash tests put a kill at every instant of the publish instead of hoping
// for one.
func init() {
	n, ok := strings.CutPrefix(os.Getenv("PLENARY_PUBLISH_HOOK"), "kill@")
	if !ok {
		return
	}
	at, err := strconv.Atoi(n)
	if err != nil {
		return
	}
	publishHook = func(step int, _ string) {
		if step == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
}
