// Package cputime reads the CPU time the process has used, so benchmarks
// can report CPU per operation beside wall time: on a loaded machine wall
// time mostly measures waiting for a core.
package cputime
