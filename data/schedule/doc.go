// Package schedule holds the lenient importers of conference schedules:
// the c3voc schedule.json of frab and pretalx (frab.go; a well-formed one
// streamed event by event by frabstream.go), the Pentabarf
// schedule.xml (pentabarf.go) and iCalendar (icalendar.go), with what they
// share: the format-neutral record they build from (schedule.go), links
// (schedlinks.go), people (schedpeople.go), HTML to Markdown (html.go),
// time zones (timezone.go) and the notes on what was dropped or repaired
// (notices.go). Import reads one; the data package chooses the format by
// content, then validates the catalogue with data/catalog.
package schedule
