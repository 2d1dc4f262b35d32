package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// termString renders a parsed term compactly for comparisons.
func termString(t term) string {
	names := map[termKind]string{
		termWord: "word", termPhrase: "phrase", termSpeaker: "speaker", termOrg: "org",
		termTopic: "topic", termKindQ: "kind", termTrack: "track", termRoom: "room",
		termDay: "day", termLang: "lang", termHas: "has", termIs: "is",
	}
	s := names[t.kind] + "=" + t.value
	if t.neg {
		s = "-" + s
	}
	return s
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want string // terms joined by " | "
	}{
		{"", ""},
		{"   ", ""},
		{"kube", "word=kube"},
		{"Kube  Helm", "word=kube | word=helm"},
		{"\tkube\n", "word=kube"},
		{"Montréal", "word=montreal"},
		{"ŁÓDŹ straße", "word=lodz | word=strasse"},
		{`"service mesh"`, "phrase=service mesh"},
		{`"Service  Mesh" kube`, "phrase=service  mesh | word=kube"},
		{`-"service mesh"`, "-phrase=service mesh"},
		{"-helm", "-word=helm"},
		{"kube -helm -istio", "word=kube | -word=helm | -word=istio"},
		{"cloud-native", "word=cloud-native"},
		{"a-b -c", "word=a-b | -word=c"},
		{`foo"bar baz"`, "word=foo | phrase=bar baz"},
		{"speaker:hightower", "speaker=hightower"},
		{"SPEAKER:Hightower", "speaker=hightower"},
		{`speaker:"Kelsey Hightower"`, "speaker=kelsey hightower"},
		{"org:Montréal", "org=montreal"},
		{"topic:ebpf", "topic=ebpf"},
		{"kind:keynote", "kind=keynote"},
		{"track:security", "track=security"},
		{"room:511", "room=511"},
		{"day:2019-11-04", "day=2019-11-04"},
		{"day:monday", "day=monday"},
		{"day:2", "day=2"},
		{"lang:fr", "lang=fr"},
		{"lang:Français", "lang=francais"},
		{"has:slides", "has=slides"},
		{"has:video", "has=video"},
		{"has:schedule", "has=schedule"},
		{"is:starred", "is=starred"},
		{"is:watched", "is=watched"},
		{"-is:watched", "-is=watched"},
		{"-speaker:smith kube", "-speaker=smith | word=kube"},
		{"10:30", "word=10:30"},
		{"c++", "word=c++"},
		{"e\u0301", "word=e"},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		var got []string
		for _, term := range q.terms {
			got = append(got, termString(term))
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("ParseQuery(%q) = %q, want %q", tt.in, g, tt.want)
		}
		if q.String() != tt.in {
			t.Errorf("ParseQuery(%q).String() = %q", tt.in, q.String())
		}
		if q.Empty() != (tt.want == "") {
			t.Errorf("ParseQuery(%q).Empty() = %v", tt.in, q.Empty())
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in       string
		pos, end int
		msg      string // substring of Msg
		col      string // substring of Error()
	}{
		{`"service mesh`, 0, 13, "unclosed quote", "column 1"},
		{`kube "mesh`, 5, 10, "unclosed quote", "column 6"},
		{`speaker:"kelsey`, 8, 15, "unclosed quote", "column 9"},
		{`-"mesh`, 1, 6, "unclosed quote", "column 2"},
		{"foo:bar", 0, 4, `unknown qualifier "foo:"`, "column 1"},
		{"kube Author:x", 5, 12, `unknown qualifier "author:"`, "column 6"},
		{"é foo:bar", 3, 7, "unknown qualifier", "column 3"},
		{"speaker:", 0, 8, "speaker: needs a value", "column 1"},
		{"kube org: x", 5, 9, "org: needs a value", "column 6"},
		{`topic:""`, 0, 8, "topic: needs a value", "column 1"},
		{"has:", 0, 4, "has: needs a value", ""},
		{"has:vid", 4, 7, "has: takes slides or video or schedule", "column 5"},
		{"is:star", 3, 7, "is: takes starred or watched", "column 4"},
		{"kube -", 5, 6, `"-" needs a term`, "column 6"},
		{"- kube", 0, 1, `"-" needs a term`, "column 1"},
		{`""`, 0, 2, "empty quotes", ""},
		{`kube " "`, 5, 8, "empty quotes", ""},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q) error = %v, want *QueryError", tt.in, err)
			continue
		}
		if qe.Pos != tt.pos || qe.End != tt.end {
			t.Errorf("ParseQuery(%q): span [%d,%d), want [%d,%d)", tt.in, qe.Pos, qe.End, tt.pos, tt.end)
		}
		if !strings.Contains(qe.Msg, tt.msg) {
			t.Errorf("ParseQuery(%q): Msg %q, want it to contain %q", tt.in, qe.Msg, tt.msg)
		}
		if !strings.Contains(qe.Error(), tt.col) {
			t.Errorf("ParseQuery(%q): Error() %q, want it to contain %q", tt.in, qe.Error(), tt.col)
		}
		if qe.Query != tt.in {
			t.Errorf("ParseQuery(%q): Query %q", tt.in, qe.Query)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Montréal", "montreal"},
		{"ÀÉÎÕÜ çñ", "aeiou cn"},
		{"Straße Æsir Œuvre Søren Łukasz", "strasse aesir oeuvre soren lukasz"},
		{"Ελληνικά", "ελληνικα"},
		{"日本語", "日本語"},
		{"e\u0301te\u0301", "ete"},
		{"ABC-def_1", "abc-def_1"},
	}
	for _, tt := range tests {
		if got := foldString(tt.in); got != tt.want {
			t.Errorf("foldString(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := len(foldOffsets(tt.in)); n != len(tt.want) {
			t.Errorf("foldOffsets(%q) has %d entries, want %d", tt.in, n, len(tt.want))
		}
	}
}

// FuzzParseQuery checks that any input parses or fails with a well-formed
// *QueryError, and that a parsed query searches without panicking and with
// positions that point at rune starts of the displayed strings.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"kube", `"service mesh" -helm`, "speaker:\"a b\" org:x", "day:1 lang:fr has:video is:starred",
		"-", `"`, "foo:bar", "montréal ß", "e\u0301", "\xff\xfe", "k8s -\"x\" topic:ci/cd"} {
		f.Add(s)
	}
	c := searchCatalogue()
	ix := NewIndex(c)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("ParseQuery(%q) error %v is not a *QueryError", s, err)
			}
			if qe.Pos < 0 || qe.End < qe.Pos || qe.End > len(s) || qe.Msg == "" {
				t.Fatalf("ParseQuery(%q): bad error span or message %+v", s, qe)
			}
			_ = qe.Error()
			return
		}
		for _, h := range ix.Search(q, fakeMarks{"t1": "sw"}) {
			title, speakers := ix.Highlight(q, h.Talk)
			if runesAt(c.Talks[h.Talk].Title, title) == "<bad offsets>" || runesAt(ix.SpeakerLine(h.Talk), speakers) == "<bad offsets>" {
				t.Fatalf("ParseQuery(%q): bad positions %v %v in %+v", s, title, speakers, h)
			}
			if rt, rs := referenceHighlight(ix, q, h.Talk); !slices.Equal(title, rt) || !slices.Equal(speakers, rs) {
				t.Fatalf("ParseQuery(%q): talk %d: Highlight = %v %v, reference %v %v", s, h.Talk, title, speakers, rt, rs)
			}
		}
	})
}

func TestExactRoomAndTrack(t *testing.T) {
	cat := &Catalogue{Event: Event{ID: "e", Name: "E"}}
	for i, r := range []struct{ room, track string }{
		{"Saal 1", "Security"}, {"Saal 10", "Security & Privacy"}, {"SoS", ""}, {"SoS Saal 6", "Security"},
	} {
		cat.Talks = append(cat.Talks, Talk{ID: string(rune('a' + i)), Title: "T", Room: r.room, Track: r.track})
	}
	ix := NewIndex(cat)
	tests := []struct {
		q    string
		want []string
	}{
		{`room:"saal 1"`, []string{"a", "b"}},
		{`room:="Saal 1"`, []string{"a"}},
		{`room:=sos`, []string{"c"}},
		{`room:sos`, []string{"c", "d"}},
		{`-room:=sos`, []string{"a", "b", "d"}},
		{`track:=security`, []string{"a", "d"}},
		{`track:="Security & Privacy"`, []string{"b"}},
	}
	for _, tc := range tests {
		q, err := ParseQuery(tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		var got []string
		for _, h := range ix.Search(q, nil) {
			got = append(got, cat.Talks[h.Talk].ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.q, got, tc.want)
		}
	}
	// Typing on after room:= must not reuse the shorter value's hits.
	q1, _ := ParseQuery(`room:="Saal 1"`)
	q2, _ := ParseQuery(`room:="Saal 10"`)
	prev := ix.Refine(nil, q1, nil)
	if got := ix.Refine(prev, q2, nil).Hits; len(got) != 1 || cat.Talks[got[0].Talk].ID != "b" {
		t.Errorf("refined room:= got %v", got)
	}
}
