package catalog

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"cndtalks/model"
)

// knownLinkKinds are the link kinds a catalogue file may use.
var knownLinkKinds = model.LinkKinds

// formatProblems checks what the file format requires beyond
// model.Validate: the checks its tables (schema.go) attach to fields, such
// as link kinds from the known set (a typo like "slide" would hide the link
// from "open --slides") and dates as YYYY-MM-DD. It leaves out the checks
// that g makes sure find nothing: with model.LinkKindsKnown, the links'.
func formatProblems(c *model.Catalogue, g model.Guarantees) []model.Problem {
	parts := 1
	if len(c.Talks) >= parallelFormatChecks && runtime.GOMAXPROCS(0) > 1 {
		parts = 2
	}
	return formatProblemsIn(c, parts, g)
}

// parallelFormatChecks is the number of talks from which formatProblems
// checks each half of them on its own goroutine.
const parallelFormatChecks = 4096

// formatProblemsIn is formatProblems with the talks checked in parts runs,
// each on its own goroutine, their problems joined in talk order.
func formatProblemsIn(c *model.Catalogue, parts int, g model.Guarantees) []model.Problem {
	var ps []model.Problem
	add := func(path, msg string) { ps = append(ps, model.Problem{Path: path, Msg: msg}) }
	links := make([]string, len(linkFormat.fields))
	if g&model.LinkKindsKnown != 0 {
		links = nil // no link is checked
	}
	checkRecord(eventFormat, &c.Event, recordPath{list: "event", index: -1, item: -1}, accepted{make([]string, len(eventFormat.fields)), links}, add)
	ok := accepted{make([]string, len(speakerFormat.fields)), links}
	for i := range c.Speakers {
		checkRecord(speakerFormat, &c.Speakers[i], recordPath{list: "speakers", index: i, item: -1}, ok, add)
	}
	runs := make([][]model.Problem, parts)
	check := func(p int) {
		var ps []model.Problem
		add := func(path, msg string) { ps = append(ps, model.Problem{Path: path, Msg: msg}) }
		ok := accepted{make([]string, len(talkFormat.fields)), nil}
		if links != nil {
			ok.links = make([]string, len(linkFormat.fields))
		}
		n := len(c.Talks)
		for i := p * n / parts; i < (p+1)*n/parts; i++ {
			checkRecord(talkFormat, &c.Talks[i], recordPath{list: "talks", index: i, item: -1}, ok, add)
		}
		runs[p] = ps
	}
	var wg sync.WaitGroup
	for p := 1; p < parts; p++ {
		wg.Go(func() { check(p) })
	}
	check(0)
	wg.Wait()
	return slices.Concat(append([][]model.Problem{ps}, runs...)...)
}

// accepted holds the last value each checked field of a record (record,
// by the field's index) and of its links (links) passed its check. The
// checks depend on the value alone, and a big catalogue's talks repeat
// their day and their links' kinds talk after talk: most values are the
// last one accepted, and a string comparison spares parsing a date. links
// is nil when the links are not checked (their kinds are known,
// model.LinkKindsKnown).
type accepted struct{ record, links []string }

// recordPath names a record as list[index] or list[index].field[item]
// (index or item -1 when there is none), built into a string only for a
// problem: a path per talk would cost an allocation per talk.
type recordPath struct {
	list  string
	index int
	field string
	item  int
}

func (p recordPath) String() string {
	s := p.list
	if p.index >= 0 {
		s = pathIndex(s, p.index)
	}
	if p.field != "" {
		s = pathIndex(s+"."+p.field, p.item)
	}
	return s
}

// checkRecord runs the checks of format f on the record v (at path), and
// on the links it holds unless ok.links is nil.
func checkRecord[T any](f *recordFormat[T], v *T, at recordPath, ok accepted, add func(path, msg string)) {
	for _, i := range f.checked {
		fd := &f.fields[i]
		switch {
		case fd.kind == textKind:
			if s := *fd.text(v); s != "" && s != ok.record[i] {
				if msg := fd.check(s); msg != "" {
					add(at.String()+"."+fd.name, msg)
				} else {
					ok.record[i] = s
				}
			}
		case fd.kind == linksKind && ok.links != nil:
			ls := *fd.links(v)
			for j := range ls {
				checkRecord(linkFormat, &ls[j], recordPath{list: at.list, index: at.index, field: fd.name, item: j}, accepted{ok.links, nil}, add)
			}
		}
	}
}

// checkDate refuses a date that is not YYYY-MM-DD.
func checkDate(s string) string {
	if isDate(s) {
		return ""
	}
	return fmt.Sprintf("expected a date as YYYY-MM-DD, got %q", s)
}

// checkLinkKind refuses a link kind outside knownLinkKinds.
func checkLinkKind(s string) string {
	if knownLinkKind(model.LinkKind(s)) {
		return ""
	}
	return fmt.Sprintf("unknown link kind %q (expected one of %s)", model.SanitizeLine(s), linkKindList)
}

// linkKindList names the known kinds for an error message.
var linkKindList = func() string {
	names := make([]string, len(knownLinkKinds))
	for i, k := range knownLinkKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}()

func knownLinkKind(k model.LinkKind) bool {
	for _, x := range knownLinkKinds {
		if x == k {
			return true
		}
	}
	return false
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
