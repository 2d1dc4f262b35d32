package model

import "testing"

func TestResultWinner(t *testing.T) {
	c := &Catalogue{
		Speakers: []Speaker{{ID: "a", Name: "Ann Vault"}, {ID: "b", Name: "Bob Example"}},
		Talks: []Talk{
			{ID: "rook", Title: "Using Rook to Manage Kubernetes Storage with Ceph", Speakers: []string{"b"}},
			{ID: "kafka", Title: "Streams must flow: developing fault-tolerant stream processing", Speakers: []string{"b"},
				Summary: "We run Kafka next to Rook and Ceph."},
			{ID: "defense", Title: "Defense in Depth", Speakers: []string{"b"}, Summary: "Securing Kubernetes."},
			{ID: "k8s", Title: "Kubernetes: Crossing the Chasm", Speakers: []string{"b"}},
			{ID: "vault", Title: "Secrets", Speakers: []string{"a"}, Summary: "HashiCorp Vault."},
			{ID: "vault2", Title: "Vault Deep Dive", Speakers: []string{"b"}},
			{ID: "same1", Title: "Intro", Speakers: []string{"b"}},
			{ID: "same2", Title: "Intro to Intro", Speakers: []string{"b"}},
			{ID: "typo", Title: "Kafak", Speakers: []string{"b"}, Summary: "hashicrop"},
		},
	}
	c.Index()
	ix := NewIndex(c)
	tests := []struct {
		query string
		want  string // "" for no winner
	}{
		{"rook", "rook"},          // the title has it, a summary too
		{"ceph", "rook"},          // the same
		{"defense", "defense"},    // "developing fault-tolerant stream" no longer matches
		{"kubernetes", ""},        // two titles
		{"vault", ""},             // a speaker's name and a title
		{"vault deep", "vault2"},  // every term in one title
		{`"deep dive"`, "vault2"}, // phrases count
		{"intro", "same1"},        // the title is the query
		{"kubernetes -chasm", "rook"},
		{"nothingmatches", ""},
		{"speaker:bob", ""}, // no plain term to weigh
		{"securing", "defense"},
		{"hashicorp", "vault"},   // "hashicorp" in one summary only
		{"ceph -using", "kafka"}, // in a summary, no title has it
		{"kafka", "kafka"},
	}
	for _, tt := range tests {
		r := ix.Refine(nil, mustQuery(t, tt.query), nil)
		i, ok := r.Winner()
		got := ""
		if ok {
			got = c.Talks[i].ID
		}
		if got != tt.want {
			t.Errorf("Winner(%q) = %q, want %q (hits %v)", tt.query, got, tt.want, hitIDs(c, r.Hits))
		}
	}
	if _, ok := (*Result)(nil).Winner(); ok {
		t.Error("a nil result has a winner")
	}
}
