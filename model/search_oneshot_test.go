package model_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/model"
)

// oneShotMarks stars every third talk and marks every fifth watched.
type oneShotMarks struct{}

func (oneShotMarks) Starred(id string) bool { return talkNumber(id)%3 == 0 }
func (oneShotMarks) Watched(id string) bool { return talkNumber(id)%5 == 0 }

func talkNumber(id string) int {
	n := 0
	for _, c := range id {
		if '0' <= c && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return n
}

// oneShotCatalogue is a generated catalogue with a few talks rewritten so
// that summaries and titles also have accents, CJK, punctuation inside
// words and capitals, which the generator does not write.
func oneShotCatalogue(n int, seed int64) *model.Catalogue {
	cat := gen.Catalogue(n, seed)
	extra := []struct{ title, summary string }{
		{"Kubernetes à Montréal", "Une présentation sur l'Opérateur Kubernetes, « GitOps » et les réseaux ÉLASTIQUES."},
		{"東京のクラウドネイティブ", "東京都でのKubernetes運用とサービスメッシュ。Observability 基盤。"},
		{"Straße to Production", "We moved from ＫＵＢＥＲＮＥＴＥＳ to k8s.io and c++ services; Kubernets typo-land, kuberntes, kubrenetes."},
		{"Service-Mesh: the GOOD parts", "SERVICE MESH, service-mesh and service  mesh are not the same phrase. Wiśniewski wrote it."},
		{"Observabilty Platfrom", "An observability platform, observabilityplatform, and obsrvability."},
	}
	for k, e := range extra {
		t := &cat.Talks[(k*7+3)%len(cat.Talks)]
		t.Title, t.Summary = e.title, e.summary
	}
	return cat
}

// oneShotQueries are queries of every kind: plain words (prefixes,
// typos of five and nine letters, abbreviations, letters inside a word),
// phrases, exclusions, qualifiers, non-ASCII, CJK, and queries nothing
// matches.
var oneShotQueries = []string{
	"kubernetes", "kube", "k", "kubernets", "kuberntes", "kubrenetes", "kubernetesx",
	"observabilty", "observabilty platform", "obsrvability", "platfrom", "promethus", "grafna",
	"chsm", "kcc", "gtps", "srvc", "sm", "ebpf", "k8s", "k8s.io", "c++", "c", ".net",
	`"service mesh"`, `"service-mesh"`, `"zero trust"`, `"kubernetes"`, `"lessons from"`, `"mesh"`,
	"service mesh", "service-mesh", "mesh -service", "k8s -kubernetes", "-kubernetes", "gitops -helm",
	"speaker:dupont", "speaker:tremblay ebpf", "org:google", "topic:security", "track:security",
	"room:viger tracing", "day:2 ops", "day:1", "day:mon", "lang:en", "lang:french", "kind:talk",
	"has:slides", "has:video", "has:schedule kafka", "is:starred", "is:watched kubernetes", "-is:starred mesh",
	"event:generated", "montreal", "montréal", "MONTRÉAL", "wiśniewski", "wisniewski", "strasse", "straße",
	"opérateur", "elastiques", "東京", "東京都", "サービス", "サービスメッシュ", "基盤",
	"zzzzzz", "qqqq kubernetes", "xylophonist", "abcdefghijklm",
}

// oneShotCompare checks that NewQueryIndex answers q as NewIndex does: the
// same hits in the same order with the same scores, and the same
// highlighted characters for each.
func oneShotCompare(t *testing.T, full, one *model.Index, text string) int {
	t.Helper()
	q, err := model.ParseQuery(text)
	if err != nil {
		return 0
	}
	marksSet := []model.Marks{nil}
	if strings.Contains(text, "is:") {
		marksSet = append(marksSet, oneShotMarks{})
	}
	for _, marks := range marksSet {
		want := full.Refine(nil, q, marks)
		got := one.Refine(nil, q, marks)
		if !slices.Equal(got.Hits, want.Hits) {
			t.Fatalf("%q (marks %v): one-shot and full index disagree:\n%s", text, marks != nil, hitDiff(got.Hits, want.Hits))
		}
		// The first hits, which a terminal shows, and the last.
		shown := got.Hits
		if len(shown) > 300 {
			shown = slices.Concat(shown[:250], shown[len(shown)-50:])
		}
		for _, h := range shown {
			gt, gs := got.Highlight(h.Talk)
			wt, ws := want.Highlight(h.Talk)
			if !slices.Equal(gt, wt) || !slices.Equal(gs, ws) {
				t.Fatalf("%q, talk %d: one-shot highlights %v %v, full index %v %v", text, h.Talk, gt, gs, wt, ws)
			}
			if one.SpeakerLine(h.Talk) != full.SpeakerLine(h.Talk) {
				t.Fatalf("talk %d: speakers line %q, full index %q", h.Talk, one.SpeakerLine(h.Talk), full.SpeakerLine(h.Talk))
			}
		}
	}
	return len(full.Search(q, nil))
}

// TestQueryIndexMatchesIndex checks NewQueryIndex against NewIndex on
// generated catalogues, small (built at once) and large (summaries indexed
// in the background and short fields built in two halves), with the
// queries above and, on the smaller ones, others built from the
// catalogue's own words: prefixes, typos, abbreviations.
func TestQueryIndexMatchesIndex(t *testing.T) {
	for _, c := range []struct {
		n         int
		seed      int64
		generated bool
	}{{300, 3, true}, {1500, 1, true}, {5000, 5, false}} {
		t.Run(fmt.Sprintf("n=%d,seed=%d", c.n, c.seed), func(t *testing.T) {
			cat := oneShotCatalogue(c.n, c.seed)
			full, one := model.NewIndex(cat), model.NewQueryIndex(cat)
			if one.Len() != full.Len() {
				t.Fatalf("one-shot index has %d talks, full index %d", one.Len(), full.Len())
			}
			queries := oneShotQueries
			if c.generated {
				queries = slices.Concat(queries, shortIDQueries(cat, full, rand.New(rand.NewPCG(uint64(c.seed), 12))))
			}
			nonEmpty := 0
			for _, text := range queries {
				if oneShotCompare(t, full, one, text) > 0 {
					nonEmpty++
				}
			}
			if nonEmpty < len(queries)/3 {
				t.Errorf("only %d of %d queries matched anything: the queries do not exercise the matcher", nonEmpty, len(queries))
			}
		})
	}
}

// TestQueryIndexHighlightFirst checks that a one-shot index highlights
// speaker: and org: values before any search has built the fields they
// look in.
func TestQueryIndexHighlightFirst(t *testing.T) {
	cat := oneShotCatalogue(300, 4)
	full := model.NewIndex(cat)
	speaker := strings.Fields(strings.ToLower(full.SpeakerLine(7)))[0]
	q, err := model.ParseQuery("speaker:" + speaker)
	if err != nil {
		t.Fatal(err)
	}
	one := model.NewQueryIndex(cat)
	gt, gs := one.Highlight(q, 7)
	wt, ws := full.Highlight(q, 7)
	if !slices.Equal(gt, wt) || !slices.Equal(gs, ws) || len(ws) == 0 {
		t.Fatalf("speaker:%s on talk 7: one-shot highlights %v %v, full index %v %v", speaker, gt, gs, wt, ws)
	}
}

// TestQueryIndexRefine checks that a one-shot index's Refine, given a
// previous result, answers as a full search does.
func TestQueryIndexRefine(t *testing.T) {
	cat := oneShotCatalogue(2000, 9)
	full, one := model.NewIndex(cat), model.NewQueryIndex(cat)
	for _, text := range []string{"kubernetes", "observabilty platform", "service mesh"} {
		var prevFull, prevOne *model.Result
		for end := 1; end <= len(text); end++ {
			q, err := model.ParseQuery(text[:end])
			if err != nil {
				continue
			}
			prevFull, prevOne = full.Refine(prevFull, q, nil), one.Refine(prevOne, q, nil)
			if !slices.Equal(prevOne.Hits, prevFull.Hits) {
				t.Fatalf("typing %q, at %q:\n%s", text, text[:end], hitDiff(prevOne.Hits, prevFull.Hits))
			}
		}
	}
}

// FuzzQueryIndex compares NewQueryIndex with NewIndex on a small generated
// catalogue whose first talks take the fuzzed title, speaker name and
// summary.
func FuzzQueryIndex(f *testing.F) {
	f.Add("kubernetes", "Kubernetes à Montréal", "Kwame Schneider", "Kubernets and kubrenetes: ＫＵＢＥ.")
	f.Add(`"service mesh" -helm`, "Service-Mesh", "Zoë Tremblay", "SERVICE MESH and service  mesh.")
	f.Add("東京 speaker:tremblay", "東京のクラウド", "東京 太郎", "東京都でのKubernetes運用")
	f.Add("obsrvability platfrom", "Observabilty Platfrom", "Ana", "observability\u00a0platform, ß, Ǆ, İ")
	f.Add("c++ .net k8s.io", "C++ and .NET", "a", "k8s.io c++ .net")
	base := gen.Catalogue(40, 2)
	f.Fuzz(func(t *testing.T, query, title, speaker, summary string) {
		cat := *base
		cat.Talks = slices.Clone(base.Talks)
		cat.Speakers = slices.Clone(base.Speakers)
		for k := range 3 {
			cat.Talks[k].Title = title
			cat.Talks[k].Summary = strings.Repeat(summary, k+1)
		}
		cat.Speakers[0].Name = speaker
		cat.Talks[1].Speakers = []string{cat.Speakers[0].ID}
		oneShotCompare(t, model.NewIndex(&cat), model.NewQueryIndex(&cat), query)
	})
}
