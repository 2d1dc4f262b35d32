package schedule_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/data/schedule"
	"cndtalks/model"
)

// importFile runs an importer over a file of testdata/import through Parse,
// so the whole pipeline (sniffing, sanitising, validating) is exercised.
func importFile(t *testing.T, path string) *data.Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := data.Parse(filepath.Base(path), b)
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return res
}

func mustTalk(t *testing.T, c *model.Catalogue, id string) *model.Talk {
	t.Helper()
	tk, ok := c.Talk(id)
	if !ok {
		t.Fatalf("no talk %q", id)
	}
	return tk
}

func speakerNames(c *model.Catalogue, tk *model.Talk) []string {
	var out []string
	for _, s := range c.TalkSpeakers(tk) {
		out = append(out, s.Name)
	}
	return out
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func wantStart(t *testing.T, tk *model.Talk, rfc3339, zone, day string) {
	t.Helper()
	if want := mustTime(t, rfc3339); !tk.Start.Equal(want) {
		t.Errorf("%s: Start = %v, want %v", tk.ID, tk.Start, want)
	}
	if got := tk.Start.Location().String(); got != zone {
		t.Errorf("%s: Start zone = %q, want %q", tk.ID, got, zone)
	}
	if tk.Day != day {
		t.Errorf("%s: Day = %q, want %q", tk.ID, tk.Day, day)
	}
}

func linksOf(tk *model.Talk) map[string]model.LinkKind {
	m := map[string]model.LinkKind{}
	for _, l := range tk.Links {
		m[l.URL] = l.Kind
	}
	return m
}

func wantLinks(t *testing.T, tk *model.Talk, want map[string]model.LinkKind) {
	t.Helper()
	got := linksOf(tk)
	for u, k := range want {
		if got[u] != k {
			t.Errorf("%s: link %s kind = %q, want %q (links %v)", tk.ID, u, got[u], k, tk.Links)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d links, want %d: %v", tk.ID, len(got), len(want), tk.Links)
	}
}

func skipsFor(res *data.Result, record string) []string {
	var out []string
	for _, s := range res.Skipped {
		if strings.Contains(s.Record, record) {
			out = append(out, s.Reason+": "+s.Detail)
		}
	}
	return out
}

func TestImportFrabJSONEdgeCases(t *testing.T) {
	res := importFile(t, "../testdata/import/frab-edge.schedule.json")
	c := res.Catalogue
	if res.Format != schedule.FormatFrabJSON {
		t.Errorf("Format = %q", res.Format)
	}
	ev := c.Event
	if ev.ID != "edgecon-2024" || ev.Name != "EdgeCon 2024" || ev.Date != "2024-03-01" || ev.EndDate != "2024-03-02" ||
		ev.Year != 2024 || ev.TimeZone != "Europe/Berlin" {
		t.Errorf("event = %+v", ev)
	}
	if l, ok := func() (model.Link, bool) {
		for _, l := range ev.Links {
			return l, true
		}
		return model.Link{}, false
	}(); !ok || l.URL != "https://edgecon.example.org/" {
		t.Errorf("event links = %v", ev.Links)
	}

	// 105 (an object for a title) and 107 (a blank title) are dropped; the
	// second ...0001 (the same guid at 12:00) is a repeated session, kept
	// as a talk of its own.
	var ids []string
	for _, tk := range c.Talks {
		ids = append(ids, tk.ID)
	}
	wantIDs := []string{
		"11111111-aaaa-4bbb-8ccc-000000000001",   // 10:00 Hall B
		"11111111-aaaa-4bbb-8ccc-000000000002",   // 10:00 Hall A (from its UTC date)
		"11111111-aaaa-4bbb-8ccc-000000000001-2", // 12:00, the repeat
		"11111111-aaaa-4bbb-8ccc-000000000006",   // 14:00
		"103",                                    // 01:30 the next morning, day 1
		"11111111-aaaa-4bbb-8ccc-000000000008",   // 00:15 on March 3rd, day 2
	}
	if strings.Join(ids, " ") != strings.Join(wantIDs, " ") {
		t.Errorf("talk order = %v, want %v", ids, wantIDs)
	}
	for i, tk := range c.Talks {
		if tk.Order != i+1 {
			t.Errorf("%s: Order = %d, want %d", tk.ID, tk.Order, i+1)
		}
	}

	open := mustTalk(t, c, "11111111-aaaa-4bbb-8ccc-000000000001")
	wantStart(t, open, "2024-03-01T10:00:00+01:00", "Europe/Berlin", "2024-03-01")
	if open.Duration != 45*time.Minute || open.Room != "Hall B" || open.Track != "Community" || open.Kind != "talk" || open.Language != "en" {
		t.Errorf("opening = %+v", open)
	}
	wantSummary := "Welcome to **EdgeCon**.\nSee you there.\n\nFish & chips at [the stand](https://pretalx.example.net/food/).\n\n- one\n- two *three*"
	if open.Summary != wantSummary {
		t.Errorf("summary = %q, want %q", open.Summary, wantSummary)
	}
	wantLinks(t, open, map[string]model.LinkKind{
		"https://xn--zgli-0ra.example/":       model.LinkWeb,
		"https://media.example.org/v/opening": model.LinkRecording, // "Recording of the talk"
		// relative attachments belong to the pretalx instance (origin_url),
		// and a space in a file name stays working
		"https://pretalx.example.net/media/edgecon-2024/submissions/OPEN01/resources/my%20slides.pdf": model.LinkSlides,
		// a video file the speaker attached is another video
		"https://cdn.example.org/opening.mp4":                   model.LinkVideo,
		"https://edgecon.example.org/talk/opening":              model.LinkPage,
		"https://pretalx.example.net/edgecon-2024/talk/OPEN01/": model.LinkPage,
	})
	if got := skipsFor(res, "000000000001"); len(got) != 3 ||
		!strings.Contains(got[0], "mailto") || !strings.Contains(got[1], `scheme "javascript" is refused`) ||
		!strings.Contains(got[2], "repeated session") {
		t.Errorf("skips for 0001 = %q", got)
	}

	// A full date wins over day + start: 09:00Z is 10:00 in Berlin, whatever
	// "start" says.
	dw := mustTalk(t, c, "11111111-aaaa-4bbb-8ccc-000000000002")
	wantStart(t, dw, "2024-03-01T10:00:00+01:00", "Europe/Berlin", "2024-03-01")
	if dw.Title != "Date wins over start" {
		t.Errorf("leading U+200B kept: %q", dw.Title)
	}
	if dw.Kind != "workshop" || dw.Language != "de, en" || dw.Summary != "" || dw.Subtitle != "the date is UTC, the start is wrong" {
		t.Errorf("talk 2 = %+v", dw)
	}

	// No date: day + start, after midnight is the next calendar day but
	// stays listed under the first.
	late := mustTalk(t, c, "103")
	wantStart(t, late, "2024-03-02T01:30:00+01:00", "Europe/Berlin", "2024-03-01")
	if late.Duration != time.Hour || late.Title != "After midnight" || late.Kind != "talk" {
		t.Errorf("talk 103 = %+v", late)
	}
	if late.Summary != "Late  night" {
		t.Errorf("entity-encoded escape survived: %q", late.Summary)
	}
	wantLinks(t, late, map[string]model.LinkKind{"https://example.org/plain-string-link": model.LinkWeb})

	party := mustTalk(t, c, "11111111-aaaa-4bbb-8ccc-000000000008")
	wantStart(t, party, "2024-03-03T00:15:00+01:00", "Europe/Berlin", "2024-03-02")
	if party.Title != "Party 🏳️‍🌈 after midnight" {
		t.Errorf("emoji ZWJ sequence damaged: %q", party.Title)
	}
	wantLinks(t, party, map[string]model.LinkKind{"https://cfp.example.org/edgecon-2024/relative/without/origin": model.LinkWeb})

	odd := mustTalk(t, c, "11111111-aaaa-4bbb-8ccc-000000000006")
	if odd.Duration != 0 || !odd.HasSchedule() {
		t.Errorf("odd duration talk = %+v", odd)
	}
	if got := skipsFor(res, "000000000006"); len(got) != 2 || !strings.Contains(got[0], `duration "half an hour"`) || got[1] != "person with no name: person 1" {
		t.Errorf("skips for 0006 = %q", got)
	}
	if got := skipsFor(res, "000000000005"); len(got) != 2 || got[0] != "expected text, got a JSON object or list: ignored: title" || got[1] != "no title: " {
		t.Errorf("skips for the object title = %q (all: %v)", got, res.Skipped)
	}
	if got := skipsFor(res, "000000000007"); len(got) != 1 || got[0] != "no title: " {
		t.Errorf("skips for the blank title = %q", got)
	}
	if len(res.Skipped) != 8 {
		t.Errorf("%d notes, want 8: %v", len(res.Skipped), res.Skipped)
	}

	// Speakers: by guid/code, never by name. Alex Kim is two people (two
	// guids); the nameless-id persons stay apart.
	if got := speakerNames(c, open); strings.Join(got, "|") != "Alex Kim|Sam Roe" {
		t.Errorf("opening speakers = %v", got)
	}
	if got := speakerNames(c, late); strings.Join(got, "|") != "Alex Kim|Nameless Id|Nameless Id" {
		t.Errorf("late speakers = %v", got)
	}
	if late.Speakers[0] != open.Speakers[0] {
		t.Errorf("same guid, two speakers: %v vs %v", late.Speakers, open.Speakers)
	}
	if dw.Speakers[0] == open.Speakers[0] {
		t.Errorf("two Alex Kims merged by name")
	}
	if got := speakerNames(c, dw); strings.Join(got, "|") != "Alex Kim|Only Public" {
		t.Errorf("talk 2 speakers = %v", got)
	}
	if len(c.Speakers) != 6 {
		t.Errorf("%d speakers, want 6: %+v", len(c.Speakers), c.Speakers)
	}
}

func TestImportPretalxJSONWithoutBase(t *testing.T) {
	res := importFile(t, "../testdata/import/pretalx-minimal.schedule.json")
	c := res.Catalogue
	if c.Event.ID != "mini" || c.Event.TimeZone != "" {
		t.Errorf("event = %+v", c.Event)
	}
	if len(c.Talks) != 2 {
		t.Fatalf("%d talks", len(c.Talks))
	}
	first := mustTalk(t, c, "1")
	// No zone name: the offset of the dates is kept.
	if first.Start.Format(time.RFC3339) != "2021-06-05T18:00:00-04:00" {
		t.Errorf("start = %v", first.Start)
	}
	if want := "## Agenda\n\n1. First\n2. Second\n\nLine one  \nline two"; first.Summary != want {
		t.Errorf("summary = %q, want %q", first.Summary, want)
	}
	if len(first.Links) != 0 {
		t.Errorf("relative attachment kept without a base: %v", first.Links)
	}
	if got := skipsFor(res, "event 1 "); len(got) != 1 || !strings.Contains(got[0], "relative and there is no base") {
		t.Errorf("skips = %v", res.Skipped)
	}
	late := mustTalk(t, c, "2")
	if late.Day != "2021-06-05" || late.Start.Format(time.RFC3339) != "2021-06-06T01:00:00-04:00" {
		t.Errorf("late: day %s start %v", late.Day, late.Start)
	}
	// public_name only; one code is one person, two codes two people.
	if got := speakerNames(c, late); strings.Join(got, "|") != "Jo Doe|Jo Doe" || late.Speakers[0] != first.Speakers[0] || len(c.Speakers) != 2 {
		t.Errorf("speakers = %v / %+v", got, c.Speakers)
	}
}

func TestImportPentabarfXMLEdgeCases(t *testing.T) {
	res := importFile(t, "../testdata/import/pentabarf-edge.schedule.xml")
	c := res.Catalogue
	if res.Format != schedule.FormatPentabarfXML {
		t.Errorf("Format = %q", res.Format)
	}
	ev := c.Event
	// No time_zone_name: the zone named after the city.
	if ev.Name != "Pentacon 2023" || ev.ID != "pentacon-2023" || ev.City != "Brussels" || ev.Venue != "Campus Solbosch" ||
		ev.TimeZone != "Europe/Brussels" || ev.Date != "2023-02-04" || ev.EndDate != "2023-02-05" {
		t.Errorf("event = %+v", ev)
	}
	var ids []string
	for _, tk := range c.Talks {
		ids = append(ids, tk.ID)
	}
	if strings.Join(ids, " ") != "501 503 502" {
		t.Errorf("order = %v", ids)
	}
	w := mustTalk(t, c, "501")
	wantStart(t, w, "2023-02-04T09:30:00+01:00", "Europe/Brussels", "2023-02-04")
	if w.Duration != 25*time.Minute || w.Room != "Janson" || w.Track != "Keynotes" || w.Kind != "keynote" {
		t.Errorf("501 = %+v", w)
	}
	if want := "### Hello\n\n- a `x < y`\n\nWelcome"; w.Summary != want {
		t.Errorf("summary = %q, want %q", w.Summary, want)
	}
	wantLinks(t, w, map[string]model.LinkKind{
		"https://example.org/2023/welcome/slides.pdf":     model.LinkSlides,
		"https://example.org/2023/welcome/paper.pdf":      model.LinkPaper,
		"https://example.org/2023/welcome/talk.mp4":       model.LinkVideo, // an attachment: a clip
		"https://submission.example.org/feedback/501.php": model.LinkFeedback,
	})
	// Two people called Dana Lee: ids 42 and 43.
	if got := speakerNames(c, w); strings.Join(got, "|") != "Dana Lee|Dana Lee" || w.Speakers[0] == w.Speakers[1] {
		t.Errorf("speakers = %v %v", got, w.Speakers)
	}
	// Before day_change (09:00) is after midnight: the next calendar day,
	// listed under the first.
	night := mustTalk(t, c, "503")
	wantStart(t, night, "2023-02-05T02:00:00+01:00", "Europe/Brussels", "2023-02-04")
	if night.Room != "Janson" {
		t.Errorf("room from the <room> element's name: %q", night.Room)
	}

	sun := mustTalk(t, c, "502")
	wantStart(t, sun, "2023-02-05T10:00:00+01:00", "Europe/Brussels", "2023-02-05")
	if sun.Title != "Sunday & more" {
		t.Errorf("title = %q", sun.Title)
	}
	// XML decoded once, HTML once: "&amp;amp;" is "&", and "&amp;lt;video&amp;gt;"
	// is the text "<video>", escaped so Markdown shows it.
	if want := `R&D & more: \<video> tags`; sun.Summary != want {
		t.Errorf("summary = %q, want %q", sun.Summary, want)
	}
	if got := speakerNames(c, sun); len(got) != 1 || got[0] != "Dana Lee" || sun.Speakers[0] != w.Speakers[0] {
		t.Errorf("speakers = %v", got)
	}
	wantLinks(t, sun, map[string]model.LinkKind{
		"https://video.example.org/2023/K.1.105%20(La%20Fontaine)/sunday.webm": model.LinkRecording,
		"https://chat.example.org/#/room/%232023-k.1.105:example.org":          model.LinkCommunity,
	})
	got := skipsFor(res, "event 502")
	if len(got) != 3 || !strings.Contains(got[0], "mailto") || !strings.HasPrefix(got[1], `not a URL: "#`) || !strings.Contains(got[2], "has no host") {
		t.Errorf("skips = %q", got)
	}
	if len(res.Skipped) != 3 {
		t.Errorf("skips = %v", res.Skipped)
	}
	if len(c.Speakers) != 2 {
		t.Errorf("speakers = %+v", c.Speakers)
	}
}

func TestImportPretalxXML(t *testing.T) {
	res := importFile(t, "../testdata/import/pretalx.schedule.xml")
	c := res.Catalogue
	if c.Event.ID != "pxconf-23" || c.Event.TimeZone != "America/Toronto" {
		t.Errorf("event = %+v", c.Event)
	}
	tk := mustTalk(t, c, "c4f6a6ff-5a94-5b7e-9b31-2a1f6b3e9a10")
	wantStart(t, tk, "2023-09-15T13:00:00-04:00", "America/Toronto", "2023-09-15")
	if want := "Use `vector<int>` and *emphasis*; see [the other talk](https://pretalx.example.com/pxconf-23/talk/OTHER/)."; tk.Summary != want {
		t.Errorf("summary = %q, want %q", tk.Summary, want)
	}
	if tk.Speakers[0] != "KLM9PQ" {
		t.Errorf("speaker keyed by code: %v", tk.Speakers)
	}
	wantLinks(t, tk, map[string]model.LinkKind{
		"https://slides.example.com/deck": model.LinkSlides,
		"https://pretalx.example.com/media/pxconf-23/submissions/QWE123/resources/deck.pdf": model.LinkSlides,
		"https://pretalx.example.com/pxconf-23/talk/QWE123/":                                model.LinkPage,
	})
	if len(res.Skipped) != 0 {
		t.Errorf("skips = %v", res.Skipped)
	}
}

func TestImportBadSchedules(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"truncated json", "{\"schedule\": {\"conference\": {\n\"title\": \"x\",\n", 3, "invalid JSON"},
		{"no conference", `{"schedule": {"version": "1"}}`, 0, "schedule.conference: is missing"},
		{"conference not an object", `{"schedule": {"conference": [1, 2]}}`, 1, "schedule.conference: expected an object, got JSON array"},
		{"days not a list", `{"schedule": {"conference": {"title": "x", "days": {"a": 1}}}}`, 1, "schedule.conference.days: expected a list, got JSON object"},
		{"no events", `{"schedule": {"conference": {"title": "x", "days": []}}}`, 0, "lists no events"},
		{"all events broken", `{"schedule": {"conference": {"title": "x", "days": [{"date": "2024-01-01", "rooms": {"A": [{"id": 1}]}}]}}}`, 0, "none of the schedule's 1 events"},
		{"xml not closed", "<schedule>\n<conference><title>x</title></conference>\n<day date=\"2024-01-01\">\n", 4, "invalid XML"},
		{"xml mismatched", "<schedule>\n<conference>\n<title>x</titel>\n</conference></schedule>", 3, "invalid XML"},
		{"xml no events", "<schedule><conference><title>x</title></conference></schedule>", 0, "lists no events"},
		{"xml other encoding", "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><schedule/>", 0, "Shift_JIS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := data.Parse("bad.in", []byte(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			var e *data.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not a *data.Error", err, err)
			}
			if e.File != "bad.in" || e.Line != tt.line || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q (line %d), want line %d and %q", err, e.Line, tt.line, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestImportFrabJSONWrongTypeIsIgnoredAndReported(t *testing.T) {
	in := `{"schedule": {"conference": {"title": "x", "days": [{"date": "2024-01-01", "rooms": {"A": [
		{"id": 1, "title": "t", "persons": {"name": "not a list"}},
		{"id": 2, "title": "u", "persons": [{"id": 3, "name": "Ok"}]}]}}]}}}`
	res, err := data.Parse("odd.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Catalogue.Talks) != 2 || len(res.Catalogue.Speakers) != 1 {
		t.Errorf("talks %d speakers %d", len(res.Catalogue.Talks), len(res.Catalogue.Speakers))
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Record != "line 2" || res.Skipped[0].Kind != schedule.SkipField ||
		res.Skipped[0].Detail != "schedule.conference.days.rooms.persons: expected a list, got JSON object" {
		t.Errorf("skipped = %+v", res.Skipped)
	}
}

func TestImportXMLWithControlCharacters(t *testing.T) {
	in := "<schedule><conference><title>x</title></conference><day date=\"2024-01-01\"><room name=\"a\">" +
		"<event id=\"1\"><title>t\x1b[31m\x0c</title><start>10:00</start></event>" +
		"<event id=\"2\"><title>u&#27;]0;pwned&#x7;</title><abstract>&amp;#27;[2Jok</abstract></event></room></day></schedule>"
	res, err := data.Parse("ctl.xml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Catalogue
	if c.Talks[0].Title != "t[31m" || c.Talks[1].Title != "u]0;pwned" || c.Talks[1].Summary != "ok" {
		t.Errorf("titles %q %q, summary %q", c.Talks[0].Title, c.Talks[1].Title, c.Talks[1].Summary)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].String() != "schedule.xml: control characters that XML does not allow removed (4 characters)" {
		t.Errorf("skipped = %+v", res.Skipped)
	}
}

func TestImportJSONWithControlCharacters(t *testing.T) {
	in := "{\"schedule\": {\"conference\": {\"title\": \"x\", \"days\": [{\"date\": \"2024-01-01\", \"rooms\": {\"A\": [" +
		"{\"id\": 1, \"title\": \"t\x1b]0;x\x07\\u001b[31m\", \"abstract\": \"a\x0cb\"}]}}]}}}"
	res, err := data.Parse("ctl.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	tk := res.Catalogue.Talks[0]
	if tk.Title != "t]0;x" || tk.Summary != "ab" {
		t.Errorf("title %q summary %q", tk.Title, tk.Summary)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].String() != "schedule.json: control characters that JSON does not allow removed (3 characters)" {
		t.Errorf("skipped = %+v", res.Skipped)
	}
}

func TestImportWaferXML(t *testing.T) {
	res := importFile(t, "../testdata/import/wafer.schedule.xml")
	c := res.Catalogue
	if c.Event.ID != "debconfx" || c.Event.Name != "DebConf Example" || c.Event.TimeZone != "Asia/Kolkata" {
		t.Errorf("event = %+v", c.Event)
	}
	p := mustTalk(t, c, "f6a4b0de-0a53-4a5e-9a0e-000000000011")
	wantStart(t, p, "2024-08-01T10:30:00+05:30", "Asia/Kolkata", "2024-08-01")
	if p.Kind != "talk" || p.Track != "No Track" || p.Duration != 45*time.Minute {
		t.Errorf("talk 11 = %+v", p)
	}
	if want := "We look at **dh** and `debian/rules`.\n\n* one\n* two"; p.Summary != want {
		t.Errorf("summary = %q, want %q", p.Summary, want)
	}
	if got := speakerNames(c, p); len(got) != 1 || got[0] != "Rui Costa" || p.Speakers[0] != "31" {
		t.Errorf("speakers = %v %v", got, p.Speakers)
	}
	wantLinks(t, p, map[string]model.LinkKind{"https://debconf.example/schedule/venue/1/#11": model.LinkPage})
	// A date without an offset is in the conference's zone.
	cw := mustTalk(t, c, "f6a4b0de-0a53-4a5e-9a0e-000000000012")
	wantStart(t, cw, "2024-08-02T00:30:00+05:30", "Asia/Kolkata", "2024-08-01")
	if cw.Title != "Cheese & Wine" || len(cw.Speakers) != 0 {
		t.Errorf("talk 12 = %+v", cw)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skips = %v", res.Skipped)
	}
}

func TestImportFrabJSONDuplicateKeysAreCounted(t *testing.T) {
	res := importFile(t, "../testdata/import/frab-duplicate-keys.schedule.json")
	tk := mustTalk(t, res.Catalogue, "g1")
	if tk.Title != "Second title" {
		t.Errorf("title = %q: encoding/json keeps the last value", tk.Title)
	}
	var got []string
	for _, s := range res.Skipped {
		got = append(got, s.String())
	}
	want := []string{
		`line 5: a key listed twice in one object: the last value is used ("title")`,
		`line 7: a key listed twice in one object: the last value is used ("na"me")`,
		// strings in a list are no keys
		`event g1 ("Second title"): not a safe http(s) URL ("title" is relative and there is no base to resolve it: not an http(s) URL that can be opened)`,
		`event g1 ("Second title"): not a safe http(s) URL ("title" is relative and there is no base to resolve it: not an http(s) URL that can be opened)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportMergedScheduleXML covers what merged (c3voc) and wiki-generated
// schedules do: ids reused across sources, id 0 for everyone, the three
// shapes of <person>, URLs as <link> text, repeated sessions.
func TestImportMergedScheduleXML(t *testing.T) {
	res := importFile(t, "../testdata/import/merged.schedule.xml")
	c := res.Catalogue
	names := func(id string) string { return strings.Join(speakerNames(c, mustTalk(t, c, id)), "|") }
	for id, want := range map[string]string{
		"a0000000-0000-4000-8000-000000000001":   "Ana Ortiz|Ben Blum",
		"a0000000-0000-4000-8000-000000000002":   "Cem Kaya|Dora Diaz",
		"a0000000-0000-4000-8000-000000000003":   "Ana Ortiz",
		"a0000000-0000-4000-8000-000000000004":   "Eve|Fin",
		"a0000000-0000-4000-8000-000000000004-2": "Fin",
		"a0000000-0000-4000-8000-000000000005":   "Eve",
	} {
		if got := names(id); got != want {
			t.Errorf("%s speakers = %q, want %q", id, got, want)
		}
	}
	// Ana, Ben, Cem, Dora, Eve, Fin: six people.
	if len(c.Speakers) != 6 {
		t.Errorf("%d speakers, want 6: %+v", len(c.Speakers), c.Speakers)
	}
	first, again := mustTalk(t, c, "a0000000-0000-4000-8000-000000000001"), mustTalk(t, c, "a0000000-0000-4000-8000-000000000003")
	if first.Speakers[0] != again.Speakers[0] {
		t.Errorf("id 44 with the same name is one person: %v %v", first.Speakers, again.Speakers)
	}
	repeat := mustTalk(t, c, "a0000000-0000-4000-8000-000000000004-2")
	wantStart(t, repeat, "2024-08-01T17:00:00+02:00", "UTC+02:00", "2024-08-01")
	if repeat.Subtitle != "session 2" || repeat.Room != "Wiki tent" {
		t.Errorf("repeat = %+v", repeat)
	}
	if len(c.Talks) != 6 {
		t.Errorf("%d talks, want 6", len(c.Talks))
	}
	wantLinks(t, first, map[string]model.LinkKind{
		"https://example.org/text-url":      model.LinkWeb,
		"https://www.example.net":           model.LinkWeb,
		"https://example.com/docs":          model.LinkWeb,
		"https://video.example.org/ana.mp4": model.LinkRecording,
	})
	wantLinks(t, again, map[string]model.LinkKind{"https://example.org/twice": model.LinkWeb})
	var notes []string
	for _, n := range schedule.Notices(res.Skipped) {
		notes = append(notes, n.String())
	}
	want := []string{
		`1 talk dropped: listed twice at the same time and place: kept once`,
		// http://none_yet, http://''RESCHEDULED''
		`2 links dropped: not a URL: its host is no domain name`,
		// see the wiki
		`1 link dropped: not a URL`,
		`3 repairs: link with its URL as text and no href: URL read from the text`,
		`2 repairs: host name without a scheme: read as https://`,
		// id 45 is Ben Blum at frab and Dora Diaz at pretalx (Cem Kaya
		// has a code, which wins over id 44)
		`1 repair: one person identifier names different people: each name kept as its own speaker`,
		`1 repair: scheme written twice: read once`,
		`1 repair: repeated session (same id at another time or place): kept as a talk of its own`,
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notices:\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportLenientPerField: one over-long or malformed field shortens or
// skips that field (or that record), counted; the file is imported.
func TestImportLenientPerField(t *testing.T) {
	long := strings.Repeat("Long title ", 10_000) // 110,000 bytes
	longID := strings.Repeat("g", 5000)
	in := `{"schedule": {"conference": {"title": "Lenient", "time_zone_name": "UTC", "days": [{"date": "2024-01-01", "rooms": {"A": [
		{"guid": "g1", "title": "` + long + `", "room": "` + long + `", "persons": [{"guid": "p1", "name": "` + long + `"}],
		 "links": [{"url": "https://e.org/` + long + `", "title": "x"}, {"url": "https://e.org/ok", "title": "` + long + `"}]},
		{"guid": "` + longID + `", "title": "Long guid", "duration": {"h": 1}, "start": "ten"},
		{"guid": "g3", "title": "Fine", "date": "not a date", "persons": [{"guid": "p1", "name": "Short"}]}]}}]}}}`
	res, err := data.Parse("lenient.json", []byte(in))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	c := res.Catalogue
	if len(c.Talks) != 3 {
		t.Fatalf("%d talks, want 3", len(c.Talks))
	}
	g1 := mustTalk(t, c, "g1")
	if len(g1.Title) > model.MaxLineLength || !strings.HasPrefix(g1.Title, "Long title Long") || !strings.HasSuffix(g1.Title, "…") ||
		len(g1.Room) > model.MaxLineLength {
		t.Errorf("title %d bytes, room %d bytes", len(g1.Title), len(g1.Room))
	}
	if len(g1.Links) != 1 || g1.Links[0].URL != "https://e.org/ok" || len(g1.Links[0].Label) > model.MaxLineLength {
		t.Errorf("links = %d %v", len(g1.Links), len(g1.Links) > 0 && len(g1.Links[0].Label) > model.MaxLineLength)
	}
	for _, tk := range c.Talks {
		if len(tk.ID) > model.MaxLineLength {
			t.Errorf("ID of %d bytes", len(tk.ID))
		}
	}
	var notes []string
	for _, n := range schedule.Notices(res.Skipped) {
		notes = append(notes, n.String())
	}
	want := []string{
		"1 link dropped: URL longer than 1000 bytes",
		"1 field ignored or shortened: expected text, got a JSON object or list: ignored",
		"1 field ignored or shortened: title longer than 1000 bytes: shortened",
		"1 field ignored or shortened: room longer than 1000 bytes: shortened",
		"1 field ignored or shortened: person's name longer than 1000 bytes: shortened",
		"1 field ignored or shortened: link label longer than 1000 bytes: shortened",
		"2 fields ignored or shortened: time not read: the talk is kept without it",
		// p1 is the long name in g1 and "Short" in g3
		"1 repair: one person identifier names different people: each name kept as its own speaker",
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notices:\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportC3VOCTypedLinks: c3voc's video_download_url, origin_url and
// feedback_url are the talk's recording, page and feedback form; v opens
// the recording before a clip, o the page before a raw video file.
func TestImportC3VOCTypedLinks(t *testing.T) {
	res := importFile(t, "../testdata/import/c3voc-typed.schedule.json")
	tk := mustTalk(t, res.Catalogue, "t1")
	wantLinks(t, tk, map[string]model.LinkKind{
		"https://www.youtube.com/watch?v=clip":     model.LinkVideo,
		"https://hub.example.org/event/t1":         model.LinkPage,
		"https://cfp.example.org/talk/T1/":         model.LinkPage,
		"https://cdn.media.example.org/t1-hd.mp4":  model.LinkRecording,
		"https://cfp.example.org/talk/T1/feedback": model.LinkFeedback,
	})
	if v, _ := tk.VideoLink(); v.URL != "https://cdn.media.example.org/t1-hd.mp4" {
		t.Errorf("v opens %s, want the recording", v.URL)
	}
	if o, _ := tk.MainLink(); o.URL != "https://hub.example.org/event/t1" {
		t.Errorf("o opens %s, want the talk's page", o.URL)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("notes: %v", res.Skipped)
	}
}
