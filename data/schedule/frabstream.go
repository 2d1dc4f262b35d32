package schedule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"cndtalks/data/internal/source"
)

// The streaming reader of a schedule.json: it walks the document's
// structure (schedule, conference, days, rooms) itself, checking it as it
// goes, and decodes one event at a time with its own decoder (frabDec,
// frabdecode.go), on two goroutines for a big file, so a 100,000-event
// export is never held as a whole tree of decoded events, and the events
// past maxScheduleTalks are checked and counted, not decoded. Text without
// escapes is a slice of the input, so it shares the file's memory; only
// the conference's own fields go through encoding/json.
//
// It reads only well-formed, unsurprising files: anything else (invalid
// JSON, a value of the wrong type, a key listed twice, a key spelt in
// another case, control characters to repair) makes it
// give up, and parseFrabJSON reads the file whole, as before, with every
// note and error that path gives. Its notes are kept back until it
// succeeds, so a file is never reported twice.

// errFrabStream is why the streaming reader gave up (never shown).
var errFrabStream = errors.New("not for the streaming reader")

// frabConfHead is frabConference without its days, which are streamed.
type frabConfHead struct {
	frabConfFields
	// Days is never in the object decoded (the days are streamed), but
	// a key spelt "Days" would land here: the reader refuses it first.
	Days frabIgnored `json:"days"`
}

// frabIgnored takes any JSON value and keeps nothing of it.
type frabIgnored struct{}

// UnmarshalJSON implements json.Unmarshaler.
func (*frabIgnored) UnmarshalJSON([]byte) error { return nil }

// field matches a key (unescaped) against the name a struct field has:
// exactly, or not at all. A key encoding/json would match in another case
// is not for the streaming reader.
func field(key []byte, name string) (bool, error) {
	if string(key) == name {
		return true, nil
	}
	if foldsTo(key, name) {
		return false, errFrabStream
	}
	return false, nil
}

// spanEnd returns the end of the object or array at b[i], found by its
// brackets and quotes alone: the decoder checks the span afterwards.
func (d *frabDec) spanEnd(i int) (int, error) {
	b := d.b
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '"':
			// To the closing quote: the first one after an even run of
			// backslashes.
			for {
				q := bytes.IndexByte(b[j+1:], '"')
				if q < 0 {
					return 0, errFrabStream
				}
				j += 1 + q
				n := 0
				for b[j-1-n] == '\\' {
					n++
				}
				if n%2 == 0 {
					break
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, errFrabStream
}

// frabStreamed is what the streaming reader read: the conference, the
// events up to maxScheduleTalks, how many events there were, and the notes
// to give, in order.
type frabStreamed struct {
	conf   schedConf
	events []schedEvent
	total  int
	notes  []func(skip skipFunc)
}

// frabDaySpans is one day of the streamed file: its fields, and where
// each of its rooms' events is in the input.
type frabDaySpans struct {
	date, start, end frabText
	rooms            []frabRoomSpans
}

// frabRoomSpans is one room of a day and the spans of its events.
type frabRoomSpans struct {
	name   string
	events [][2]int
}

// parseFrabStream reads a well-formed file as parseFrabJSON does, streamed.
// It returns errFrabStream when the file is not one it reads exactly as the
// whole-document reader does.
func parseFrabStream(b []byte) (*frabStreamed, error) {
	workers := 1
	if runtime.GOMAXPROCS(0) > 1 && len(b) >= parallelFrabBytes {
		workers = 2
	}
	return parseFrabStreamWith(b, workers)
}

// parallelFrabBytes is the size of file from which the events are
// decoded by two goroutines: below it, starting one costs more than it
// saves.
const parallelFrabBytes = 1 << 20

// parseFrabStreamWith is parseFrabStream with that many goroutines.
//
// It reads the file in one pass (parseFrabOnePass, frabonepass.go), the
// second goroutine from a day in the second half. A file with more than
// maxScheduleTalks events is read again by parseFrabStreamSpans, which
// checks those past the limit without decoding them; the files the
// one-pass reader does not take for another reason, that one does not
// take either (FuzzFrabOnePassSameAsSpans).
func parseFrabStreamWith(b []byte, workers int) (*frabStreamed, error) {
	at := -1
	if workers > 1 {
		at = frabDayGuess(b)
	}
	out, err := parseFrabOnePass(b, at)
	if errors.Is(err, errFrabTooMany) {
		return parseFrabStreamSpans(b, workers)
	}
	return out, err
}

// parseFrabStreamSpans is parseFrabStream decoding the events with that
// many goroutines, in two steps.
//
// The walk checks the document but the events (their syntax and keys
// listed twice) and notes where each event is; then the events are
// decoded in the order the whole-document reader gives them, each
// checked as it is decoded.
func parseFrabStreamSpans(b []byte, workers int) (out *frabStreamed, err error) {
	defer func() {
		if recover() != nil {
			out, err = nil, errFrabStream
		}
	}()
	var ahead *frabDaysAhead
	if workers > 1 {
		ahead = walkDaysAhead(b, func() int { return frabDayGuess(b) })
		defer ahead.stop()
	}
	d := &frabDec{b: b}
	w, err := d.walk(ahead)
	ahead.stop() // its days are taken, or not wanted
	if err != nil {
		return nil, err
	}
	days := w.days
	head, err := w.conference()
	if err != nil {
		return nil, err
	}

	// From here on the notes are the file's: kept until the end.
	out = &frabStreamed{}
	later := func(kind SkipKind, record, reason, detail string, count ...int) {
		out.notes = append(out.notes, func(skip skipFunc) { skip(kind, record, reason, detail, count...) })
	}
	conf, problems, rank := head.header(w.baseURL)
	for _, p := range problems {
		later(p.kind, "schedule.conference", p.reason, p.detail)
	}
	// The events in the order the whole-document reader gives them: by
	// day, then by room in the conference's order, then as listed.
	var (
		jobs     = make([]frabJob, 0, w.events)
		dayFirst = make([]int, len(days)+1) // each day's first job
		dayNotes = make([][]func(skipFunc), len(days))
	)
	for di := range days {
		ds := &days[di]
		day := new(schedDay)
		*day, problems = frabDayOf(ds.date, ds.start, ds.end)
		for _, p := range problems {
			record := fmt.Sprintf("schedule.conference.days[%d]", di)
			dayNotes[di] = append(dayNotes[di], func(skip skipFunc) { skip(p.kind, record, p.reason, p.detail) })
		}
		rooms := ds.rooms
		sort.Slice(rooms, func(i, j int) bool { return roomBefore(rank, rooms[i].name, rooms[j].name) })
		dayFirst[di] = len(jobs)
		for _, r := range rooms {
			for _, span := range r.events {
				jobs = append(jobs, frabJob{start: span[0], end: span[1], day: day, room: r.name})
			}
		}
	}
	dayFirst[len(days)] = len(jobs)
	events, eventNotes, err := decodeFrabEvents(b, jobs, workers)
	if err != nil {
		return nil, err
	}
	for di := range days {
		out.notes = append(out.notes, dayNotes[di]...)
		for _, notes := range eventNotes[min(dayFirst[di], len(events)):min(dayFirst[di+1], len(events))] {
			out.notes = append(out.notes, notes...)
		}
	}
	total := len(jobs)
	out.conf, out.events, out.total = conf, events, total
	return out, nil
}

// frabJob is one event to decode: where it is, its day and its room.
type frabJob struct {
	start, end int
	day        *schedDay
	room       string
}

// decodeFrabEvents decodes the events of jobs, the first maxScheduleTalks
// of them (the others are only checked), with that many goroutines, each
// claiming runs of frabBatch consecutive jobs as it is free, so that they
// finish together: events[i] and its notes, notes[i], are job i's,
// whichever goroutine decoded it, so the result is the same as one
// goroutine's.
func decodeFrabEvents(b []byte, jobs []frabJob, workers int) (events []schedEvent, notes [][]func(skipFunc), err error) {
	n := min(len(jobs), maxScheduleTalks)
	events = make([]schedEvent, n)
	source.PrefaultOf(events)
	notes = make([][]func(skipFunc), n)
	var next atomic.Int64
	run := func() (err error) {
		defer func() {
			if recover() != nil {
				err = errFrabStream
			}
		}()
		d := &frabDec{b: b}
		var (
			fe    frabEvent
			cur   int
			lists schedLists
		)
		later := func(kind SkipKind, record, reason, detail string, count ...int) {
			notes[cur] = append(notes[cur], func(skip skipFunc) { skip(kind, record, reason, detail, count...) })
		}
		for {
			from := int(next.Add(frabBatch)) - frabBatch
			if from >= len(jobs) {
				return nil
			}
			for cur = from; cur < min(from+frabBatch, len(jobs)); cur++ {
				j := &jobs[cur]
				var end int
				if cur >= maxScheduleTalks {
					// Counted, not decoded; but checked, as the
					// whole-document reader checks it.
					end, err = d.skip(j.start)
				} else {
					fe = frabEvent{Persons: fe.Persons, Links: fe.Links, Attachments: fe.Attachments}
					end, err = d.event(j.start, &fe)
					if err == nil {
						events[cur] = frabToSched(&fe, j.day, j.room, cur, later, &lists)
					}
				}
				if err != nil || end != j.end {
					return errFrabStream
				}
			}
		}
	}
	workers = max(1, min(workers, len(jobs)))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { errs[w] = run() })
	}
	errs[0] = run()
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, errFrabStream
	}
	return events, notes, nil
}

// frabBatch is how many events a goroutine of decodeFrabEvents claims at
// a time: small enough that the goroutines finish together, large enough
// that claiming costs nothing.
const frabBatch = 64

// frabWalk is what the walk of a schedule.json found: the schedule's
// base_url, the conference's fields but its days (as the members of a
// JSON object, copied from the input), its days, and how many events they
// hold.
type frabWalk struct {
	baseURL frabText
	head    []byte
	days    []frabDaySpans
	events  int
}

// conference decodes the conference's fields but its days, as one small
// object.
func (w *frabWalk) conference() (*frabConfHead, error) {
	var head frabConfHead
	if err := json.Unmarshal(append(append([]byte{'{'}, w.head...), '}'), &head); err != nil {
		return nil, errFrabStream
	}
	return &head, nil
}

// walk walks the whole document, checking all of it but the events, and
// returns what it found. ahead, if not nil, is walking days from a later
// point of the days array at the same time (see frabDaysAhead).
func (d *frabDec) walk(ahead *frabDaysAhead) (*frabWalk, error) {
	var days []frabDaySpans
	w, err := d.walkDoc(func(v int) (int, error) { return d.days(v, &days, ahead) })
	if err != nil {
		return nil, err
	}
	w.days = days
	for _, ds := range days {
		for _, r := range ds.rooms {
			w.events += len(r.events)
		}
	}
	return w, nil
}

// walkDoc walks the whole document but the conference's days, which
// walkDays walks from the start of their value, and returns the
// schedule's base_url and the conference's other fields.
func (d *frabDec) walkDoc(walkDays func(v int) (int, error)) (*frabWalk, error) {
	b := d.b
	var (
		baseURL  frabText
		haveConf bool
		headJSON []byte
	)
	// conference walks the conference object: its fields but the days
	// are copied out for encoding/json, its days walked.
	conference := func(v int) (int, error) {
		return d.object(v, func(key []byte, v int) (int, error) {
			if ok, err := field(key, "days"); err != nil || ok {
				if err != nil {
					return 0, err
				}
				return walkDays(v)
			}
			at := d.keyAt // before skip walks the objects in the value
			end, err := d.skip(v)
			if err != nil {
				return 0, err
			}
			if len(headJSON) > 0 {
				headJSON = append(headJSON, ',')
			}
			headJSON = append(headJSON, b[at:end]...)
			return end, nil
		})
	}
	start := d.ws(0)
	end, err := d.object(start, func(key []byte, v int) (int, error) {
		ok, err := field(key, "schedule")
		if err != nil || !ok {
			if err != nil {
				return 0, err
			}
			return d.skip(v)
		}
		return d.object(v, func(key []byte, v int) (int, error) {
			if ok, err := field(key, "base_url"); err != nil || ok {
				if err != nil {
					return 0, err
				}
				var end int
				baseURL, end, err = d.text(v)
				return end, err
			}
			if ok, err := field(key, "conference"); err != nil || ok {
				if err != nil {
					return 0, err
				}
				haveConf = true
				return conference(v)
			}
			return d.skip(v)
		})
	})
	if err != nil {
		return nil, err // errFrabStream, or why walkDays stopped
	}
	if d.ws(end) != len(b) || !haveConf {
		return nil, errFrabStream
	}
	return &frabWalk{baseURL: baseURL, head: headJSON}, nil
}

// days walks the days array at b[v] (or null), appending each day to
// *days with the spans of its events, and returns the array's end. When
// a day starts where ahead started, the days from there on are ahead's.
func (d *frabDec) days(v int, days *[]frabDaySpans, ahead *frabDaysAhead) (int, error) {
	if v < len(d.b) && d.b[v] == 'n' {
		return d.literal(v, "null")
	}
	return d.array(v, func(v int) (int, error) {
		if ahead != nil && int64(v) == ahead.at.Load() && d.depth == frabDaysDepth {
			if ahead.wait(); ahead.err == nil {
				*days = append(*days, ahead.days...)
				return ahead.end, nil
			}
		}
		return d.day(v, days)
	})
}

// day walks the day at b[v], appending it to *days with the spans of its
// events, and returns its end.
func (d *frabDec) day(v int, days *[]frabDaySpans) (int, error) {
	var ds frabDaySpans
	end, err := d.dayWith(v, &ds.date, &ds.start, &ds.end, func(name []byte, v int) (int, error) {
		r := frabRoomSpans{name: string(name)}
		end, err := d.room(v, func(v int) (int, error) {
			end, err := d.spanEnd(v)
			r.events = append(r.events, [2]int{v, end})
			return end, err
		})
		ds.rooms = append(ds.rooms, r)
		return end, err
	})
	*days = append(*days, ds)
	return end, err
}

// dayWith walks the day object at b[v]: its date, day_start and day_end
// into date, start and end, and each of its rooms, by name, with room,
// which returns the end of the room's value. It returns the day's end.
func (d *frabDec) dayWith(v int, date, start, end *frabText, room func(name []byte, v int) (int, error)) (int, error) {
	return d.object(v, func(key []byte, v int) (int, error) {
		for _, f := range []struct {
			name string
			out  *frabText
		}{{"date", date}, {"day_start", start}, {"day_end", end}} {
			if ok, err := field(key, f.name); err != nil || ok {
				if err != nil {
					return 0, err
				}
				var end int
				*f.out, end, err = d.text(v)
				return end, err
			}
		}
		ok, err := field(key, "rooms")
		if err != nil || !ok {
			if err != nil {
				return 0, err
			}
			return d.skip(v)
		}
		if v < len(d.b) && d.b[v] == 'n' {
			return d.literal(v, "null")
		}
		return d.object(v, room)
	})
}

// room walks a room's value at b[v], null or an array of event objects,
// calling event with the start of each; event returns the event's end.
// It returns the value's end.
func (d *frabDec) room(v int, event func(v int) (int, error)) (int, error) {
	if v < len(d.b) && d.b[v] == 'n' {
		return d.literal(v, "null")
	}
	return d.array(v, func(v int) (int, error) {
		if d.b[v] != '{' {
			return 0, errFrabStream
		}
		return event(v)
	})
}

// The walk of a big file is split in two: while walk walks the document
// from its start, another goroutine walks the days from a point in the
// second half where a day seems to start (frabDayGuess) to the end of the
// days array. When walk comes to a day that starts exactly there, it
// takes the other goroutine's days instead of walking them; a day walked
// from its first byte is the same whatever came before it. If no day
// starts there (the guess was inside an event, or a string), walk never
// comes to it and walks all the days itself.

// frabDaysDepth is how deep a schedule's days are: in the days array of
// the conference of the schedule of the document.
const frabDaysDepth = 4

// frabDaysAhead is the walk of the days from at to the end of the days
// array, by another goroutine: the days, the end of the last one, or why
// it failed. at is -1 until the goroutine has found where to start (a
// walk that passes that place before then walks on by itself).
type frabDaysAhead struct {
	at   atomic.Int64
	days []frabDaySpans
	end  int
	err  error
	quit atomic.Bool   // set when its days are not wanted
	done chan struct{} // closed when it has returned
}

// frabDayGuess returns where a day seems to start in the second half of
// b, or -1.
func frabDayGuess(b []byte) int { return frabDayLike(b, len(b)/2) }

// frabDayLike returns the first place at or after from where a day seems
// to start, or -1: frab, pretalx and the hub write each day's index first,
// so an object whose first key is "index".
func frabDayLike(b []byte, from int) int {
	for {
		i := bytes.Index(b[from:], []byte(`"index"`))
		if i < 0 {
			return -1
		}
		at := from + i - 1
		for at >= from && (b[at] == ' ' || b[at] == '\t' || b[at] == '\n' || b[at] == '\r') {
			at--
		}
		if at >= from && b[at] == '{' {
			return at
		}
		from += i + 1
	}
}

// walkDaysAhead starts a goroutine that walks the days of b from the
// place find returns (find runs on that goroutine too), unless it is -1.
func walkDaysAhead(b []byte, find func() int) *frabDaysAhead {
	a := &frabDaysAhead{done: make(chan struct{})}
	a.at.Store(-1)
	go func() {
		defer close(a.done)
		defer func() {
			if recover() != nil {
				a.err = errFrabStream
			}
		}()
		a.err = errFrabStream
		at := find()
		if at < 0 {
			return
		}
		a.at.Store(int64(at))
		d := &frabDec{b: b, depth: frabDaysDepth}
		if end, ok := d.daysFrom(at, &a.quit, func(v int) (int, error) { return d.day(v, &a.days) }); ok {
			a.end, a.err = end, nil
		}
	}()
	return a
}

// daysFrom reads the days of the days array from the one at v to the
// array's end, each with day (which returns where it ends), until quit is
// set: the end of the last day, and whether the array ended there.
func (d *frabDec) daysFrom(v int, quit *atomic.Bool, day func(v int) (int, error)) (end int, ok bool) {
	b := d.b
	for !quit.Load() {
		end, err := day(v)
		if err != nil {
			return 0, false
		}
		i := d.ws(end)
		if i < len(b) && b[i] == ']' {
			return end, true
		}
		if i >= len(b) || b[i] != ',' {
			return 0, false
		}
		v = d.ws(i + 1)
	}
	return 0, false
}

// wait waits for the walk ahead to end.
func (a *frabDaysAhead) wait() { <-a.done }

// stop stops the walk ahead if it is still going and waits for it.
func (a *frabDaysAhead) stop() {
	if a != nil {
		a.quit.Store(true)
		a.wait()
	}
}
