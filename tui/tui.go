// Package tui is cndtalks' full-screen browser: a filterable list of talks,
// a detail pane rendered by Glamour, Speakers and Event views (and, for a
// schedule, day headers and the Now and Agenda views), and keys that open a
// talk's links. Run starts it on a terminal; New builds the model for
// tests.
package tui

import (
	"context"
	"io"
	"time"
	"unicode"
	"unicode/utf8"

	"cndtalks/internal/opener"
	"cndtalks/internal/render"
	"cndtalks/model"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Options configure the browser. The zero value is ready to use.
type Options struct {
	// Style picks dark, light, or (the default) whatever the terminal
	// reports.
	Style render.Style
	// Opener opens links; nil means the user's browser (opener.NewBrowserOpener).
	Opener opener.Opener
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Marks answers is:starred and is:watched in the filter and puts ★ and
	// ✓ on the rows; nil means nothing is marked. When it is a Marker, s
	// and w change the marks.
	Marks model.Marks
	// ExportDir is where x and X write the current view; "" means the
	// working directory.
	ExportDir string
	// Notice is shown in the status line at start, e.g. how many records an
	// importer skipped.
	Notice string
	// Skipped lists what a lenient importer left out and why, one line
	// each; the Event view shows them.
	Skipped []string
	// Remote is set when the browser runs for a client on another machine
	// (cndtalks serve): o, v and 1-9 run nothing here but show the URL as
	// an OSC 8 hyperlink and copy it to the client's clipboard (OSC 52),
	// and x and X write no file (remote.go).
	Remote bool
	// MarksNote ends every message about a changed mark, e.g. "for this
	// session only" when the marks are not kept.
	MarksNote string
	// Switcher, when set, lets C switch to another catalogue
	// (switcher.go); CatalogueKey is the Key of the one shown.
	Switcher     Switcher
	CatalogueKey string
	// Shared, when set, is the search index and renderings this browser
	// shares with others on the same catalogue (cndtalks serve's
	// sessions); nil, or one made for another catalogue or other Skipped,
	// means its own.
	Shared *Shared
	// Changes are what the last update of a stored schedule changed: the
	// rows and details of those talks say so, the Changes view (c) lists
	// them and is:changed finds them (changes.go). nil shows none of it.
	Changes *model.ChangeSet

	// Input and Output replace the terminal (tests); nil means stdin and
	// stdout.
	Input  io.Reader
	Output io.Writer
	// ColorProfile forces a colour profile (tests); nil detects it from the
	// terminal and the environment (NO_COLOR gives no colours).
	ColorProfile *colorprofile.Profile
	// WindowSize sets the initial size (tests); zero asks the terminal.
	Width, Height int

	// render replaces Glamour (tests that need no Markdown).
	render renderFunc
	// tick replaces tea.Tick (tests, which run every Cmd at once).
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// Run opens the browser on cat and blocks until the user quits or ctx is
// cancelled. A cancelled ctx is not an error.
func Run(ctx context.Context, cat *model.Catalogue, opts Options) error {
	_, err := NewProgram(ctx, cat, opts).Run()
	if err != nil && ctx.Err() != nil {
		return nil
	}
	return err
}

// NewProgram builds the browser's program on cat without running it, for
// a caller that must reach the program while it runs (cndtalks serve sends
// it the client's window changes). extra options come after the browser's
// own, so they win.
func NewProgram(ctx context.Context, cat *model.Catalogue, opts Options, extra ...tea.ProgramOption) *tea.Program {
	warmUp()
	popts := append(programOptions(), tea.WithContext(ctx))
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	if opts.ColorProfile != nil {
		popts = append(popts, tea.WithColorProfile(*opts.ColorProfile))
	}
	if opts.Width > 0 && opts.Height > 0 {
		popts = append(popts, tea.WithWindowSize(opts.Width, opts.Height))
	}
	return tea.NewProgram(New(cat, opts), append(popts, extra...)...)
}

// viewID is the screen on show.
type viewID int

const (
	viewTalks viewID = iota
	viewSpeakers
	viewEvent
	viewRooms // rooms.go
	viewGrid  // grid.go
	viewChanges
	viewNow    // now.go
	viewAgenda // agenda.go
)

// focusID is the pane that receives movement keys in the Talks and Speakers
// views.
type focusID int

const (
	focusList focusID = iota
	focusDetail
)

// Model is the root Bubble Tea model. It owns the window size, the focus,
// the keymap, the styles and the status line, and hands the rest to its
// children: the talk list, the detail pane, the speakers list and the event
// page.
type Model struct {
	cat    *model.Catalogue
	ix     *searchIndex // built on first use (searchindex.go)
	opts   Options
	opener opener.Opener
	now    func() time.Time
	render renderFunc

	keys   keyMap
	st     *theme
	help   help.Model
	input  textinput.Model
	width  int
	height int
	lay    layout

	view         viewID
	focus        focusID
	filtering    bool // the filter input has the keyboard
	showHelp     bool
	narrowDetail bool // narrow layout: the detail replaces the list

	// list shows result (the last valid search; nil = every talk).
	list      talkList
	result    *model.Result
	filterErr string
	// resultInput is the filter text result answers; autoPick is the talk
	// applyResult selected by itself (its best match), -1 when the user
	// chose the selection.
	resultInput string
	autoPick    int
	// pending is the filter text of the search running off the UI
	// goroutine ("": none); only its answer is shown.
	pending string

	detail    pager
	detailFor renderKey // what the detail viewport holds
	detailOK  bool      // detailFor is a finished rendering, not a preview
	// renders are the renderings (the Shared's); asked the ones this
	// browser asked for and has not received yet.
	renders *renderCache
	asked   map[renderKey]bool

	// speakers is built the first time the Speakers view opens: a big
	// catalogue should not pay for it at start.
	speakers      speakerList
	speakersReady bool
	// spInput filters the Speakers view; spFiltering: it has the keyboard
	// (speakerfilter.go).
	spInput     textinput.Model
	spFiltering bool
	// rooms and grid are the Rooms and Grid views (rooms.go, grid.go);
	// history the views left for a talk, for esc (history.go).
	rooms   roomsList
	grid    gridState
	history []navEntry

	event    pager
	eventFor renderKey
	// changes is the Changes view, built the first time it opens.
	changes      changeList
	changesReady bool
	helpVP       pager

	status    string
	statusErr bool
	// statusSeq counts the messages shown, so a timeout clears only the
	// message it was started for.
	statusSeq int
	// statusLink is the URL the status line links to (OSC 8) while the
	// message number statusLinkSeq is shown (remote.go).
	statusLink    string
	statusLinkSeq int
	// export is the file name prompt of x and X (nil: none).
	export *exportPrompt

	// timeOrder lists a filter's matches by time rather than relevance
	// (schedule.go); hasTimes says the catalogue has times, timeSorted
	// that its talks are in time order (days.go).
	timeOrder  bool
	hasTimes   bool
	timeSorted bool
	// firstDay and lastDay are the schedule's first and last days, loc
	// its time zone.
	firstDay, lastDay string
	loc               *time.Location

	// nowView and agendaView are the Now and Agenda views (now.go,
	// agenda.go); nowSeq numbers the Now view's openings, for its clock.
	nowView    board
	nowSeq     int
	agendaView board

	// conflicts are the overlaps among the starred talks; clashing holds
	// the IDs of the talks in one, for the rows.
	conflicts model.Conflicts
	clashing  map[string]bool

	// switcher is the open catalogue switcher (nil: closed).
	switcher *switcherState
	// marksGen counts changes of the marks, so views that cache ★ and ✓
	// know when to redraw (marksync.go).
	marksGen int
}

// New builds the browser's model on cat.
func New(cat *model.Catalogue, opts Options) Model {
	return newWithIndex(cat, nil, opts)
}

// newWithIndex is New with cat's search index already built (nil: built
// when a search first needs it).
func newWithIndex(cat *model.Catalogue, ix *model.Index, opts Options) Model {
	sh := opts.Shared
	if !sh.serves(cat, opts) {
		sh = newShared(cat, ix, opts.Skipped, opts.render)
		opts.Shared = nil
	}
	m := Model{
		cat:     cat,
		ix:      sh.ix,
		opts:    opts,
		opener:  opts.Opener,
		now:     opts.Now,
		render:  sh.render,
		keys:    defaultKeyMap(),
		help:    help.New(),
		input:   textinput.New(),
		spInput: textinput.New(),
		renders: sh.renders,
		asked:   map[renderKey]bool{},
		status:  sentence(model.SanitizeLine(opts.Notice)),

		autoPick: -1,
	}
	if m.opener == nil {
		m.opener = opener.NewBrowserOpener()
	}
	if m.now == nil {
		m.now = time.Now
	}
	m.setStyles(opts.Style != render.StyleLight)
	m.hasTimes, m.timeSorted, m.loc = cat.HasSchedule(), cat.TimeSorted(), cat.Location()
	if days := cat.Days(); len(days) > 0 {
		m.firstDay, m.lastDay = days[0], days[len(days)-1]
	}
	m.setupSchedule()
	m.keys.Catalogues.SetEnabled(opts.Switcher != nil)
	m.keys.Changes.SetEnabled(opts.Changes != nil)
	m.input.Prompt = "/ "
	m.input.Placeholder = `filter: kafka, speaker:ian, has:video, "exact phrase"`
	m.input.SetVirtualCursor(false)
	m.spInput.Prompt = "/ "
	m.spInput.Placeholder = "a speaker's name or organisation"
	m.spInput.SetVirtualCursor(false)
	m.list.showAll(len(cat.Talks))
	m.updateConflicts()
	if opts.Width > 0 && opts.Height > 0 {
		m.setSize(opts.Width, opts.Height)
	}
	return m
}

// sentence starts s with a capital, as the status line's own messages do
// ("skipped 15 records" comes from the command line's stderr wording).
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// setStyles switches between the dark and light schemes.
func (m *Model) setStyles(isDark bool) {
	m.st = newTheme(isDark)
	m.help.Styles = m.st.help
	m.input.SetStyles(m.st.input)
	m.spInput.SetStyles(m.st.input)
}

// Init asks the terminal for its background colour (when the style is
// auto) without waiting for the answer: the first frame is dark.
func (m Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.Style == render.StyleAuto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.width > 0 {
		cmds = append(cmds, m.syncDetail())
	}
	cmds = append(cmds, m.pollMarks())
	return tea.Batch(cmds...)
}
