//go:build !linux

package store

// adviseHugePages does nothing where huge pages are not advised this way.
func adviseHugePages([]byte) {}
