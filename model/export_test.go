package model

// MatchOnTextOnly makes ix match plain terms on the short fields' text
// instead of their words, so tests can compare both ways.
func MatchOnTextOnly(ix *Index) { ix.textOnly = true }

// RankInParts makes ix rank every search's hits in parts parts, however
// few the hits, so tests can compare the parallel ranking with one part.
func RankInParts(ix *Index, parts int) { ix.rankParts = parts }

// RankParallelMin is the number of hits from which a search ranks them on
// several goroutines.
const RankParallelMin = rankParallelMin
