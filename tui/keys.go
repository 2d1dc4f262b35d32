package tui

import "charm.land/bubbles/v2/key"

// keyMap is every key the browser answers to. Help (short and full) is
// generated from these bindings, so it cannot drift from what the keys do.
// Features added later (stars, schedules) add a field here, a line in
// FullHelp and a case in the root's key handling.
type keyMap struct {
	// Moving in lists and panes.
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding

	// Filtering. While the filter has the keyboard, only these and
	// ctrl+c do anything but type: no letter runs a command.
	Filter         key.Binding
	ClearFilter    key.Binding
	AcceptInput    key.Binding // read the selected talk
	KeepFilter     key.Binding // the keyboard back to the list
	FilterUp       key.Binding
	FilterDown     key.Binding
	FilterPageUp   key.Binding
	FilterPageDown key.Binding
	// FilterMove and FilterPage sum the four above up in help.
	FilterMove key.Binding
	FilterPage key.Binding

	// Panes and views.
	Enter    key.Binding
	Back     key.Binding
	Focus    key.Binding
	Talks    key.Binding
	Speakers key.Binding
	Event    key.Binding
	// Catalogues opens the switcher (switcher.go); enabled only when the
	// browser was given one.
	Catalogues key.Binding
	// Rooms and Grid open the Rooms view (r again: by track) and the
	// timetable; PrevGroup and NextGroup jump between rooms in Rooms;
	// GridLeft, GridRight and the days move in the timetable (rooms.go,
	// grid.go).
	Rooms       key.Binding
	Grid        key.Binding
	PrevGroup   key.Binding
	NextGroup   key.Binding
	GridLeft    key.Binding
	GridRight   key.Binding
	GridPrevDay key.Binding
	GridNextDay key.Binding
	// Changes is enabled only with a change set (changes.go).
	Changes key.Binding

	// Links.
	Open  key.Binding
	Video key.Binding
	Link  key.Binding
	Copy  key.Binding

	// Marks and exports.
	Star      key.Binding
	Watched   key.Binding
	Export    key.Binding
	ExportICS key.Binding

	// Schedules: enabled only when the catalogue has times (schedule.go).
	NowNext   key.Binding
	TimeOrder key.Binding
	PrevDay   key.Binding
	NextDay   key.Binding
	NowView   key.Binding
	Agenda    key.Binding

	// The application.
	Help key.Binding
	Quit key.Binding
}

// defaultKeyMap returns the bindings documented in the README's key table.
func defaultKeyMap() keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", "f", "space"), key.WithHelp("pgdn/f", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),

		Filter:         key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		AcceptInput:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read talk")),
		KeepFilter:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "keep, to list")),
		FilterUp:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/^p", "up")),
		FilterDown:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓/^n", "down")),
		FilterPageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		FilterPageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		FilterMove:     key.NewBinding(key.WithKeys("up", "down", "ctrl+p", "ctrl+n"), key.WithHelp("↑↓^p^n", "move")),
		FilterPage:     key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/dn", "page")),

		Enter:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Focus:      key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Talks:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "talks")),
		Speakers:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "speakers")),
		Event:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "event")),
		Changes:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "changes")),
		Catalogues: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "catalogues")),

		Rooms:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rooms (again: tracks)")),
		Grid:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "timetable grid")),
		PrevGroup:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous room")),
		NextGroup:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next room")),
		GridLeft:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "room on the left")),
		GridRight:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "room on the right")),
		GridPrevDay: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "grid: day before")),
		GridNextDay: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "grid: day after")),

		Open:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open slides")),
		Video: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "open video")),
		Link: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"),
			key.WithHelp("1-9", "open link [n]")),
		Copy: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy link")),

		Star:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "star")),
		Watched:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "watched")),
		Export:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export .md")),
		ExportICS: key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "export .ics")),

		NowNext:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "now / next")),
		TimeOrder: key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "matches by time")),
		PrevDay:   key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous day")),
		NextDay:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next day")),
		NowView:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "now in every room")),
		Agenda:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "my agenda")),

		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp is the generic one-line hint; the root picks a context-specific
// subset with (Model).shortHelp.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Filter, k.Enter, k.Open, k.Help, k.Quit}
}

// groupTitles names FullHelp's groups, in order.
func (k keyMap) groupTitles() []string {
	titles := []string{"Move", "Links", "While filtering", "Panes", "Marks"}
	if k.NowNext.Enabled() {
		titles = append(titles, "Schedule")
	}
	if k.Rooms.Enabled() {
		titles = append(titles, "Rooms & grid")
	}
	return append(titles, "Views")
}

// FullHelp is the help screen, one column per group.
func (k keyMap) FullHelp() [][]key.Binding {
	groups := [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Video, k.Link, k.Copy},
		{k.Filter, k.FilterMove, k.FilterPage, k.AcceptInput, k.KeepFilter, k.ClearFilter},
		{k.Enter, k.Back, k.Focus},
		{k.Star, k.Watched, k.Export, k.ExportICS},
	}
	if k.NowNext.Enabled() {
		groups = append(groups, []key.Binding{k.NowNext, k.TimeOrder, k.PrevDay, k.NextDay, k.NowView, k.Agenda})
	}
	if k.Rooms.Enabled() {
		// The arrows say once what they do in both views; [ and ] are in
		// Schedule, as they change day in the list and the grid alike.
		groups = append(groups, []key.Binding{k.Rooms, k.Grid,
			withHelp(k.NextGroup, "←/→", "room before/after")})
	}
	views := []key.Binding{k.Talks, k.Speakers, k.Event}
	if k.Changes.Enabled() {
		views = append(views, k.Changes)
	}
	if k.Catalogues.Enabled() {
		views = append(views, k.Catalogues)
	}
	return append(groups, append(views, k.Help, k.Quit))
}
