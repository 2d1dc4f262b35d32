package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"cndtalks/model"
)

// jsonCatalogue is the JSON shape of a catalogue. It is the model's, except
// for the schedule fields, which JSON writes as text like the YAML does
// ("start": "2019-06-11T09:30:00-04:00", "duration": "30m").
type jsonCatalogue struct {
	Event    model.Event     `json:"event"`
	Speakers []model.Speaker `json:"speakers"`
	Talks    []jsonTalk      `json:"talks"`
}

type jsonTalk struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Subtitle string       `json:"subtitle"`
	Kind     string       `json:"kind"`
	Order    int          `json:"order"`
	Speakers []string     `json:"speakers"`
	Summary  string       `json:"summary"`
	Topics   []string     `json:"topics"`
	Links    []model.Link `json:"links"`
	Language string       `json:"language"`
	Start    string       `json:"start"`
	Duration string       `json:"duration"`
	Room     string       `json:"room"`
	Track    string       `json:"track"`
	Day      string       `json:"day"`
}

// parseJSON decodes a cndtalks catalogue from JSON with encoding/json, the
// fast path. When that fails for any reason other than bad syntax, the input
// is decoded again through the node tree (JSON is YAML), which reports every
// problem with its line, column and field path.
func parseJSON(name string, b []byte) (*model.Catalogue, error) {
	var jc jsonCatalogue
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(&jc)
	if err == nil {
		// One value only: anything after it is a mistake.
		if _, terr := dec.Token(); terr != io.EOF {
			line, col := offsetPos(b, int(dec.InputOffset()))
			if terr != nil {
				var se *json.SyntaxError
				if errors.As(terr, &se) {
					line, col = offsetPos(b, int(se.Offset))
				}
			}
			return nil, &Error{File: name, Line: line, Column: col, Msg: "invalid JSON: unexpected data after the catalogue object"}
		}
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		line, col := offsetPos(b, int(se.Offset))
		return nil, &Error{File: name, Line: line, Column: col, Msg: "invalid JSON: " + se.Error(), Err: se}
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF:
		line, col := offsetPos(b, len(b))
		return nil, &Error{File: name, Line: line, Column: col, Msg: "invalid JSON: unexpected end of file"}
	case err != nil:
		return nil, jsonDiagnose(name, b, err)
	}
	c := &model.Catalogue{Event: jc.Event, Speakers: jc.Speakers, Talks: make([]model.Talk, len(jc.Talks))}
	for i := range jc.Talks {
		jt := &jc.Talks[i]
		t := model.Talk{
			ID: jt.ID, Title: jt.Title, Subtitle: jt.Subtitle, Kind: jt.Kind, Order: jt.Order,
			Speakers: jt.Speakers, Summary: jt.Summary, Topics: jt.Topics, Links: jt.Links,
			Language: jt.Language, Room: jt.Room, Track: jt.Track, Day: jt.Day,
		}
		var bad bool
		if jt.Start != "" {
			if t.Start, err = parseTalkStart(jt.Start); err != nil {
				bad = true
			}
		}
		if jt.Duration != "" {
			if t.Duration, err = parseTalkDuration(jt.Duration); err != nil {
				bad = true
			}
		}
		if bad {
			return nil, jsonDiagnose(name, b, err)
		}
		c.Talks[i] = t
	}
	return c, nil
}

// jsonDiagnose decodes b through the node tree to report fastErr's problem
// (and any others) with positions. If that finds nothing, fastErr is
// reported as it is.
func jsonDiagnose(name string, b []byte, fastErr error) error {
	root, err := parseNodes(b)
	if err == nil && root != nil {
		d := &catDecoder{file: name, budget: 4*len(b) + 1024, json: true}
		d.catalogue(root)
		if err := joinErrors(name, d.errs); err != nil {
			return err
		}
	}
	e := &Error{File: name, Msg: "invalid catalogue: " + fastErr.Error()}
	var te *json.UnmarshalTypeError
	if errors.As(fastErr, &te) {
		e.Line, e.Column = offsetPos(b, int(te.Offset))
		e.Field = te.Field
		e.Msg = "expected " + te.Type.String() + ", got JSON " + te.Value
	}
	return e
}
