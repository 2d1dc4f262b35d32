package catalog

import (
	"errors"
	"strings"

	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// The formats of a cndtalks catalogue.
const (
	FormatYAML = "yaml" // a cndtalks catalogue in YAML
	FormatJSON = "json" // a cndtalks catalogue in JSON
)

// Parse reads a cndtalks catalogue from src (named name in errors) in
// format, FormatJSON or FormatYAML, and returns it sanitised, validated and
// indexed with the format it was read as: JSON that does not parse but
// starts with '{' may be YAML in flow style ({event: {name: x}}), which is
// a valid catalogue too. A problem is returned as a *source.Error, or as
// source.Errors when there are several: every decoding problem (unknown
// field, wrong type...) and every validation problem of what could be
// decoded, each with its line and column.
func Parse(name, src, format string) (*model.Catalogue, string, error) {
	switch format {
	case FormatJSON:
		c, d, err := parseJSON(name, src)
		switch {
		case err == nil:
			return c, FormatJSON, Finish(name, c, d.locate)
		case !d.fatal:
			return nil, "", withProblems(name, d.errorList(), c, d.locate)
		case strings.HasPrefix(strings.TrimLeft(src, " \t\r\n"), "{"):
			if c, root, errs, yerr := parseYAML(name, []byte(src)); yerr == nil && len(errs) == 0 {
				return c, FormatYAML, Finish(name, c, func(path string) (int, int) { return locate(root, path) })
			}
		}
		return nil, "", err
	default:
		if c, sp, errs, ok := parseYAMLFast(name, src); ok {
			switch {
			case c == nil:
				return nil, "", source.JoinErrors(name, errs)
			case len(errs) > 0:
				return nil, "", withProblems(name, errs, c, fastLocator(src, sp))
			}
			return c, FormatYAML, Finish(name, c, fastLocator(src, sp))
		}
		c, root, errs, err := parseYAML(name, []byte(src))
		if err != nil {
			return nil, "", err
		}
		loc := func(path string) (int, int) { return locate(root, path) }
		if len(errs) > 0 {
			return nil, "", withProblems(name, errs, c, loc)
		}
		return c, FormatYAML, Finish(name, c, loc)
	}
}

// locator maps a field path (talks[3].links[0].url) to its line and column
// in the input, or zeros when it cannot.
type locator func(path string) (line, col int)

// Finish sanitises, validates and indexes c, the last step of every format.
// Validation problems are placed with loc, which may be nil.
func Finish(name string, c *model.Catalogue, loc func(path string) (line, col int)) error {
	return finish(name, c, loc, true, 0)
}

// FinishImported is Finish for a catalogue whose text is already
// sanitised, a fixed point of model.Catalogue.SanitizeText, and whose
// builder guarantees g by construction (what a schedule importer makes,
// see schedule.Import and schedule.Guaranteed): it validates and indexes c
// without sanitising every field a second time, and leaves out the checks
// that g makes sure find nothing (model.Catalogue.ValidateGuaranteed, and
// formatProblems'); with g 0 it makes every check.
func FinishImported(name string, c *model.Catalogue, g model.Guarantees) error {
	return finish(name, c, nil, false, g)
}

// finish is Finish, with c's text sanitised first if sanitise is set, and
// the checks that g makes redundant left out.
func finish(name string, c *model.Catalogue, loc locator, sanitise bool, g model.Guarantees) error {
	if ps := prepare(c, sanitise, g); len(ps) > 0 {
		es := make([]*source.Error, len(ps))
		for i, p := range ps {
			e := &source.Error{File: name, Field: p.Path, Msg: p.Msg}
			if loc != nil && p.Path != "" {
				e.Line, e.Column = loc(p.Path)
			}
			es[i] = e
		}
		return source.JoinErrors(name, es)
	}
	c.Index()
	return nil
}

// withProblems reports decoding errors together with the validation problems
// of what could be decoded, so that one run lists everything to fix. A
// problem at or under a field that already has an error is left out (a field
// of the wrong type is also "required"), and so are unresolved speaker
// references when the speakers themselves did not decode.
func withProblems(name string, errs []*source.Error, c *model.Catalogue, loc locator) error {
	speakersBroken := false
	for _, e := range errs {
		if e.Field == "speakers" || strings.HasPrefix(e.Field, "speakers[") {
			speakersBroken = true
		}
	}
	for _, p := range prepare(c, true, 0) {
		if covered(p.Path, errs) || (speakersBroken && strings.HasPrefix(p.Msg, "unknown speaker ID")) {
			continue
		}
		e := &source.Error{File: name, Field: model.SanitizeLine(p.Path), Msg: p.Msg}
		if loc != nil && p.Path != "" {
			e.Line, e.Column = loc(p.Path)
		}
		errs = append(errs, e)
	}
	return source.JoinErrors(name, errs)
}

// covered reports whether path is, or is inside, a field with an error; an
// error about the whole document covers everything, and an unknown field
// with a suggestion covers the field suggested ("titel" covers "title is
// required").
func covered(path string, errs []*source.Error) bool {
	for _, e := range errs {
		f := e.Field
		if f == "" || path == f || strings.HasPrefix(path, f+".") || strings.HasPrefix(path, f+"[") {
			return true
		}
		if i := strings.Index(e.Msg, "(did you mean \""); i >= 0 {
			suggested := strings.TrimSuffix(e.Msg[i+len("(did you mean \""):], "\"?)")
			parent := f[:max(0, strings.LastIndexByte(f, '.'))]
			if s := pathJoin(parent, suggested); path == s || strings.HasPrefix(path, s+".") || strings.HasPrefix(path, s+"[") {
				return true
			}
		}
	}
	return false
}

// prepare fills the defaults the format documents, sanitises the text if
// sanitise is set, and returns the problems: model.Validate's, then those
// of the rules of the file format that the model leaves open
// (formatProblems: link kinds from the known set, dates as YYYY-MM-DD),
// but for those that g makes sure are not there. g is for a catalogue
// already sanitised: with sanitise set, it must be 0.
func prepare(c *model.Catalogue, sanitise bool, g model.Guarantees) []model.Problem {
	for i := range c.Talks {
		t := &c.Talks[i]
		if t.Order == 0 {
			t.Order = i + 1
		}
		if t.Kind == "" {
			t.Kind = "talk"
		}
	}
	validate := func() error { return c.ValidateGuaranteed(g) }
	if sanitise {
		validate = c.SanitizeAndValidate
	}
	var ps []model.Problem
	if err := validate(); err != nil {
		var ve model.ValidationError
		if errors.As(err, &ve) {
			ps = append(ps, ve...)
		} else {
			ps = append(ps, model.Problem{Msg: err.Error()})
		}
	}
	return append(ps, formatProblems(c, g)...)
}
