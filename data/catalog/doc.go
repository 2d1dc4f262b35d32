// Package catalog is the cndtalks catalogue format: its tables of fields
// (schema.go), the one-pass JSON reader (json.go), the fast YAML reader
// (yamlfast.go) with the yaml.v3 reader as its fallback (yaml.go), the
// writer (write.go) and the checks the format adds to model.Validate
// (format.go, parse.go). Parse reads a catalogue; Finish sanitises,
// validates and indexes one, whatever it was read from. The data package
// chooses the format by content and calls it.
package catalog
