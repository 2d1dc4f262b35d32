package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// icsTime is an iCalendar DATE-TIME in UTC (RFC 5545 3.3.5, form #2).
const icsTime = "20060102T150405Z"

// ICalendar renders the talks at the given indexes into c.Talks (nil means
// every talk) as an RFC 5545 calendar, one VEVENT per talk that has a start
// time; skipped counts the talks left out for having none. Times are written
// in UTC, which every calendar converts to its own zone, so no VTIMEZONE is
// needed. UIDs depend only on the talk's and the catalogue's IDs, so
// importing a newer export updates events instead of duplicating them.
// stamp is the DTSTAMP of every event (the time of the export). Lines end
// in CRLF and are folded at 75 octets without splitting a character.
func (c *Catalogue) ICalendar(indexes []int, stamp time.Time) (ics []byte, events, skipped int) {
	if indexes == nil {
		indexes = make([]int, len(c.Talks))
		for i := range indexes {
			indexes[i] = i
		}
	}
	w := &icsWriter{}
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", "-//cndtalks//cndtalks//EN")
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	if name := SanitizeLine(c.Event.Name); name != "" {
		w.prop("X-WR-CALNAME", icsText(name))
	}
	dtstamp := stamp.UTC().Format(icsTime)
	seen := make(map[int]bool, len(indexes))
	for _, i := range indexes {
		if i < 0 || i >= len(c.Talks) || seen[i] {
			continue // one event per UID
		}
		seen[i] = true
		t := &c.Talks[i]
		if !icsSchedulable(t) {
			skipped++
			continue
		}
		events++
		w.prop("BEGIN", "VEVENT")
		w.prop("UID", c.TalkUID(t))
		w.prop("DTSTAMP", dtstamp)
		w.prop("DTSTART", t.Start.UTC().Format(icsTime))
		if t.Duration > 0 {
			w.prop("DTEND", t.End().UTC().Format(icsTime))
		}
		w.prop("SUMMARY", icsText(SanitizeLine(t.Title)))
		if d := c.icsDescription(t); d != "" {
			w.prop("DESCRIPTION", icsText(d))
		}
		if room := SanitizeLine(t.Room); room != "" {
			w.prop("LOCATION", icsText(room))
		}
		if cats := icsCategories(t); cats != "" {
			w.prop("CATEGORIES", cats)
		}
		if l, ok := t.MainLink(); ok {
			if u, err := SafeURL(l.URL); err == nil {
				w.prop("URL", u.String())
			}
		}
		w.prop("END", "VEVENT")
	}
	w.prop("END", "VCALENDAR")
	return []byte(w.b.String()), events, skipped
}

// icsSchedulable reports whether the talk has a time iCalendar can write:
// a start, and an end still within years 1-9999.
func icsSchedulable(t *Talk) bool {
	if !t.HasSchedule() || t.Duration < 0 {
		return false
	}
	s, e := t.Start.UTC().Year(), t.End().UTC().Year()
	return s >= 1 && e <= 9999
}

// TalkUID is the talk's iCalendar UID: "<talk id>.<catalogue id>@cndtalks"
// (in an archive, the talk's own ID and event's, as that event alone gives),
// with any character other than letters, digits, '-' and '_' in the IDs
// percent-encoded, so the UID is plain ASCII and the two IDs cannot run
// into each other.
func (c *Catalogue) TalkUID(t *Talk) string {
	id, event := t.ID, c.Event.ID
	if len(c.Parts) > 0 {
		// An archive's talk: the UID its own event gives it.
		label, own := ArchiveID(id)
		if p, ok := c.Part(label); ok {
			id, event = own, p.Event.ID
		}
	}
	return uidPart(id) + "." + uidPart(event) + "@cndtalks"
}

func uidPart(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9', ch == '-', ch == '_':
			b.WriteByte(ch)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[ch>>4])
			b.WriteByte(hex[ch&15])
		}
	}
	return b.String()
}

// icsDescription is the event's plain-text description: subtitle,
// speakers, summary and links.
func (c *Catalogue) icsDescription(t *Talk) string {
	var parts []string
	if s := SanitizeLine(t.Subtitle); s != "" {
		parts = append(parts, s)
	}
	var names []string
	for _, s := range c.TalkSpeakers(t) {
		n := SanitizeLine(s.Name)
		if org := SanitizeLine(s.Org); org != "" {
			n += " (" + org + ")"
		}
		names = append(names, n)
	}
	if len(names) > 0 {
		parts = append(parts, "Speakers: "+strings.Join(names, ", "))
	}
	if s := strings.TrimSpace(Sanitize(t.Summary)); s != "" {
		parts = append(parts, s)
	}
	var links []string
	for _, l := range t.Links {
		if u, err := SafeURL(l.URL); err == nil {
			label := SanitizeLine(l.Label)
			if label == "" {
				label = KindLabel(l.Kind)
			}
			links = append(links, label+": "+u.String())
		}
	}
	if len(links) > 0 {
		parts = append(parts, strings.Join(links, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

// icsCategories lists the talk's kind and track, comma-separated, each
// escaped as TEXT.
func icsCategories(t *Talk) string {
	var cats []string
	for _, s := range []string{t.Kind, t.Track} {
		if s = SanitizeLine(s); s != "" {
			cats = append(cats, icsText(s))
		}
	}
	return strings.Join(cats, ",")
}

// icsText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and
// comma are backslash-escaped and a newline becomes \n. The input is
// sanitised, so no other control character is left but tab, which TEXT
// allows.
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(Sanitize(s))
}

// icsWriter accumulates content lines, folded and CRLF-terminated.
type icsWriter struct {
	b strings.Builder
}

// prop writes "NAME:value" folded at 75 octets (RFC 5545 3.1): a long line
// is split before a character that would take it past 75 octets, and each
// continuation starts with a space, which counts towards its own 75.
func (w *icsWriter) prop(name, value string) {
	line := name + ":" + value
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.b.WriteString(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space is part of the line
	}
	w.b.WriteString(line)
	w.b.WriteString("\r\n")
}
