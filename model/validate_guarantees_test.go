package model

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// allGuarantees is every guarantee at once.
const allGuarantees = TalkIDsUnique | SpeakersKnown | TalkTitlesPresent | LinkKindsKnown | LinkURLsSafe

// guaranteedProblems are, for each guarantee, the problems that the
// catalogue's builder rules out by giving it: its path and the start of
// its message.
var guaranteedProblems = []struct {
	g    Guarantees
	path *regexp.Regexp
	msg  string
}{
	{TalkIDsUnique, regexp.MustCompile(`^talks\[\d+\]\.id$`), "is required"},
	{TalkIDsUnique, regexp.MustCompile(`^talks\[\d+\]\.id$`), "duplicate talk ID "},
	{SpeakersKnown, regexp.MustCompile(`^speakers\[\d+\]\.id$`), "is required"},
	{SpeakersKnown, regexp.MustCompile(`^speakers\[\d+\]\.id$`), "duplicate speaker ID "},
	{SpeakersKnown, regexp.MustCompile(`^speakers\[\d+\]\.name$`), "is required"},
	{SpeakersKnown, regexp.MustCompile(`^talks\[\d+\]\.speakers\[\d+\]$`), "unknown speaker ID "},
	{TalkTitlesPresent, regexp.MustCompile(`^talks\[\d+\]\.title$`), "is required"},
	{LinkKindsKnown, regexp.MustCompile(`^(event|talks\[\d+\])\.(links|community)\[\d+\]\.kind$`), "is required ("},
	{LinkURLsSafe, regexp.MustCompile(`^(event|talks\[\d+\])\.(links|community)\[\d+\]\.url$`), "expected an absolute http(s) URL: "},
}

// withoutGuaranteed returns the problems of err but those that g rules
// out, or nil when none is left.
func withoutGuaranteed(err error, g Guarantees) error {
	ps, _ := err.(ValidationError)
	var left ValidationError
	for _, p := range ps {
		ruled := false
		for _, gp := range guaranteedProblems {
			if g&gp.g != 0 && gp.path.MatchString(p.Path) && strings.HasPrefix(p.Msg, gp.msg) {
				ruled = true
			}
		}
		if !ruled {
			left = append(left, p)
		}
	}
	if len(left) == 0 {
		return nil
	}
	return left
}

// checkValidateGuaranteed fails t unless, for each set of guarantees g of
// gs, validate with g (in one part and in several) finds the problems the
// serial Validate finds but those g rules out, in the same order.
func checkValidateGuaranteed(t *testing.T, c *Catalogue, gs ...Guarantees) {
	t.Helper()
	all := c.validateSerial()
	for _, g := range gs {
		want := withoutGuaranteed(all, g)
		for _, parts := range []int{1, 2, 3} {
			if got := c.validate(parts, false, g); !reflect.DeepEqual(got, want) {
				t.Fatalf("validate(%d) with guarantees %05b = %v\nthe serial Validate but what they rule out: %v", parts, g, got, want)
			}
		}
	}
}

// TestValidateGuaranteed breaks one guarantee at a time in a valid
// catalogue: ValidateGuaranteed misses exactly that breach when given the
// guarantee, and finds it, with the catalogue's other problem, when
// given all the others.
func TestValidateGuaranteed(t *testing.T) {
	valid := func() *Catalogue {
		return &Catalogue{
			Event:    Event{Name: "E", Links: []Link{{Kind: LinkWeb, URL: "https://e.example/"}}},
			Speakers: []Speaker{{ID: "s1", Name: "Ann"}, {ID: "s2", Name: "Bo"}},
			Talks: []Talk{
				{ID: "t1", Title: "One", Speakers: []string{"s1"}, Links: []Link{{Kind: LinkSlides, URL: "https://x.example/1"}}},
				{ID: "t2", Title: "Two", Speakers: []string{"s2", "s1"}},
			},
		}
	}
	for _, tc := range []struct {
		name   string
		g      Guarantees
		breach func(c *Catalogue)
		want   string
	}{
		{"blank talk ID", TalkIDsUnique, func(c *Catalogue) { c.Talks[1].ID = " " }, "talks[1].id: is required"},
		{"duplicate talk ID", TalkIDsUnique, func(c *Catalogue) { c.Talks[1].ID = "t1" }, `talks[1].id: duplicate talk ID "t1" (also talks[0])`},
		{"blank speaker ID", SpeakersKnown, func(c *Catalogue) { c.Speakers[0].ID = "" }, "speakers[0].id: is required"},
		{"duplicate speaker ID", SpeakersKnown, func(c *Catalogue) { c.Speakers[1].ID = "s1" }, `speakers[1].id: duplicate speaker ID "s1" (also speakers[0])`},
		{"blank speaker name", SpeakersKnown, func(c *Catalogue) { c.Speakers[1].Name = "\t" }, "speakers[1].name: is required"},
		{"unknown speaker", SpeakersKnown, func(c *Catalogue) { c.Talks[1].Speakers[1] = "s3" }, `talks[1].speakers[1]: unknown speaker ID "s3"`},
		{"blank title", TalkTitlesPresent, func(c *Catalogue) { c.Talks[0].Title = "" }, "talks[0].title: is required"},
		{"link without a kind", LinkKindsKnown, func(c *Catalogue) { c.Talks[0].Links[0].Kind = "" }, "talks[0].links[0].kind: is required"},
		{"event link without a kind", LinkKindsKnown, func(c *Catalogue) { c.Event.Links[0].Kind = "" }, "event.links[0].kind: is required"},
		{"unsafe link", LinkURLsSafe, func(c *Catalogue) { c.Talks[0].Links[0].URL = "javascript:x" }, "talks[0].links[0].url: expected an absolute http(s) URL"},
		{"unsafe event link", LinkURLsSafe, func(c *Catalogue) { c.Event.Links[0].URL = "/x" }, "event.links[0].url: expected an absolute http(s) URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := valid()
			if err := c.ValidateGuaranteed(allGuarantees); err != nil {
				t.Fatalf("the valid catalogue: %v", err)
			}
			tc.breach(c)
			c.Talks[1].Duration = -1 // a problem no guarantee covers
			other := "talks[1].duration: must not be negative"
			if err := c.ValidateGuaranteed(tc.g); err == nil || err.Error() != other {
				t.Errorf("with the guarantee broken: %v, want only %q", err, other)
			}
			err := c.ValidateGuaranteed(allGuarantees &^ tc.g)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), other) {
				t.Errorf("with the other guarantees: %v, want %q and %q", err, tc.want, other)
			}
			if full := c.Validate(); !reflect.DeepEqual(full, c.ValidateGuaranteed(0)) {
				t.Errorf("Validate %v, ValidateGuaranteed(0) %v", full, c.ValidateGuaranteed(0))
			}
		})
	}
}

// TestValidateGuaranteedSameAsSerial compares validate with every set of
// guarantees with the serial Validate on catalogues with problems in
// every field.
func TestValidateGuaranteedSameAsSerial(t *testing.T) {
	var every []Guarantees
	for g := Guarantees(0); g <= allGuarantees; g++ {
		every = append(every, g)
	}
	for seed := range uint64(100) {
		r := rand.New(rand.NewPCG(seed, 3))
		n := r.IntN(40)
		if seed%50 == 0 {
			n = 3000
		}
		checkValidateGuaranteed(t, problemCatalogue(n, r.IntN), every...)
	}
}

// FuzzValidateGuaranteed is TestValidateGuaranteedSameAsSerial with the
// guarantees and the catalogue built from the fuzzer's bytes, each choice
// taken from the next byte.
func FuzzValidateGuaranteed(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x1f\x05\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b"))
	f.Add([]byte("\x03" + strings.Repeat("\x03\x01\x00\x02", 40)))
	f.Add([]byte("\x1c" + strings.Repeat("\x02\x00\x01", 60)))
	f.Fuzz(func(t *testing.T, b []byte) {
		pick := func(k int) int {
			if len(b) == 0 {
				return 0
			}
			v := int(b[0]) % k
			b = b[1:]
			return v
		}
		g := Guarantees(pick(int(allGuarantees) + 1))
		checkValidateGuaranteed(t, problemCatalogue(pick(64), pick), g)
	})
}
