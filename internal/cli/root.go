// Package cli is cndtalks' command line, on cobra and fang: the root
// command (the browser, with the global flags) in root.go and one file per
// command (list.go, show.go, open.go...), the shared helpers beside them
// (resolve.go: which talk the arguments name; output.go: writing text,
// JSON and Markdown; highlight.go; catalogue.go: which catalogue to load;
// marks.go; complete.go: shell completion).
//
// The package does not import the browser: main.go passes a Browser that
// starts it, so the CLI and the browser (tui/) only meet in main.go.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"cndtalks/data/store"
	"cndtalks/internal/opener"
	"cndtalks/internal/render"
	"cndtalks/model"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // something went wrong at run time (no browser, I/O)
	exitUsage   = 2 // bad usage or bad input (flags, query, catalogue)
	// exitInterrupted is the shell's 128+SIGINT, for Ctrl-C or SIGTERM.
	exitInterrupted = 130
)

// BrowseOptions is what the CLI hands the browser besides the catalogue.
type BrowseOptions struct {
	Style   render.Style
	Opener  opener.Opener
	Marks   model.Marks
	Notice  string   // one status line: what loading or the marks want said
	Skipped []string // what the importer left out and why, for the Event view
	NoColor bool     // NO_COLOR is set: no colours, styles kept
	// Catalogues and OpenCatalogue serve the browser's catalogue switcher
	// (switcher.go); CatalogueKey is the Key of the catalogue shown.
	Catalogues    func() ([]model.CatalogueChoice, error)
	OpenCatalogue func(key string) (OpenedCatalogue, error)
	CatalogueKey  string
	// Changes are what the last update of a stored catalogue changed
	// (nil: none known), for the browser's markers and Changes view.
	Changes *model.ChangeSet
	// Now is the clock (--now replays a moment); nil means time.Now.
	Now func() time.Time
}

// Browser runs the full-screen browser until the user quits or ctx is
// cancelled. main.go passes tui.Run adapted to it.
type Browser func(ctx context.Context, cat *model.Catalogue, opts BrowseOptions) error

// Options wire a run of the command line to the program around it.
type Options struct {
	// Version is set at build time (-ldflags "-X main.version=v1.2.3");
	// "" means the module version or VCS revision from the build info.
	Version string
	// Browse starts the browser (the root command with a terminal).
	Browse Browser
	// Serve runs the SSH server (serve.go).
	Serve Server
}

// app is one run of the program: its streams, environment and the options
// the global flags set. Commands are methods on it.
type app struct {
	ctx            context.Context // ended by Ctrl-C and SIGTERM
	stdin          *os.File
	stdout, stderr io.Writer
	stdinTTY       bool
	stdoutTTY      bool
	getenv         func(string) string
	opener         opener.Opener
	browser        Browser
	server         Server
	version        string
	root           *cobra.Command // the command tree, for suggestions and help

	catalogPath string // --catalog
	tz          string // --tz: the zone of a schedule's local times
	nowFlag     string // --now: the moment to replay (now.go)
	eventName   string // --event: a catalogue in the library (catalogue.go)
	all         bool   // --all: the library and the built-in event as one archive (archive.go)
	style       string // --style
	showVersion bool   // --version

	cat *model.Catalogue // loaded on first use
	// longRunning is set by the commands that keep running once the
	// catalogue is loaded (the browser, serve): loadLarge gives the
	// collector back its settings after a big load only for them.
	longRunning bool
	notice      string            // what loading the catalogue wants the user to know, in one status line
	skipped     []string          // what the importer left out and why, for the browser's Event view
	marks       *store.MarksStore // opened on first use (marks.go)

	lastChanges *model.ChangeSet // the --event catalogue's last changes (changes.go)
	changesRead bool
}

func newApp(opts Options) *app {
	return &app{
		ctx:       context.Background(),
		stdin:     os.Stdin,
		stdout:    os.Stdout,
		stderr:    os.Stderr,
		stdinTTY:  term.IsTerminal(os.Stdin.Fd()),
		stdoutTTY: term.IsTerminal(os.Stdout.Fd()),
		getenv:    os.Getenv,
		opener:    opener.NewBrowserOpener(),
		browser:   opts.Browse,
		server:    opts.Serve,
		version:   opts.Version,
		style:     "auto",
	}
}

// Run runs the command line args (without the program name) and returns
// the exit code: 0, 1 for a failure at run time, 2 for bad usage or input.
func Run(ctx context.Context, args []string, opts Options) int {
	a := newApp(opts)
	a.ctx = ctx
	cobra.EnableCommandSorting = false // the help lists commands in the tree's order
	root := a.newRootCmd()
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithoutVersion(), // --version is ours: from the build info, on every command
		fang.WithErrorHandler(func(io.Writer, fang.Styles, error) {}), // a.fail reports
	)
	if errors.Is(err, errVersionShown) {
		return exitOK
	}
	return a.fail(err)
}

// errVersionShown stops a command after --version printed the version.
var errVersionShown = errors.New("version shown")

// rootLong is the root command's help: what cndtalks is, and how its
// command line works.
const rootLong = `cndtalks browses the talks of a conference in the terminal, offline:
Montreal Cloud Native Day 2019 is built in; --catalog reads any other.

With no command, cndtalks opens the browser on a terminal, and prints what
'cndtalks list' prints when its output is not one. Flags may come before or
after arguments; -- ends them. Exit status: 0 ok, 1 failure, 2 bad usage or
input, 130 interrupted. Run 'cndtalks help COMMAND' for a command's flags and examples, and
'cndtalks help query' for the query language.`

// newRootCmd builds the command tree, in the order the help lists it.
func (a *app) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "cndtalks",
		Short: "browse the talks of a conference in the terminal, offline",
		Long:  rootLong,
		Example: `cndtalks
cndtalks list kafka
cndtalks --event fosdem23 show speaker:gamov`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return a.unknownCommand(args[0])
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		PersistentPreRunE: a.preRun,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.browse(cmd.Context())
		},
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&a.catalogPath, "catalog", "",
		"read the catalogue from FILE (cndtalks YAML or JSON, frab schedule.json, Pentabarf schedule.xml, iCalendar .ics; - for standard input)")
	pf.StringVar(&a.eventName, "event", "", "read the catalogue stored in the library as NAME (see 'cndtalks catalogues')")
	pf.BoolVar(&a.all, "all", false, "read every catalogue in the library and the built-in event as one archive (event:NAME narrows it)")
	pf.StringVar(&a.tz, "tz", "", "read a schedule's times in time zone ZONE (e.g. Europe/Berlin), with --catalog or add")
	pf.StringVar(&a.nowFlag, "now", "", nowFlagHelp)
	pf.StringVar(&a.style, "style", "auto", "colour STYLE for the browser, 'show' and 'event': auto, dark or light")
	pf.BoolVar(&a.showVersion, "version", false, "print the version and exit")
	a.registerGlobalCompletions(root) // complete.go

	root.AddCommand(
		a.newListCmd(),
		a.newShowCmd(),
		a.newOpenCmd(),
		a.newSpeakersCmd(),
		a.newEventCmd(),
		a.newAddCmd(),
		a.newCataloguesCmd(),
		a.newRemoveCmd(),
		a.newUpdateCmd(),
		a.newChangesCmd(),
	)
	root.AddCommand(a.newMarkCmds()...) // star.go
	root.AddCommand(a.newExportCmd())
	root.AddCommand(a.newServeCmd())                 // serve.go
	root.AddCommand(a.newNowCmd(), a.newAgendaCmd()) // now.go, agenda.go
	root.SetHelpCommand(a.newHelpCmd())
	root.SetFlagErrorFunc(a.flagError)
	// One help flag for every command, there before the command is found,
	// so that 'cndtalks --help list' is the help of list.
	pf.BoolP("help", "h", false, "print help")
	a.root = root
	return root
}

// preRun runs before every command: --version, empty flag values and
// --style.
func (a *app) preRun(cmd *cobra.Command, _ []string) error {
	if a.showVersion {
		fmt.Fprintln(a.stdout, a.versionString())
		return errVersionShown
	}
	var err error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		// --catalog "" would silently mean the built-in catalogue.
		if err == nil && f.Value.Type() == "string" && f.Value.String() == "" {
			err = usageErrorf("flag %s needs a value", flagSpelling(f))
		}
	})
	if err != nil {
		return err
	}
	if _, err := render.ParseStyle(a.style); err != nil {
		return usageErrorf("--style: %v", err)
	}
	return a.checkNow()
}

// flagError turns pflag's errors into cndtalks' messages: the argument as
// typed, and where to look.
func (a *app) flagError(cmd *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
	)
	switch {
	case errors.As(err, &notExist):
		arg := "--" + notExist.GetSpecifiedName()
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			arg = "-" + s
		}
		if cmd == cmd.Root() {
			return usageErrorf("unknown flag %s (see 'cndtalks help'; a command's flags go after the command)",
				model.SanitizeLine(arg))
		}
		return usageErrorf("unknown flag %s for %s (see 'cndtalks help %s'; to search for a term starting with '-', put it after --)",
			model.SanitizeLine(arg), cmd.Name(), cmd.Name())
	case errors.As(err, &required):
		if required.GetSpecifiedShortnames() != "" {
			return usageErrorf("flag -%s needs a value", required.GetSpecifiedName())
		}
		return usageErrorf("flag --%s needs a value", required.GetSpecifiedName())
	case errors.As(err, &invalid):
		return usageErrorf("invalid value %s for %s", model.QuoteLine(invalid.GetValue()), flagSpelling(invalid.GetFlag()))
	}
	return usageErrorf("%s", model.SanitizeLine(err.Error()))
}

// flagSpelling is how messages spell a flag: -o, --format.
func flagSpelling(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand
	}
	return "--" + f.Name
}

// unknownCommand is the usage error for a command name that is not in the
// tree, suggesting the closest one when it is a likely typo.
func (a *app) unknownCommand(name string) error {
	if name == "version" {
		return usageErrorf("unknown command \"version\"; did you mean --version?")
	}
	var names []string
	for _, c := range a.root.Commands() {
		if !c.Hidden {
			names = append(names, c.Name())
		}
	}
	if best, ok := model.Suggest(strings.ToLower(name), names); ok {
		return usageErrorf("unknown command %s; did you mean %q? (see 'cndtalks help')", model.QuoteLine(name), best)
	}
	return usageErrorf("unknown command %s (see 'cndtalks help')", model.QuoteLine(name))
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
// code: 2 for usage and input errors, 130 when interrupted, 1 for the rest.
func (a *app) fail(err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(a.stderr, "cndtalks: interrupted")
		return exitInterrupted
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

// warn prints a problem that does not stop the command on stderr.
func (a *app) warn(err error) {
	if err != nil {
		fmt.Fprintf(a.stderr, "cndtalks: %s\n", model.SanitizeLine(err.Error()))
	}
}
