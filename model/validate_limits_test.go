package model

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateLengthLimits(t *testing.T) {
	long := strings.Repeat("x", MaxLineLength+1)
	wide := strings.Repeat("語", MaxLineLength) // 3,000 bytes but 1,000 characters: allowed
	tests := []struct {
		name  string
		edit  func(c *Catalogue)
		paths []string
	}{
		{"at the limits", func(c *Catalogue) {
			c.Talks[0].Title = wide
			c.Talks[0].Summary = strings.Repeat("y", MaxTextLength)
		}, nil},
		{"100 KB title", func(c *Catalogue) { c.Talks[0].Title = strings.Repeat("T", 100<<10) }, []string{"talks[0].title"}},
		{"long ID, name and label", func(c *Catalogue) {
			c.Speakers[0].Name = long
			c.Event.Links = []Link{{Kind: LinkWeb, URL: "https://example.org/", Label: long}}
			c.Talks[0].Topics = []string{"ok", long}
		}, []string{"event.links[0].label", "speakers[0].name", "talks[0].topics[1]"}},
		{"huge summary", func(c *Catalogue) { c.Talks[0].Summary = strings.Repeat("s", MaxTextLength+1) }, []string{"talks[0].summary"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Catalogue{
				Event:    Event{Name: "E"},
				Speakers: []Speaker{{ID: "a", Name: "A"}},
				Talks:    []Talk{{ID: "t", Title: "T", Speakers: []string{"a"}}},
			}
			tt.edit(c)
			err := c.Validate()
			var ve ValidationError
			if len(tt.paths) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want problems at %v", err, tt.paths)
			}
			var got []string
			for _, p := range ve {
				got = append(got, p.Path)
				if !strings.Contains(p.Msg, "the limit is") {
					t.Errorf("%s: message %q", p.Path, p.Msg)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.paths, " ") {
				t.Errorf("problems at %v, want %v", got, tt.paths)
			}
		})
	}
}
