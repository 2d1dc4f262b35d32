package opener

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"cndtalks/model"
)

func TestBrowserCommand(t *testing.T) {
	const u = "https://example.com/a?b=c"
	tests := []struct {
		spec string
		want []string
	}{
		{"firefox", []string{"firefox", u}},
		{"  firefox  ", []string{"firefox", u}},
		{"firefox --new-tab", []string{"firefox", "--new-tab", u}},
		{"chromium --app=%s", []string{"chromium", "--app=" + u}},
		{"echo %s %s", []string{"echo", u, u}},
		{"printf 100%%", []string{"printf", "100%", u}},
		{"printf %d", []string{"printf", "%d", u}},
		{`open -a "Google Chrome"`, []string{"open", "-a", "Google Chrome", u}},
		{`'/opt/my browser/run' %s`, []string{"/opt/my browser/run", u}},
		{`run ''`, []string{"run", "", u}},
		{"", nil},
		{"   ", nil},
	}
	for _, tt := range tests {
		got := BrowserCommand(tt.spec, u)
		if !slices.Equal(got, tt.want) {
			t.Errorf("BrowserCommand(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}

// fakeBrowser writes an executable shell script that appends its arguments,
// one per line, to a log file, then runs tail (e.g. "exit 3").
func fakeBrowser(t *testing.T, name, tail string) (path, log string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("fake browsers are shell scripts")
	}
	dir := t.TempDir()
	path = filepath.Join(dir, name)
	log = filepath.Join(dir, name+".log")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + log + "'; done\n" + tail + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, log
}

func readLog(t *testing.T, log string) []string {
	t.Helper()
	b, err := os.ReadFile(log)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func envWith(browser string) func(string) string {
	return func(k string) string {
		if k == "BROWSER" {
			return browser
		}
		return ""
	}
}

func TestBrowserOpenerPassesOneReencodedArgument(t *testing.T) {
	fake, log := fakeBrowser(t, "fake", "exit 0")
	o := &BrowserOpener{Getenv: envWith(fake)}
	if err := o.Open("  https://example.com/my slides.pdf  "); err != nil {
		t.Fatal(err)
	}
	want := []string{"https://example.com/my%20slides.pdf"}
	if got := readLog(t, log); !slices.Equal(got, want) {
		t.Errorf("browser got %q, want %q", got, want)
	}
}

func TestBrowserOpenerRefusesUnsafeURLs(t *testing.T) {
	fake, log := fakeBrowser(t, "fake", "exit 0")
	o := &BrowserOpener{Getenv: envWith(fake)}
	for _, raw := range []string{
		"javascript:alert(1)",
		"file:///etc/passwd",
		"-a x",
		"--flag=https://example.com",
		"calc",
		"https://good.example@evil.example/",
		"https://example.com/\x1b]52;c;aGk=\x07",
		"",
	} {
		err := o.Open(raw)
		if !errors.Is(err, model.ErrUnsafeURL) {
			t.Errorf("Open(%q) = %v, want ErrUnsafeURL", raw, err)
		}
	}
	if got := readLog(t, log); got != nil {
		t.Errorf("the browser ran for a refused URL: %q", got)
	}
}

func TestBrowserOpenerTriesEachCommand(t *testing.T) {
	failing, failLog := fakeBrowser(t, "failing", "exit 3")
	working, workLog := fakeBrowser(t, "working", "exit 0")
	missing := filepath.Join(t.TempDir(), "no-such-browser")
	env := missing + string(os.PathListSeparator) + failing + string(os.PathListSeparator) + working + " --new-tab %s"
	o := &BrowserOpener{Getenv: envWith(env)}
	if err := o.Open("https://example.com/"); err != nil {
		t.Fatal(err)
	}
	if got := readLog(t, failLog); !slices.Equal(got, []string{"https://example.com/"}) {
		t.Errorf("failing browser got %q", got)
	}
	if got := readLog(t, workLog); !slices.Equal(got, []string{"--new-tab", "https://example.com/"}) {
		t.Errorf("working browser got %q", got)
	}
}

func TestBrowserOpenerErrors(t *testing.T) {
	failing, _ := fakeBrowser(t, "failing", "exit 3")
	hanging, _ := fakeBrowser(t, "hanging", "exec sleep 2")
	missing := filepath.Join(t.TempDir(), "no-such-browser")
	tests := []struct {
		name    string
		browser string
		is      error
		msg     string
	}{
		{"missing", missing, ErrNoBrowser, "not found"},
		{"failing", failing, nil, "exited with status 3"},
		{"missing then failing", missing + string(os.PathListSeparator) + failing, nil, "every $BROWSER command failed"},
		{"all missing", missing + string(os.PathListSeparator) + missing + "2", ErrNoBrowser, "no-such-browser2\" not found"},
		{"hanging", hanging, ErrBrowserTimeout, "still running"},
		{"only separators", string(os.PathListSeparator), ErrNoBrowser, "names no command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &BrowserOpener{Getenv: envWith(tt.browser), Timeout: 200 * time.Millisecond}
			err := o.Open("https://example.com/")
			if err == nil {
				t.Fatal("Open succeeded")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", err, tt.is)
			}
			// A browser that ran and failed is never "no browser found".
			var exit *BrowserExitError
			if ran := errors.As(err, &exit); ran == errors.Is(err, ErrNoBrowser) && tt.is != ErrBrowserTimeout {
				t.Errorf("error %q: ran a browser %v, ErrNoBrowser %v", err, ran, errors.Is(err, ErrNoBrowser))
			}
			if strings.HasPrefix(tt.name, "failing") || strings.HasPrefix(tt.name, "missing then") {
				if exit == nil || exit.Status != 3 || exit.Summary() != "The browser exited with status 3" {
					t.Errorf("error %q: want a *BrowserExitError with status 3, got %+v", err, exit)
				}
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
		})
	}
}

func TestBrowserOpenerWithoutBrowserEnv(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pkg/browser's provider list is checked on Linux")
	}
	// An empty PATH leaves pkg/browser no provider to run.
	t.Setenv("PATH", t.TempDir())
	o := &BrowserOpener{Getenv: envWith("")}
	err := o.Open("https://example.com/")
	if !errors.Is(err, ErrNoBrowser) {
		t.Fatalf("Open = %v, want ErrNoBrowser", err)
	}
	if !strings.Contains(err.Error(), "xdg-open") || !strings.Contains(err.Error(), "$BROWSER") {
		t.Errorf("error %q should name the openers tried and $BROWSER", err)
	}
}

func TestBrowserOpenerUsesPlatformOpener(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pkg/browser runs xdg-open on Linux")
	}
	fake, log := fakeBrowser(t, "xdg-open", "echo noise; echo more noise >&2")
	t.Setenv("PATH", filepath.Dir(fake))
	o := &BrowserOpener{Getenv: envWith("")}
	if err := o.Open("https://example.com/x y"); err != nil {
		t.Fatal(err)
	}
	if got := readLog(t, log); !slices.Equal(got, []string{"https://example.com/x%20y"}) {
		t.Errorf("xdg-open got %q", got)
	}
}

func TestBrowserOpenerPlatformOpenerFails(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pkg/browser runs xdg-open on Linux")
	}
	tests := []struct {
		tail    string
		noneRan bool
		msg     string
	}{
		// xdg-open's status 3: it found no browser to hand the URL to.
		{"exit 3", true, "no browser found: xdg-open found no browser to run (exit status 3)"},
		{"exit 4", false, "the system's URL opener xdg-open exited with status 4"},
	}
	for _, tt := range tests {
		fake, _ := fakeBrowser(t, "xdg-open", tt.tail)
		t.Setenv("PATH", filepath.Dir(fake))
		err := (&BrowserOpener{Getenv: envWith("")}).Open("https://example.com/")
		var exit *BrowserExitError
		if errors.Is(err, ErrNoBrowser) != tt.noneRan || errors.As(err, &exit) == tt.noneRan {
			t.Errorf("%s: error %v (%T): want ErrNoBrowser %v", tt.tail, err, err, tt.noneRan)
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.msg) {
			t.Errorf("%s: error %q, want it to start %q", tt.tail, err, tt.msg)
		}
	}
}

// TestBrowserOpenerGetsTheShownForm checks that the browser is given
// exactly the URL show prints, with every character outside RFC 3986
// percent-encoded: a query's raw '>' and backquotes used to reach it.
func TestBrowserOpenerGetsTheShownForm(t *testing.T) {
	fake, log := fakeBrowser(t, "fake", "exit 0")
	o := &BrowserOpener{Getenv: envWith(fake)}
	raw := "https://example.com/a?q=<b>`c`\"{d}|^e&f=%zz#frag`x`"
	if err := o.Open(raw); err != nil {
		t.Fatal(err)
	}
	u, err := model.SafeURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://example.com/a?q=%3Cb%3E%60c%60%22%7Bd%7D%7C%5Ee&f=%25zz#frag%60x%60"
	if u.String() != want {
		t.Errorf("shown form %q, want %q", u.String(), want)
	}
	if got := readLog(t, log); !slices.Equal(got, []string{want}) {
		t.Errorf("browser got %q, want %q", got, want)
	}
}
