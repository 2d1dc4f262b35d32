package model

import "strings"

// Suggest returns the candidate word is most probably a typo of: one equal
// to it but for case, else the closest within two edits (Levenshtein, on
// runes, ignoring case); ok is false when none is that close. The CLI
// suggests commands with it and the catalogue readers field names.
func Suggest(word string, candidates []string) (best string, ok bool) {
	for _, c := range candidates {
		if strings.EqualFold(c, word) {
			return c, true
		}
	}
	lower := strings.ToLower(word)
	bestDist := maxSuggestEdits + 1
	for _, c := range candidates {
		if d := EditDistance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, bestDist <= maxSuggestEdits
}

// maxSuggestEdits is how many edits away a suggestion may be.
const maxSuggestEdits = 2

// maxEditRunes bounds the strings EditDistance compares: a longer one is no
// typo of a short name, and the quadratic table stays small whatever an
// untrusted file holds.
const maxEditRunes = 64

// EditDistance is the Levenshtein distance between a and b, in runes. For
// a string longer than 64 runes it is a large number rather than the exact
// distance.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxEditRunes || len(rb) > maxEditRunes {
		return 1 << 30
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
