//go:build !unix

package gen_test

import "time"

// processCPU is not measured on this platform; the cpu-ms metric is then
// left out.
func processCPU() time.Duration { return 0 }
