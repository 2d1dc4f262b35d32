package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// theme holds one style per screen element. It is rebuilt when the
// terminal reports its background colour; View only applies these styles.
// Colours degrade through the program's colour profile: with NO_COLOR the
// bold, reverse and underline attributes and the "│" selection bar still
// show what is selected and what matched.
type theme struct {
	isDark bool

	// Header.
	appName   lipgloss.Style
	eventName lipgloss.Style
	eventMeta lipgloss.Style
	count     lipgloss.Style
	tab       lipgloss.Style
	tabActive lipgloss.Style
	tabKey    lipgloss.Style

	// Talk list rows.
	selBar lipgloss.Style
	// selBarBlur and titleBlur mark the selection while the detail pane
	// has the keyboard.
	selBarBlur    lipgloss.Style
	titleBlur     lipgloss.Style
	title         lipgloss.Style
	titleSelected lipgloss.Style
	meta          lipgloss.Style
	metaSelected  lipgloss.Style
	match         lipgloss.Style
	matchSelected lipgloss.Style
	marker        lipgloss.Style
	starMark      lipgloss.Style
	watchedMark   lipgloss.Style
	conflictMark  lipgloss.Style
	changeMark    lipgloss.Style // what the last update changed (changes.go)
	empty         lipgloss.Style
	emptyHint     lipgloss.Style

	// Filter input.
	filterPrompt lipgloss.Style
	filterError  lipgloss.Style

	// Panes.
	paneBorder       lipgloss.Style
	paneBorderActive lipgloss.Style
	loading          lipgloss.Style
	linkIndex        lipgloss.Style
	linkLabel        lipgloss.Style
	linkURL          lipgloss.Style
	heading          lipgloss.Style

	// Speakers view.
	speakerName lipgloss.Style
	speakerOrg  lipgloss.Style

	// Footer.
	status      lipgloss.Style
	statusError lipgloss.Style
	position    lipgloss.Style
	tooSmall    lipgloss.Style
	helpTitle   lipgloss.Style
	helpGroup   lipgloss.Style

	help  help.Styles
	input textinput.Styles
}

// newTheme builds the palette for a dark or a light background.
func newTheme(isDark bool) *theme {
	// Text colours keep WCAG AA contrast (4.5:1) on white and on black
	// (contrast_test.go): a light terminal's greys must be darker than a
	// dark one's are light.
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#7D56F4"), lipgloss.Color("#9F86FF"))
	pink := ld(lipgloss.Color("#D4327C"), lipgloss.Color("#F25D94"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#DDDDDD"))
	bright := ld(lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF"))
	dim := ld(lipgloss.Color("#6E6E6E"), lipgloss.Color("#777777"))
	faint := ld(lipgloss.Color("#C8C8C8"), lipgloss.Color("#3C3C3C"))
	green := ld(lipgloss.Color("#217A4A"), lipgloss.Color("#04B575"))
	red := ld(lipgloss.Color("#C0392B"), lipgloss.Color("#FF6B6B"))
	yellow := ld(lipgloss.Color("#9A6700"), lipgloss.Color("#E8C547"))

	s := &theme{isDark: isDark}
	s.appName = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFDF5")).
		Background(accent).Padding(0, 1)
	s.eventName = lipgloss.NewStyle().Bold(true).Foreground(bright)
	s.eventMeta = lipgloss.NewStyle().Foreground(dim)
	s.count = lipgloss.NewStyle().Foreground(pink)
	s.tab = lipgloss.NewStyle().Foreground(dim)
	s.tabActive = lipgloss.NewStyle().Foreground(pink).Bold(true).Underline(true)
	s.tabKey = lipgloss.NewStyle().Foreground(dim)

	s.selBar = lipgloss.NewStyle().Foreground(pink)
	s.selBarBlur = lipgloss.NewStyle().Foreground(dim)
	s.titleBlur = lipgloss.NewStyle().Foreground(bright).Bold(true)
	s.title = lipgloss.NewStyle().Foreground(text)
	s.titleSelected = lipgloss.NewStyle().Foreground(pink).Bold(true)
	s.meta = lipgloss.NewStyle().Foreground(dim)
	s.metaSelected = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#B0447A"), lipgloss.Color("#E08AB0")))
	s.match = lipgloss.NewStyle().Foreground(green).Underline(true)
	s.matchSelected = lipgloss.NewStyle().Foreground(green).Bold(true).Underline(true)
	s.marker = lipgloss.NewStyle().Foreground(accent)
	s.starMark = lipgloss.NewStyle().Foreground(yellow).Bold(true)
	s.watchedMark = lipgloss.NewStyle().Foreground(green)
	s.conflictMark = lipgloss.NewStyle().Foreground(red)
	s.changeMark = lipgloss.NewStyle().Foreground(pink)
	s.empty = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.emptyHint = lipgloss.NewStyle().Foreground(dim)

	s.filterPrompt = lipgloss.NewStyle().Foreground(pink).Bold(true)
	s.filterError = lipgloss.NewStyle().Foreground(red)

	s.paneBorder = lipgloss.NewStyle().Foreground(faint)
	s.paneBorderActive = lipgloss.NewStyle().Foreground(accent)
	s.loading = lipgloss.NewStyle().Foreground(dim).Italic(true)
	s.linkIndex = lipgloss.NewStyle().Foreground(pink).Bold(true)
	s.linkLabel = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.linkURL = lipgloss.NewStyle().Foreground(accent).Underline(true)

	// The same colour as Glamour's headings, so the links block reads as
	// part of the page.
	s.heading = lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("27"), lipgloss.Color("39")))

	s.speakerName = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.speakerOrg = lipgloss.NewStyle().Foreground(dim)

	s.status = lipgloss.NewStyle().Foreground(green)
	s.statusError = lipgloss.NewStyle().Foreground(yellow)
	s.position = lipgloss.NewStyle().Foreground(dim)
	s.tooSmall = lipgloss.NewStyle().Foreground(yellow)
	s.helpTitle = lipgloss.NewStyle().Foreground(pink).Bold(true)
	s.helpGroup = lipgloss.NewStyle().Foreground(accent).Bold(true)

	s.help = help.DefaultStyles(isDark)
	// A little more contrast than the bubbles defaults: the hint line is
	// how a new user learns the keys.
	s.help.ShortKey = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#5A5A5A"), lipgloss.Color("#A0A0A0")))
	s.help.ShortDesc = lipgloss.NewStyle().Foreground(dim)
	s.help.FullKey = lipgloss.NewStyle().Foreground(text)
	s.help.FullDesc = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#6A6A6A"), lipgloss.Color("#8A8A8A")))
	s.input = textinput.DefaultStyles(isDark)
	s.input.Focused.Prompt = s.filterPrompt
	s.input.Blurred.Prompt = s.filterPrompt.Bold(false)
	s.input.Focused.Text = lipgloss.NewStyle().Foreground(bright)
	s.input.Blurred.Text = lipgloss.NewStyle().Foreground(text)
	s.input.Focused.Placeholder = lipgloss.NewStyle().Foreground(dim)
	s.input.Blurred.Placeholder = lipgloss.NewStyle().Foreground(dim)
	return s
}
