package model

import (
	"slices"
)

// Conflicts says which starred talks overlap in time: it maps the index
// (into Catalogue.Talks) of each starred talk that clashes with another
// starred talk to the indexes of those talks, in start order. Talks without
// a time never conflict. A nil Conflicts has none.
type Conflicts map[int][]int

// FindConflicts returns the overlaps among the starred talks of c. Two talks
// overlap when one starts before the other ends; a talk that ends as the
// next begins does not clash with it, and two talks starting at the same
// moment always do, whatever their durations.
func FindConflicts(c *Catalogue, marks Marks) Conflicts {
	if marks == nil {
		return nil
	}
	var starred []int
	for i := range c.Talks {
		t := &c.Talks[i]
		if t.HasSchedule() && marks.Starred(t.ID) {
			starred = append(starred, i)
		}
	}
	slices.SortStableFunc(starred, func(a, b int) int {
		return c.Talks[a].Start.Compare(c.Talks[b].Start)
	})
	var cs Conflicts
	for x, i := range starred {
		a := &c.Talks[i]
		end := a.End()
		for _, j := range starred[x+1:] {
			b := &c.Talks[j]
			if !b.Start.Before(end) && !b.Start.Equal(a.Start) {
				break // later talks start later still
			}
			if cs == nil {
				cs = Conflicts{}
			}
			cs[i] = append(cs[i], j)
			cs[j] = append(cs[j], i)
		}
	}
	for i, with := range cs {
		slices.SortStableFunc(with, func(a, b int) int {
			return c.Talks[a].Start.Compare(c.Talks[b].Start)
		})
		cs[i] = with
	}
	return cs
}

// With returns the starred talks that overlap talk i, in start order.
func (cs Conflicts) With(i int) []int { return cs[i] }

// Has reports whether talk i overlaps another starred talk.
func (cs Conflicts) Has(i int) bool { return len(cs[i]) > 0 }
