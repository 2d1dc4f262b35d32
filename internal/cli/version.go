package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// versionString is what --version prints: "cndtalks VERSION (REVISION, DATE,
// GO)". VERSION is the one set at build time, else the module's version
// from the build info (a tag for go install, a pseudo-version in a build
// from a clone), else the VCS revision; REVISION and DATE are the commit
// the binary was built from (with +dirty for uncommitted changes), when the
// build recorded them.
func (a *app) versionString() string {
	bi, _ := debug.ReadBuildInfo()
	return versionFrom(a.version, bi, runtime.Version())
}

// versionFrom is versionString for a set version, build info (nil when
// there is none) and Go version.
func versionFrom(v string, bi *debug.BuildInfo, goVersion string) string {
	var rev, date, dirty string
	if bi != nil {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					date = t.UTC().Format("2006-01-02")
				}
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if v == "" && rev != "" {
		v = rev + dirty
	}
	if v == "" {
		v = "devel"
	}
	var about []string
	if rev != "" {
		about = append(about, rev+dirty)
	}
	if date != "" {
		about = append(about, date)
	}
	about = append(about, goVersion)
	return fmt.Sprintf("cndtalks %s (%s)", v, strings.Join(about, ", "))
}
