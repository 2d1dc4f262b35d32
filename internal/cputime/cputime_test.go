package cputime

import (
	"runtime"
	"testing"
)

func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("CPU time is not measured on " + runtime.GOOS)
	}
	before := Process()
	x := 0
	for i := 0; Process() == before && i < 1e9; i++ {
		x += i
	}
	if after := Process(); after <= before {
		t.Errorf("CPU time did not grow while spinning: %v then %v (%d)", before, after, x)
	}
}
