package run

// publishHook, when set, is called before each step of publish: step 0 to
// n-1 rename the tables, step n renames run.json, step n+1 removes what is
// no longer the run's. Only a test build sets it (hook_plenaryhook.go, build
// tag plenaryhook), to kill the process at a chosen step; the release
// binary has no hook.
var publishHook func(step int, name string)
