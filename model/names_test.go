package model

import (
	"slices"
	"testing"
)

func TestFamilyName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Ian Crosby", "Crosby"},
		{"Viktor Gamov", "Gamov"},
		{"Ludwig van Beethoven", "Beethoven"},
		{"Jan van der Berg", "Berg"},
		{"Charles de Gaulle", "Gaulle"},
		{"Leonardo da Vinci", "Vinci"},
		{"Martin Luther King Jr.", "King"},
		{"Martin Luther King, Jr.", "King"},
		{"Henry Ford III", "Ford"},
		{"Mohammed bin Salman", "Salman"},
		{"Doe, Jane", "Doe"},
		{"Madonna", "Madonna"},
		{"@alice", "@alice"},
		{"bob_42", "bob_42"},
		{"  Ada   Lovelace  ", "Lovelace"},
		{"van", "van"},         // a single word is the name, even a particle
		{"Jean de la", "Jean"}, // nothing but particles after the first word
		{"Ana María Pérez", "Pérez"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := FamilyName(tc.name); got != tc.want {
			t.Errorf("FamilyName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCompareNamesOrder(t *testing.T) {
	names := []string{
		"Zoë Adams", "adam zed", "Ludwig van Beethoven", "@alice", "Éric Zemmour-Lévy",
		"Bob Brown", "anna brown", "Madonna", "Jan van der Berg", "eric Zemmour-Levy",
	}
	slices.SortStableFunc(names, CompareNames)
	want := []string{
		"Zoë Adams", "@alice", "Ludwig van Beethoven", "Jan van der Berg", "anna brown",
		"Bob Brown", "Madonna", "adam zed", "Éric Zemmour-Lévy", "eric Zemmour-Levy",
	}
	if !slices.Equal(names, want) {
		t.Errorf("sorted:\n got %q\nwant %q", names, want)
	}
}

func TestNameSortKeyIgnoresCaseAndAccents(t *testing.T) {
	if NameSortKey("Éric Müller") != NameSortKey("eric MULLER") {
		t.Errorf("keys differ: %q %q", NameSortKey("Éric Müller"), NameSortKey("eric MULLER"))
	}
}

func TestNameMatches(t *testing.T) {
	tests := []struct {
		query string
		texts []string
		want  bool
	}{
		{"", []string{"Ada Lovelace"}, true},
		{"lov", []string{"Ada Lovelace"}, true},
		{"lov ada", []string{"Ada Lovelace"}, true},
		{"ove", []string{"Ada Lovelace"}, false}, // not a word start
		{"eric", []string{"Éric Müller"}, true},
		{"MULL", []string{"Éric Müller"}, true},
		{"bab", []string{"Ada Lovelace", "Babbage & Co"}, true},
		{"ada bab", []string{"Ada Lovelace", "Babbage & Co"}, true},
		{"ada zed", []string{"Ada Lovelace", "Babbage & Co"}, false},
		{"alice", []string{"@alice"}, true},
		{"der", []string{"Jan van der Berg"}, true},
	}
	for _, tc := range tests {
		if got := NameMatches(tc.query, tc.texts...); got != tc.want {
			t.Errorf("NameMatches(%q, %q) = %v, want %v", tc.query, tc.texts, got, tc.want)
		}
	}
}
