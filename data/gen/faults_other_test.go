//go:build !unix

package gen_test

// minorFaults is not measured on this platform.
func minorFaults() int64 { return 0 }
