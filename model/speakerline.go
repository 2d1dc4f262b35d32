package model

import "strings"

// SpeakerLine returns talk t's speakers as one line, "Name (Org), Name
// (Org)": the line Index.SpeakerLine gives, made without an index (unknown
// speaker IDs are skipped, a duplicated speaker ID means its first
// speaker). A browser shows it while the search index is not built yet.
func (c *Catalogue) SpeakerLine(t *Talk) string {
	var b strings.Builder
	for _, id := range t.Speakers {
		s, ok := c.Speaker(id)
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.Name)
		if s.Org != "" {
			b.WriteString(" (")
			b.WriteString(s.Org)
			b.WriteByte(')')
		}
	}
	return b.String()
}
