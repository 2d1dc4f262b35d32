package catalog

import (
	"cndtalks/data/internal/source"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// aliasedSummaries is the alias blow-up of issue 16: one 250 KB summary
// anchored on the first talk and aliased by every other talk.
func aliasedSummaries(talks int) string {
	var b strings.Builder
	b.WriteString("event:\n  name: Alias bomb\ntalks:\n")
	b.WriteString("  - id: t0\n    title: T0\n    summary: &s " + strings.TrimSpace(strings.Repeat("word ", 50_000)) + "\n")
	for i := 1; i < talks; i++ {
		fmt.Fprintf(&b, "  - {id: t%d, title: T, summary: *s}\n", i)
	}
	return b.String()
}

// TestAliasExpansionBudget checks that aliases cannot multiply a file: a
// 560 KB file whose aliases expanded to 2 GB of summaries took 100 s and
// 7.7 GB for list --json. The text aliases expand to is bounded by 4 times
// the file's size (1 MiB for small files); past it, the error names the
// limit and points at the alias. The work done stays a small multiple of
// the input (counted in bytes allocated, not time).
func TestAliasExpansionBudget(t *testing.T) {
	for _, talks := range []int{2000, 8000} {
		t.Run(fmt.Sprint(talks), func(t *testing.T) {
			src := aliasedSummaries(talks)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := parseBytes("bomb.yaml", []byte(src))
			runtime.ReadMemStats(&after)
			var e *source.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want one *Error", err)
			}
			limit := thousands(aliasTextBudget(len(src)))
			if !strings.Contains(e.Msg, "too many alias expansions: the aliases expand to more than "+limit+" bytes of text, the limit for this file (4 times its size") {
				t.Errorf("message %q does not name the limit %s", e.Msg, limit)
			}
			var i int
			if _, err := fmt.Sscanf(e.Field, "talks[%d].summary", &i); err != nil || i < 1 {
				t.Fatalf("field %q, want talks[N].summary", e.Field)
			}
			line := strings.Split(src, "\n")[e.Line-1]
			if e.Line != 6+i || e.Column != strings.Index(line, "*s")+1 {
				t.Errorf("placed at %d:%d (%q), want the alias of talks[%d]", e.Line, e.Column, line, i)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 40*uint64(len(src)) {
				t.Errorf("a %d-byte file allocated %d bytes", len(src), alloc)
			}
		})
	}

	t.Run("many small values", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("event: {name: a}\ntalks:\n  - {id: t0, title: T, topics: &t [" + strings.Repeat("a, ", 999) + "a]}\n")
		for i := 1; i < 2000; i++ {
			fmt.Fprintf(&b, "  - {id: t%d, title: T, topics: *t}\n", i)
		}
		src := b.String()
		_, err := parseBytes("bomb.yaml", []byte(src))
		var e *source.Error
		if !errors.As(err, &e) {
			t.Fatalf("err = %v, want one *Error", err)
		}
		want := "too many alias expansions: the file expands to more than " + thousands(4*len(src)+1024) + " values, the limit for this file (4 per byte of it)"
		if e.Msg != want || e.Line < 4 || !strings.Contains(strings.Split(src, "\n")[e.Line-1], "*t") {
			t.Errorf("got %v, want %q at an alias", e, want)
		}
	})

	t.Run("aliases within the budget", func(t *testing.T) {
		src := "event:\n  name: a\ntalks:\n  - {id: t0, title: T, summary: &s " + strings.Repeat("x", 1000) + "}\n"
		for i := 1; i < 100; i++ {
			src += fmt.Sprintf("  - {id: t%d, title: T, summary: *s}\n", i)
		}
		r, err := parseBytes("ok.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Talks[99].Summary; len(got) != 1000 {
			t.Errorf("talks[99].summary has %d bytes", len(got))
		}
	})

	t.Run("the fast reader leaves aliases to yaml.v3", func(t *testing.T) {
		if _, _, _, ok := parseYAMLFast("a.yaml", aliasedSummaries(3)); ok {
			t.Error("the fast reader read a file with aliases; it must leave them to the budgeted reader")
		}
	})
}

// TestFormatLimits checks the caps on talks, speakers and links in every
// reader, each error naming its limit, with the limits lowered so that the
// inputs stay small.
func TestFormatLimits(t *testing.T) {
	saved := formatLimits
	t.Cleanup(func() { formatLimits = saved })
	formatLimits.talks, formatLimits.speakers, formatLimits.links, formatLimits.listItems = 3, 2, 4, 3

	tests := []struct {
		name, in, field, msg string
	}{
		{"talks json", `{"event": {"name": "a"}, "talks": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}, {"id": "d", "title": "D"}, {"id": "e", "title": "E"}]}`,
			"talks[3]", "more than 3 talks: the limit for one catalogue is 3"},
		{"talks yaml", "event: {name: a}\ntalks:\n  - {id: a, title: A}\n  - {id: b, title: B}\n  - {id: c, title: C}\n  - {id: d, title: D}\n",
			"talks[3]", "more than 3 talks: the limit for one catalogue is 3"},
		{"talks yaml.v3", "event: {name: &n a}\ntalks:\n  - {id: a, title: A}\n  - {id: b, title: B}\n  - {id: c, title: C}\n  - {id: d, title: *n}\n",
			"talks[3]", "more than 3 talks: the limit for one catalogue is 3"},
		{"speakers json", `{"event": {"name": "a"}, "speakers": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}]}`,
			"speakers[2]", "more than 2 speakers: the limit for one catalogue is 2"},
		{"speakers yaml", "event: {name: a}\nspeakers:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C}\n",
			"speakers[2]", "more than 2 speakers: the limit for one catalogue is 2"},
		{"list json", `{"event": {"name": "a", "sponsors": ["a", "b", "c", "d", "e"]}}`,
			"event.sponsors[3]", "more than 3 items in one list: the limit for one list is 3"},
		{"list yaml", "event:\n  name: a\n  sponsors: [a, b, c, d, e]\n",
			"event.sponsors[3]", "more than 3 items in one list: the limit for one list is 3"},
		{"list yaml.v3", "event:\n  name: &n a\n  sponsors: [a, b, c, *n, e]\n",
			"event.sponsors[3]", "more than 3 items in one list: the limit for one list is 3"},
		{"links yaml", "event:\n  name: a\n  links:\n    - {kind: web, url: 'https://a.org/'}\n    - {kind: web, url: 'https://b.org/'}\ntalks:\n  - id: a\n    title: A\n    links:\n      - {kind: web, url: 'https://c.org/'}\n      - {kind: web, url: 'https://d.org/'}\n      - {kind: web, url: 'https://e.org/'}\n",
			"talks[0].links[2]", "more than 4 links: the limit for one catalogue is 4"},
		{"links yaml.v3", "event:\n  name: &n a\n  links:\n    - {kind: web, url: 'https://a.org/'}\n    - {kind: web, url: 'https://b.org/'}\ntalks:\n  - id: a\n    title: *n\n    links:\n      - {kind: web, url: 'https://c.org/'}\n      - {kind: web, url: 'https://d.org/'}\n      - {kind: web, url: 'https://e.org/'}\n",
			"talks[0].links[2]", "more than 4 links: the limit for one catalogue is 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseBytes("limits", []byte(tt.in))
			var e *source.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want one *Error", err)
			}
			if e.Field != tt.field || e.Msg != tt.msg || e.Line == 0 {
				t.Errorf("got %v, want %s: %s with a line", e, tt.field, tt.msg)
			}
		})
	}
}
