package data

import (
	"testing"

	"cndtalks/model"
)

// TestRealSchedulesQualifiers checks the schedule qualifiers of the query
// language on imported real exports. Expected counts come from Python over
// the raw files (a room, track or language word starting with the value).
func TestRealSchedulesQualifiers(t *testing.T) {
	for _, tc := range []struct {
		file    string
		queries map[string]int
	}{
		{"39c3-everything.schedule.json", map[string]int{
			"day:2025-12-27": 251, "day:1": 251, "day:saturday": 251, "day:2025-12-30": 92, "day:4": 92,
			"room:one": 45, "track:security": 38, "track:hardware": 29,
			// "de, en" and "en, de" talks are in both languages
			"lang:de": 519, "lang:en": 491, "lang:german": 519,
			"has:schedule": 895, "has:slides": 12,
			"day:1 room:one": 13,
		}},
		{"fosdem-2023.schedule.xml", map[string]int{
			"day:2023-02-05": 377, "day:sunday": 377, "day:2": 377, "room:janson": 19, "track:rust": 17,
			"has:schedule": 780,
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res := loadReal(t, tc.file)
			ix := model.NewIndex(res.Catalogue)
			for q, want := range tc.queries {
				pq, err := model.ParseQuery(q)
				if err != nil {
					t.Errorf("ParseQuery(%q): %v", q, err)
					continue
				}
				if got := len(ix.Search(pq, nil)); got != want {
					t.Errorf("%q: %d talks, want %d", q, got, want)
				}
			}
		})
	}
}
