// Package source holds what the readers of the cndtalks format
// (data/catalog) and the schedule importers (data/schedule) share: the
// Error type and problem lists with their positions, byte offsets turned
// into lines and columns, the context-aware reader, and JSON duplicate-key
// detection. The data package re-exports the names its callers use.
package source
