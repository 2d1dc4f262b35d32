// Package fsx holds the file-system helpers that the readers in data and
// the stores in data/store share: file locks, directory syncs, opening a
// FIFO without blocking, and sizes for messages.
package fsx

import "fmt"

// ByteSize formats a size for a message.
func ByteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
