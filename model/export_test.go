package model

// MatchOnTextOnly makes ix match plain terms on the short fields' text
// instead of their words, so tests can compare both ways.
func MatchOnTextOnly(ix *Index) { ix.textOnly = true }
