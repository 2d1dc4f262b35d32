package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// The streaming reader of a schedule.json: it walks the document's
// structure (schedule, conference, days, rooms) itself and hands
// encoding/json one event at a time, so a 100,000-event export is never
// held as a whole tree of decoded events, and the events past
// maxScheduleTalks are counted, not decoded. Every value it decodes is a
// slice of the input, so the text still shares the file's memory.
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

// jsonScan walks well-formed JSON in b.
type jsonScan struct {
	b []byte
	// key is where the key just given to an object callback starts.
	key *int
}

func (s jsonScan) ws(i int) int {
	for i < len(s.b) && (s.b[i] == ' ' || s.b[i] == '\t' || s.b[i] == '\n' || s.b[i] == '\r') {
		i++
	}
	return i
}

// str returns the end of the string starting at b[i] == '"' and whether
// it has escapes.
func (s jsonScan) str(i int) (int, bool, error) {
	esc := false
	for j := i + 1; j < len(s.b); j++ {
		switch s.b[j] {
		case '\\':
			esc = true
			j++
		case '"':
			return j + 1, esc, nil
		}
	}
	return 0, false, errFrabStream
}

// value returns the end of the value starting at b[i].
func (s jsonScan) value(i int) (int, error) {
	if i >= len(s.b) {
		return 0, errFrabStream
	}
	switch s.b[i] {
	case '"':
		end, _, err := s.str(i)
		return end, err
	case '{', '[':
		depth := 0
		for j := i; j < len(s.b); j++ {
			switch s.b[j] {
			case '"':
				end, _, err := s.str(j)
				if err != nil {
					return 0, err
				}
				j = end - 1
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
	j := i
	for j < len(s.b) && !strings.ContainsRune(",}] \t\r\n", rune(s.b[j])) {
		j++
	}
	if j == i {
		return 0, errFrabStream
	}
	return j, nil
}

// object calls fn with each key (unquoted and unescaped) and the span
// of its value, for the object at b[i]; it returns the object's end.
func (s jsonScan) object(i int, fn func(key string, v, end int) error) (int, error) {
	if i >= len(s.b) || s.b[i] != '{' {
		return 0, errFrabStream
	}
	i = s.ws(i + 1)
	if i < len(s.b) && s.b[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(s.b) || s.b[i] != '"' {
			return 0, errFrabStream
		}
		kend, esc, err := s.str(i)
		if err != nil {
			return 0, errFrabStream
		}
		for _, c := range s.b[i+1 : kend-1] {
			if c < 0x20 {
				return 0, errFrabStream // invalid JSON: the whole reader says where
			}
		}
		*s.key = i
		key := string(s.b[i+1 : kend-1])
		if esc {
			// A room named with escapes ("Saal \u00dc"): as encoding/json
			// reads it.
			if json.Unmarshal(s.b[i:kend], &key) != nil {
				return 0, errFrabStream
			}
		}
		i = s.ws(kend)
		if i >= len(s.b) || s.b[i] != ':' {
			return 0, errFrabStream
		}
		v := s.ws(i + 1)
		end, err := s.value(v)
		if err != nil {
			return 0, err
		}
		if err := fn(key, v, end); err != nil {
			return 0, err
		}
		i = s.ws(end)
		if i < len(s.b) && s.b[i] == ',' {
			i = s.ws(i + 1)
			continue
		}
		if i < len(s.b) && s.b[i] == '}' {
			return i + 1, nil
		}
		return 0, errFrabStream
	}
}

// array calls fn with the span of each element of the array at b[i].
func (s jsonScan) array(i int, fn func(v, end int) error) (int, error) {
	if i >= len(s.b) || s.b[i] != '[' {
		return 0, errFrabStream
	}
	i = s.ws(i + 1)
	if i < len(s.b) && s.b[i] == ']' {
		return i + 1, nil
	}
	for {
		end, err := s.value(i)
		if err != nil {
			return 0, err
		}
		if err := fn(i, end); err != nil {
			return 0, err
		}
		i = s.ws(end)
		if i < len(s.b) && s.b[i] == ',' {
			i = s.ws(i + 1)
			continue
		}
		if i < len(s.b) && s.b[i] == ']' {
			return i + 1, nil
		}
		return 0, errFrabStream
	}
}

// field matches a key against the name a struct field has: exactly, or
// not at all. A key encoding/json would match in another case is not for
// the streaming reader.
func field(key, name string) (bool, error) {
	if key == name {
		return true, nil
	}
	if strings.EqualFold(key, name) {
		return false, errFrabStream
	}
	return false, nil
}

// decodeStrict decodes b[v:end] into out, failing on anything but a clean
// decode (a value of the wrong type included).
func decodeStrict(b []byte, v, end int, out any) error {
	if err := json.Unmarshal(b[v:end], out); err != nil {
		return errFrabStream
	}
	return nil
}

// validOnly checks a value the reader skips, as json.Unmarshal would.
func validOnly(b []byte, v, end int) error {
	if !json.Valid(b[v:end]) {
		return errFrabStream
	}
	return nil
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

// parseFrabStream reads a well-formed file as parseFrabJSON does, streamed.
// It returns errFrabStream when the file is not one it reads exactly as the
// whole-document reader does.
func parseFrabStream(b []byte) (out *frabStreamed, err error) {
	defer func() {
		if recover() != nil {
			out, err = nil, errFrabStream
		}
	}()
	if len(source.JSONDuplicateKeys(b)) > 0 {
		return nil, errFrabStream // the whole-document reader says which
	}
	s := jsonScan{b: b, key: new(int)}
	var (
		baseURL frabText
		confV   = -1
	)
	start := s.ws(0)
	end, err := s.object(start, func(key string, v, end int) error {
		ok, err := field(key, "schedule")
		if err != nil || !ok {
			if err == nil {
				err = validOnly(b, v, end)
			}
			return err
		}
		_, err = s.object(v, func(key string, v, end int) error {
			if ok, err := field(key, "base_url"); err != nil || ok {
				if err != nil {
					return err
				}
				return decodeStrict(b, v, end, &baseURL)
			}
			if ok, err := field(key, "conference"); err != nil || ok {
				if err != nil {
					return err
				}
				if b[v] != '{' {
					return errFrabStream
				}
				confV = v
				return nil
			}
			return validOnly(b, v, end)
		})
		return err
	})
	if err != nil || s.ws(end) != len(b) || confV < 0 {
		return nil, errFrabStream
	}
	// The conference without its days, decoded as one small object (the
	// days are streamed below): its keys and values copied out of b.
	var headJSON []byte
	dv := -1
	if _, err := s.object(confV, func(key string, v, end int) error {
		if ok, err := field(key, "days"); err != nil || ok {
			if err != nil || dv >= 0 {
				return errFrabStream
			}
			dv = v
			return nil
		}
		if len(headJSON) > 0 {
			headJSON = append(headJSON, ',')
		}
		headJSON = append(headJSON, b[*s.key:end]...)
		return nil
	}); err != nil {
		return nil, err
	}
	var head frabConfHead
	headJSON = append(append([]byte{'{'}, headJSON...), '}')
	if err := decodeStrict(headJSON, 0, len(headJSON), &head); err != nil {
		return nil, err
	}

	// From here on the notes are the file's: kept until the end.
	out = &frabStreamed{}
	later := func(kind SkipKind, record, reason, detail string, count ...int) {
		out.notes = append(out.notes, func(skip skipFunc) { skip(kind, record, reason, detail, count...) })
	}
	conf, problems, rank := head.header(baseURL)
	for _, p := range problems {
		later(p.kind, "schedule.conference", p.reason, p.detail)
	}

	var events []schedEvent
	total := 0
	if dv >= 0 && string(b[dv:dv+min(4, len(b)-dv)]) != "null" {
		if b[dv] != '[' {
			return nil, errFrabStream
		}
		di := 0
		_, err = s.array(dv, func(v, end int) error {
			if b[v] != '{' {
				return errFrabStream
			}
			var date, dayStart, dayEnd frabText
			type roomSpan struct {
				name   string
				events [][2]int
			}
			var rooms []roomSpan
			_, err := s.object(v, func(key string, v, end int) error {
				for _, f := range []struct {
					name string
					out  *frabText
				}{{"date", &date}, {"day_start", &dayStart}, {"day_end", &dayEnd}} {
					if ok, err := field(key, f.name); err != nil || ok {
						if err != nil {
							return err
						}
						return decodeStrict(b, v, end, f.out)
					}
				}
				ok, err := field(key, "rooms")
				if err != nil || !ok {
					if err == nil {
						err = validOnly(b, v, end)
					}
					return err
				}
				if string(b[v:end]) == "null" {
					return nil
				}
				_, err = s.object(v, func(room string, v, end int) error {
					if string(b[v:end]) == "null" {
						rooms = append(rooms, roomSpan{name: room})
						return nil
					}
					r := roomSpan{name: room}
					_, err := s.array(v, func(v, end int) error {
						if b[v] != '{' {
							return errFrabStream
						}
						r.events = append(r.events, [2]int{v, end})
						return nil
					})
					rooms = append(rooms, r)
					return err
				})
				return err
			})
			if err != nil {
				return err
			}
			problems = problems[:0]
			day := &schedDay{Date: txt("date", date, &problems), Start: txt("day_start", dayStart, &problems), End: txt("day_end", dayEnd, &problems)}
			if datePart(day.Date) == "" {
				problems = append(problems, fieldProblem{SkipField, "day has no valid date: its events keep no day", model.QuoteLine(day.Date)})
				day.Date = ""
			}
			for _, p := range problems {
				later(p.kind, fmt.Sprintf("schedule.conference.days[%d]", di), p.reason, p.detail)
			}
			di++
			sort.Slice(rooms, func(i, j int) bool {
				ri, iok := rank[rooms[i].name]
				rj, jok := rank[rooms[j].name]
				if iok != jok {
					return iok
				}
				if ri != rj {
					return ri < rj
				}
				return rooms[i].name < rooms[j].name
			})
			for _, r := range rooms {
				for _, span := range r.events {
					total++
					if len(events) >= maxScheduleTalks {
						continue // counted, not decoded
					}
					var fe frabEvent
					if err := decodeStrict(b, span[0], span[1], &fe); err != nil {
						return err
					}
					events = append(events, frabToSched(&fe, day, r.name, len(events), later))
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out.conf, out.events, out.total = conf, events, total
	return out, nil
}
