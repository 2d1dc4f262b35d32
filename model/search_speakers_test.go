package model

import (
	"strings"
	"testing"
)

// TestSpeakerPiecesFind checks that find answers as byID, whether a talk's
// speaker ID is the very string of a speaker's ID (as importers make
// them), a copy of it, a string sharing its bytes but shorter or longer,
// or no speaker's.
func TestSpeakerPiecesFind(t *testing.T) {
	buf := "p-s05115p-s0511xp-s07"
	c := &Catalogue{Speakers: []Speaker{
		{ID: buf[0:8], Name: "A"},  // p-s05115
		{ID: buf[8:15], Name: "B"}, // p-s0511
		{ID: buf[16:21], Name: "C"},
		{ID: strings.Clone(buf[0:8]), Name: "A again"}, // a duplicate elsewhere
		{ID: buf[16:21], Name: "C again"},              // a duplicate in place
		{ID: "", Name: "nobody"},
	}}
	sp := newSpeakerPieces(c)
	for _, id := range []string{
		buf[0:8], strings.Clone(buf[0:8]), c.Speakers[3].ID,
		buf[8:15], buf[8:16], buf[0:7], buf[1:8],
		buf[16:21], strings.Clone(buf[16:21]), buf[16:20],
		"", "p-s99999", "p-s0511",
	} {
		gotK, gotOK := sp.find(id)
		wantK, wantOK := sp.byID[id]
		if gotK != wantK || gotOK != wantOK {
			t.Errorf("find(%q) = %d, %v, byID has %d, %v", id, gotK, gotOK, wantK, wantOK)
		}
	}
	if k, _ := sp.find(c.Speakers[3].ID); k != 0 {
		t.Errorf("a duplicate's ID finds speaker %d, want the first, 0", k)
	}
}
