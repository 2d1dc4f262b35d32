package model_test

import (
	"testing"

	"cndtalks/data/gen"
	"cndtalks/model"
)

// TestSpeakerLineWithoutIndex checks that the speakers line made without
// an index is the index's, talk by talk: unknown and duplicated speaker
// IDs, speakers without an organisation, accents, a catalogue indexed or
// not, and a generated programme; a one-shot index, which makes it from
// the catalogue, too.
func TestSpeakerLineWithoutIndex(t *testing.T) {
	hand := &model.Catalogue{
		Speakers: []model.Speaker{
			{ID: "ana", Name: "Ana Núñez", Org: "Überfirma"},
			{ID: "bo", Name: "Bo"},
			{ID: "ana", Name: "Another Ana", Org: "Second"},
			{ID: "cy", Name: "Cy", Org: "Org (with parens)"},
		},
		Talks: []model.Talk{
			{ID: "t1", Speakers: []string{"ana", "bo"}},
			{ID: "t2", Speakers: []string{"nobody", "cy"}},
			{ID: "t3"},
			{ID: "t4", Speakers: []string{"nobody"}},
			{ID: "t5", Speakers: []string{"bo", "bo", "ana"}},
		},
	}
	want := []string{"Ana Núñez (Überfirma), Bo", "Cy (Org (with parens))", "", "", "Bo, Bo, Ana Núñez (Überfirma)"}
	for _, indexed := range []bool{false, true} {
		c := *hand
		if indexed {
			c.Index()
		}
		ix, one := model.NewIndex(&c), model.NewQueryIndex(&c)
		for i := range c.Talks {
			got := c.SpeakerLine(&c.Talks[i])
			if got != want[i] || got != ix.SpeakerLine(i) || got != one.SpeakerLine(i) {
				t.Errorf("indexed %v, talk %s: SpeakerLine %q, index %q, one-shot index %q, want %q",
					indexed, c.Talks[i].ID, got, ix.SpeakerLine(i), one.SpeakerLine(i), want[i])
			}
		}
	}
	// 5,000 talks: indexes built in two halves.
	c := gen.Catalogue(5000, 7)
	ix, one := model.NewIndex(c), model.NewQueryIndex(c)
	for i := range c.Talks {
		if got, w := c.SpeakerLine(&c.Talks[i]), ix.SpeakerLine(i); got != w || one.SpeakerLine(i) != w {
			t.Fatalf("generated talk %d: %q, index %q, one-shot index %q", i, got, w, one.SpeakerLine(i))
		}
	}
}
