package model

import (
	"slices"
	"testing"
)

func archiveSources() []ArchiveSource {
	a := &Catalogue{
		Event:    Event{ID: "kubecon-2024", Name: "KubeCon Europe 2024", Date: "2024-03-19"},
		Speakers: []Speaker{{ID: "ada", Name: "Ada Lovelace"}},
		Talks: []Talk{
			{ID: "intro", Title: "Kubernetes intro", Speakers: []string{"ada"}},
			{ID: "mesh", Title: "Service mesh", Speakers: []string{"ada"}},
		},
	}
	b := &Catalogue{
		Event:    Event{ID: "fosdem-2023", Name: "FOSDEM 2023", Date: "2023-02-04"},
		Speakers: []Speaker{{ID: "ada", Name: "Ada Byron"}},
		Talks:    []Talk{{ID: "intro", Title: "Kernel intro", Speakers: []string{"ada"}}},
	}
	a.Index()
	b.Index()
	return []ArchiveSource{{Label: "kc24", Catalogue: a}, {Label: "fosdem", Catalogue: b}}
}

func TestMergeArchive(t *testing.T) {
	srcs := archiveSources()
	c := MergeArchive(srcs)
	// Chronological: FOSDEM 2023 first.
	var ids []string
	for _, tk := range c.Talks {
		ids = append(ids, tk.ID)
	}
	if want := []string{"fosdem/intro", "kc24/intro", "kc24/mesh"}; !slices.Equal(ids, want) {
		t.Fatalf("IDs %v, want %v", ids, want)
	}
	if srcs[0].Catalogue.Talks[0].ID != "intro" || srcs[0].Catalogue.Talks[0].Speakers[0] != "ada" {
		t.Error("the source catalogue was changed")
	}
	// Speakers stay apart: the same ID in two events is two people.
	for i, want := range []string{"Ada Byron", "Ada Lovelace", "Ada Lovelace"} {
		sp := c.TalkSpeakers(&c.Talks[i])
		if len(sp) != 1 || sp[0].Name != want {
			t.Errorf("talk %d speakers %v, want %s", i, sp, want)
		}
	}
	for i, want := range []string{"fosdem", "kc24", "kc24"} {
		if p := c.PartOf(i); p == nil || p.Label != want {
			t.Errorf("PartOf(%d) = %v, want %s", i, p, want)
		}
	}
	if label, own := ArchiveID("kc24/mesh"); label != "kc24" || own != "mesh" {
		t.Errorf("ArchiveID = %q %q", label, own)
	}
	// A calendar UID is the one the event alone gives.
	alone := srcs[0].Catalogue
	if got, want := c.TalkUID(&c.Talks[2]), alone.TalkUID(&alone.Talks[1]); got != want {
		t.Errorf("UID %s, want %s", got, want)
	}
	if errs := c.Validate(); errs != nil {
		t.Errorf("the archive does not validate: %v", errs)
	}
}

func TestEventQualifier(t *testing.T) {
	c := MergeArchive(archiveSources())
	ix := NewIndex(c)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"event:kc24", []string{"kc24/intro", "kc24/mesh"}},
		{"event:fosdem", []string{"fosdem/intro"}},
		{"event:kubecon", []string{"kc24/intro", "kc24/mesh"}}, // the event's name
		{"event:2023", []string{"fosdem/intro"}},
		{"intro -event:fos", []string{"kc24/intro"}},
		{"event:nowhere", nil},
	} {
		q, err := ParseQuery(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range ix.Search(q, nil) {
			got = append(got, c.Talks[h.Talk].ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
		}
	}
	// One catalogue: event: matches its own event.
	one := archiveSources()[1].Catalogue
	q, _ := ParseQuery("event:fosdem")
	if n := len(NewIndex(one).Search(q, nil)); n != 1 {
		t.Errorf("event:fosdem on FOSDEM alone: %d hits", n)
	}
}
