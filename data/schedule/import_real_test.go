package schedule_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/data/schedule"
	"cndtalks/model"
)

// The real exports live beside the repository, in ../shared (see
// ../shared/fixtures/schedules/SOURCES.md); they are test input only and are
// never copied into the repository. The expected figures below were counted
// independently of this code (Python over the raw files).
const realSchedules = "../../../shared/fixtures/schedules"

func loadReal(t testing.TB, file string) *data.Result {
	t.Helper()
	path := filepath.Join(realSchedules, file)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real schedule %s not available (needs ../shared beside the repo): %v", file, err)
	}
	res, err := data.LoadFile(path)
	if err != nil {
		t.Fatalf("LoadFile(%s): %v", file, err)
	}
	return res
}

type realCounts struct {
	format   string
	talks    int
	speakers int
	links    map[model.LinkKind]int
	// lost counts notes about something dropped or shortened, repairs
	// the notes about input read as meant with nothing lost.
	lost, repairs int
	// afterMidnight counts talks whose start falls on the calendar day
	// after the day they are listed under.
	afterMidnight int
	rooms         int
	perDay        map[string]int
}

func checkCounts(t *testing.T, res *data.Result, want realCounts) {
	t.Helper()
	c := res.Catalogue
	if res.Format != want.format {
		t.Errorf("format = %q, want %q", res.Format, want.format)
	}
	if len(c.Talks) != want.talks {
		t.Errorf("%d talks, want %d", len(c.Talks), want.talks)
	}
	if len(c.Speakers) != want.speakers {
		t.Errorf("%d speakers, want %d", len(c.Speakers), want.speakers)
	}
	links := map[model.LinkKind]int{}
	rooms := map[string]bool{}
	perDay := map[string]int{}
	after := 0
	for i := range c.Talks {
		tk := &c.Talks[i]
		for _, l := range tk.Links {
			links[l.Kind]++
			if _, err := model.SafeURL(l.URL); err != nil {
				t.Errorf("%s: unsafe link kept: %v", tk.ID, err)
			}
		}
		rooms[tk.Room] = true
		perDay[tk.Day]++
		if !tk.HasSchedule() {
			t.Errorf("%s has no start", tk.ID)
		}
		if tk.Start.Format(time.DateOnly) != tk.Day {
			after++
		}
	}
	for k, n := range want.links {
		if links[k] != n {
			t.Errorf("%d %s links, want %d", links[k], k, n)
		}
	}
	for k, n := range links {
		if _, ok := want.links[k]; !ok {
			t.Errorf("%d unexpected %s links", n, k)
		}
	}
	lost, repairs := 0, 0
	for _, s := range res.Skipped {
		if s.Lost() {
			lost++
		} else {
			repairs++
		}
	}
	if lost != want.lost || repairs != want.repairs {
		t.Errorf("%d notes of losses and %d of repairs, want %d and %d: %v", lost, repairs, want.lost, want.repairs, schedule.Notices(res.Skipped))
	}
	if after != want.afterMidnight {
		t.Errorf("%d talks after midnight, want %d", after, want.afterMidnight)
	}
	if len(rooms) != want.rooms {
		t.Errorf("%d rooms, want %d", len(rooms), want.rooms)
	}
	for d, n := range want.perDay {
		if perDay[d] != n {
			t.Errorf("day %s: %d talks, want %d", d, perDay[d], n)
		}
	}
	if len(perDay) != len(want.perDay) {
		t.Errorf("days = %v, want %v", perDay, want.perDay)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("imported catalogue does not validate: %v", err)
	}
	for i := range c.Talks {
		tk := &c.Talks[i]
		for _, s := range []string{tk.Title, tk.Subtitle, tk.Summary, tk.Room, tk.Track, tk.Kind} {
			if model.Sanitize(s) != s || strings.Contains(s, "\r") {
				t.Errorf("%s: text not sanitised: %q", tk.ID, s)
			}
		}
	}
}

func TestReal39C3(t *testing.T) {
	res := loadReal(t, "39c3-everything.schedule.json")
	checkCounts(t, res, realCounts{
		format:   schedule.FormatFrabJSON,
		talks:    895,
		speakers: 709, // distinct person guids; names repeat across people
		// 15 links + 19 attachments (all kept, the relative ones resolved),
		// 895 event pages (url) + 452 pretalx pages (origin_url), 181
		// feedback_urls
		links: map[model.LinkKind]int{
			model.LinkSlides: 12, model.LinkWeb: 22, model.LinkPage: 1347, model.LinkFeedback: 181,
		},
		afterMidnight: 46,
		rooms:         58,
		perDay:        map[string]int{"2025-12-27": 251, "2025-12-28": 293, "2025-12-29": 259, "2025-12-30": 92},
	})
	c := res.Catalogue
	ev := c.Event
	if ev.ID != "39c3" || ev.Name != "39th Chaos Communications Congress" || ev.TimeZone != "Europe/Berlin" ||
		ev.Date != "2025-12-27" || ev.EndDate != "2025-12-30" || ev.Year != 2025 {
		t.Errorf("event = %+v", ev)
	}

	open := mustTalk(t, c, "0c8b0cb4-6cf9-5ff8-928a-0a0f49558c48")
	wantStart(t, open, "2025-12-27T10:30:00+01:00", "Europe/Berlin", "2025-12-27")
	if open.Title != "Opening Ceremony" || open.Room != "One" || open.Duration != 30*time.Minute ||
		open.Kind != "ceremony" || open.Language != "de" || open.Track != "CCC & Community" {
		t.Errorf("opening = %+v", open)
	}
	if got := strings.Join(speakerNames(c, open), "|"); got != "pajowu|Stella" {
		t.Errorf("opening speakers = %s", got)
	}

	// After midnight, listed under the day before.
	late := mustTalk(t, c, "541adc49-b284-5b53-be9a-e639e9d4fac0")
	wantStart(t, late, "2025-12-28T01:00:00+01:00", "Europe/Berlin", "2025-12-27")
	if late.Title != "GAYLIENZ" || late.Room != "Chaos Computer Music Club" {
		t.Errorf("GAYLIENZ = %+v", late)
	}

	// The title that starts with U+200B.
	wiss := mustTalk(t, c, "7b91e420-b195-5724-b3fb-8820a90e27b5")
	if wiss.Title != "WissPod Jahresrückblick 2025 oder: KI in der Wissenschaft!?" {
		t.Errorf("title = %q", wiss.Title)
	}

	// A relative slides attachment resolved against the pretalx instance.
	bt := mustTalk(t, c, "760c1f6b-349e-5ee3-9eeb-4a0f20dc902a")
	if l, ok := bt.Link(model.LinkSlides); !ok || l.URL != "https://cfp.cccv.de/media/39c3/submissions/ZADHHE/resources/2025_39C3_LiberatingBluetooth_MFFpRgs.pdf" || l.Label != "Slides" {
		t.Errorf("slides = %+v (links %v)", l, bt.Links)
	}
	if got := speakerNames(c, bt); len(got) != 1 || got[0] != "Antonio Vázquez Blanco (Antón)" {
		t.Errorf("speakers = %v", got)
	}

	// The IDN host, punycoded so any browser opens it.
	dt := mustTalk(t, c, "a2dd3dc7-ecae-50b3-82d9-266ad02f7a40")
	wantLinks(t, dt, map[string]model.LinkKind{
		"https://magicalcodewit.ch/39c3-slides/": model.LinkSlides,
		"https://xn--zgli-0ra.app":               model.LinkWeb,
		"https://events.ccc.de/congress/2025/hub/event/detail/all-my-deutschlandtickets-gone-fraud-at-an-industrial-scale": model.LinkPage,
		"https://cfp.cccv.de/39c3/talk/JZ9A3E/": model.LinkPage,
	})

	// Raw HTML inside a Markdown description becomes Markdown.
	tt := mustTalk(t, c, "f9a035c9-f239-508c-a3ae-5cde981de8f2")
	for _, want := range []string{
		"Nietzsche's famous [rope](https://www.goodreads.com/quotes/384722-man-is-a-rope-stretched-between-the-animal-and-the)—between",
		"*[Great Chain of Being](https://en.wikipedia.org/wiki/Great_chain_of_being)*",
		"**tl;dr:**",
	} {
		if !strings.Contains(tt.Summary, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if strings.Contains(tt.Summary, "<a ") {
		t.Errorf("raw HTML left in summary")
	}

	// Three different people are called "Unnamed user".
	unnamed := 0
	for _, s := range c.Speakers {
		if s.Name == "Unnamed user" {
			unnamed++
		}
	}
	if unnamed != 3 {
		t.Errorf("%d speakers named Unnamed user, want 3", unnamed)
	}
	// The 30 KB description is kept whole.
	big := mustTalk(t, c, "2dc5fbcf-c327-4df4-95ab-7f9e18f42155")
	if len(big.Summary) < 30000 || big.Title != "Cider Flows @ FHB" {
		t.Errorf("30 KB description: summary is %d bytes", len(big.Summary))
	}
}

func TestRealPretalxRC3(t *testing.T) {
	res := loadReal(t, "pretalx-rc3-channels-2020.schedule.json")
	checkCounts(t, res, realCounts{
		format:   schedule.FormatFrabJSON,
		talks:    48,
		speakers: 56, // 57 person entries, one person (one code) twice
		links:    map[model.LinkKind]int{model.LinkPage: 48},
		rooms:    5,
		perDay:   map[string]int{"2020-12-27": 12, "2020-12-28": 15, "2020-12-29": 14, "2020-12-30": 7},
	})
	c := res.Catalogue
	if c.Event.ID != "rc3-channels-2020" || c.Event.Name != "rC3 Channels" {
		t.Errorf("event = %+v", c.Event)
	}
	// No zone name in the file: the offset of its dates.
	tk := mustTalk(t, c, "c3642671-4c1f-5109-81ba-0535c1cc8428")
	if tk.Start.Format(time.RFC3339) != "2020-12-27T11:30:00+01:00" || tk.Duration != 40*time.Minute ||
		tk.Room != "r3s - Monheim/Rhein" || tk.Day != "2020-12-27" {
		t.Errorf("talk 15 = %+v", tk)
	}
	// Persons with only a public_name, keyed by their code.
	if got := strings.Join(speakerNames(c, tk), "|"); got != "Chris Fiege|Kasa" || tk.Speakers[0] != "SCD9VJ" {
		t.Errorf("speakers = %s %v", got, tk.Speakers)
	}
	lost := mustTalk(t, c, "52fc5180-b16c-5218-a4ba-9319eb02a15e")
	for _, want := range []string{
		"In particular, we'll discuss\n\n- IBM i, with emphasis on the Single Level Store, TIMI, and block terminals\n- Interlisp,",
		"- TRON, Japan's ambitious OS standard\n\nMore may be added as time permits.",
	} {
		if !strings.Contains(lost.Summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, lost.Summary)
		}
	}
	if got := strings.Join(speakerNames(c, lost), "|"); got != "Calvin Buckley|Techfury90|thequux" {
		t.Errorf("speakers = %s", got)
	}
	boxes := mustTalk(t, c, "a773d13d-f284-5829-8068-b3444a2c13bb")
	if !strings.Contains(boxes.Summary, "[Boxes.py](https://festi.info/boxes.py/?language=en)") {
		t.Errorf("link not converted: %s", boxes.Summary)
	}
}

func TestRealFOSDEM2023(t *testing.T) {
	res := loadReal(t, "fosdem-2023.schedule.xml")
	checkCounts(t, res, realCounts{
		format:   schedule.FormatPentabarfXML,
		talks:    780,
		speakers: 787,
		// 4 video files attached by speakers are other videos, not the
		// talk's recording (they were "recording" before roles); links to
		// video sites are videos; "Submit feedback" is feedback.
		links: map[model.LinkKind]int{
			model.LinkSlides: 546, model.LinkRecording: 1301, model.LinkVideo: 41, model.LinkPaper: 24,
			model.LinkCommunity: 1961, model.LinkWeb: 817, model.LinkFeedback: 780,
		},
		// 13 hrefs that are just "https://" (or "https:///..."), one
		// mailto: and one scheme-less "#room:server" are dropped with a
		// reason; "https://https://github.com/..." is read once.
		lost: 15, repairs: 1,
		rooms:  35,
		perDay: map[string]int{"2023-02-04": 403, "2023-02-05": 377},
	})
	c := res.Catalogue
	ev := c.Event
	if ev.ID != "fosdem-2023" || ev.Name != "FOSDEM 2023" || ev.City != "Brussels" || ev.Venue != "ULB (Université Libre de Bruxelles)" ||
		ev.TimeZone != "Europe/Brussels" || ev.Date != "2023-02-04" || ev.EndDate != "2023-02-05" {
		t.Errorf("event = %+v", ev)
	}
	reasons := map[string]int{}
	for _, s := range res.Skipped {
		switch {
		case strings.Contains(s.Detail, "has no host"):
			reasons["no host"]++
		case strings.Contains(s.Reason, "mailto"):
			reasons["mailto"]++
		case s.Reason == "not a URL" && strings.HasPrefix(s.Detail, `"#`):
			reasons["fragment"]++
		}
	}
	if reasons["no host"] != 13 || reasons["mailto"] != 1 || reasons["fragment"] != 1 {
		t.Errorf("skip reasons = %v", reasons)
	}

	// 646 talks link their recording as .webm/.mp4 files; two more attach
	// a video file (type "video"), which is a clip, not their recording.
	media := regexp.MustCompile(`\.(webm|mp4)$`)
	withVideo := 0
	for i := range c.Talks {
		for _, l := range c.Talks[i].Links {
			if l.Kind == model.LinkRecording && media.MatchString(l.URL) {
				withVideo++
				break
			}
		}
	}
	if withVideo != 646 {
		t.Errorf("%d talks with a recording, want 646", withVideo)
	}

	w := mustTalk(t, c, "15059")
	wantStart(t, w, "2023-02-04T09:30:00+01:00", "Europe/Brussels", "2023-02-04")
	if w.Title != "Welcome to FOSDEM 2023" || w.Room != "Janson" || w.Duration != 25*time.Minute || w.Kind != "keynote" ||
		w.Summary != "FOSDEM welcome and opening talk.\n\nWelcome to FOSDEM 2023!" {
		t.Errorf("welcome = %+v", w)
	}
	if got := strings.Join(speakerNames(c, w), "|"); got != "FOSDEM Staff|Richard Hartmann" {
		t.Errorf("speakers = %s", got)
	}
	if l, ok := w.Link(model.LinkSlides); !ok || !strings.HasSuffix(l.URL, "/slides/5986/2023_02_04_FOSDEM_Welcome_opening_talk.pdf") {
		t.Errorf("slides = %+v", l)
	}

	oss := mustTalk(t, c, "14956")
	if v, ok := oss.VideoLink(); !ok || v.URL != "https://video.fosdem.org/2023/Janson/celebrating_25_years_of_open_source.webm" || v.Label != "Video recording (WebM/VP9, 101M)" {
		t.Errorf("video = %+v", v)
	}
	if oss.Subtitle != "Past, Present, and Future" {
		t.Errorf("subtitle = %q", oss.Subtitle)
	}

	// Entity-escaped HTML with headings and lists, as Markdown.
	cra := mustTalk(t, c, "14776")
	if !strings.HasPrefix(cra.Summary, "### The abstract\n\nNLnet Labs and Red Hat") ||
		!strings.Contains(cra.Summary, ";\n\n- The Cyber Resilience Act (CRA), intends") ||
		!strings.Contains(cra.Summary, "\n\n### Lightning Talks (~45min)\n\n") {
		t.Errorf("summary:\n%s", cra.Summary)
	}

	// Double-escaped "&amp;amp;" decoded exactly once; a room with spaces
	// in its video URLs.
	gfx := mustTalk(t, c, "14110")
	if !strings.Contains(gfx.Summary, "applications & products") || strings.Contains(gfx.Summary, "&amp;") {
		t.Errorf("summary = %s", gfx.Summary)
	}
	if gfx.Room != "K.1.105 (La Fontaine)" {
		t.Errorf("room = %q", gfx.Room)
	}
	if v, ok := gfx.VideoLink(); !ok || v.URL != "https://video.fosdem.org/2023/K.1.105%20(La%20Fontaine)/graphics_a_frames_journey.webm" {
		t.Errorf("video = %+v", v)
	} else if u, err := model.SafeURL(v.URL); err != nil || u.String() != v.URL {
		t.Errorf("video URL does not survive SafeURL unchanged: %v %v", u, err)
	}

	// Whitespace around titles and names is trimmed.
	elisa := mustTalk(t, c, "14293")
	if elisa.Title != "The ELISA Project - Enabling Linux in Safety Applications" {
		t.Errorf("title = %q", elisa.Title)
	}
	// v opens the talk's own recording, not the YouTube clip linked
	// before it; o opens the slides.
	if v, ok := elisa.VideoLink(); !ok || v.URL != "https://video.fosdem.org/2023/Janson/elisa.webm" {
		t.Errorf("ELISA video = %+v", v)
	}
	if l, ok := elisa.MainLink(); !ok || l.Kind != model.LinkSlides {
		t.Errorf("ELISA main link = %+v", l)
	}
	if got := speakerNames(c, mustTalk(t, c, "14335")); len(got) != 1 || got[0] != "Andreea Florescu" {
		t.Errorf("speakers = %q", got)
	}
}

// BenchmarkImport39C3 measures the whole import of the 2.6 MB 39C3 export:
// JSON decoding, HTML to Markdown, sanitising, validating and indexing.
func BenchmarkImport39C3(b *testing.B) {
	path := filepath.Join(realSchedules, "39c3-everything.schedule.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("real schedule not available (needs ../shared beside the repo): %v", err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := data.Parse(path, raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportFOSDEM2023 is the same for the 2 MB FOSDEM schedule.xml.
func BenchmarkImportFOSDEM2023(b *testing.B) {
	path := filepath.Join(realSchedules, "fosdem-2023.schedule.xml")
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("real schedule not available (needs ../shared beside the repo): %v", err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := data.Parse(path, raw); err != nil {
			b.Fatal(err)
		}
	}
}
