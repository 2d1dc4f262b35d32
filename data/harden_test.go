package data

import (
	"testing"
)

// TestDuplicateKeys checks that a field given twice in one mapping or object
// is an error in every reader, at every level: never the last value silently.
func TestDuplicateKeys(t *testing.T) {
	tests := []struct {
		name, in string
		want     problem
	}{
		{"json top level", `{"event": {"name": "a"}, "event": {"name": "b"}}`, problem{1, 26, "event", `duplicate field "event": each field may appear once`}},
		{"json talk", `{"event": {"name": "a"}, "talks": [{"id": "a", "title": "A", "title": "B"}]}`, problem{1, 62, "talks[0].title", `duplicate field "title"`}},
		{"json link", `{"event": {"name": "a", "links": [{"kind": "web", "url": "https://a.org/", "url": "https://b.org/"}]}}`, problem{1, 76, "event.links[0].url", `duplicate field "url"`}},
		{"yaml top level", "event: {name: a}\ntalks: []\nevent: {name: b}\n", problem{3, 1, "event", `duplicate field "event"`}},
		{"yaml block talk", "event: {name: a}\ntalks:\n  - id: a\n    title: A\n    title: B\n", problem{5, 5, "talks[0].title", `duplicate field "title"`}},
		{"yaml flow talk", "event: {name: a}\ntalks:\n  - {id: a, title: A, title: B}\n", problem{3, 23, "talks[0].title", `duplicate field "title"`}},
		{"yaml.v3 talk", "event: {name: &n a}\ntalks:\n  - id: a\n    title: *n\n    title: B\n", problem{5, 5, "talks[0].title", `duplicate field "title"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("in", []byte(tt.in))
			checkProblems(t, err, "in", []problem{tt.want})
		})
	}

	t.Run("a merge key is not a duplicate", func(t *testing.T) {
		in := "event: {name: a}\nbase: &b {kind: talk, title: Base}\n"
		if _, err := Parse("in", []byte(in)); err == nil {
			t.Fatal("an unknown top-level field was accepted")
		}
		in = "event: {name: a}\ntalks:\n  - &t {id: a, title: A}\n  - <<: *t\n    id: b\n    title: B\n"
		r, err := Parse("in", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Catalogue.Talks[1]; got.ID != "b" || got.Title != "B" {
			t.Errorf("merged talk = %q %q, want the explicit b, B", got.ID, got.Title)
		}
	})
}
