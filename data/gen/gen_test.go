package gen_test

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"cndtalks/data/gen"
	"cndtalks/model"
)

func TestCatalogueDeterministicAndValid(t *testing.T) {
	a, b := gen.Catalogue(500, 7), gen.Catalogue(500, 7)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("same n and seed gave different catalogues")
	}
	if jc, _ := json.Marshal(gen.Catalogue(500, 8)); string(jc) == string(ja) {
		t.Fatal("different seeds gave the same catalogue")
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("generated catalogue is invalid: %v", err)
	}
	if len(a.Talks) != 500 {
		t.Fatalf("%d talks, want 500", len(a.Talks))
	}
	for i, tk := range a.Talks {
		if n := utf8.RuneCountInString(tk.Summary); n < 300 || n > 600 {
			t.Errorf("talk %d summary has %d characters, want 300-600", i, n)
		}
		if n := len(tk.Speakers); n < 1 || n > 3 {
			t.Errorf("talk %d has %d speakers, want 1-3", i, n)
		}
		if len(tk.Topics) == 0 || tk.Title == "" || !tk.HasSchedule() || tk.Room == "" || tk.Day == "" {
			t.Errorf("talk %d lacks topics, title or schedule: %+v", i, tk)
		}
		if tk.Order != i+1 || i > 0 && tk.Start.Before(a.Talks[i-1].Start) {
			t.Errorf("talk %d is out of programme order", i)
		}
	}
	if len(gen.Catalogue(0, 1).Talks) != 0 {
		t.Error("Catalogue(0) has talks")
	}
}

// TestRefineEqualsSearch types many generated queries one character at a
// time, with deletions, and checks that every incremental result is exactly
// the full search's: same talks, order and scores, and the refined result
// highlights its top hits as the index does for the query. The larger
// corpus makes full searches run on two goroutines while refinements of
// small result sets run on one.
func TestRefineEqualsSearch(t *testing.T) {
	checkRefine(t, 3000, 60, 500)
	if !testing.Short() {
		checkRefine(t, 20000, 4, 25)
	}
}

func checkRefine(t *testing.T, n, sequences, minChecked int) {
	c := gen.Catalogue(n, 3)
	ix := model.NewIndex(c)
	marks := everyThird{}
	r := rand.New(rand.NewPCG(42, 42))

	// Query pieces: words from the corpus (titles, names, summaries),
	// their prefixes, fuzzy abbreviations, phrases, qualifiers and
	// exclusions.
	var words []string
	for i := 0; i < 200; i++ {
		tk := &c.Talks[r.IntN(len(c.Talks))]
		for _, f := range []string{tk.Title, ix.SpeakerLine(r.IntN(len(c.Talks))), tk.Summary} {
			fs := strings.Fields(f)
			words = append(words, strings.Trim(fs[r.IntN(len(fs))], ",.():"))
		}
	}
	piece := func() string {
		w := words[r.IntN(len(words))]
		switch r.IntN(12) {
		case 0:
			return "-" + w
		case 1:
			return `"` + w + " " + words[r.IntN(len(words))] + `"`
		case 2:
			return "speaker:" + w
		case 3:
			return "org:" + w
		case 4:
			return "topic:" + w
		case 5:
			return []string{"has:slides", "has:video", "-has:video", "is:starred", "-is:watched", "day:2", "lang:fr", "kind:talk", "room:salle"}[r.IntN(9)]
		case 6:
			// A fuzzy abbreviation: every other letter.
			var b strings.Builder
			for k, ch := range w {
				if k%2 == 0 {
					b.WriteRune(ch)
				}
			}
			return b.String()
		}
		return strings.ToLower(w)
	}

	checked := 0
	for range sequences {
		target := piece()
		for range r.IntN(3) {
			target += " " + piece()
		}
		var prev *model.Result
		typed := ""
		for len(typed) < len(target) {
			// Mostly type the next character; sometimes delete one.
			if len(typed) > 0 && r.IntN(8) == 0 {
				_, size := utf8.DecodeLastRuneInString(typed)
				typed = typed[:len(typed)-size]
			} else {
				_, size := utf8.DecodeRuneInString(target[len(typed):])
				typed = target[:len(typed)+size]
			}
			q, err := model.ParseQuery(typed)
			if err != nil {
				continue // the UI keeps the previous result
			}
			got := ix.Refine(prev, q, marks)
			want := ix.Search(q, marks)
			if got.Query != typed {
				t.Fatalf("Refine(%q).Query = %q", typed, got.Query)
			}
			if !reflect.DeepEqual(got.Hits, want) {
				t.Fatalf("Refine(%q) after %q differs from Search: %d vs %d hits", typed, prev.Query, len(got.Hits), len(want))
			}
			for _, h := range got.Hits[:min(len(got.Hits), 5)] {
				rt, rs := got.Highlight(h.Talk)
				it, is := ix.Highlight(q, h.Talk)
				if !slices.Equal(rt, it) || !slices.Equal(rs, is) {
					t.Fatalf("Refine(%q).Highlight(%d) = %v %v, Index.Highlight = %v %v", typed, h.Talk, rt, rs, it, is)
				}
			}
			prev = got
			checked++
		}
	}
	if checked < minChecked {
		t.Fatalf("only %d queries checked", checked)
	}
}

// everyThird stars every third talk and marks every fifth watched.
type everyThird struct{}

func (everyThird) Starred(id string) bool { return id[len(id)-1]%3 == 0 }
func (everyThird) Watched(id string) bool { return id[len(id)-1]%5 == 0 }
