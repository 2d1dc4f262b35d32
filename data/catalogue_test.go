package data

import (
	"slices"
	"testing"

	"cndtalks/model"
)

// The embedded catalogue must hold exactly the facts of the source (a
// CloudOps blog post, ../shared/seeds/000_1afff8e29ffe0288.txt), field by
// field. The expectations are written out here from the post, not derived
// from the YAML, so that an edit to the file that loses a fact fails.

func TestDefaultLoads(t *testing.T) {
	r, err := Parse(EmbeddedName, []byte(embedded))
	if err != nil {
		t.Fatalf("the embedded catalogue does not load:\n%v", err)
	}
	if r.Format != FormatYAML || len(r.Skipped) != 0 {
		t.Errorf("Format = %q, Skipped = %v; want yaml and none", r.Format, r.Skipped)
	}
	c := Default()
	if c == nil || c != Default() {
		t.Fatal("Default must return the same catalogue every time")
	}
	if _, ok := c.Speaker("ian-rae"); !ok {
		t.Error("Default is not indexed: ian-rae not found")
	}
}

func TestDefaultEvent(t *testing.T) {
	e := Default().Event
	checks := []struct{ field, got, want string }{
		{"id", e.ID, "montreal-cloud-native-day-2019"},
		{"name", e.Name, "Montreal Cloud Native Day 2019"},
		{"city", e.City, "Montréal"},
		{"country", e.Country, "Canada"},
		{"organiser", e.Organiser, "CloudOps"},
		{"attendance", e.Attendance, "over 200"},
		{"date", e.Date, ""}, // the source gives no exact date
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("event.%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if e.Year != 2019 {
		t.Errorf("event.year = %d, want 2019", e.Year)
	}
	if e.DateNote == "" {
		t.Error("event.date_note is empty; it must say why there is no date")
	}
	if e.Description == "" || e.Source == "" {
		t.Error("event.description and event.source are required in the embedded catalogue")
	}

	wantLinks := []model.Link{{Kind: model.LinkVideo, URL: "https://www.youtube.com/watch?v=mBQIJ23TMWI"}}
	if !sameLinks(e.Links, wantLinks) {
		t.Errorf("event.links = %v, want %v", e.Links, wantLinks)
	}
	wantCommunity := []model.Link{
		{Kind: model.LinkCommunity, URL: "http://k8scanadaslack.herokuapp.com"},
		{Kind: model.LinkCommunity, URL: "https://www.meetup.com/Kubernetes-Quebec/"},
		{Kind: model.LinkCommunity, URL: "https://www.meetup.com/Kubernetes-Ottawa/"},
		{Kind: model.LinkCommunity, URL: "https://www.meetup.com/Kubernetes-Montreal/"},
		{Kind: model.LinkCommunity, URL: "https://www.meetup.com/Kubernetes-Kitchener-Waterloo/"},
		{Kind: model.LinkCommunity, URL: "https://www.meetup.com/Kubernetes-Toronto/"},
	}
	if !sameLinks(e.Community, wantCommunity) {
		t.Errorf("event.community = %v, want %v", e.Community, wantCommunity)
	}
	for _, l := range append(e.Links, e.Community...) {
		if l.Label == "" {
			t.Errorf("link %s has no label", l.URL)
		}
	}
	wantSponsors := []string{
		"Instana", "GitHub", "Rancher", "Aqua Security", "Elastic", "Container Solutions", "Red Hat",
		"HashiCorp", "cloud.ca", "OneSpan", "Cloudbees", "MayaData", "Citrix",
	}
	if !slices.Equal(e.Sponsors, wantSponsors) {
		t.Errorf("event.sponsors = %q,\nwant %q", e.Sponsors, wantSponsors)
	}
	if !slices.Equal(e.Thanks, []string{"Pizzeria Bros (lunch)"}) {
		t.Errorf("event.thanks = %q", e.Thanks)
	}
}

func TestDefaultSpeakers(t *testing.T) {
	want := []model.Speaker{
		{ID: "luc-perkins", Name: "Luc Perkins", Org: "CNCF"},
		{ID: "vicky-brasseur", Name: "Vicky Brasseur", Org: "Juniper Networks"},
		{ID: "ian-crosby", Name: "Ian Crosby", Org: "Container Solutions"},
		{ID: "syed-ahmed", Name: "Syed Ahmed", Org: "CloudOps"},
		{ID: "viktor-gamov", Name: "Viktor Gamov", Org: "Confluent"},
		{ID: "morgan-martinet", Name: "Morgan Martinet"},
		{ID: "marc-khouzam", Name: "Marc Khouzam"},
		{ID: "raymond-maika", Name: "Raymond Maika"},
		{ID: "moh-ahmed", Name: "Moh Ahmed"},
		{ID: "kharthik-prabhakar", Name: "Kharthik Prabhakar", Org: "Tigera"},
		{ID: "james-munelly", Name: "James Munelly", Org: "JetStack"},
		{ID: "nicolas-seigneur", Name: "Nicolas Seigneur", Org: "IDStacks"},
		{ID: "don-bowman", Name: "Don Bowman", Org: "Agilicus"},
		{ID: "ian-rae", Name: "Ian Rae", Org: "CloudOps", Role: "founder"},
	}
	if !slices.Equal(Default().Speakers, want) {
		t.Errorf("speakers =\n%+v\nwant\n%+v", Default().Speakers, want)
	}
}

const slideshare = "https://www.slideshare.net/CloudOps2005/"

func TestDefaultTalks(t *testing.T) {
	want := []struct {
		kind     string
		title    string
		speakers []string
		slides   string
		topics   []string // must include these
	}{
		{"keynote", "A well-grounded Cloud: Exploring the foundations of cloud native",
			[]string{"luc-perkins", "vicky-brasseur"}, "", []string{"cloud-native"}},
		{"talk", "Kubernetes: Crossing the Chasm", []string{"ian-crosby"},
			slideshare + "kubernetes-crossing-the-chasm", []string{"kubernetes"}},
		{"talk", "The Containerization of Machine Learning: Kubeflow", []string{"syed-ahmed"},
			"", []string{"machine-learning", "kubernetes", "kubeflow"}},
		{"talk", "Streams must flow: developing fault-tolerant stream processing application with Kafka Streams and Kubernetes",
			[]string{"viktor-gamov"}, slideshare + "kafka-on-kubernetes", []string{"streaming", "kafka", "kubernetes"}},
		{"talk", "Plateformes et infrastructure infonuagique natif de Ville de Montréal",
			[]string{"morgan-martinet", "marc-khouzam"},
			slideshare + "plateformes-et-infrastructure-infonuagique-natif-de-ville-de-montrall", []string{"kubernetes", "microservices"}},
		{"talk", "Using Rook to Manage Kubernetes Storage with Ceph", []string{"raymond-maika", "moh-ahmed"},
			slideshare + "using-rook-to-manage-kubernetes-storage-with-ceph", []string{"storage", "kubernetes", "ceph"}},
		{"talk", "Identity, AuthN and AuthZ for Zero Trust Workload Security", []string{"kharthik-prabhakar"},
			"", []string{"security", "service-mesh"}},
		{"talk", "Cert manager: using Kubernetes as an automated x509 management platform", []string{"james-munelly"},
			"", []string{"security", "pki"}},
		{"talk", "Compliance and Security in a Cloud Native World", []string{"nicolas-seigneur"},
			"", []string{"security", "compliance"}},
		{"talk", "Defense in Depth: Securing your new Kubernetes cluster from the challenges that lurk within", []string{"don-bowman"},
			slideshare + "defense-in-depth-securing-your-new-kubernetes-cluster-from-the-challenges-that-lurk-within", []string{"security", "kubernetes"}},
		{"closing", "Own Your Destiny in the Cloud", []string{"ian-rae"},
			slideshare + "own-your-destiny-in-the-cloud-ian-rae-cloud-native-day-montreal-2019", []string{"open-source", "devops"}},
	}
	c := Default()
	if len(c.Talks) != len(want) {
		t.Fatalf("%d talks, want %d", len(c.Talks), len(want))
	}
	slides := 0
	for i, w := range want {
		got := &c.Talks[i]
		if got.Title != w.title || got.Kind != w.kind || got.Order != i+1 {
			t.Errorf("talks[%d] = %q (%s, order %d), want %q (%s, order %d)", i, got.Title, got.Kind, got.Order, w.title, w.kind, i+1)
		}
		if !slices.Equal(got.Speakers, w.speakers) {
			t.Errorf("talks[%d].speakers = %q, want %q", i, got.Speakers, w.speakers)
		}
		l, ok := got.Link(model.LinkSlides)
		switch {
		case w.slides == "" && ok:
			t.Errorf("talks[%d] has slides %s; the source gives none", i, l.URL)
		case w.slides != "" && l.URL != w.slides:
			t.Errorf("talks[%d] slides = %q, want %q", i, l.URL, w.slides)
		}
		if ok {
			slides++
		}
		if len(got.Links) > 1 || (len(got.Links) == 1 && !ok) {
			t.Errorf("talks[%d] has links the source does not give: %v", i, got.Links)
		}
		for _, topic := range w.topics {
			if !slices.Contains(got.Topics, topic) {
				t.Errorf("talks[%d].topics = %q, missing %q", i, got.Topics, topic)
			}
		}
		if n := sentences(got.Summary); n < 2 || n > 5 {
			t.Errorf("talks[%d].summary has %d sentences, want 2-5", i, n)
		}
	}
	if slides != 6 {
		t.Errorf("%d slide decks, want 6", slides)
	}
	if n := sentences(c.Event.Description); n < 2 || n > 5 {
		t.Errorf("event.description has %d sentences, want 2-5", n)
	}
}

// TestDefaultOwnWords guards the rule that summaries are written in our own
// words: no run of eight words may be copied from the source post.
func TestDefaultOwnWords(t *testing.T) {
	src := seedText(t)
	c := Default()
	texts := map[string]string{"event.description": c.Event.Description}
	for _, tk := range c.Talks {
		texts[tk.ID] = tk.Summary
	}
	for name, text := range texts {
		if run := copiedRun(text, src, 8); run != "" {
			t.Errorf("%s copies the source: %q", name, run)
		}
	}
}

func sameLinks(got, want []model.Link) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i].Kind != want[i].Kind || got[i].URL != want[i].URL {
			return false
		}
	}
	return true
}
