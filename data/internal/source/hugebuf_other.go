//go:build !linux

package source

// adviseHugePages does nothing where huge pages are not advised this way.
func adviseHugePages([]byte) {}
