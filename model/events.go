package model

// indexEvents folds what event: matches: for an archive, each part's
// label, event name and event ID, and which part each talk is in; for one
// catalogue, its event's ID and name.
func (ix *Index) indexEvents() {
	c := ix.cat
	if len(c.Parts) == 0 {
		ix.events.add(c.Event.ID + "\n" + c.Event.Name)
		return
	}
	ix.talkPart = make([]uint16, len(c.Talks))
	for k, p := range c.Parts {
		ix.events.add(p.Label + "\n" + p.Event.Name + "\n" + p.Event.ID)
		for i := p.First; i < p.End && i < len(ix.talkPart); i++ {
			ix.talkPart[i] = uint16(k)
		}
	}
}

// eventOf is the folded text event: matches for talk i.
func (ix *Index) eventOf(i int) []byte {
	if ix.talkPart == nil {
		return ix.events.get(0)
	}
	return ix.events.get(int(ix.talkPart[i]))
}
