package data

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"cndtalks/model"
)

// TestSearchPrecisionReal checks, on real schedules, that a single plain
// term finds the talks having a word that starts with it or with a one-edit
// typo of it (terms of 5+ letters), ranks them first, and adds at most half
// as many again (abbreviations, two-edit typos). The expected talks are
// counted here with a plain tokenizer and edit distance, not the matcher.
func TestSearchPrecisionReal(t *testing.T) {
	tests := []struct {
		file    string
		queries []string
	}{
		{"39c3-everything.schedule.json", []string{"rust", "security", "hacking", "kernel", "linux", "privacy",
			"chaos", "climate", "securty", "infrastructure", "open", "ai", "hardware"}},
		{"fosdem-2023.schedule.xml", []string{"rust", "kube", "postgres", "python", "firefox", "kernel", "java",
			"risc", "pyhton", "kubernetes", "observability", "matrix"}},
	}
	for _, tt := range tests {
		res := loadReal(t, tt.file)
		c := res.Catalogue
		ix := model.NewIndex(c)
		words := talkWords(c)
		for _, q := range tt.queries {
			want := map[int]bool{}
			for i, ws := range words {
				for _, w := range ws {
					if strings.HasPrefix(w, q) || len(q) >= 5 && oneEditPrefix(q, w) {
						want[i] = true
						break
					}
				}
			}
			query, err := model.ParseQuery(q)
			if err != nil {
				t.Fatal(err)
			}
			hits := ix.Search(query, nil)
			t.Logf("%s: %q: %d talks, %d with the word or a one-edit typo", tt.file, q, len(hits), len(want))
			if len(want) == 0 {
				t.Errorf("%s: %q: no talk has the word: pick another query", tt.file, q)
				continue
			}
			if 2*len(hits) > 3*len(want) {
				t.Errorf("%s: %q: %d talks, more than 1.5x the %d with the word or a typo of it", tt.file, q, len(hits), len(want))
			}
			for k, h := range hits {
				if k < len(want) && !want[h.Talk] {
					t.Errorf("%s: %q: hit %d (%q) has neither the word nor a typo, but ranks before one that has", tt.file, q, k, c.Talks[h.Talk].Title)
					break
				}
			}
			found := 0
			for _, h := range hits {
				if want[h.Talk] {
					found++
				}
			}
			if found != len(want) {
				t.Errorf("%s: %q: found %d of the %d talks with the word or a typo", tt.file, q, found, len(want))
			}
		}
	}
}

// talkWords returns each talk's lower-cased words (runs of letters, digits
// and marks) in its title, speakers' names and organisations, topics and
// summary, with marks dropped ("é" written as "e" and a combining accent).
func talkWords(c *model.Catalogue) [][]string {
	byID := map[string]*model.Speaker{}
	for k := range c.Speakers {
		if _, dup := byID[c.Speakers[k].ID]; !dup {
			byID[c.Speakers[k].ID] = &c.Speakers[k]
		}
	}
	split := func(s string) []string {
		var out []string
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
		}) {
			out = append(out, strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Mn, r) {
					return -1
				}
				return r
			}, w))
		}
		return out
	}
	out := make([][]string, len(c.Talks))
	for i := range c.Talks {
		tk := &c.Talks[i]
		text := []string{tk.Title, tk.Summary}
		text = append(text, tk.Topics...)
		for _, id := range tk.Speakers {
			if s, ok := byID[id]; ok {
				text = append(text, s.Name, s.Org)
			}
		}
		for _, s := range text {
			out[i] = append(out[i], split(s)...)
		}
	}
	return out
}

// oneEditPrefix reports whether some prefix of w is at most one edit (a
// letter inserted, deleted or replaced, or two adjacent letters swapped)
// away from q, by trying every edit of q.
func oneEditPrefix(q, w string) bool {
	qr, wr := []rune(q), []rune(w)
	has := func(p []rune) bool { return len(p) <= len(wr) && slices.Equal(wr[:len(p)], p) }
	for i := 0; i <= len(qr); i++ {
		if i < len(qr) {
			del := slices.Concat(qr[:i], qr[i+1:])
			if has(del) {
				return true
			}
			if i < len(wr) && has(slices.Concat(qr[:i], wr[i:i+1], qr[i+1:])) {
				return true
			}
			if i+1 < len(qr) && has(slices.Concat(qr[:i], []rune{qr[i+1], qr[i]}, qr[i+2:])) {
				return true
			}
		}
		if i < len(wr) && has(slices.Concat(qr[:i], wr[i:i+1], qr[i:])) {
			return true
		}
	}
	return has(qr)
}
