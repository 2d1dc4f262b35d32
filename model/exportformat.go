package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ExportFormat is a format `cndtalks export` and the TUI can write.
type ExportFormat string

// The export formats.
const (
	ExportMarkdown ExportFormat = "md"   // a reading list (ReadingList)
	ExportJSON     ExportFormat = "json" // the `list --json` array (ExportTalksMarked)
	ExportICS      ExportFormat = "ics"  // an iCalendar file (ICalendar)
)

// ExportFormats lists the formats in the order help text shows them.
var ExportFormats = []ExportFormat{ExportMarkdown, ExportJSON, ExportICS}

// ParseExportFormat accepts a format name: md (or markdown), json, ics (or
// ical, icalendar), in any case.
func ParseExportFormat(s string) (ExportFormat, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "md", "markdown":
		return ExportMarkdown, nil
	case "json":
		return ExportJSON, nil
	case "ics", "ical", "icalendar":
		return ExportICS, nil
	}
	return "", fmt.Errorf("unknown export format %q: use md, json or ics", SanitizeLine(s))
}

// Ext is the file name extension for the format, with its dot.
func (f ExportFormat) Ext() string { return "." + string(f) }

// ExportOptions says what an export is of and when it is made.
type ExportOptions struct {
	// Query is the query that chose the talks ("" for all), named in the
	// Markdown reading list.
	Query string
	// Marks ticks watched and stars starred talks in Markdown, and sets
	// starred and watched in JSON; nil: none.
	Marks Marks
	// Now is the time of the export: DTSTAMP in iCalendar, the date of a
	// reading list.
	Now time.Time
}

// Export is the result of Catalogue.Export.
type Export struct {
	Data []byte
	// Talks is how many talks the export holds.
	Talks int
	// Skipped is how many chosen talks were left out: in iCalendar, those
	// without a time.
	Skipped int
}

// Export renders the talks at the given indexes (nil means all) in the
// format.
func (c *Catalogue) Export(f ExportFormat, indexes []int, opts ExportOptions) (Export, error) {
	switch f {
	case ExportMarkdown:
		md := c.ReadingList(indexes, ReadingListOptions{Query: opts.Query, Marks: opts.Marks, Date: opts.Now})
		return Export{Data: []byte(md), Talks: countValid(c, indexes)}, nil
	case ExportJSON:
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		talks := c.ExportTalksMarked(indexes, opts.Marks)
		if err := enc.Encode(talks); err != nil {
			return Export{}, fmt.Errorf("encoding JSON: %w", err)
		}
		return Export{Data: b.Bytes(), Talks: len(talks)}, nil
	case ExportICS:
		ics, n, skipped := c.ICalendar(indexes, opts.Now)
		return Export{Data: ics, Talks: n, Skipped: skipped}, nil
	}
	return Export{}, fmt.Errorf("unknown export format %q", string(f))
}

func countValid(c *Catalogue, indexes []int) int {
	if indexes == nil {
		return len(c.Talks)
	}
	seen := make(map[int]bool, len(indexes))
	for _, i := range indexes {
		if i >= 0 && i < len(c.Talks) {
			seen[i] = true
		}
	}
	return len(seen)
}
