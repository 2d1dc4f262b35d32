package schedule

import (
	"fmt"
	"slices"
	"sort"
	"sync/atomic"

	"cndtalks/data/internal/source"
)

// The one-pass reading of a schedule.json: the streaming reader's walk
// (walkDoc) decodes each event where it finds it, straight into the
// events array, instead of noting where the events are and decoding them
// in a second pass over the same bytes (parseFrabStreamSpans). On two
// goroutines, the second walks the days from one in the second half
// (frabDayGuess), as frabDaysAhead does, and the first takes its days
// when it comes to that one. The two fill one array, sized from a sample
// of the file, the first from the front and the second from its middle:
// the second's events are moved down to follow the first's at the end.
//
// The events come out in file order: by day, then by room as the file
// lists them. The whole-document reader orders each day's rooms as the
// conference lists them (rank), which may come after the days in the
// file, so each day whose rooms the file lists in another order is put
// in order at the end.
//
// It takes the files parseFrabStreamSpans takes but those with more than
// maxScheduleTalks events, whose surplus is only to be checked (it
// returns errFrabTooMany for those), and reads them as that reader does:
// FuzzFrabOnePassSameAsSpans.

// errFrabTooMany is why the one-pass reader gave up on a file that
// parseFrabStreamSpans may take: it has more than maxScheduleTalks events.
var errFrabTooMany = fmt.Errorf("%w: more than %d events", errFrabStream, maxScheduleTalks)

// frabPass is one goroutine's part of the one-pass reading: its days and
// their events, in file order, and the notes of those events.
type frabPass struct {
	d      frabDec
	events []schedEvent
	days   []frabPassDay
	notes  []frabEventNote
	fe     frabEvent
	lists  schedLists
	quit   *atomic.Bool // set when the pass is not wanted (or nil)
}

// frabPassDay is one day of a frabPass: its fields, its record (filled
// in at the end, the events point to it) and the rooms of its events.
type frabPassDay struct {
	date, start, end frabText
	day              *schedDay
	rooms            []frabRoomBlock
}

// frabRoomBlock is one room of a day: its name and how many events it
// has (consecutive in the events).
type frabRoomBlock struct {
	name string
	n    int
}

// frabEventNote is a field of the event at an index of the events that
// was ignored. Its note is written at the end: it may name the event by
// its place among all the events.
type frabEventNote struct {
	event   int
	problem fieldProblem
}

func newFrabPass(b []byte, events []schedEvent) *frabPass {
	return &frabPass{d: frabDec{b: b}, events: events}
}

// day decodes the day at b[v] with its events and returns its end.
func (p *frabPass) day(v int) (int, error) {
	d := &p.d
	pd := frabPassDay{day: &schedDay{}}
	end, err := d.dayWith(v, &pd.date, &pd.start, &pd.end, func(name []byte, v int) (int, error) {
		r := frabRoomBlock{name: string(name)}
		end, err := d.room(v, func(v int) (int, error) {
			r.n++
			return p.event(v, pd.day, r.name)
		})
		pd.rooms = append(pd.rooms, r)
		return end, err
	})
	p.days = append(p.days, pd)
	return end, err
}

// event decodes the event at b[v], of day and room, onto the end of the
// events, and returns its end.
func (p *frabPass) event(v int, day *schedDay, room string) (int, error) {
	if len(p.events) >= maxScheduleTalks {
		return 0, errFrabTooMany
	}
	if p.quit != nil && p.quit.Load() {
		return 0, errFrabStream
	}
	d := &p.d
	// The event decoded from depth 0, as parseFrabStreamSpans decodes
	// it, so that both take the same events.
	depth := d.depth
	d.depth = 0
	p.fe = frabEvent{Persons: p.fe.Persons, Links: p.fe.Links, Attachments: p.fe.Attachments}
	end, err := d.event(v, &p.fe)
	d.depth = depth
	if err != nil {
		return 0, err
	}
	e, problems := frabEventToSched(&p.fe, day, room, len(p.events), &p.lists)
	for _, pr := range problems {
		p.notes = append(p.notes, frabEventNote{len(p.events), pr})
	}
	p.events = append(p.events, e)
	return end, nil
}

// daysArray decodes the days array at b[v] (or null) and returns its end. When
// a day starts where ahead started, the days from there on are ahead's:
// the pass returns them in taken.
func (p *frabPass) daysArray(v int, ahead *frabPassAhead, taken **frabPass) (int, error) {
	d := &p.d
	if v < len(d.b) && d.b[v] == 'n' {
		return d.literal(v, "null")
	}
	return d.array(v, func(v int) (int, error) {
		if ahead != nil && v == ahead.at && d.depth == frabDaysDepth {
			if ahead.wait(); ahead.err == nil {
				*taken = ahead.pass
				return ahead.end, nil
			}
		}
		return p.day(v)
	})
}

// frabPassAhead is a frabPass of the days from at to the end of the days
// array, by another goroutine (as frabDaysAhead): the end of its last
// day, or why it failed.
type frabPassAhead struct {
	at   int
	pass *frabPass
	end  int
	err  error
	quit atomic.Bool
	done chan struct{}
}

// passDaysAhead starts a goroutine decoding the days of b from at into
// events.
func passDaysAhead(b []byte, at int, events []schedEvent) *frabPassAhead {
	a := &frabPassAhead{at: at, pass: newFrabPass(b, events), done: make(chan struct{})}
	a.pass.quit = &a.quit
	a.pass.d.depth = frabDaysDepth
	go func() {
		defer close(a.done)
		defer func() {
			if recover() != nil {
				a.err = errFrabStream
			}
		}()
		a.err = errFrabStream
		if end, ok := a.pass.d.daysFrom(at, &a.quit, a.pass.day); ok {
			a.end, a.err = end, nil
		}
	}()
	return a
}

// wait waits for the pass ahead to end.
func (a *frabPassAhead) wait() { <-a.done }

// stop stops the pass ahead if it is still going and waits for it.
func (a *frabPassAhead) stop() {
	if a != nil {
		a.quit.Store(true)
		a.wait()
	}
}

// parseFrabOnePass reads a well-formed file as parseFrabStreamSpans does,
// in one pass; with a second goroutine from the day at b[at] if at is not
// -1. It returns errFrabStream for a file it does not take, or
// errFrabTooMany.
func parseFrabOnePass(b []byte, at int) (out *frabStreamed, err error) {
	defer func() {
		if recover() != nil {
			out, err = nil, errFrabStream
		}
	}()
	// The array both passes fill, the first from index 0 to front, the
	// second from front on: sized by the events in a sample of the file
	// and the bytes each pass reads. A pass that finds more events than
	// its part holds appends past it to an array of its own.
	var all []schedEvent
	front := 0
	if len(b) >= parallelFrabBytes {
		sample := at
		if sample < 0 {
			sample = frabDayLike(b, 0)
		}
		if perByte := frabEventDensity(b, sample); perByte > 0 {
			// Never more than the events a pass may take: a file of
			// tiny events must not make it allocate for millions.
			estimate := func(bytes int) int {
				return min(int(float64(bytes)*perByte*frabEstimateMargin)+64, maxScheduleTalks)
			}
			if at < 0 {
				front = estimate(len(b))
				all = make([]schedEvent, front)
			} else {
				front = estimate(at)
				all = make([]schedEvent, front+estimate(len(b)-at))
			}
			source.PrefaultOf(all)
		}
	}
	first := newFrabPass(b, all[:0:front])
	var (
		ahead *frabPassAhead
		taken *frabPass
	)
	if at >= 0 {
		ahead = passDaysAhead(b, at, all[front:front:len(all)])
		defer ahead.stop()
	}
	w, err := first.d.walkDoc(func(v int) (int, error) { return first.daysArray(v, ahead, &taken) })
	ahead.stop() // its days are taken, or not wanted
	if err != nil {
		return nil, err
	}
	head, err := w.conference()
	if err != nil {
		return nil, err
	}
	passes := []*frabPass{first}
	if taken != nil {
		passes = append(passes, taken)
	}
	if ahead != nil && taken == nil {
		clear(ahead.pass.events) // not wanted: they would only hold memory
	}
	events, noteAt, ok := joinFrabPasses(passes, all, front)
	if !ok {
		return nil, errFrabTooMany
	}

	out = &frabStreamed{events: events, total: len(events)}
	later := func(kind SkipKind, record, reason, detail string, count ...int) {
		out.notes = append(out.notes, func(skip skipFunc) { skip(kind, record, reason, detail, count...) })
	}
	conf, problems, rank := head.header(w.baseURL)
	out.conf = conf
	for _, p := range problems {
		later(p.kind, "schedule.conference", p.reason, p.detail)
	}
	orderFrabDays(passes, events, noteAt, rank, later)
	return out, nil
}

// orderFrabDays ends the reading of the days of the passes, whose events
// are events (those of passes[i] from noteAt[i] on): it fills in each
// day's record, puts its events in the order of its rooms by rank, and
// gives the notes of the day and of its events, in that order, to later.
func orderFrabDays(passes []*frabPass, events []schedEvent, noteAt []int, rank map[string]int, later skipFunc) {
	var (
		dayFirst = 0 // the index of the day's first event
		di       = 0
		notes    []frabEventNote
		ranker   = frabRoomRanker{rank: rank}
	)
	for pi, p := range passes {
		for _, pd := range p.days {
			var problems []fieldProblem
			*pd.day, problems = frabDayOf(pd.date, pd.start, pd.end)
			for _, pr := range problems {
				later(pr.kind, fmt.Sprintf("schedule.conference.days[%d]", di), pr.reason, pr.detail)
			}
			n := 0
			for _, r := range pd.rooms {
				n += r.n
			}
			// Its events' notes, in the order of its events.
			notes = notes[:0]
			for ; len(p.notes) > 0 && p.notes[0].event+noteAt[pi] < dayFirst+n; p.notes = p.notes[1:] {
				note := p.notes[0]
				note.event += noteAt[pi] - dayFirst
				notes = append(notes, note)
			}
			if moved := ranker.rankRooms(events[dayFirst:dayFirst+n], pd.rooms); moved != nil {
				for i := range notes {
					notes[i].event = moved[notes[i].event]
				}
				slices.SortStableFunc(notes, func(a, b frabEventNote) int { return a.event - b.event })
			}
			for i := dayFirst; i < dayFirst+n; i++ {
				events[i].sourceOrdering = i
			}
			for _, note := range notes {
				pr := note.problem
				later(pr.kind, events[dayFirst+note.event].record(), pr.reason, pr.detail)
			}
			dayFirst += n
			di++
		}
	}
}

// frabEstimateMargin is how many more events than the sample promises
// the events array holds: a pass that finds more appends to an array of
// its own, which costs a copy of all the events at the end.
const frabEstimateMargin = 1.1

// joinFrabPasses returns the events of the passes, in order: in all
// (the first's from 0 to front, the second's from front on) when they
// are still there, else in an array of their own; and for each pass the
// index in the result of its first event. It returns false when there
// are more than maxScheduleTalks events.
func joinFrabPasses(passes []*frabPass, all []schedEvent, front int) ([]schedEvent, []int, bool) {
	noteAt := make([]int, len(passes))
	n := 0
	for i, p := range passes {
		noteAt[i] = n
		n += len(p.events)
	}
	if n > maxScheduleTalks {
		return nil, nil, false
	}
	first := passes[0].events
	if len(passes) == 1 {
		if first == nil {
			first = []schedEvent{}
		}
		return first, noteAt, true
	}
	second := passes[1].events
	// A pass whose events outgrew its part of all appended them to an
	// array of its own, with more room than that part had.
	if cap(first) == front && cap(second) == len(all)-front && n > 0 {
		copy(all[len(first):], second)
		clear(all[n : front+len(second)]) // copies of the second's events
		return all[:n], noteAt, true
	}
	events := make([]schedEvent, 0, n)
	return append(append(events, first...), second...), noteAt, true
}

// frabRoomRanker puts each day's events in the order of its rooms that
// the whole-document reader gives, reusing its memory from day to day:
// the days of an export often list their rooms in another order.
type frabRoomRanker struct {
	rank   map[string]int
	order  []int        // the rooms' indices, in rank order
	firsts []int        // each room's first event in the day
	moved  []int        // the new index in the day of each event
	was    []schedEvent // the day's events before they are moved
}

// rankRooms puts the events of a day, which the file lists by room in
// rooms' order, in the order the whole-document reader gives them: by
// room as the conference ranks them, then by name. It returns, when that
// moved any, the new index of each event (valid until the next call).
func (k *frabRoomRanker) rankRooms(events []schedEvent, rooms []frabRoomBlock) []int {
	k.order = k.order[:0]
	for i := range rooms {
		k.order = append(k.order, i)
	}
	sort.SliceStable(k.order, func(i, j int) bool {
		return roomBefore(k.rank, rooms[k.order[i]].name, rooms[k.order[j]].name)
	})
	if sort.IntsAreSorted(k.order) {
		return nil
	}
	k.firsts = k.firsts[:0]
	at := 0
	for _, r := range rooms {
		k.firsts = append(k.firsts, at)
		at += r.n
	}
	k.moved = append(k.moved[:0], make([]int, len(events))...)
	k.was = append(k.was[:0], events...)
	at = 0
	for _, ri := range k.order {
		from, n := k.firsts[ri], rooms[ri].n
		for e := range n {
			k.moved[from+e] = at + e
		}
		copy(events[at:], k.was[from:from+n])
		at += n
	}
	return k.moved
}

// frabEventDensity returns how many events a byte of b holds, counted in
// the first frabSampleBytes of the days from the day at b[at], by their
// brackets and quotes alone; 0 when it finds none or at is -1. It is only
// an estimate: the events are counted again as they are decoded.
func frabEventDensity(b []byte, at int) float64 {
	if at < 0 {
		return 0
	}
	end := min(len(b), at+frabSampleBytes)
	depth, n := 0, 0
scan:
	for j := at; j < end; j++ {
		switch b[j] {
		case '"':
			for j++; j < end && b[j] != '"'; j++ {
				if b[j] == '\\' {
					j++
				}
			}
		case '{', '[':
			// A day, its rooms, a room's events, an event.
			if depth++; depth == 4 && b[j] == '{' {
				n++
			}
		case '}', ']':
			if depth--; depth < 0 {
				end = j // the end of the days
				break scan
			}
		}
	}
	if n == 0 || end <= at {
		return 0
	}
	return float64(n) / float64(end-at)
}

// frabSampleBytes is how much of the days frabEventDensity reads.
const frabSampleBytes = 1 << 20
