//go:build !linux

package source

// adviseHugePages does nothing where huge pages are not advised this way.
func adviseHugePages([]byte) {}

// populate reports that pages are not faulted in ahead here.
func populate([]byte) bool { return false }

// canPopulate says populate never works here.
const canPopulate = false
