package schedule

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"cndtalks/model"
)

// The importers build every text field already sanitised, so the loader
// validates what they return without sanitising it again
// (catalog.FinishImported). These tests are the proof: whatever the input,
// model.Catalogue.SanitizeText changes nothing in an imported catalogue.

// notSanitised returns where SanitizeText would change c ("talks[3].kind:
// "x" becomes "y""), or "" when c is a fixed point of it. c is not changed.
func notSanitised(c *model.Catalogue) string {
	cp := *c
	cp.Event.Links = slices.Clone(c.Event.Links)
	cp.Event.Community = slices.Clone(c.Event.Community)
	cp.Event.Sponsors = slices.Clone(c.Event.Sponsors)
	cp.Event.Thanks = slices.Clone(c.Event.Thanks)
	cp.Speakers = slices.Clone(c.Speakers)
	cp.Talks = slices.Clone(c.Talks)
	for i := range cp.Talks {
		t := &cp.Talks[i]
		t.Speakers = slices.Clone(t.Speakers)
		t.Topics = slices.Clone(t.Topics)
		t.Links = slices.Clone(t.Links)
	}
	cp.SanitizeText()
	return firstDifference("", reflect.ValueOf(*c), reflect.ValueOf(cp))
}

// firstDifference returns the path of the first value that differs between
// a and b, with both values, or "". The model's structs and slices are
// compared field by field and element by element, other values (times,
// durations) as wholes.
func firstDifference(path string, a, b reflect.Value) string {
	switch {
	case a.Kind() == reflect.Struct && a.Type().PkgPath() == "cndtalks/model":
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if d := firstDifference(pathJoin(path, f.Name), a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case a.Kind() == reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d elements become %d", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := firstDifference(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %.100q becomes %.100q", path, fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
	}
	return ""
}

func pathJoin(path, field string) string {
	if path == "" {
		return strings.ToLower(field)
	}
	return path + "." + strings.ToLower(field)
}

// importers are the three lenient importers, by format.
var importers = map[string]func(string, []byte, skipFunc, ImportOptions) (*model.Catalogue, error){
	FormatFrabJSON:     parseFrabJSON,
	FormatPentabarfXML: parseScheduleXML,
	FormatICalendar:    parseICalendar,
}

func ignoreNotes(SkipKind, string, string, string, ...int) {}

// importOrNil returns the catalogue format's importer makes of b, or nil when
// it refuses b or panics: go-ical panics on some malformed input, and the
// loader turns any panic into an error, so such an input imports nothing.
func importOrNil(format string, b []byte, opt ImportOptions) (c *model.Catalogue) {
	defer func() {
		if recover() != nil {
			c = nil
		}
	}()
	c, err := importers[format]("test", b, ignoreNotes, opt)
	if err != nil {
		return nil
	}
	return c
}

// checkSanitised imports b with every importer and fails t where a
// catalogue that imports is not a fixed point of SanitizeText.
func checkSanitised(t *testing.T, b []byte, opt ImportOptions) {
	t.Helper()
	for format := range importers {
		c := importOrNil(format, b, opt)
		if c == nil {
			continue
		}
		if d := notSanitised(c); d != "" {
			t.Errorf("%s import not sanitised: %s", format, d)
		}
	}
}

// TestImportsSanitised: every test schedule and every real export beside
// the repository imports to a catalogue SanitizeText leaves as it is.
func TestImportsSanitised(t *testing.T) {
	files, _ := filepath.Glob("../testdata/import/*")
	real, _ := filepath.Glob(filepath.Join(realSchedulesGlob, "*.schedule.*"))
	ics, _ := filepath.Glob(filepath.Join(realSchedulesGlob, "*.ics"))
	for _, p := range slices.Concat(files, real, ics) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			checkSanitised(t, b, ImportOptions{})
			checkSanitised(t, b, ImportOptions{TimeZone: "Asia/Kolkata"})
		})
	}
}

// hostileTexts are text no importer should pass on as it is: terminal
// escapes, controls, bidi and invisible characters, letters whose lower
// case leaves their script ("İ", the Kelvin sign), runs of marks at the cap,
// HTML that decodes to an escape, URLs that are not safe, and lines at and
// past the catalogue's length limits.
var hostileTexts = []string{
	"plain",
	"\x1b[31mred\x1b[0m",
	"\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07",
	"\x1bP+q\x1b\\ dcs \u009b31m c1 \u009d0;x\u009c",
	"a\u202eb\u2066c\u2069\u200e\u061c",
	"nul\x00 bel\x07 del\x7f c1\u0085",
	"line\r\nbreak\rcr\ttab\nnl",
	"  lead  and  trail  ",
	"\u00a0nbsp\u3000ideographic\u2028separator\u00a0",
	"\u200b\u200dzw\u200b\u200b\u200djoined\u2060",
	"\ufeffbom \U000E0041tag \ue000pua \ufdd0nonchar \U0010fffe",
	"İ",
	"İSTANBUL TALK",
	"İ" + strings.Repeat("\u0301", 8),
	"\u0130\u0307" + strings.Repeat("\u0300", 7),
	"e" + strings.Repeat("\u0301", 9),
	"\u0301\u0301 leading marks",
	"ǅ ǈ ǋ \u2126 \u212a \u212b ẞ",
	"<b>bold</b> &amp; &#27;[31m &#x9b;2J &lt;script&gt;",
	"&#8238;rtl &#xE0041;",
	"javascript:alert(1)",
	"https://x.example/\x1b[31m/path",
	"https://x.example/a b\tc",
	"//x.example/relative",
	"/relative/path",
	"HTTPS://UPPER.example/İ",
	strings.Repeat("a", model.MaxLineLength),
	strings.Repeat("a", model.MaxLineLength+1),
	strings.Repeat("é", model.MaxLineLength/2) + "x",
	strings.Repeat("a ", model.MaxLineLength),
	strings.Repeat("İ", model.MaxLineLength/2),
	"x" + strings.Repeat("\u0301\u200d", model.MaxLineLength),
	strings.Repeat("\x1b[1m", model.MaxLineLength),
}

// hostileSchedules returns a schedule.json, a schedule.xml and an
// iCalendar file with s in every text field (and in the URLs' paths),
// each a schedule that imports when s is harmless text.
func hostileSchedules(s string) map[string][]byte {
	j := func(v string) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	x := func(v string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(v))
		return b.String()
	}
	ics := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
	return map[string][]byte{
		FormatFrabJSON: fmt.Appendf(nil, `{"schedule": {"version": %[1]s, "base_url": "https://b.example/", "conference": {
  "acronym": %[1]s, "title": %[1]s, "city": %[1]s, "venue": %[1]s, "url": %[2]s,
  "start": "2024-05-10", "end": "2024-05-10", "time_zone_name": "Europe/Berlin",
  "rooms": [{"name": %[1]s}],
  "days": [{"index": 1, "date": "2024-05-10", "rooms": {%[1]s: [
    {"id": 1, "guid": %[1]s, "date": "2024-05-10T10:00:00+02:00", "start": "10:00", "duration": "00:30",
     "room": %[1]s, "slug": %[1]s, "title": %[1]s, "subtitle": %[1]s, "track": %[1]s, "type": %[1]s, "language": %[1]s,
     "abstract": %[1]s, "description": %[1]s, "url": %[2]s, "origin_url": %[2]s, "video_download_url": %[2]s, "feedback_url": %[2]s,
     "persons": [{"id": 9, "code": %[1]s, "public_name": %[1]s}, {"guid": %[1]s, "name": %[1]s}, {"full_public_name": %[1]s}],
     "links": [{"url": %[2]s, "title": %[1]s, "type": %[1]s}, {"href": %[1]s, "title": %[1]s}, %[2]s, %[1]s],
     "attachments": [{"url": %[2]s, "title": %[1]s}]},
    {"id": 2, "date": "2024-05-10T11:00:00+02:00", "start": "11:00", "duration": "00:30", "room": "B",
     "title": "t", "type": %[1]s, "persons": [{"id": 10, "public_name": %[1]s}]}
  ]}}]
}}}`, j(s), j("https://x.example/"+s)),
		FormatPentabarfXML: fmt.Appendf(nil, `<?xml version="1.0"?><schedule><version>%[1]s</version>
<conference><acronym>%[1]s</acronym><title>%[1]s</title><subtitle>%[1]s</subtitle><venue>%[1]s</venue><city>%[1]s</city>
<start>2024-05-10</start><end>2024-05-10</end><time_zone_name>Europe/Berlin</time_zone_name><base_url>https://b.example/</base_url><url>%[2]s</url></conference>
<day date="2024-05-10" index="1"><room name="%[1]s">
<event id="1" guid="%[1]s"><date>2024-05-10T10:00:00+02:00</date><start>10:00</start><duration>00:30</duration><room>%[1]s</room>
<slug>%[1]s</slug><title>%[1]s</title><subtitle>%[1]s</subtitle><track>%[1]s</track><type>%[1]s</type><language>%[1]s</language>
<abstract>%[1]s</abstract><description>%[1]s</description><url>%[2]s</url><origin_url>%[2]s</origin_url><video_download_url>%[2]s</video_download_url><feedback_url>%[2]s</feedback_url>
<persons><person id="9" code="%[1]s">%[1]s</person><person guid="%[1]s"><name>%[1]s</name><public_name>%[1]s</public_name></person></persons>
<links><link href="%[2]s" type="%[1]s">%[1]s</link><link href="%[1]s">%[1]s</link></links>
<attachments><attachment href="%[2]s" type="%[1]s">%[1]s</attachment></attachments></event>
<event id="2"><date>2024-05-10T11:00:00+02:00</date><start>11:00</start><duration>00:30</duration><room>B</room><title>t</title><type>%[1]s</type></event>
</room></day></schedule>`, x(s), x("https://x.example/"+s)),
		FormatICalendar: fmt.Appendf(nil, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//%[1]s\r\nX-WR-CALNAME:%[1]s\r\n"+
			"BEGIN:VEVENT\r\nUID:%[1]s\r\nDTSTART:20240510T100000Z\r\nDURATION:PT30M\r\nSUMMARY:%[1]s\r\nDESCRIPTION:%[1]s\r\nLOCATION:%[1]s\r\n"+
			"CATEGORIES:%[1]s,%[1]s\r\nURL:https://x.example/%[1]s\r\nORGANIZER;CN=\"%[2]s\":mailto:a@example.org\r\nATTENDEE;CN=%[3]s:mailto:b@example.org\r\nEND:VEVENT\r\n"+
			"BEGIN:VEVENT\r\nUID:two\r\nDTSTART:20240510T110000Z\r\nSUMMARY:t - %[1]s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
			ics, strings.NewReplacer(`"`, "", "\r", "", "\n", "").Replace(s), strings.NewReplacer(`"`, "", "\r", "", "\n", "", ";", "", ":", "").Replace(s)),
	}
}

// checkHostile imports the schedules of hostileSchedules(s) and fails t
// where a catalogue is not a fixed point of SanitizeText. It returns how
// many imported.
func checkHostile(t *testing.T, s string) int {
	t.Helper()
	imported := 0
	for format, b := range hostileSchedules(s) {
		c := importOrNil(format, b, ImportOptions{})
		if c == nil {
			continue
		}
		imported++
		if d := notSanitised(c); d != "" {
			t.Errorf("%s import not sanitised: %s", format, d)
		}
	}
	return imported
}

// TestHostileTextSanitised: hostile text in every field of each format
// imports sanitised.
func TestHostileTextSanitised(t *testing.T) {
	for _, s := range hostileTexts {
		t.Run(fmt.Sprintf("%.30q", s), func(t *testing.T) {
			// Each format keeps at least its second event: the
			// templates themselves import.
			if n := checkHostile(t, s); n != len(importers) {
				t.Errorf("%d of %d formats imported", n, len(importers))
			}
		})
	}
}

// FuzzHostileTextSanitised is TestHostileTextSanitised for any text.
func FuzzHostileTextSanitised(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkHostile(t, s)
	})
}
