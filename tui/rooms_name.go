package tui

import "cndtalks/model"

// roomIn is a room's name for width cells: sanitised and shortened by
// model.ShortRoom ("H.1308 (Rolin)" is "H.1308" where only 8 cells are
// left), "" when there is no room or no space.
func roomIn(room string, width int) string {
	if width < 3 {
		return ""
	}
	return model.ShortRoom(oneLine(room), width)
}
