package schedule

import (
	"hash/maphash"
	"math/rand/v2"
	"net"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"cndtalks/model"
)

// The references below are the build's helpers as they were before their
// faster forms; the tests check that both give the same answers.

// domainHostSplit is domainHost splitting the host into a slice of labels.
func domainHostSplit(host string) bool {
	if net.ParseIP(host) != nil {
		return true
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c == '-' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
				return false
			}
		}
	}
	return true
}

var domainHostCases = []string{
	"", ".", "..", "a", "a.", "a.b", "a.b.", "a..b", ".a.b", "a.b..", "example.org", "www.example.org.",
	"-a.b", "a-.b", "a.-b", "a_b.c", "none_yet", "1.2.3.4", "::1", "[::1]", "1.2.3", "xn--bcher-kva.example",
	strings.Repeat("a", 63) + ".b", strings.Repeat("a", 64) + ".b", "a.b.c.d.e.f", "\u201dRESCHEDULED\u201d",
}

func TestDomainHostSameAsSplit(t *testing.T) {
	for _, h := range domainHostCases {
		if got, want := domainHost(h), domainHostSplit(h); got != want {
			t.Errorf("domainHost(%q) = %v, splitting says %v", h, got, want)
		}
	}
}

func FuzzDomainHost(f *testing.F) {
	for _, h := range domainHostCases {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if got, want := domainHost(h), domainHostSplit(h); got != want {
			t.Fatalf("domainHost(%q) = %v, splitting says %v", h, got, want)
		}
	})
}

// sortProgrammeSwapping is sortProgramme as a stable sort of the talks
// themselves.
func sortProgrammeSwapping(talks []model.Talk) {
	sort.SliceStable(talks, func(i, j int) bool {
		a, b := &talks[i], &talks[j]
		if a.HasSchedule() != b.HasSchedule() {
			return a.HasSchedule()
		}
		if a.Day != b.Day {
			return a.Day < b.Day
		}
		return a.Start.Before(b.Start)
	})
}

// TestSortProgrammeSameAsSwapping sorts random programmes, with many ties
// (the same day and start, the same instant in another zone), talks with
// no time, starts a nanosecond apart, and days that disagree with the
// start (after midnight), both ways; in one part and in two halves
// merged.
func TestSortProgrammeSameAsSwapping(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	east := time.FixedZone("east", 5*3600)
	for n := range 200 {
		talks := make([]model.Talk, n)
		for i := range talks {
			talks[i].ID = string(rune('a'+i%26)) + strings.Repeat("x", i/26)
			talks[i].Day = []string{"", "2025-01-01", "2025-01-02"}[rng.IntN(3)]
			if rng.IntN(5) > 0 {
				talks[i].Start = base.Add(time.Duration(rng.IntN(6))*30*time.Minute + time.Duration(rng.IntN(2)))
			}
			if rng.IntN(3) == 0 {
				talks[i].Start = talks[i].Start.In(east)
			}
		}
		want := append([]model.Talk(nil), talks...)
		sortProgrammeSwapping(want)
		for parts := 1; parts <= 2; parts++ {
			got := append([]model.Talk(nil), talks...)
			sortProgrammeParts(got, parts)
			for i := range got {
				if got[i].ID != want[i].ID {
					t.Fatalf("%d talks in %d parts: position %d holds %s, the stable swap sort put %s there", n, parts, i, got[i].ID, want[i].ID)
				}
			}
		}
	}
}

// TestOccurrenceSameAsPrinted checks that two listings are the same
// occurrence exactly when their IDs, rooms and printed starts are the
// same, for starts in one location (as a schedule's are), across a
// daylight-saving change and with no start at all.
func TestOccurrenceSameAsPrinted(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var starts []time.Time
	starts = append(starts, time.Time{})
	for _, s := range []string{"2025-10-26T01:30:00+02:00", "2025-10-26T02:30:00+02:00", "2025-10-26T02:30:00+01:00",
		"2025-10-26T03:30:00+01:00", "2025-06-01T10:00:00Z", "2025-06-01T12:00:00+02:00", "2025-06-01T12:00:00.5+02:00"} {
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, ts.In(loc))
	}
	starts = append(starts, time.Date(2025, 6, 1, 12, 0, 0, 0, loc), time.Date(2025, 6, 1, 12, 0, 0, 0, loc).AddDate(0, 0, 1))
	var talks []model.Talk
	for _, id := range []string{"a", "b"} {
		for _, room := range []string{"", "Hall"} {
			for _, st := range starts {
				talks = append(talks, model.Talk{ID: id, Room: room, Start: st})
			}
		}
	}
	for i := range talks {
		for j := range talks {
			a, b := &talks[i], &talks[j]
			printed := a.ID+"\x00"+a.Start.String()+"\x00"+a.Room == b.ID+"\x00"+b.Start.String()+"\x00"+b.Room
			if same := occurrenceOf(a.ID, a) == occurrenceOf(b.ID, b); same != printed {
				t.Errorf("%s %v %q and %s %v %q: same occurrence %v, printed the same %v", a.ID, a.Start, a.Room, b.ID, b.Start, b.Room, same, printed)
			}
		}
	}
}

// cleanTitleTrimming is cleanTitle always trimming with strings.TrimFunc.
func cleanTitleTrimming(s string) string {
	s = model.SanitizeLine(s)
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\u200c' || r == '\u200d'
	})
}

var cleanTitleCases = []string{"", " ", "a", "Talk", " Talk ", "\u200bTalk", "Talk\u200b", "\u00a0Talk\u00a0", "Talk\u0085",
	"\tTalk\n", "\vT\f", "\u2060x\u200c", "x\u200dy", "Montréal", "é", "👩\u200d💻", "a\u200d", "\u3000Talk"}

func TestCleanTitleSameAsTrimming(t *testing.T) {
	for _, s := range cleanTitleCases {
		if got, want := cleanTitle(s), cleanTitleTrimming(s); got != want {
			t.Errorf("cleanTitle(%q) = %q, trimming gives %q", s, got, want)
		}
	}
}

func FuzzCleanTitle(f *testing.F) {
	for _, s := range cleanTitleCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanTitle(s), cleanTitleTrimming(s); got != want {
			t.Fatalf("cleanTitle(%q) = %q, trimming gives %q", s, got, want)
		}
	})
}

// TestOnHostSameAsSuffix: onHost matches a host and its subdomains as
// comparing with each host and "."+host as a suffix does.
func TestOnHostSameAsSuffix(t *testing.T) {
	hosts := []string{"media.ccc.de", "youtu.be", "a.b"}
	for _, host := range []string{"", "media.ccc.de", "MEDIA.CCC.DE", "cdn.media.ccc.de", "xmedia.ccc.de", ".media.ccc.de",
		"media.ccc.de.", "ccc.de", "youtu.be", "www.youtu.be", "wwwyoutu.be", "a.b", "x.a.b", "xa.b", ".a.b", "b", "a"} {
		want := false
		for _, h := range hosts {
			if l := strings.ToLower(host); l == h || strings.HasSuffix(l, "."+h) {
				want = true
			}
		}
		if got := onHost(host, hosts); got != want {
			t.Errorf("onHost(%q) = %v, comparing with suffixes says %v", host, got, want)
		}
	}
}

// parseDurationSplitting is parseDuration splitting s into a slice of
// parts.
func parseDurationSplitting(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	parts := strings.Split(s, ":")
	if len(parts) > 4 {
		return 0, false
	}
	units := []time.Duration{time.Minute, time.Hour, 24 * time.Hour}
	if len(parts) >= 3 {
		units = []time.Duration{time.Second, time.Minute, time.Hour, 24 * time.Hour}
	}
	var d time.Duration
	for i := range parts {
		n, err := strconv.Atoi(parts[len(parts)-1-i])
		if err != nil || n < 0 || n > 10000 {
			return 0, false
		}
		d += time.Duration(n) * units[i]
	}
	return d, true
}

var parseDurationCases = []string{"", " ", ":", "::", ":::", "::::", "30", "00:30", "0:30:00", "1:00:30:00", "1:2:3:4:5",
	" 01:30 ", "23:59", "99:99", "00:00", "0:300", "001:0", "0a:30", "00:-1", "-0:30", "+1:00", "-1:00", "10001", "10000:00", "1::2", "a:b", "00:3x", "1e3", "0x10", "٣:00", "01:30\n"}

func TestParseDurationSameAsSplitting(t *testing.T) {
	for _, s := range parseDurationCases {
		got, ok := parseDuration(s)
		want, wantOK := parseDurationSplitting(s)
		if got != want || ok != wantOK {
			t.Errorf("parseDuration(%q) = %v, %v; splitting gives %v, %v", s, got, ok, want, wantOK)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range parseDurationCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseDuration(s)
		want, wantOK := parseDurationSplitting(s)
		if got != want || ok != wantOK {
			t.Fatalf("parseDuration(%q) = %v, %v; splitting gives %v, %v", s, got, ok, want, wantOK)
		}
	})
}

// labelHasLowering is labelSays as it was: a lookup in a set of words per
// kind, for each word of the label lower-cased into a buffer.
func labelHasLowering(label string, words map[string]bool) bool {
	isWord := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
	}
	for i := 0; i < len(label); {
		if !isWord(label[i]) {
			i++
			continue
		}
		j := i
		for j < len(label) && isWord(label[j]) {
			j++
		}
		if j-i <= 16 {
			var buf [16]byte
			for k := i; k < j; k++ {
				c := label[k]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[k-i] = c
			}
			if words[string(buf[:j-i])] {
				return true
			}
		}
		i = j
	}
	return false
}

// labelSetsLowering are the sets of words labelHasLowering looked in, by
// what they say.
var labelSetsLowering = map[labelWords]map[string]bool{
	saysSlides:    {"slide": true, "slides": true, "slidedeck": true, "folien": true, "presentation": true},
	saysRecording: {"recording": true, "recordings": true, "aufzeichnung": true, "mitschnitt": true},
	saysVideo:     {"video": true, "videos": true, "stream": true, "clip": true},
	saysPaper:     {"paper": true, "article": true, "preprint": true},
	saysChat:      {"chat": true, "matrix": true, "discord": true, "forum": true, "mastodon": true},
	saysFeedback:  {"feedback": true, "rate": true, "rating": true},
}

// labelSaysLowering is what labelHasLowering says of label for each set.
func labelSaysLowering(label string) labelWords {
	var says labelWords
	for kind, words := range labelSetsLowering {
		if labelHasLowering(label, words) {
			says |= kind
		}
	}
	return says
}

var labelCases = []struct {
	label string
	says  labelWords
}{
	{"", 0},
	{"Slides", saysSlides},
	{"SLIDES", saysSlides},
	{"sLiDeS", saysSlides},
	{"Slideshow of cats", 0},
	{"Video recording (WebM/VP9, 101M)", saysVideo | saysRecording},
	{"Folien (PDF export)", saysSlides},
	{"Submit feedback", saysFeedback},
	{"Chat room (web)", saysChat},
	{"paper_v2", 0},
	{"paper-v2", saysPaper},
	{"video2", 0},
	{"[Video] demo", saysVideo},
	{"rate this talk, read the paper, see the slides", saysFeedback | saysPaper | saysSlides},
	{"Präsentation", 0},
	{"Aufzeichnung", saysRecording},
	{"AUFZEICHNUNGEN", 0},
	{"presentationpresentation", 0},
	{"\u212aat rate", saysFeedback}, // the Kelvin sign is no ASCII letter
	{"clip\x00chat", saysVideo | saysChat},
	{"vid\u00e9o", 0},
	{"@LIDE", 0}, // '@' is 'A'-1: no letter in either case
	{"[late", 0},
}

// TestLabelSays checks labelSays on the cases above and against the
// lower-casing lookups it replaces, and that every word it knows is what
// equalLower assumes: lower case ASCII letters, no longer than
// maxLabelWord, filed under its length.
func TestLabelSays(t *testing.T) {
	for _, tc := range labelCases {
		if got := labelSays(tc.label); got != tc.says {
			t.Errorf("labelSays(%q) = %06b, want %06b", tc.label, got, tc.says)
		}
		if got, want := labelSays(tc.label), labelSaysLowering(tc.label); got != want {
			t.Errorf("labelSays(%q) = %06b, lower-casing says %06b", tc.label, got, want)
		}
	}
	known := 0
	for n, words := range wordsSaying {
		for _, w := range words {
			known++
			if len(w.word) != n || strings.Trim(w.word, "abcdefghijklmnopqrstuvwxyz") != "" {
				t.Errorf("word %q filed under length %d", w.word, n)
			}
			if !labelSetsLowering[w.says][w.word] {
				t.Errorf("word %q says %06b, which the sets do not", w.word, w.says)
			}
		}
	}
	for _, words := range labelSetsLowering {
		known -= len(words)
	}
	if known != 0 {
		t.Errorf("labelSays knows %d words more than the sets", known)
	}
}

func FuzzLabelSays(f *testing.F) {
	for _, tc := range labelCases {
		f.Add(tc.label)
	}
	f.Fuzz(func(t *testing.T, label string) {
		if got, want := labelSays(label), labelSaysLowering(label); got != want {
			t.Fatalf("labelSays(%q) = %06b, lower-casing says %06b", label, got, want)
		}
	})
}

// linkURLCases are links at the edges of linkURL's plain path, with
// whether it takes them.
var linkURLCases = []struct {
	raw   string
	plain bool
}{
	{"https://video.example.org/watch?v=talk-000000", true},
	{"  https://slides.example.org/talk-000000.pdf\n", true},
	{"http://example.org", true},
	{"https://1.2.3.4/x", true}, // digits are labels too
	{"https://localhost/", false},
	{"https://-a.example.org/", false},
	{"https://example.org/" + strings.Repeat("a", model.MaxLineLength), false},
	{"https://https://example.org/", false},
	{"https://http//example.org/", false}, // one label
	{"https://conf.http/x", true},
	{"https://[::1]/", false},
	{"HTTPS://example.org/", false},
	{"mailto:someone@example.org", false},
	{"#anchor", false},
	{"www.example.org", false},
	{"slides.pdf", false},
	{"https://example.org/a b", false},
	{"", false},
}

// linkURLBoth returns what linkURL and linkURLChecked give for raw, with
// the notes each writes.
func linkURLBoth(raw string, fromText bool, base string) (fast, checked [3]string, fastNotes, checkedNotes []pendingNote) {
	e := &schedEvent{Title: "A talk", ID: "1"}
	eb := newEventBuilder(eventOptions{base: base}, maphash.MakeSeed())
	run := func(f func(*schedEvent, string, string, bool, string) (string, string, bool)) ([3]string, []pendingNote) {
		eb.draft = &eventDraft{}
		u, host, ok := f(e, raw, "link", fromText, base)
		return [3]string{u, host, strconv.FormatBool(ok)}, eb.draft.notes
	}
	fast, fastNotes = run(eb.linkURL)
	checked, checkedNotes = run(func(e *schedEvent, raw, what string, fromText bool, base string) (string, string, bool) {
		return eb.linkURLChecked(e, strings.TrimSpace(raw), what, fromText, base)
	})
	return fast, checked, fastNotes, checkedNotes
}

func TestLinkURLPlainSameAsChecked(t *testing.T) {
	for _, c := range linkURLCases {
		host, plain := model.PlainHTTPURL(strings.TrimSpace(c.raw))
		plain = plain && len(strings.TrimSpace(c.raw)) <= model.MaxLineLength && domainLabels(host)
		if plain != c.plain {
			t.Errorf("%q: plain path %v, want %v", c.raw, plain, c.plain)
		}
		for _, fromText := range []bool{false, true} {
			for _, base := range []string{"", "https://conf.example.org/schedule/"} {
				fast, checked, fn, cn := linkURLBoth(c.raw, fromText, base)
				if fast != checked || !reflect.DeepEqual(fn, cn) {
					t.Errorf("%q (text %v, base %q): linkURL %q %v, linkURLChecked %q %v", c.raw, fromText, base, fast, fn, checked, cn)
				}
			}
		}
	}
}

func FuzzLinkURLPlain(f *testing.F) {
	for _, c := range linkURLCases {
		f.Add(c.raw, false)
	}
	f.Fuzz(func(t *testing.T, raw string, fromText bool) {
		fast, checked, fn, cn := linkURLBoth(raw, fromText, "https://conf.example.org/schedule/")
		if fast != checked || !reflect.DeepEqual(fn, cn) {
			t.Fatalf("%q (text %v): linkURL %q %v, linkURLChecked %q %v", raw, fromText, fast, fn, checked, cn)
		}
	})
}

// sortRunsCases are key sequences for sortRuns: empty, one, in order,
// reversed, all equal, runs with ties across them (as rooms' talks at the
// same times), an odd number of runs.
var sortRunsCases = [][]byte{
	{}, {1}, {1, 2, 3}, {3, 2, 1}, {5, 5, 5, 5},
	{1, 2, 3, 1, 2, 3, 1, 2, 3}, {1, 1, 2, 0, 1, 2, 2, 1, 1}, {2, 1, 3, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 1},
}

// checkSortRuns fails when sortRuns orders positions by keys other than
// slices.SortStableFunc does.
func checkSortRuns(t *testing.T, keys []byte) {
	t.Helper()
	byKey := func(i, j int32) int { return int(keys[i]) - int(keys[j]) }
	got, want := make([]int32, len(keys)), make([]int32, len(keys))
	for i := range keys {
		got[i], want[i] = int32(i), int32(i)
	}
	sortRuns(got, make([]int32, len(got)), byKey)
	slices.SortStableFunc(want, byKey)
	if !slices.Equal(got, want) {
		t.Fatalf("keys %v: sortRuns %v, slices.SortStableFunc %v", keys, got, want)
	}
}

func TestSortRunsSameAsSortStable(t *testing.T) {
	for _, keys := range sortRunsCases {
		checkSortRuns(t, keys)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 300 {
		keys := make([]byte, n)
		for i := range keys {
			keys[i] = byte(rng.IntN(1 + n/4))
		}
		checkSortRuns(t, keys)
	}
}

func FuzzSortRuns(f *testing.F) {
	for _, keys := range sortRunsCases {
		f.Add(keys)
	}
	f.Fuzz(checkSortRuns)
}

// rfc3339Cases are starts at the edges of parseRFC3339Plain's shape and
// ranges.
var rfc3339Cases = []string{
	"2019-11-04T09:00:00-05:00", "2019-11-04T09:00:00Z", "2019-11-04T09:00:00+14:00", "2019-11-04T09:00:00+23:59",
	"2019-11-04T09:00:00+24:00", "2019-11-04T09:00:00-00:60", "2019-11-04t09:00:00Z", "2019-11-04T09:00:00z",
	"2019-11-04T09:00:00.5Z", "2019-11-04T09:00:00.123456789+01:00", "2019-11-04T09:00Z", "2019-11-04 09:00:00Z",
	"2020-02-29T00:00:00Z", "2019-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2019-04-31T00:00:00Z",
	"2019-12-31T23:59:59Z", "2019-12-31T23:59:60Z", "2019-12-31T24:00:00Z", "2019-13-01T00:00:00Z", "2019-00-01T00:00:00Z",
	"2019-01-00T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59", "+019-01-01T00:00:00Z",
	"2019-01-01T00:00:00+01:00x", "10A0-01-01T00:00:00+00:00", "2019-01-01T00:00:00+0a:00", "2019-01-01T00:00:00+0100", "2019-01-01T00:00:00 01:00", "2019-1-01T00:00:00Z",
	"２019-01-01T00:00:00Z", "",
}

// checkRFC3339Plain fails when parseRFC3339Plain takes s and gives
// another instant than time.Parse, or one that is not the same time.Time
// once in loc, or takes what time.Parse refuses.
func checkRFC3339Plain(t *testing.T, s string, loc *time.Location) {
	t.Helper()
	got, ok := parseRFC3339Plain(s)
	if !ok {
		return
	}
	want, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("parseRFC3339Plain(%q) took it, time.Parse refuses it: %v", s, err)
	}
	if got.In(loc) != want.In(loc) {
		t.Fatalf("parseRFC3339Plain(%q) = %v, time.Parse gives %v", s, got.In(loc), want.In(loc))
	}
}

func TestRFC3339PlainSameAsParse(t *testing.T) {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	plain := 0
	for _, s := range rfc3339Cases {
		for _, l := range []*time.Location{time.UTC, loc, time.FixedZone("", -5*3600)} {
			checkRFC3339Plain(t, s, l)
		}
		if _, ok := parseRFC3339Plain(s); ok {
			plain++
		}
	}
	if plain != 9 {
		t.Errorf("%d cases took the plain path, want 9", plain)
	}
	// The date arithmetic across the years time.Parse reads, every 13th
	// day (every weekday and day of the month in turn, all leap rules)
	// at a time of day that moves too.
	for d := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= 9999; d = d.Add(13*24*time.Hour + 7*time.Minute + 11*time.Second) {
		s := d.Format("2006-01-02T15:04:05") + []string{"Z", "+01:30", "-05:00"}[d.Day()%3]
		if _, ok := parseRFC3339Plain(s); !ok {
			t.Fatalf("parseRFC3339Plain(%q) refused it", s)
		}
		checkRFC3339Plain(t, s, time.UTC)
	}
}

func FuzzRFC3339Plain(f *testing.F) {
	for _, s := range rfc3339Cases {
		f.Add(s)
	}
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkRFC3339Plain(t, s, loc)
		checkRFC3339Plain(t, s, time.UTC)
	})
}
