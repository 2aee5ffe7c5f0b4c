package main

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

// processStarted is when the kernel started this process, so that
// startup_seconds also counts what runs before main: the runtime and the
// libraries' package initialisation (~40 ms here, mostly arrow-go's compute
// kernels and the regular expressions prose's dependencies compile), which
// a clock started in main's package would miss. /proc/self/stat gives the
// start in clock ticks (USER_HZ, 100 a second on Linux) since boot, so the
// figure may be up to 10 ms high. fallback is used when /proc is missing.
func processStarted(fallback time.Time) time.Time {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return fallback
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return fallback
	}
	f := bytes.Fields(stat[i+1:])
	if len(f) < 20 { // f[0] is field 3; starttime is field 22
		return fallback
	}
	ticks, err := strconv.ParseInt(string(f[19]), 10, 64)
	if err != nil {
		return fallback
	}
	var ts syscall.Timespec
	const clockBoottime = 7 // CLOCK_BOOTTIME: the clock starttime counts on
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockBoottime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return fallback
	}
	now := time.Now()
	since := time.Duration(ts.Nano()) - time.Duration(ticks)*(time.Second/100)
	if since < 0 || since > 24*time.Hour {
		return fallback // not a plausible reading for a start-up figure
	}
	return now.Add(-since)
}
