//go:build unix

package gen_test

import "syscall"

// minorFaults is how many minor page faults (first touches of fresh
// memory) the process has taken, or 0 when it cannot be read.
func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return int64(ru.Minflt)
}
