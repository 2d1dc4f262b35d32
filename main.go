// Command cndtalks browses the talks of a conference in the terminal,
// offline: Montreal Cloud Native Day 2019 is built in, and any cndtalks
// catalogue or frab/Pentabarf schedule can be read with --catalog.
//
// With no command it opens the full-screen browser; the commands list, show,
// open, speakers and event print or open things for scripts and quick looks.
// main.go is wiring only: flags and commands here, the domain in model/, the
// catalogue in data/, the screen in tui/.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"cndtalks/data"
	"cndtalks/internal/opener"
	"cndtalks/internal/render"
	"cndtalks/model"
	"cndtalks/tui"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // something went wrong at run time (no browser, I/O)
	exitUsage   = 2 // bad usage or bad input (flags, query, catalogue)
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version or VCS revision from the build info is used.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := newApp().run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// app is one run of the program: its streams, environment and the options
// the global flags set. Commands are methods on it.
type app struct {
	stdin          *os.File
	stdout, stderr io.Writer
	stdinTTY       bool
	stdoutTTY      bool
	getenv         func(string) string
	opener         opener.Opener

	catalogPath string // --catalog
	eventName   string // --event: a catalogue in the library (library.go)
	style       string // --style
	showVersion bool   // --version

	cat     *model.Catalogue // loaded on first use
	notice  string           // what loading the catalogue wants the user to know, in one status line
	skipped []string         // what the importer left out and why, for the browser's Event view
	marks   *data.MarksStore // opened on first use (marks.go)
}

func newApp() *app {
	return &app{
		stdin:     os.Stdin,
		stdout:    os.Stdout,
		stderr:    os.Stderr,
		stdinTTY:  term.IsTerminal(os.Stdin.Fd()),
		stdoutTTY: term.IsTerminal(os.Stdout.Fd()),
		getenv:    os.Getenv,
		opener:    opener.NewBrowserOpener(),
		style:     "auto",
	}
}

// command is one subcommand. flags defines the command's own flags on fs and
// returns the function that runs it with the positional arguments; the
// global flags are added to fs by the caller, so they work anywhere.
type command struct {
	name    string
	args    string // argument synopsis, e.g. "[QUERY...]"
	summary string // one line, for the command list
	help    string // paragraphs and examples, for `cndtalks help NAME`
	flags   func(a *app, fs *flag.FlagSet) func(ctx context.Context, args []string) error
}

// commands is the command table, in the order the help lists them.
func commands() []command {
	return withMarkCommands(withLibrary([]command{
		{
			name:    "list",
			args:    "[QUERY...]",
			summary: "print the talks (or those matching QUERY), one per line",
			help: `Prints one talk per line: its ID, title, speakers with organisations and
the links it has. With a QUERY, only the matching talks are printed, best
match first. The arguments are joined into one query (see 'cndtalks help query').
Once talks of the catalogue are starred or watched, a column after the ID
shows ★ (starred), ✓ (watched) and ⚠ (overlaps another starred talk), and
--json adds "starred": true and "watched": true. Nothing matching is not an
error: stdout stays empty, stderr says so, the exit status is 0.

Examples:
  cndtalks list
  cndtalks list kafka
  cndtalks list speaker:gamov --json
  cndtalks list has:slides topic:security
  cndtalks list -- -kubernetes      (a term starting with '-' after --)`,
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				asJSON := fs.Bool("json", false, "print a JSON array of talk objects")
				return func(_ context.Context, args []string) error { return a.list(args, *asJSON) }
			},
		},
		{
			name:    "show",
			args:    "ID|QUERY",
			summary: "print a talk's details as Markdown",
			help: `Prints the talk's title, kind, speakers with organisations, summary, topics
and numbered links as Markdown: rendered for the terminal when stdout is one
(in the --style colours; NO_COLOR is honoured), plain Markdown when piped.
The talk is named by its ID (see 'cndtalks list') or by a query that matches
exactly one talk; a query matching several lists them and exits 2. A
starred or watched talk says so under its title.

Examples:
  cndtalks show kubernetes-crossing-the-chasm
  cndtalks show kubeflow
  cndtalks show speaker:gamov > talk.md
  cndtalks show kubeflow --json | jq -r '.links[].url'`,
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				raw := fs.Bool("markdown", false, "print plain Markdown even on a terminal")
				asJSON := fs.Bool("json", false, "print the talk as a JSON object (as in 'list --json')")
				return func(_ context.Context, args []string) error {
					if *raw && *asJSON {
						return usageErrorf("show takes --markdown or --json, not both")
					}
					return a.show(args, *raw, *asJSON)
				}
			},
		},
		{
			name:    "open",
			args:    "ID|QUERY",
			summary: "open a talk's slides or video in the browser",
			help: `Opens the talk's slides (or, failing that, its video or first link) in
your browser; --slides and --video ask for one of them. $BROWSER is
honoured (a ':'-separated list of commands; %s stands for the URL).
Only absolute http and https URLs are ever opened.

Examples:
  cndtalks open kafka
  cndtalks open kubernetes-crossing-the-chasm --slides
  BROWSER=firefox cndtalks open kubeflow --video`,
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				slides := fs.Bool("slides", false, "open the slides")
				video := fs.Bool("video", false, "open the video (or recording)")
				return func(_ context.Context, args []string) error { return a.open(args, *slides, *video) }
			},
		},
		{
			name:    "speakers",
			summary: "print the speakers with their organisations and talks",
			help: `Prints one speaker per line: name, organisation (when known) and the
titles of their talks.

Examples:
  cndtalks speakers
  cndtalks speakers --json | jq -r '.[] | select(.org != "") | .org'`,
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				asJSON := fs.Bool("json", false, "print a JSON array of speaker objects")
				return func(_ context.Context, args []string) error {
					if len(args) > 0 {
						return usageErrorf("speakers takes no arguments, got %s", model.QuoteLine(args[0]))
					}
					return a.speakers(*asJSON)
				}
			},
		},
		{
			name:    "event",
			summary: "print about the event: date, place, video, community, sponsors",
			help: `Prints the event's name, date, place, organiser, description, video,
community links, sponsors and programme, as Markdown like 'show'.

Examples:
  cndtalks event
  cndtalks event --json | jq .community`,
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				asJSON := fs.Bool("json", false, "print a JSON object")
				raw := fs.Bool("markdown", false, "print plain Markdown even on a terminal")
				return func(_ context.Context, args []string) error {
					if len(args) > 0 {
						return usageErrorf("event takes no arguments, got %s", model.QuoteLine(args[0]))
					}
					return a.event(*asJSON, *raw)
				}
			},
		},
		{
			name:    "help",
			args:    "[COMMAND]",
			summary: "print help about cndtalks, a command, or queries ('help query')",
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				return func(_ context.Context, args []string) error { return a.help(args) }
			},
		},
	}))
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// run parses the command line, runs the command and returns the exit code.
func (a *app) run(ctx context.Context, args []string) int {
	fs := a.newFlagSet("cndtalks")
	rest, err := parseFlags(fs, args, true)
	if err != nil {
		return a.fail(err)
	}
	if a.showVersion {
		fmt.Fprintln(a.stdout, versionString())
		return exitOK
	}
	if len(rest) == 0 {
		if helpRequested(fs) {
			a.printUsage()
			return exitOK
		}
		return a.fail(a.browse(ctx))
	}

	cmd, ok := lookupCommand(rest[0])
	if !ok {
		return a.fail(unknownCommand(rest[0]))
	}
	if helpRequested(fs) {
		return a.fail(a.help([]string{cmd.name}))
	}
	cfs := a.newFlagSet(cmd.name)
	runCmd := cmd.flags(a, cfs)
	pos, err := parseFlags(cfs, rest[1:], false)
	if err != nil {
		return a.fail(err)
	}
	if helpRequested(cfs) {
		return a.fail(a.help([]string{cmd.name}))
	}
	if a.showVersion {
		fmt.Fprintln(a.stdout, versionString())
		return exitOK
	}
	if _, err := render.ParseStyle(a.style); err != nil {
		return a.fail(usageErrorf("--style: %v", err))
	}
	return a.fail(runCmd(ctx, pos))
}

// unknownCommand is the usage error for a command name that is not in the
// table, suggesting the closest one when it is a likely typo.
func unknownCommand(name string) error {
	if name == "version" {
		return usageErrorf("unknown command \"version\"; did you mean --version?")
	}
	best, bestDist := "", 3
	for _, c := range commands() {
		if d := editDistance(strings.ToLower(name), c.name); d < bestDist {
			best, bestDist = c.name, d
		}
	}
	if best != "" {
		return usageErrorf("unknown command %s; did you mean %q? (see 'cndtalks help')", model.QuoteLine(name), best)
	}
	return usageErrorf("unknown command %s (see 'cndtalks help')", model.QuoteLine(name))
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
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

// newFlagSet returns a flag set with the global flags, which every command
// accepts before or after its arguments.
func (a *app) newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.catalogPath, "catalog", a.catalogPath,
		"read the catalogue from `FILE` (cndtalks YAML or JSON, frab schedule.json, Pentabarf schedule.xml; - for standard input)")
	fs.StringVar(&a.eventName, "event", a.eventName, "read the catalogue stored in the library as `NAME` (see 'cndtalks catalogues')")
	fs.StringVar(&a.style, "style", a.style, "colour `STYLE` for the browser, 'show' and 'event': auto, dark or light")
	fs.BoolVar(&a.showVersion, "version", a.showVersion, "print the version and exit")
	fs.Bool("help", false, "print help")
	fs.Bool("h", false, "print help")
	return fs
}

// globalFlags are listed once, under "Global flags", not with each command.
var globalFlags = []string{"catalog", "event", "style", "version", "help", "h"}

func helpRequested(fs *flag.FlagSet) bool {
	for _, name := range []string{"help", "h"} {
		if f := fs.Lookup(name); f != nil && f.Value.String() == "true" {
			return true
		}
	}
	return false
}

// parseFlags parses GNU-style: flags (-f, --flag, --flag=value,
// --flag value) may come before or after the positional arguments, and
// "--" ends the flags, so a query term may start with '-'. With
// stopAtArg it stops at the first positional argument (the command name)
// and returns it with everything after it.
func parseFlags(fs *flag.FlagSet, args []string, stopAtArg bool) ([]string, error) {
	var pos []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return append(pos, args[i+1:]...), nil
		}
		if len(arg) < 2 || arg[0] != '-' {
			if stopAtArg {
				return append(pos, args[i:]...), nil
			}
			pos = append(pos, arg)
			continue
		}
		name := strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
		name, value, hasValue := strings.Cut(name, "=")
		f := fs.Lookup(name)
		if f == nil || name == "" || strings.HasPrefix(name, "-") {
			where := fs.Name()
			if where == "cndtalks" {
				return nil, usageErrorf("unknown flag %s (see 'cndtalks help'; a command's flags go after the command)",
					model.SanitizeLine(arg))
			}
			return nil, usageErrorf("unknown flag %s for %s (see 'cndtalks help %s'; to search for a term starting with '-', put it after --)",
				model.SanitizeLine(arg), where, where)
		}
		if isBoolFlag(f) {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if i+1 >= len(args) {
				return nil, usageErrorf("flag %s needs a value", flagSpelling(name))
			}
			i++
			value = args[i]
		}
		if value == "" {
			// --catalog "" would silently mean the built-in catalogue.
			return nil, usageErrorf("flag %s needs a value", flagSpelling(name))
		}
		if err := fs.Set(name, value); err != nil {
			return nil, usageErrorf("invalid value %s for %s", model.QuoteLine(value), flagSpelling(name))
		}
	}
	return pos, nil
}

// flagSpelling is how help spells a flag: -o, --format.
func flagSpelling(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// catalogue loads the catalogue once: --catalog FILE, else the embedded one.
func (a *app) catalogue() (*model.Catalogue, error) {
	if a.cat != nil {
		return a.cat, nil
	}
	if a.catalogPath == "" && a.eventName == "" {
		a.cat = data.Default()
		return a.cat, nil
	}
	res, label, err := a.loadLarge()
	if err != nil {
		return nil, badInput(err)
	}
	a.cat = res.Catalogue
	if n := len(res.Skipped); n > 0 {
		first := res.Skipped[0]
		fmt.Fprintf(a.stderr, "cndtalks: skipped %d %s of %s (first: %s: %s)\n", n, plural(n, "record", "records"),
			model.SanitizeLine(label), model.SanitizeLine(first.Record), model.SanitizeLine(first.Reason))
		// The browser's status line has room for the count, not the
		// reasons: its Event view lists those.
		a.notice = fmt.Sprintf("skipped %d %s of %s: e lists them", n, plural(n, "record", "records"),
			model.SanitizeLine(filepath.Base(label)))
		a.skipped = make([]string, n)
		for i, sk := range res.Skipped {
			a.skipped[i] = model.SanitizeLine(sk.Record) + ": " + model.SanitizeLine(sk.Reason)
		}
	}
	return a.cat, nil
}

// browse is `cndtalks` with no command: the TUI on a terminal, the plain
// list when stdout is piped from a terminal, and an explanation otherwise.
func (a *app) browse(ctx context.Context) error {
	if _, err := render.ParseStyle(a.style); err != nil {
		return usageErrorf("--style: %v", err)
	}
	switch {
	case a.stdoutTTY:
		if a.smallCatalogue() {
			defer holdGC()() // a quicker first frame (startup.go)
		}
		// Bubble Tea reads keys from the terminal itself when stdin is not one.
		cat, err := a.catalogue()
		if err != nil {
			return err
		}
		style, _ := render.ParseStyle(a.style)
		opts := tui.Options{Style: style, Opener: a.opener, Notice: a.notice, Skipped: a.skipped}
		a.withMarks(cat, &opts)
		defer a.saveMarks()
		if a.noColor() {
			ascii := colorprofile.ASCII
			opts.ColorProfile = &ascii
		}
		if err := tui.Run(ctx, cat, opts); err != nil {
			return fmt.Errorf("the browser stopped: %w", err)
		}
		return nil
	case a.stdinTTY:
		return a.list(nil, false)
	default:
		return errors.New("cndtalks needs a terminal to browse the talks and there is none here; use 'cndtalks list' to print them")
	}
}

// search returns the talks matching the query made of args, best first,
// and the result they come from (for the matched positions); no args means
// every talk in programme order (and no result).
func (a *app) search(cat *model.Catalogue, args []string) ([]model.Hit, *model.Result, error) {
	text := strings.Join(args, " ")
	if strings.TrimSpace(text) == "" {
		all := make([]model.Hit, len(cat.Talks))
		for i := range all {
			all[i].Talk = i
		}
		return all, nil, nil
	}
	q, err := model.ParseQuery(text)
	if err != nil {
		return nil, nil, badInput(fmt.Errorf("bad query %s: %s", model.SanitizeLine(text), strings.TrimPrefix(err.Error(), "query: ")))
	}
	res := model.NewIndex(cat).Refine(nil, q, a.queryMarks(cat, text))
	return res.Hits, res, nil
}

func (a *app) list(args []string, asJSON bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	hits, res, err := a.search(cat, args)
	if err != nil {
		return err
	}
	marks := a.shownMarks(cat) // marks.go
	if asJSON {
		return a.writeJSON(cat.ExportTalksMarked(talkIndexes(hits), marks))
	}
	if len(hits) == 0 {
		// Not an error: an empty result is a result (as with grep -c or
		// jq, not grep). The note goes to stderr so stdout stays empty.
		fmt.Fprintf(a.stderr, "cndtalks: %s\n", a.noMatch(cat, strings.Join(args, " ")))
		return nil
	}
	if !a.stdoutTTY {
		return a.write(listLines(cat, hits, nil, marks))
	}
	// On a terminal the matched characters stand out, as in the browser.
	return a.writeStyled(listLines(cat, hits, res, marks))
}

// noMatch says why a query found no talk: the catalogue has none at all, or
// none matches.
func (a *app) noMatch(cat *model.Catalogue, query string) string {
	if len(cat.Talks) == 0 {
		name := a.catalogPath
		if name == "-" {
			name = "standard input"
		}
		if name == "" {
			name = a.eventName
		}
		if name == "" {
			name = cat.Event.Name
		}
		return "the catalogue " + model.SanitizeLine(name) + " has no talks"
	}
	return "no talk matches " + model.QuoteLine(query)
}

func talkIndexes(hits []model.Hit) []int {
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.Talk
	}
	return out
}

// listLines formats talks one per line: ID (padded), the marks (with
// non-nil marks: ★ starred, ✓ watched, ⚠ overlapping another starred talk),
// title, speakers and the kinds of link the talk has. The ID stays first so
// that scripts can cut it. With the search's result, the characters the
// query matched in the title and speakers are highlighted (bold, coloured).
func listLines(cat *model.Catalogue, hits []model.Hit, res *model.Result, marks model.Marks) string {
	width := 0
	for _, h := range hits {
		width = max(width, len(model.SanitizeLine(cat.Talks[h.Talk].ID)))
	}
	when := scheduleColumns(cat, talkIndexes(hits)) // library.go: "Sat 10:30  Room  " for schedules
	badges := markColumn(cat, hits, marks)          // marks.go: "★✓ " when there are marks
	var b strings.Builder
	for _, h := range hits {
		t := &cat.Talks[h.Talk]
		id := model.SanitizeLine(t.ID)
		title := model.SanitizeLine(t.Title)
		speakers := speakerLine(cat, t)
		if res != nil {
			// Offsets index the catalogue's own strings, which the loader
			// has already sanitised; they are used only where the text is
			// unchanged by SanitizeLine.
			titlePos, speakerPos := res.Highlight(h.Talk)
			if title == t.Title {
				title = highlight(title, titlePos)
			}
			if line := res.Index().SpeakerLine(h.Talk); line == model.SanitizeLine(line) {
				speakers = highlight(line, speakerPos)
			}
		}
		fmt.Fprintf(&b, "%-*s  %s%s%s", width, id, badges(h.Talk), when(t), title)
		if speakers != "" {
			b.WriteString(" — ")
			b.WriteString(speakers)
		}
		if kinds := linkKinds(t); kinds != "" {
			fmt.Fprintf(&b, " [%s]", kinds)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Highlighting for matched characters: bold magenta, then back to normal.
const (
	matchOn  = "\x1b[1;35m"
	matchOff = "\x1b[22;39m"
)

// highlight wraps the runes starting at the given byte offsets (ascending)
// in matchOn/matchOff, one pair per run of adjacent matches.
func highlight(s string, offsets []int) string {
	if len(offsets) == 0 {
		return s
	}
	var b strings.Builder
	prev := 0
	for i := 0; i < len(offsets); {
		start := offsets[i]
		if start < prev || start >= len(s) {
			i++
			continue
		}
		end := start
		for i < len(offsets) && offsets[i] == end && end < len(s) {
			_, size := utf8.DecodeRuneInString(s[end:])
			end += size
			i++
		}
		b.WriteString(s[prev:start])
		b.WriteString(matchOn)
		b.WriteString(s[start:end])
		b.WriteString(matchOff)
		prev = end
	}
	b.WriteString(s[prev:])
	return b.String()
}

// speakerLine is "Name (Org), Name".
func speakerLine(cat *model.Catalogue, t *model.Talk) string {
	var parts []string
	for _, s := range cat.TalkSpeakers(t) {
		p := model.SanitizeLine(s.Name)
		if s.Org != "" {
			p += " (" + model.SanitizeLine(s.Org) + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// linkKinds lists the distinct kinds of link a talk has: "slides, video".
func linkKinds(t *model.Talk) string {
	var kinds []string
	for _, l := range t.Links {
		k := model.SanitizeLine(string(l.Kind))
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	return strings.Join(kinds, ", ")
}

// resolveTalk finds the one talk args name: an exact ID, else a query that
// matches one talk (or several, one of which has exactly that title).
func (a *app) resolveTalk(cmd string, args []string) (*model.Catalogue, *model.Talk, error) {
	if strings.TrimSpace(strings.Join(args, "")) == "" {
		return nil, nil, usageErrorf("%s needs a talk ID or a query (see 'cndtalks list')", cmd)
	}
	cat, err := a.catalogue()
	if err != nil {
		return nil, nil, err
	}
	text := strings.Join(args, " ")
	if t, ok := cat.Talk(text); ok {
		return cat, t, nil
	}
	hits, _, err := a.search(cat, args)
	if err != nil {
		return nil, nil, err
	}
	talks := talkIndexes(hits)
	switch len(talks) {
	case 0:
		if len(cat.Talks) == 0 {
			return nil, nil, badInput(errors.New(a.noMatch(cat, text)))
		}
		return nil, nil, badInput(fmt.Errorf("%s (see 'cndtalks list')", a.noMatch(cat, text)))
	case 1:
		return cat, &cat.Talks[talks[0]], nil
	}
	var exact []int
	for _, i := range talks {
		if strings.EqualFold(strings.TrimSpace(cat.Talks[i].Title), strings.TrimSpace(text)) {
			exact = append(exact, i)
		}
	}
	if len(exact) == 1 {
		return cat, &cat.Talks[exact[0]], nil
	}
	detail := strings.TrimRight(listLines(cat, hits[:min(len(hits), maxAmbiguousLines)], nil, nil), "\n")
	if n := len(hits) - maxAmbiguousLines; n > 0 {
		detail += fmt.Sprintf("\n... and %d more ('list' with the same query prints them all)", n)
	}
	return nil, nil, &exitError{
		code:   exitUsage,
		err:    fmt.Errorf("%s matches %d talks; give an ID or a narrower query", model.QuoteLine(text), len(talks)),
		detail: detail,
	}
}

// maxAmbiguousLines caps the talks an ambiguous query lists on stderr, the
// best matches first; the count in the message is complete.
const maxAmbiguousLines = 20

func (a *app) show(args []string, raw, asJSON bool) error {
	cat, t, err := a.resolveTalk("show", args)
	if err != nil {
		return err
	}
	marks := a.shownMarks(cat)
	if asJSON {
		return a.writeJSON(cat.ExportTalksMarked([]int{talkIndex(cat, t)}, marks)[0])
	}
	return a.writeMarkdown(cat.TalkMarkdownMarked(t, marks), raw)
}

func (a *app) event(asJSON, raw bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	if asJSON {
		return a.writeJSON(cat.ExportEvent())
	}
	return a.writeMarkdown(cat.EventMarkdown(), raw)
}

func (a *app) speakers(asJSON bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	if asJSON {
		return a.writeJSON(cat.ExportSpeakers())
	}
	var b strings.Builder
	for _, s := range cat.ExportSpeakers() {
		b.WriteString(model.SanitizeLine(s.Name))
		if s.Org != "" {
			fmt.Fprintf(&b, " (%s)", model.SanitizeLine(s.Org))
		}
		titles := make([]string, 0, len(s.Talks))
		for _, id := range s.Talks {
			if t, ok := cat.Talk(id); ok {
				titles = append(titles, model.SanitizeLine(t.Title))
			}
		}
		if len(titles) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(titles, "; "))
		}
		b.WriteByte('\n')
	}
	return a.write(b.String())
}

func (a *app) open(args []string, slides, video bool) error {
	if slides && video {
		return usageErrorf("open takes --slides or --video, not both")
	}
	_, t, err := a.resolveTalk("open", args)
	if err != nil {
		return err
	}
	var (
		link model.Link
		ok   bool
		what string
	)
	switch {
	case slides:
		link, ok = t.Link(model.LinkSlides)
		what = "slides"
	case video:
		link, ok = t.VideoLink()
		what = "video"
	default:
		link, ok = t.MainLink()
		what = "links"
	}
	title := model.QuoteLine(t.Title)
	if !ok {
		return fmt.Errorf("this talk has no %s: %s", what, title)
	}
	name := strings.ToLower(model.KindLabel(link.Kind))
	u, err := model.SafeURL(link.URL)
	if err != nil {
		return badInput(fmt.Errorf("refusing to open the %s of %s: %w", name, title, err))
	}
	target := u.String()
	err = a.opener.Open(target)
	switch {
	case err == nil:
		fmt.Fprintf(a.stdout, "Opened the %s of %s in your browser: %s\n", name, title, target)
		return nil
	case errors.Is(err, opener.ErrBrowserTimeout):
		fmt.Fprintf(a.stdout, "Asked your browser to open the %s of %s: %s\n", name, title, target)
		fmt.Fprintf(a.stderr, "cndtalks: %s; not waiting for it\n", model.SanitizeLine(err.Error()))
		return nil
	case errors.Is(err, model.ErrUnsafeURL):
		return badInput(fmt.Errorf("refusing to open the %s of %s: %w", name, title, err))
	default:
		return fmt.Errorf("could not open the %s of %s (%v); the link is %s", name, title, err, target)
	}
}

// help prints the usage, a command's help, or the query language.
func (a *app) help(args []string) error {
	switch {
	case len(args) == 0:
		a.printUsage()
		return nil
	case len(args) > 1:
		return usageErrorf("help takes one command name")
	case args[0] == "query" || args[0] == "queries":
		fmt.Fprint(a.stdout, queryHelp)
		return nil
	}
	cmd, ok := lookupCommand(args[0])
	if !ok {
		return unknownCommand(args[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: cndtalks %s", cmd.name)
	if cmd.args != "" {
		fmt.Fprintf(&b, " %s", cmd.args)
	}
	fs := a.newFlagSet(cmd.name)
	cmd.flags(a, fs)
	own := flagLines(fs, func(name string) bool { return !slices.Contains(globalFlags, name) })
	if own != "" {
		b.WriteString(" [flags]")
	}
	fmt.Fprintf(&b, "\n\n%s.\n", capitalise(cmd.summary))
	if cmd.help != "" {
		fmt.Fprintf(&b, "\n%s\n", cmd.help)
	}
	if own != "" {
		fmt.Fprintf(&b, "\nFlags:\n%s", own)
	}
	fmt.Fprintf(&b, "\nGlobal flags:\n%s", a.globalFlagLines())
	fmt.Fprint(a.stdout, b.String())
	return nil
}

func (a *app) printUsage() {
	var b strings.Builder
	b.WriteString(`cndtalks browses the talks of a conference in the terminal, offline:
Montreal Cloud Native Day 2019 is built in; --catalog reads any other.

Usage:
  cndtalks [flags]                      open the browser (needs a terminal)
  cndtalks COMMAND [ARGUMENTS] [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-22s %s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	fmt.Fprintf(&b, "\nGlobal flags:\n%s", a.globalFlagLines())
	b.WriteString(`
Flags may come before or after arguments; -- ends them. With no command,
cndtalks opens the browser on a terminal, and prints what 'cndtalks list'
prints when its output is piped from one. Exit status: 0 ok, 1 failure,
2 bad usage or input.
Run 'cndtalks help COMMAND' for a command's flags and examples, and
'cndtalks help query' for the query language.
`)
	fmt.Fprint(a.stdout, b.String())
}

func (a *app) globalFlagLines() string {
	fs := a.newFlagSet("cndtalks")
	return flagLines(fs, func(name string) bool { return name != "h" && slices.Contains(globalFlags, name) })
}

// flagLines formats the flags keep selects, one per line, as
// "  --name VALUE   usage". A flag whose usage is "same as -x" is an alias:
// it is listed with -x ("-o, --output FILE") rather than on its own line.
func flagLines(fs *flag.FlagSet, keep func(string) bool) string {
	type row struct{ name, left, usage string }
	var rows []row
	aliases := map[string]string{} // -x -> --long
	fs.VisitAll(func(f *flag.Flag) {
		if !keep(f.Name) {
			return
		}
		if short, ok := strings.CutPrefix(f.Usage, "same as "); ok {
			aliases[short] = flagSpelling(f.Name)
			return
		}
		value, usage := flag.UnquoteUsage(f)
		left := flagSpelling(f.Name)
		if f.Name == "help" {
			left = "-h, --help"
		}
		if !isBoolFlag(f) {
			left += " " + strings.ToUpper(value)
		}
		rows = append(rows, row{f.Name, left, usage})
	})
	width := 0
	for i, r := range rows {
		if long, ok := aliases[flagSpelling(r.name)]; ok {
			rows[i].left = strings.Replace(r.left, flagSpelling(r.name), flagSpelling(r.name)+", "+long, 1)
		}
		width = max(width, len(rows[i].left))
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.left, r.usage)
	}
	return b.String()
}

const queryHelp = `Queries (for 'list', 'show', 'open' and the browser's filter):

  kube               letters in order (as in fzf) in the title, speakers,
                     organisations or topics, or a word of the summary
                     starting with it
  kube helm          terms are ANDed
  "service mesh"     an exact phrase starting a word, in any field
  -term -"a phrase"  exclude talks that match
  speaker:gamov      a speaker's name has a word starting with the value
  org:  topic:  kind:  track:  room:   the same on that field
  day:2019-11-04 day:monday day:1      a date, a weekday, the Nth day
  lang:fr            a language code or name
  has:slides has:video has:schedule
  is:starred is:watched
  speaker:"jane doe" quotes a value; -qualifier:value excludes

Matching ignores case and accents: montreal finds Montréal. On the command
line, put a query starting with '-' after --: cndtalks list -- -kubernetes
`

// writeMarkdown prints Markdown: rendered by Glamour when stdout is a
// terminal (colours downsampled to what it supports, none with NO_COLOR),
// as is when piped or with --markdown.
func (a *app) writeMarkdown(md string, raw bool) error {
	if raw || !a.stdoutTTY {
		return a.write(md)
	}
	width := render.DefaultMarkdownWidth
	if f, ok := a.stdout.(*os.File); ok {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			width = min(w, 120)
		}
	}
	r, err := render.NewRenderer(a.darkBackground(), width)
	if err != nil {
		return err
	}
	out, err := r.Render(md)
	if err != nil {
		return err
	}
	return a.writeStyled(out)
}

// writeStyled writes text with colours and styles to the terminal,
// downsampled to what it supports; NO_COLOR keeps the styles (bold) and
// drops the colours.
func (a *app) writeStyled(s string) error {
	w := colorprofile.NewWriter(a.stdout, os.Environ())
	if a.noColor() && w.Profile > colorprofile.ASCII {
		w.Profile = colorprofile.ASCII
	}
	if _, err := io.WriteString(w, s); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// noColor reports whether NO_COLOR asks for no colours: set to anything
// but the empty string (no-color.org). colorprofile only honours values
// that parse as true, so "NO_COLOR=yes" is checked here too.
func (a *app) noColor() bool { return a.getenv("NO_COLOR") != "" }

// darkBackground resolves --style for Glamour. auto never asks the
// terminal: a one-shot command cannot wait for an answer that some terminals
// (tmux before 3.4) never send, and an answer arriving after exit would be
// typed into the user's shell. It reads COLORFGBG ("fg;bg", set by rxvt,
// Konsole and others) and assumes dark otherwise; --style light overrides.
func (a *app) darkBackground() bool {
	style, _ := render.ParseStyle(a.style)
	switch style {
	case render.StyleDark:
		return true
	case render.StyleLight:
		return false
	}
	return darkFromCOLORFGBG(a.getenv("COLORFGBG"))
}

// darkFromCOLORFGBG reads the background of a COLORFGBG value: ANSI colours
// 0-6 and 8 are dark, 7 and 9-15 light. Anything else counts as dark.
func darkFromCOLORFGBG(v string) bool {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return true
	}
	bg, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return true
	}
	return !(bg == 7 || (bg >= 9 && bg <= 15))
}

func (a *app) writeJSON(v any) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	return a.write(b.String())
}

func (a *app) write(s string) error {
	if _, err := io.WriteString(a.stdout, s); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// exitError carries an exit code and, optionally, lines to print after the
// one-line message (the talks an ambiguous query matched).
type exitError struct {
	code   int
	err    error
	detail string
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// badInput marks err as the user's input being wrong (exit code 2).
func badInput(err error) error { return &exitError{code: exitUsage, err: err} }

// fail reports err on stderr, one "cndtalks: " line per line of its message
// (a catalogue with three problems gives three lines), and returns the exit
// code: 2 for usage and input errors, 1 for the rest.
func (a *app) fail(err error) int {
	if err == nil {
		return exitOK
	}
	code := exitFailure
	var detail string
	var ee *exitError
	if errors.As(err, &ee) {
		code, detail = ee.code, ee.detail
	}
	for _, line := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		fmt.Fprintf(a.stderr, "cndtalks: %s\n", model.SanitizeLine(line))
	}
	if detail != "" {
		for _, line := range strings.Split(detail, "\n") {
			fmt.Fprintf(a.stderr, "  %s\n", line)
		}
	}
	return code
}

func versionString() string {
	v, rev, dirty := version, "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		return fmt.Sprintf("cndtalks %s (%s%s, %s)", v, rev, dirty, runtime.Version())
	}
	return fmt.Sprintf("cndtalks %s (%s)", v, runtime.Version())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
