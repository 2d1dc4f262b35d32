//go:build !linux

package source

// adviseHugePages does nothing where huge pages are not advised this way.
func adviseHugePages([]byte) bool { return false }

// heapAdviceHelps is false where huge pages are not advised this way.
func heapAdviceHelps() bool { return false }
