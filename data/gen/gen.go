// Package gen generates large, realistic, deterministic catalogues for
// benchmarks and load tests: cloud-native talk titles, one to three speakers
// with organisations (some with accented names), topics, 300-600 character
// summaries, links, and a multi-day schedule with rooms and tracks.
//
// The same (n, seed) always gives the same catalogue.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"cndtalks/model"
)

// Catalogue returns a valid, indexed catalogue of n talks in programme order.
func Catalogue(n int, seed int64) *model.Catalogue {
	r := rand.New(rand.NewPCG(uint64(seed), 0x636e6474616c6b73))
	c := &model.Catalogue{
		Event: model.Event{
			ID:       fmt.Sprintf("generated-%d-%d", n, seed),
			Name:     "Generated Cloud Native Library",
			Year:     2019,
			Date:     "2019-11-04",
			TimeZone: "America/Toronto",
			City:     "Montréal",
			Venue:    "Palais des congrès",
			Country:  "Canada",
			Source:   fmt.Sprintf("cndtalks data/gen, n=%d seed=%d", n, seed),
		},
	}

	// A pool of speakers about a third the size of the programme, so most
	// speakers give several talks, as at a real multi-year library.
	nSpeakers := max(3, min(n/3+3, len(firstNames)*len(lastNames)))
	perm := r.Perm(len(firstNames) * len(lastNames))
	c.Speakers = make([]model.Speaker, nSpeakers)
	for k := range c.Speakers {
		p := perm[k]
		s := model.Speaker{
			ID:   fmt.Sprintf("s%05d", k),
			Name: firstNames[p%len(firstNames)] + " " + lastNames[p/len(firstNames)],
		}
		if r.IntN(10) > 0 {
			s.Org = pick(r, orgs)
		}
		c.Speakers[k] = s
	}

	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		loc = time.FixedZone("EST", -5*3600)
	}
	first := time.Date(2019, 11, 4, 9, 0, 0, 0, loc)
	const rooms, slots = 8, 16
	c.Talks = make([]model.Talk, n)
	for i := range c.Talks {
		day, rest := i/(rooms*slots), i%(rooms*slots)
		slot, room := rest/rooms, rest%rooms
		start := first.AddDate(0, 0, day).Add(time.Duration(slot) * 30 * time.Minute)
		t := model.Talk{
			ID:       fmt.Sprintf("talk-%06d", i),
			Title:    title(r),
			Kind:     kind(r),
			Order:    i + 1,
			Summary:  summary(r),
			Topics:   topicsFor(r),
			Language: "en",
			Start:    start,
			Duration: 25 * time.Minute,
			Room:     roomNames[room],
			Day:      start.Format(time.DateOnly),
		}
		t.Track = t.Topics[0]
		if r.IntN(7) == 0 {
			t.Language = "fr"
		}
		for range 1 + weighted(r, 60, 30, 10) {
			id := c.Speakers[r.IntN(nSpeakers)].ID
			if !contains(t.Speakers, id) {
				t.Speakers = append(t.Speakers, id)
			}
		}
		if r.IntN(10) < 6 {
			t.Links = append(t.Links, model.Link{Kind: model.LinkSlides, URL: "https://slides.example.org/" + t.ID + ".pdf", Label: "Slides"})
		}
		if r.IntN(10) < 7 {
			t.Links = append(t.Links, model.Link{Kind: model.LinkVideo, URL: "https://video.example.org/watch?v=" + t.ID, Label: "Video"})
		}
		c.Talks[i] = t
	}
	c.Index()
	return c
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// weighted returns k with probability weights[k]/sum.
func weighted(r *rand.Rand, weights ...int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	x := r.IntN(sum)
	for k, w := range weights {
		if x < w {
			return k
		}
		x -= w
	}
	return len(weights) - 1
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func kind(r *rand.Rand) string {
	return []string{"talk", "lightning", "workshop", "keynote", "panel"}[weighted(r, 70, 14, 8, 5, 3)]
}

func title(r *rand.Rand) string {
	return fill(r, pick(r, titleTemplates), titleStyle)
}

func topicsFor(r *rand.Rand) []string {
	n := 1 + weighted(r, 30, 45, 25)
	out := make([]string, 0, n)
	for len(out) < n {
		t := pick(r, topics)
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// summary strings sentences together until 300-600 characters.
func summary(r *rand.Rand) string {
	target := 300 + r.IntN(301)
	var b strings.Builder
	for b.Len() < target {
		s := fill(r, pick(r, sentences), sentenceStyle)
		if b.Len() > 0 {
			if b.Len()+1+len(s) > 600 {
				if b.Len() >= 300 {
					break
				}
				continue
			}
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// fillStyle is how fill writes a template's placeholders: titles keep a
// concept's capitals and number a few things, sentences lower-case it and
// count more widely.
type fillStyle struct {
	lowerConcepts bool
	nMin, nSpan   int
}

var (
	titleStyle    = fillStyle{nMin: 3, nSpan: 8}
	sentenceStyle = fillStyle{lowerConcepts: true, nMin: 2, nSpan: 40}
)

// fill replaces a template's {tech}, {concept}, {org} and {n} placeholders.
func fill(r *rand.Rand, tpl string, st fillStyle) string {
	var b strings.Builder
	for {
		k := strings.IndexByte(tpl, '{')
		if k < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		b.WriteString(tpl[:k])
		end := strings.IndexByte(tpl[k:], '}') + k
		switch tpl[k+1 : end] {
		case "tech":
			b.WriteString(pick(r, techs))
		case "concept":
			c := pick(r, concepts)
			if st.lowerConcepts {
				c = strings.ToLower(c)
			}
			b.WriteString(c)
		case "org":
			b.WriteString(pick(r, orgs))
		case "n":
			fmt.Fprintf(&b, "%d", st.nMin+r.IntN(st.nSpan))
		}
		tpl = tpl[end+1:]
	}
}
