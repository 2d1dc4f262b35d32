package model

import (
	"cmp"
	"strings"
	"unicode"
)

// Speakers are listed by family name, the way a programme's index is. Names
// come from schedules in every convention, so the rule is simple and
// predictable rather than clever: the family name is the last word that is
// not a particle or a suffix ("Ludwig van Beethoven" under B, "Martin
// Luther King Jr." under K); "Family, Given" is read as written; a single
// word (a mononym, a handle such as "@alice" or "bob_42") sorts as itself.
// Case and accents are ignored: "Éric" sorts with "eric".

// nameParticles are the words that join a family name to the given names
// and are skipped when looking for it from the end ("Jan van der Berg").
var nameParticles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true,
	"das": true, "di": true, "do": true, "dos": true, "du": true, "del": true,
	"della": true, "des": true, "la": true, "le": true, "ten": true, "ter": true,
	"bin": true, "binti": true, "ibn": true, "al": true, "el": true, "zu": true,
	"y": true, "e": true, "st": true, "st.": true, "of": true,
}

// nameSuffixes follow a family name and are skipped too.
var nameSuffixes = map[string]bool{
	"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true,
	"iv": true, "phd": true, "ph.d.": true, "md": true,
}

// FamilyName returns the part of a person's name they are sorted under:
// the last word that is neither a particle (van, von, de, der, da, di, le,
// la, du, del, ten, ter, bin...) nor a suffix (Jr., III, PhD); the part
// before the comma of "Family, Given"; the whole name when it is one word.
// The result is as written (not folded); "" for a blank name.
func FamilyName(name string) string {
	name = strings.TrimSpace(name)
	if fam, _, ok := strings.Cut(name, ","); ok && strings.TrimSpace(fam) != "" && !nameSuffixes[foldString(strings.TrimSpace(name[len(fam)+1:]))] {
		return strings.TrimSpace(fam)
	}
	words := strings.Fields(name)
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.TrimRight(words[i], ",")
		f := foldString(w)
		if nameParticles[f] || nameSuffixes[f] || !hasLetterOrDigit(w) {
			continue
		}
		return w
	}
	if len(words) > 0 {
		return words[len(words)-1]
	}
	return ""
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// NameSortKey is the key people are sorted by: the family name, then the
// whole name, folded (no case, no accents), with leading punctuation of a
// handle ("@alice") ignored.
func NameSortKey(name string) string {
	return sortFold(FamilyName(name)) + "\x00" + sortFold(name)
}

// sortFold folds s and drops what precedes its first letter or digit.
func sortFold(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return foldString(s)
}

// CompareNames orders two people's names by NameSortKey.
func CompareNames(a, b string) int {
	return cmp.Compare(NameSortKey(a), NameSortKey(b))
}

// NameMatches reports whether every word of query starts a word of one of
// texts (a name, an organisation), ignoring case and accents: "lov ada"
// matches "Ada Lovelace", "bab" matches an organisation "Babbage & Co". An
// empty query matches.
func NameMatches(query string, texts ...string) bool {
	words := strings.Fields(foldString(query))
	if len(words) == 0 {
		return true
	}
	folded := make([]string, len(texts))
	for i, t := range texts {
		folded[i] = foldString(t)
	}
	for _, w := range words {
		found := false
		for _, t := range folded {
			if wordStartIn(t, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// wordStartIn reports whether w occurs in s at the start of a word.
func wordStartIn(s, w string) bool {
	for i := 0; i+len(w) <= len(s); {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		at := i + k
		if at == 0 || !isWordByte(s[at-1]) {
			return true
		}
		i = at + 1
	}
	return false
}
