package model

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// searchCatalogue is a small programme built to exercise the matcher.
func searchCatalogue() *Catalogue {
	at := func(day string, hour int) time.Time {
		d, _ := time.Parse(time.DateOnly, day)
		return d.Add(time.Duration(hour) * time.Hour)
	}
	c := &Catalogue{
		Event: Event{ID: "test", Name: "Test"},
		Speakers: []Speaker{
			{ID: "kh", Name: "Kelsey Hightower", Org: "Google"},
			{ID: "jm", Name: "José Müller", Org: "Université de Montréal"},
			{ID: "at", Name: "Amélie Tremblay"},
			{ID: "ps", Name: "Priya Sharma", Org: "Shopify"},
		},
		Talks: []Talk{
			{ID: "t0", Title: "Kubernetes the Hard Way", Kind: "keynote", Speakers: []string{"kh"},
				Summary: "Bootstrapping a cluster by hand, one component at a time.",
				Topics:  []string{"kubernetes"}, Language: "en",
				Links: []Link{{Kind: LinkSlides, URL: "https://e.org/s"}, {Kind: LinkVideo, URL: "https://e.org/v"}},
				Start: at("2019-11-04", 9), Day: "2019-11-04", Room: "Salle Viger", Track: "Platform"},
			{ID: "t1", Title: "Service Meshes Explained", Kind: "talk", Speakers: []string{"jm"},
				Summary: "Envoy, Istio and Linkerd compared. We also discuss how Kubernetes networking works underneath.",
				Topics:  []string{"service mesh", "networking"}, Language: "fr",
				Links: []Link{{Kind: LinkRecording, URL: "https://e.org/r"}},
				Start: at("2019-11-04", 10), Day: "2019-11-04", Room: "Room 511", Track: "Networking"},
			{ID: "t2", Title: "Hello, Observability", Kind: "lightning", Speakers: []string{"at", "ps"},
				Summary: "h i g h t o w e r: these letters are scattered on purpose. Tracing with OpenTelemetry.",
				Topics:  []string{"observability"}, Language: "en",
				Start: at("2019-11-05", 9), Day: "2019-11-05", Room: "Salle Viger", Track: "Observability"},
			{ID: "t3", Title: "Keeping Up Behind the Edge", Kind: "talk", Speakers: []string{"ps"},
				Summary: "Edge computing in Montréal: latency, caches and the kubelet.",
				Topics:  []string{"edge"}},
			{ID: "t4", Title: "Straße to Production", Kind: "workshop",
				Summary: "A hands-on workshop about CI/CD pipelines and cloud-native delivery.",
				Topics:  []string{"ci/cd"},
				Links:   []Link{{Kind: LinkSlides, URL: "https://e.org/s4"}}},
		},
	}
	c.Index()
	return c
}

type fakeMarks map[string]string

func (m fakeMarks) Starred(id string) bool { return strings.Contains(m[id], "s") }
func (m fakeMarks) Watched(id string) bool { return strings.Contains(m[id], "w") }

func mustQuery(t *testing.T, s string) Query {
	t.Helper()
	q, err := ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	return q
}

func hitIDs(c *Catalogue, hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, c.Talks[h.Talk].ID)
	}
	return out
}

func TestSearchMatches(t *testing.T) {
	c := searchCatalogue()
	ix := NewIndex(c)
	marks := fakeMarks{"t1": "s", "t2": "sw", "t4": "w"}
	tests := []struct {
		query string
		want  []string // in rank order
	}{
		{"", []string{"t0", "t1", "t2", "t3", "t4"}},
		// A surname finds the speaker, not the summary with its letters
		// scattered.
		{"hightower", []string{"t0"}},
		{"tremblay", []string{"t2"}},
		// Accents fold both ways.
		{"montreal", []string{"t1", "t3"}},
		{"Montréal", []string{"t1", "t3"}},
		{"muller", []string{"t1"}},
		{"strasse", []string{"t4"}},
		{"amelie", []string{"t2"}},
		// Summary words match by prefix only.
		{"bootstr", []string{"t0"}},
		{"ootstrapping", []string{"t0"}}, // one edit: a letter missing
		{"strapping", []string{}},        // four edits
		{"otstrapping", []string{"t0"}},  // two, for 9+ letters
		{"envoy", []string{"t1"}},
		// Title before summary.
		{"kubernetes", []string{"t0", "t1"}},
		// AND.
		{"kubernetes envoy", []string{"t1"}},
		{"edge kubelet", []string{"t3"}},
		// Exclusion.
		{"kubernetes -envoy", []string{"t0"}},
		{`-"service mesh"`, []string{"t0", "t2", "t3", "t4"}},
		{"-speaker:priya", []string{"t0", "t1", "t4"}},
		// Phrases start a word.
		{`"hard way"`, []string{"t0"}},
		{`"ard way"`, []string{}},
		{`"component at a"`, []string{"t0"}},
		{`"cloud-native deliv"`, []string{"t4"}},
		{"ci/cd", []string{"t4"}},
		{"cloud-nat", []string{"t4"}},
		// Qualifiers.
		{"speaker:hightower", []string{"t0"}},
		{"speaker:kelsey", []string{"t0"}},
		{"speaker:ightower", []string{}},
		{"speaker:google", []string{}},
		{`speaker:"amelie trem"`, []string{"t2"}},
		{"org:google", []string{"t0"}},
		{"org:montreal", []string{"t1"}},
		{"org:shop", []string{"t2", "t3"}},
		{"topic:networking", []string{"t1"}},
		{"topic:mesh", []string{"t1"}},
		{"kind:keynote", []string{"t0"}},
		{"kind:talk", []string{"t1", "t3"}},
		{"track:platform", []string{"t0"}},
		{"room:viger", []string{"t0", "t2"}},
		{"room:511", []string{"t1"}},
		{"day:2019-11-05", []string{"t2"}},
		{"day:2019-11", []string{"t0", "t1", "t2"}},
		{"day:mon", []string{"t0", "t1"}},
		{"day:tuesday", []string{"t2"}},
		{"day:1", []string{"t0", "t1"}},
		{"day:2", []string{"t2"}},
		{"day:3", []string{}},
		{"lang:fr", []string{"t1"}},
		{"lang:french", []string{"t1"}},
		{"lang:francais", []string{"t1"}},
		{"lang:en", []string{"t0", "t2"}},
		{"has:slides", []string{"t0", "t4"}},
		{"has:video", []string{"t0", "t1"}},
		{"has:schedule", []string{"t0", "t1", "t2"}},
		{"-has:schedule", []string{"t3", "t4"}},
		{"is:starred", []string{"t1", "t2"}},
		{"is:watched", []string{"t2", "t4"}},
		{"is:starred -is:watched", []string{"t1"}},
		{"has:slides kube", []string{"t0"}},
	}
	for _, tt := range tests {
		got := hitIDs(c, ix.Search(mustQuery(t, tt.query), marks))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
	// No marks: nothing is starred.
	if got := ix.Search(mustQuery(t, "is:starred"), nil); len(got) != 0 {
		t.Errorf("is:starred with nil marks = %v, want none", hitIDs(c, got))
	}
	if got := ix.Search(mustQuery(t, "-is:starred"), nil); len(got) != len(c.Talks) {
		t.Errorf("-is:starred with nil marks = %v, want all", hitIDs(c, got))
	}
}

func TestSearchRanking(t *testing.T) {
	mk := func(titles ...string) *Index {
		c := &Catalogue{Speakers: []Speaker{{ID: "s", Name: "Nobody"}}}
		for i, title := range titles {
			c.Talks = append(c.Talks, Talk{ID: title, Title: title, Speakers: []string{"s"},
				Summary: "filler text " + string(rune('a'+i))})
		}
		c.Index()
		return NewIndex(c)
	}
	tests := []struct {
		name   string
		titles []string
		query  string
		want   []string
	}{
		{"contiguous before scattered",
			[]string{"Kafka Under Bench Engineering", "Learning Kube"}, "kube",
			[]string{"Learning Kube", "Kafka Under Bench Engineering"}},
		{"a word start, not mid-word",
			[]string{"Minikube Tricks", "Kube Tricks"}, "kube",
			[]string{"Kube Tricks"}},
		{"prefix of the title before later word",
			[]string{"All About Helm", "Helm All About"}, "helm",
			[]string{"Helm All About", "All About Helm"}},
		{"ties keep programme order",
			[]string{"Helm B", "Helm A", "Helm C"}, "helm",
			[]string{"Helm B", "Helm A", "Helm C"}},
		{"abbreviations across word starts, not scattered letters",
			[]string{"Grafana Loki Operations", "Generic Fast Object Storage Operations"}, "gfo",
			[]string{"Generic Fast Object Storage Operations"}},
		{"exact before typo before abbreviation",
			[]string{"Real Under Some Trees", "Rusty Trust", "Rsut Basics", "Trust Issues", "Rust Basics"}, "rust",
			[]string{"Rust Basics", "Rusty Trust", "Real Under Some Trees"}},
		{"one edit before two",
			[]string{"Kubernets Basics", "Kubrenets", "Kuberentes Day", "Kbernetes"}, "kubernetes",
			[]string{"Kubernets Basics", "Kuberentes Day", "Kbernetes", "Kubrenets"}},
		{"typos from five letters",
			[]string{"Helm", "Hlem", "Prometheus", "Promethues"}, "prometheus",
			[]string{"Prometheus", "Promethues"}},
	}
	for _, tt := range tests {
		ix := mk(tt.titles...)
		got := hitIDs(ix.Catalogue(), ix.Search(mustQuery(t, tt.query), nil))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Search(%q) = %v, want %v", tt.name, tt.query, got, tt.want)
		}
	}

	// Title and speaker hits come before summary hits, topics in between.
	c := &Catalogue{
		Speakers: []Speaker{{ID: "a", Name: "Ann Example"}, {ID: "b", Name: "Rook Maintainer"}},
		Talks: []Talk{
			{ID: "summary", Title: "Storage Day", Speakers: []string{"a"}, Summary: "We run rook in production."},
			{ID: "topic", Title: "Ceph Day", Speakers: []string{"a"}, Topics: []string{"rook"}},
			{ID: "speaker", Title: "Operators", Speakers: []string{"b"}},
			{ID: "title", Title: "Rook Internals", Speakers: []string{"a"}},
			{ID: "acronym", Title: "Running Our Own Kafka", Speakers: []string{"a"}},
			{ID: "scattered", Title: "Real Kafka Under Operators", Speakers: []string{"a"}},
		},
	}
	c.Index()
	ix := NewIndex(c)
	got := hitIDs(c, ix.Search(mustQuery(t, "rook"), nil))
	want := []string{"speaker", "title", "topic", "summary", "acronym"}
	if !slices.Equal(got, want) {
		t.Errorf("field order: Search(rook) = %v, want %v", got, want)
	}
}

func TestSearchPositions(t *testing.T) {
	c := searchCatalogue()
	ix := NewIndex(c)
	if got := ix.SpeakerLine(1); got != "José Müller (Université de Montréal)" {
		t.Fatalf("SpeakerLine(1) = %q", got)
	}
	if got := ix.SpeakerLine(2); got != "Amélie Tremblay, Priya Sharma (Shopify)" {
		t.Fatalf("SpeakerLine(2) = %q", got)
	}
	if got := ix.SpeakerLine(4); got != "" {
		t.Fatalf("SpeakerLine(4) = %q", got)
	}
	tests := []struct {
		query    string
		talk     string
		title    string // the matched title runes, in order
		speakers string // the matched speakers-line runes
	}{
		{"kube", "t0", "Kube", ""},
		{"hard way", "t0", "HardWay", ""},
		{`"hard way"`, "t0", "Hard Way", ""},
		{"hightower", "t0", "", "Hightower"},
		{"muller", "t1", "", "Müller"},
		{"montreal", "t1", "", "Montréal"},
		{"jose mesh", "t1", "Mesh", "José"},
		{"speaker:muller", "t1", "", "Müller"},
		{"org:montreal", "t1", "", "Montréal"},
		{"strasse", "t4", "Straße", ""},
		{"stp", "t4", "StP", ""},
		{"servmesh", "t1", "ServMesh", ""},
		{"srvc", "t1", "Srvc", ""},
		{"kubrenetes", "t0", "Kubernetes", ""},
		{"hightowre", "t0", "", "Hightower"},
		{"hard -way", "", "", ""},
		{"envoy", "t1", "", ""},
	}
	for _, tt := range tests {
		hits := ix.Search(mustQuery(t, tt.query), nil)
		if tt.talk == "" {
			if len(hits) != 0 {
				t.Errorf("%q: want no hits, got %v", tt.query, hitIDs(c, hits))
			}
			continue
		}
		if len(hits) == 0 || c.Talks[hits[0].Talk].ID != tt.talk {
			t.Errorf("%q: want first hit %s, got %v", tt.query, tt.talk, hitIDs(c, hits))
			continue
		}
		q := mustQuery(t, tt.query)
		title, speakers := ix.Highlight(q, hits[0].Talk)
		if got := runesAt(c.Talks[hits[0].Talk].Title, title); got != tt.title {
			t.Errorf("%q: title positions %v = %q, want %q", tt.query, title, got, tt.title)
		}
		if got := runesAt(ix.SpeakerLine(hits[0].Talk), speakers); got != tt.speakers {
			t.Errorf("%q: speakers positions %v = %q, want %q", tt.query, speakers, got, tt.speakers)
		}
		// The result's Highlight is the index's.
		rt, rs := ix.Refine(nil, q, nil).Highlight(hits[0].Talk)
		if !slices.Equal(rt, title) || !slices.Equal(rs, speakers) {
			t.Errorf("%q: Result.Highlight = %v %v, Index.Highlight = %v %v", tt.query, rt, rs, title, speakers)
		}
	}
	// An empty query has no positions and no scores.
	all := ix.Refine(nil, Query{}, nil)
	for _, h := range all.Hits {
		title, speakers := all.Highlight(h.Talk)
		if title != nil || speakers != nil || h.Score != 0 {
			t.Errorf("empty query hit %+v has positions %v %v or a score", h, title, speakers)
		}
	}
	// Out of range, and a nil result: nothing.
	for _, talk := range []int{-1, len(c.Talks)} {
		if title, speakers := ix.Highlight(mustQuery(t, "kube"), talk); title != nil || speakers != nil {
			t.Errorf("Highlight(kube, %d) = %v %v", talk, title, speakers)
		}
	}
	if title, speakers := (*Result)(nil).Highlight(0); title != nil || speakers != nil {
		t.Errorf("nil Result: Highlight = %v %v", title, speakers)
	}
}

// runesAt returns the runes of s starting at the byte offsets ps, checking
// they are ascending rune starts.
func runesAt(s string, ps []int) string {
	var b strings.Builder
	last := -1
	for _, p := range ps {
		if p <= last || p >= len(s) || !utf8.RuneStart(s[p]) {
			return "<bad offsets>"
		}
		last = p
		r := []rune(s[p:])[0]
		b.WriteRune(r)
	}
	return b.String()
}

func TestRefine(t *testing.T) {
	c := searchCatalogue()
	ix := NewIndex(c)
	var prev *Result
	for _, s := range []string{"k", "ku", "kub", "kube", "kube ", "kube e", "kube en", "kube", "ku", "", "s", "se", `"se`, "-s", "-sp", "speaker:a", "speaker:am"} {
		q, err := ParseQuery(s)
		if err != nil {
			continue // the UI keeps prev
		}
		r := ix.Refine(prev, q, nil)
		if r.Query != s {
			t.Errorf("Refine(%q).Query = %q", s, r.Query)
		}
		want := ix.Search(q, nil)
		if !reflect.DeepEqual(r.Hits, want) {
			t.Errorf("Refine(%q) = %+v, want %+v", s, r.Hits, want)
		}
		prev = r
	}
	// A result from another index is not reused.
	other := NewIndex(searchCatalogue())
	r := other.Refine(nil, mustQuery(t, "kube"), nil)
	if got := ix.Refine(r, mustQuery(t, "kubernetes"), nil); !reflect.DeepEqual(got.Hits, ix.Search(mustQuery(t, "kubernetes"), nil)) {
		t.Errorf("Refine across indexes differs from Search")
	}
}

func TestNarrows(t *testing.T) {
	tests := []struct {
		prev, next string
		want       bool
	}{
		{"kub", "kube", true},
		{"kube", "kube helm", true},
		{"kube", "helm kube", true},
		{"kube", "kub", false},
		{"kube", "kxube", false},
		{"kube", "kuber", false},         // typos from 5 letters
		{"kuber", "kubern", true},        // one typo both
		{"kubernet", "kubernete", false}, // two typos from 9
		{"kube", "-kube", false},
		{"-kub", "-kube", false},
		{"-kube", "-kube helm", true},
		{`"service me"`, `"service mesh"`, true},
		{"speaker:tr", "speaker:tre", true},
		{"speaker:tr", "org:tre", false},
		{"day:1", "day:12", false},
		{"lang:fr", "lang:fra", false},
		{"is:starred", "is:starred kube", true},
		{"", "anything", true},
	}
	for _, tt := range tests {
		p, n := mustQuery(t, tt.prev), mustQuery(t, tt.next)
		if got := narrows(p, n); got != tt.want {
			t.Errorf("narrows(%q, %q) = %v, want %v", tt.prev, tt.next, got, tt.want)
		}
	}
}

// TestSearchPositionsLongField covers titles too long for the 16-bit offset
// tables, whose positions are mapped on the fly.
func TestSearchPositionsLongField(t *testing.T) {
	long := strings.Repeat("é", 40000) + " Kübe"
	c := &Catalogue{Talks: []Talk{{ID: "a", Title: long}, {ID: "b", Title: "Kübe"}}}
	c.Index()
	ix := NewIndex(c)
	hits := ix.Search(mustQuery(t, "kube"), nil)
	if len(hits) != 2 {
		t.Fatalf("hits = %v", hitIDs(c, hits))
	}
	for _, h := range hits {
		title, _ := ix.Highlight(mustQuery(t, "kube"), h.Talk)
		if got := runesAt(c.Talks[h.Talk].Title, title); got != "Kübe" {
			t.Errorf("talk %d: positions %v = %q, want Kübe", h.Talk, title, got)
		}
	}
}

func TestIndexByteFrom(t *testing.T) {
	// Every position, byte value neighbour and length around the 8-byte
	// words, against bytes.IndexByte.
	for n := 0; n <= 40; n++ {
		for _, fill := range []byte{'a', 0x00, 0x80, 0xff, 'b' - 1, 'b' + 1, 'b'} {
			h := make([]byte, n)
			for i := range h {
				h[i] = fill
			}
			for at := -1; at < n; at++ {
				if at >= 0 {
					h[at] = 'b'
				}
				for from := 0; from <= n; from++ {
					want := bytes.IndexByte(h[from:], 'b')
					if want >= 0 {
						want += from
					}
					if got := indexByteFrom(h, from, 'b'); got != want {
						t.Fatalf("indexByteFrom(%q, %d, 'b') = %d, want %d", h, from, got, want)
					}
				}
				if at >= 0 {
					h[at] = fill
				}
			}
		}
	}
}

// TestSummaryWords checks the summary vocabulary against a plain
// tokenization, on a catalogue large enough to be indexed in two parts.
func TestSummaryWords(t *testing.T) {
	vocab := []string{"Kubernetes", "clusters", "Montréal", "straße", "ci/cd", "e2e", "édition", "the", "a", "Zoë's", "naïve", "日本語", "cloud-native"}
	c := &Catalogue{}
	for i := range 5000 {
		var b strings.Builder
		for k := range 3 + i%7 {
			if k > 0 {
				b.WriteString([]string{" ", ", ", ". ", " - "}[(i+k)%4])
			}
			b.WriteString(vocab[(i*7+k*k*3)%len(vocab)])
		}
		c.Talks = append(c.Talks, Talk{ID: strings.Repeat("x", 1+i%3) + string(rune('a'+i%26)), Title: "T", Summary: b.String()})
	}
	ix := NewIndex(c)
	ix.summariesDone() // a big catalogue's are completed in the background
	if !slices.IsSorted(ix.words) {
		t.Fatal("vocabulary is not sorted")
	}
	for i := range c.Talks {
		want := map[string]bool{}
		for _, w := range strings.FieldsFunc(foldString(c.Talks[i].Summary), func(r rune) bool {
			return r < utf8.RuneSelf && !isWordByte(byte(r))
		}) {
			want[w] = true
		}
		m := &ix.meta[i]
		got := map[string]bool{}
		for _, id := range ix.sumIDs[m.sumStart:m.sumEnd] {
			if got[ix.words[id]] {
				t.Fatalf("talk %d: word %q twice", i, ix.words[id])
			}
			got[ix.words[id]] = true
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("talk %d (%q): words %v, want %v", i, c.Talks[i].Summary, got, want)
		}
	}
	// The postings agree with the per-talk words.
	for w := range ix.words {
		for _, i := range ix.postTalks[ix.postOff[w]:ix.postOff[w+1]] {
			m := &ix.meta[i]
			if !slices.Contains(ix.sumIDs[m.sumStart:m.sumEnd], uint32(w)) {
				t.Fatalf("posting of %q lists talk %d, whose summary lacks it", ix.words[w], i)
			}
		}
	}
}
