package data

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"cndtalks/model"
)

// allMarked stars every talk, the worst case for conflicts.
type allMarked struct{}

func (allMarked) Starred(string) bool { return true }
func (allMarked) Watched(string) bool { return false }

// TestExportRealSchedules exports every talk of the real schedules in each
// format: the calendar is read back by a real iCalendar parser with one
// event per scheduled talk, unique UIDs and the right start times.
func TestExportRealSchedules(t *testing.T) {
	for _, file := range []string{"39c3-everything.schedule.json", "fosdem-2023.schedule.xml", "pretalx-rc3-channels-2020.schedule.json"} {
		t.Run(file, func(t *testing.T) {
			c := loadReal(t, file).Catalogue
			stamp := time.Date(2026, 11, 26, 5, 0, 0, 0, time.UTC)
			exp, err := c.Export(model.ExportICS, nil, model.ExportOptions{Now: stamp})
			if err != nil {
				t.Fatal(err)
			}
			scheduled := 0
			for i := range c.Talks {
				if c.Talks[i].HasSchedule() {
					scheduled++
				}
			}
			if exp.Talks != scheduled || exp.Skipped != len(c.Talks)-scheduled || scheduled == 0 {
				t.Errorf("%d events, %d skipped; the schedule has %d of %d talks with a time",
					exp.Talks, exp.Skipped, scheduled, len(c.Talks))
			}
			for n, line := range strings.Split(strings.TrimSuffix(string(exp.Data), "\r\n"), "\r\n") {
				if len(line) > 75 || !utf8.ValidString(line) || strings.ContainsAny(line, "\r\n") {
					t.Fatalf("line %d is not a valid content line: %q", n+1, line)
				}
			}
			cal, err := ical.NewDecoder(bytes.NewReader(exp.Data)).Decode()
			if err != nil {
				t.Fatalf("go-ical cannot read the export: %v", err)
			}
			if err := ical.NewEncoder(new(bytes.Buffer)).Encode(cal); err != nil {
				t.Errorf("go-ical finds the export invalid: %v", err)
			}
			events := cal.Events()
			if len(events) != scheduled {
				t.Fatalf("parsed %d events, want %d", len(events), scheduled)
			}
			uids := map[string]bool{}
			k := 0
			for i := range c.Talks {
				talk := &c.Talks[i]
				if !talk.HasSchedule() {
					continue
				}
				ev := events[k]
				k++
				uid, _ := ev.Props.Text(ical.PropUID)
				if uids[uid] {
					t.Errorf("duplicate UID %q", uid)
				}
				uids[uid] = true
				start, err := ev.DateTimeStart(nil)
				if err != nil || !start.Equal(talk.Start) {
					t.Errorf("%s: DTSTART %v (%v), want %v", talk.ID, start, err, talk.Start)
				}
				summary, _ := ev.Props.Text(ical.PropSummary)
				if summary != model.SanitizeLine(talk.Title) {
					t.Errorf("%s: SUMMARY %q, want %q", talk.ID, summary, talk.Title)
				}
			}

			js, err := c.Export(model.ExportJSON, nil, model.ExportOptions{})
			var talks []model.TalkExport
			if err != nil || json.Unmarshal(js.Data, &talks) != nil || len(talks) != len(c.Talks) {
				t.Errorf("JSON export: %v, %d talks", err, len(talks))
			}
			md, err := c.Export(model.ExportMarkdown, nil, model.ExportOptions{Marks: allMarked{}})
			if err != nil || md.Talks != len(c.Talks) || strings.Count(string(md.Data), "\n- [ ] ") != len(c.Talks) {
				t.Errorf("Markdown export: %v, %d talks, %d items", err, md.Talks, strings.Count(string(md.Data), "\n- [ ] "))
			}
		})
	}
}
