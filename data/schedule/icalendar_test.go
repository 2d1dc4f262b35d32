package schedule_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/data/schedule"
	"cndtalks/model"
)

func loadICS(t *testing.T, file string, opt schedule.ImportOptions) *data.Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../testdata/import", file))
	if err != nil {
		t.Fatal(err)
	}
	res, err := data.ParseWith(file, b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != schedule.FormatICalendar {
		t.Fatalf("format %q", res.Format)
	}
	return res
}

func hasNote(res *data.Result, repair string) bool {
	for _, n := range res.Skipped {
		if n.Kind == schedule.SkipRepair && n.Reason == repair && n.Count > 0 {
			return true
		}
	}
	return false
}

// repairs lists the repairs an import reports, for failure messages.
func repairs(res *data.Result) []string {
	var out []string
	for _, n := range res.Skipped {
		if !n.Lost() {
			out = append(out, fmt.Sprintf("%s (%d)", n.Reason, n.Items()))
		}
	}
	return out
}

// TestImportICalendar covers the mapping: SUMMARY, DESCRIPTION (plain
// text, sanitised, no Markdown or entity formed), DTSTART with DURATION or
// DTEND, floating times in X-WR-TIMEZONE (a legacy alias), UTC times,
// all-day events, LOCATION, CATEGORIES, URL (http(s) only), ORGANIZER and
// ATTENDEE CNs in order.
func TestImportICalendar(t *testing.T) {
	res := loadICS(t, "basic.ics", schedule.ImportOptions{})
	c := res.Catalogue
	if c.Event.Name != "Calendar Con 2024" || c.Event.TimeZone != "US/Eastern" || len(c.Talks) != 3 {
		t.Fatalf("event %+v, %d talks", c.Event, len(c.Talks))
	}
	fl := mustTalk(t, c, "floating-1")
	if fl.Title != "Floating time" { // the whole escape sequence is dropped
		t.Errorf("title %q", fl.Title)
	}
	wantStart(t, fl, "2024-05-10T09:30:00-04:00", "US/Eastern", "2024-05-10")
	if fl.Duration != 45*time.Minute || fl.Room != "Main hall" || fl.Track != "Security, Web" {
		t.Errorf("duration %v, room %q, track %q", fl.Duration, fl.Room, fl.Track)
	}
	if got := speakerNames(c, fl); !slices.Equal(got, []string{"Lovelace, Ada", "Grace Hopper"}) {
		t.Errorf("speakers %q", got)
	}
	if len(fl.Links) != 1 || fl.Links[0].URL != "https://example.org/talks/1" {
		t.Errorf("links %+v", fl.Links)
	}
	// Plain text: shown as written, never as Markdown or an entity.
	if want := "First paragraph with \\*stars\\* \\& an entity \\&\\#27;\\[5m.\n\nSecond paragraph."; fl.Summary != want {
		t.Errorf("summary %q, want %q", fl.Summary, want)
	}
	zero := mustTalk(t, c, "utc-2")
	wantStart(t, zero, "2024-05-10T11:00:00-04:00", "US/Eastern", "2024-05-10")
	if zero.Duration != 0 || len(zero.Links) != 0 {
		t.Errorf("zero: duration %v, links %+v", zero.Duration, zero.Links)
	}
	if day := mustTalk(t, c, "day-3"); day.HasSchedule() {
		t.Errorf("an all-day event got a time: %v", day.Start)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Kind != schedule.SkipLink || !strings.Contains(res.Skipped[0].Reason, "not a safe http(s) URL") {
		t.Errorf("skipped %+v", res.Skipped)
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes %q", res.Notes)
	}
	// --tz moves floating times; times with a zone stay the same instants.
	res = loadICS(t, "basic.ics", schedule.ImportOptions{TimeZone: "Europe/Berlin"})
	wantStart(t, mustTalk(t, res.Catalogue, "floating-1"), "2024-05-10T09:30:00+02:00", "Europe/Berlin", "2024-05-10")
	wantStart(t, mustTalk(t, res.Catalogue, "utc-2"), "2024-05-10T17:00:00+02:00", "Europe/Berlin", "2024-05-10")
}

// TestICalendarRepairs covers each repair on a small hand-written file.
func TestICalendarRepairs(t *testing.T) {
	// pretalx: the embedded VTIMEZONE is 30 minutes off; "title - speakers".
	res := loadICS(t, "pretalx-wrong-tz.ics", schedule.ImportOptions{})
	c := res.Catalogue
	open := mustTalk(t, c, "pretalx-minicon-AAAAAA-pretalx.com")
	wantStart(t, open, "2023-08-18T09:00:00+09:30", "Australia/Adelaide", "2023-08-18")
	if open.Title != "Opening" || !slices.Equal(speakerNames(c, open), []string{"Ada Lovelace", "Grace Hopper"}) || open.Duration != 20*time.Minute {
		t.Errorf("open: %q by %q, %v", open.Title, speakerNames(c, open), open.Duration)
	}
	if want := "A folded description, with an escaped comma; and a second line.\\\nNew line."; open.Summary != want {
		t.Errorf("summary %q, want %q", open.Summary, want)
	}
	dash := mustTalk(t, c, "pretalx-minicon-BBBBBB-pretalx.com")
	if dash.Title != "Lunch - and a title with a dash" || !slices.Equal(speakerNames(c, dash), []string{"Alan Turing"}) {
		t.Errorf("dash: %q by %q", dash.Title, speakerNames(c, dash))
	}
	if lunch := mustTalk(t, c, "pretalx-minicon-CCCCCC-pretalx.com"); lunch.Title != "Lunch" || len(lunch.Speakers) != 0 {
		t.Errorf("lunch: %q by %q", lunch.Title, lunch.Speakers)
	}
	for _, r := range []string{schedule.RepairWrongTZ, schedule.RepairPretalxTitle} {
		if !hasNote(res, r) {
			t.Errorf("no note for %q in %q", r, repairs(res))
		}
	}

	// MOCA: bare VTIMEZONE:, shared UIDs, unquoted CN commas, leading
	// spaces, unescaped commas, no folding, CRLF and a stray LF.
	res = loadICS(t, "moca-quirks.ics", schedule.ImportOptions{})
	c = res.Catalogue
	if c.Event.TimeZone != "Europe/Rome" || len(c.Talks) != 3 {
		t.Fatalf("zone %q, %d talks", c.Event.TimeZone, len(c.Talks))
	}
	open = mustTalk(t, c, "46939")
	wantStart(t, open, "2024-09-13T12:00:00+02:00", "Europe/Rome", "2024-09-13")
	if open.Room != "XOR" || !slices.Equal(speakerNames(c, open), []string{"Metro Example"}) {
		t.Errorf("open: room %q, speakers %q", open.Room, speakerNames(c, open))
	}
	two := mustTalk(t, c, "46939-2")
	if !strings.HasPrefix(two.Title, "Curious Minds, Converging Interests: a summary") || two.Room != "MOV" ||
		!slices.Equal(speakerNames(c, two), []string{"Valeria Example", "Gabriele Example"}) {
		t.Errorf("two: %q in %q by %q", two.Title, two.Room, speakerNames(c, two))
	}
	if closing := mustTalk(t, c, "46939-3"); closing.Title != "Closing ceremony" || closing.Duration != time.Hour {
		t.Errorf("closing: %q %v", closing.Title, closing.Duration)
	}
	if len(c.Speakers) != 3 {
		t.Errorf("%d speakers, want 3 (Metro Example once)", len(c.Speakers))
	}
	for _, r := range []string{schedule.RepairBareTZ, schedule.RepairSharedUID, schedule.RepairUnquotedCN, schedule.RepairLeadingSpace, schedule.RepairUnescapedText} {
		if !hasNote(res, r) {
			t.Errorf("no note for %q in %q", r, repairs(res))
		}
	}
}

// TestICalendarErrors: what is not a calendar is an error with the file.
func TestICalendarErrors(t *testing.T) {
	for _, in := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
	} {
		if _, err := data.Parse("x.ics", []byte(in)); err == nil || !strings.Contains(err.Error(), "x.ics") {
			t.Errorf("Parse(%q) err = %v", in, err)
		}
	}
}

// simpleEvent is one VEVENT as the differential test's reader sees it.
type simpleEvent struct {
	uid, title, room, url string
	start                 time.Time
	duration              time.Duration
	speakers              []string
}

// readICSSimply is the differential test's second reader: unfold lines,
// split "NAME;PARAMS:VALUE", unescape text, read TZID with the tz
// database. No repairs.
func readICSSimply(t *testing.T, b []byte) []simpleEvent {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := strings.TrimSuffix(sc.Text(), "\r")
		if (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	unescape := strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\N`, "\n", `\\`, `\`)
	var out []simpleEvent
	var e *simpleEvent
	var end time.Time
	for _, l := range lines {
		nameParams, value, _ := strings.Cut(l, ":")
		name, params, _ := strings.Cut(nameParams, ";")
		switch {
		case l == "BEGIN:VEVENT":
			out = append(out, simpleEvent{})
			e, end = &out[len(out)-1], time.Time{}
		case l == "END:VEVENT":
			if !end.IsZero() {
				e.duration = end.Sub(e.start)
			}
			e = nil
		case e == nil:
		case name == "UID":
			e.uid = value
		case name == "SUMMARY":
			e.title = unescape.Replace(value)
		case name == "LOCATION":
			e.room = unescape.Replace(value)
		case name == "URL":
			e.url = value
		case name == "ORGANIZER" || name == "ATTENDEE":
			if cn, ok := strings.CutPrefix(params, "CN="); ok {
				e.speakers = append(e.speakers, cn)
			}
		case name == "DTSTART" || name == "DTEND":
			loc := time.UTC
			if id, ok := strings.CutPrefix(params, "TZID="); ok {
				var err error
				if loc, err = time.LoadLocation(id); err != nil {
					t.Fatal(err)
				}
			}
			ts, err := time.ParseInLocation("20060102T150405", strings.TrimSuffix(value, "Z"), loc)
			if err != nil {
				t.Fatal(err)
			}
			if name == "DTSTART" {
				e.start = ts
			} else {
				end = ts
			}
		}
	}
	return out
}

// TestICalendarDifferential compares the import of each real .ics fixture
// with readICSSimply, event by event: title, start, duration, room,
// speakers in order and URL. Every difference must be one of the named
// repairs, and that repair must be reported.
func TestICalendarDifferential(t *testing.T) {
	for _, file := range []string{"pretalx-pyconau-2023.ics", "moca-2024.ics"} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join(realSchedules, file)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Skipf("real schedule %s not available (needs ../shared beside the repo): %v", file, err)
			}
			res := loadReal(t, file)
			c := res.Catalogue
			simple := readICSSimply(t, b)
			if len(simple) != len(c.Talks) {
				t.Fatalf("%d events, %d talks", len(simple), len(c.Talks))
			}
			used := map[string]bool{}
			seen := map[string]int{}
			for _, s := range simple {
				seen[s.uid]++
				id := s.uid
				if n := seen[s.uid]; n > 1 {
					used[schedule.RepairSharedUID] = true
					id += "-" + strconv.Itoa(n)
				}
				tk := mustTalk(t, c, schedule.KeyOf(id))
				names := speakerNames(c, tk)
				// Title: pretalx puts the speakers in SUMMARY.
				title := tk.Title
				if title != s.title && len(s.speakers) == 0 && title+" - "+strings.Join(names, ", ") == s.title {
					used[schedule.RepairPretalxTitle] = true
					title = s.title
				}
				if title != model.SanitizeLine(s.title) {
					t.Errorf("%s: title %q, simple reader %q", id, tk.Title, s.title)
				}
				if !tk.Start.Equal(s.start) || tk.Duration != s.duration {
					t.Errorf("%s: %v for %v, simple reader %v for %v", id, tk.Start, tk.Duration, s.start, s.duration)
				}
				room := tk.Room
				if room != s.room && room == strings.TrimSpace(s.room) {
					used[schedule.RepairLeadingSpace] = true
					room = s.room
				}
				if room != s.room {
					t.Errorf("%s: room %q, simple reader %q", id, tk.Room, s.room)
				}
				if len(s.speakers) > 0 {
					var joined []string
					for _, sp := range s.speakers {
						parts := strings.Split(sp, ",")
						if len(parts) > 1 {
							used[schedule.RepairUnquotedCN] = true
						}
						for _, p := range parts {
							joined = append(joined, strings.TrimSpace(p))
						}
					}
					if !slices.Equal(names, joined) {
						t.Errorf("%s: speakers %q, simple reader %q", id, names, s.speakers)
					}
				}
				var url string
				if len(tk.Links) > 0 {
					url = tk.Links[0].URL
				}
				if url != s.url || len(tk.Links) > 1 {
					t.Errorf("%s: links %+v, simple reader %q", id, tk.Links, s.url)
				}
			}
			for r := range used {
				if !hasNote(res, r) {
					t.Errorf("a difference explained by %q, which the import does not report: %q", r, repairs(res))
				}
			}
			speakers := map[string]bool{}
			links := 0
			for i := range c.Talks {
				for _, id := range c.Talks[i].Speakers {
					speakers[id] = true
				}
				links += len(c.Talks[i].Links)
			}
			t.Logf("%s: %d talks, %d distinct speakers, %d links, repairs %q, skips %d", file, len(c.Talks), len(speakers), links, repairs(res), schedule.LostCount(res.Skipped))
		})
	}
}

// FuzzICalendarImport checks the iCalendar importer never panics and keeps
// only sanitised text (a fixed point of SanitizeText: the loader does not
// sanitise it again) and safe links.
func FuzzICalendarImport(f *testing.F) {
	for _, file := range []string{"basic.ics", "moca-quirks.ics", "pretalx-wrong-tz.ics"} {
		b, err := os.ReadFile(filepath.Join("../testdata/import", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := data.Parse("fuzz.ics", b)
		if err != nil {
			return
		}
		if d := schedule.NotSanitised(res.Catalogue); d != "" {
			t.Fatalf("not sanitised: %s", d)
		}
		for i := range res.Catalogue.Talks {
			for _, l := range res.Catalogue.Talks[i].Links {
				if _, err := model.SafeURL(l.URL); err != nil {
					t.Fatalf("unsafe link kept: %v", err)
				}
			}
		}
	})
}
