package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Room names are long where schedules are big ("Sendezentrum Bühne (Saal X
// 07)", "Assembly:Critical Decentralisation Cluster", "H.1308 (Rolin)") and
// the screen is narrow: a row of the list or a column of the timetable has
// a dozen cells for them. ShortRoom shortens a name only as far as it must,
// in steps that keep it recognisable: a room's code (UB5.132, K.3.401) is
// never cut, a building's nickname in brackets goes first, then a generic
// word in front ("Saal", "Room", "Assembly:"), then whole words from the
// end, marked with "…".

// roomPrefixes are generic words in front of a room's own name; dropped
// (when something is left) before the name itself is cut.
var roomPrefixes = []string{
	"assembly:", "assembly: ", "static:", "room ", "saal ", "hall ", "halle ",
	"lecture room ", "seminar room ", "raum ", "salle ", "sala ", "aula ",
	"stage ", "bühne ",
}

// ShortRoom returns room in at most width cells (counting each character as
// one cell, as room names are text), shortened in this order until it fits:
//
//  1. text in brackets after a room code is dropped: "H.1308 (Rolin)" is
//     "H.1308"; after a name, the brackets go: "Stonewall IO (Saal Y 06)"
//     is "Stonewall IO";
//  2. a generic first word is dropped: "Saal Zuse" is "Zuse",
//     "Assembly:Hardware Hacking Area" is "Hardware Hacking Area";
//  3. whole words are dropped from the end, with "…": "Hardware Hacking…";
//  4. the first word alone is cut, with "…".
//
// A name that fits is returned as it is, so "UB5.132" and "Janson" never
// change. Spaces are collapsed. width < 1 returns "".
func ShortRoom(room string, width int) string {
	room = strings.Join(strings.Fields(room), " ")
	if width < 1 {
		return ""
	}
	if runeLen(room) <= width {
		return room
	}
	// 1. Brackets at the end.
	if open := strings.LastIndex(room, " ("); open > 0 && strings.HasSuffix(room, ")") {
		room = strings.TrimSpace(room[:open])
		if runeLen(room) <= width {
			return room
		}
	}
	// 2. A generic first word, when a name is left after it.
	lower := strings.ToLower(room)
	for _, p := range roomPrefixes {
		if strings.HasPrefix(lower, p) && strings.TrimSpace(room[len(p):]) != "" {
			room = strings.TrimSpace(room[len(p):])
			break
		}
	}
	if runeLen(room) <= width {
		return room
	}
	// 3. Whole words from the end, keeping "…".
	words := strings.Fields(room)
	for n := len(words) - 1; n >= 1; n-- {
		s := strings.TrimRightFunc(strings.Join(words[:n], " "), func(r rune) bool {
			return unicode.IsPunct(r) && r != ')' && r != '.' || unicode.IsSpace(r)
		})
		if s != "" && runeLen(s)+1 <= width {
			return s + "…"
		}
	}
	// 4. The first word cut.
	if width == 1 {
		return "…"
	}
	r := []rune(room)
	return string(r[:width-1]) + "…"
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
