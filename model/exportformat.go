package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
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
		if y := opts.Now.UTC().Year(); y < 1 || y > 9999 {
			return Export{}, fmt.Errorf("the export time %s is outside the years 1 to 9999 an iCalendar DTSTAMP can hold", opts.Now.UTC().Format(time.RFC3339))
		}
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

// maxSourceDateEpoch is 9999-12-31T23:59:59Z, the last time an iCalendar
// DATE-TIME can write.
const maxSourceDateEpoch = 253402300799

// ParseSourceDateEpoch reads $SOURCE_DATE_EPOCH (reproducible-builds.org): a
// non-negative number of seconds since 1970 up to the end of the year 9999.
// The error names the variable and says what was wrong.
func ParseSourceDateEpoch(v string) (time.Time, error) {
	secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is out of range: use seconds from 0 to %d (year 9999)", SanitizeLine(v), maxSourceDateEpoch)
		}
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is not a number of seconds", SanitizeLine(v))
	}
	if secs < 0 || secs > maxSourceDateEpoch {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is out of range: use seconds from 0 to %d (year 9999)", SanitizeLine(v), maxSourceDateEpoch)
	}
	return time.Unix(secs, 0).UTC(), nil
}
