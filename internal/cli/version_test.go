package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs.revision", Value: "3f47252dd3a1b2c3d4e5f60718293a4b5c6d7e8f"},
		{Key: "vcs.time", Value: "2026-12-01T23:45:00Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	dirty := append(append([]debug.BuildSetting{}, vcs[:2]...), debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	tests := []struct {
		name string
		set  string
		bi   *debug.BuildInfo
		want string
	}{
		{"go install of a tag", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}},
			"cndtalks v1.4.0 (go1.26.8)"},
		{"build from a clone", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201234500-3f47252dd3a1"}, Settings: vcs},
			"cndtalks v0.0.0-20261201234500-3f47252dd3a1 (3f47252dd3a1, 2026-12-01, go1.26.8)"},
		{"go run: (devel) with VCS", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty},
			"cndtalks 3f47252dd3a1+dirty (3f47252dd3a1+dirty, 2026-12-01, go1.26.8)"},
		{"set at build time", "v2.0.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"cndtalks v2.0.0 (3f47252dd3a1, 2026-12-01, go1.26.8)"},
		{"nothing known", "", nil, "cndtalks devel (go1.26.8)"},
	}
	for _, tt := range tests {
		if got := versionFrom(tt.set, tt.bi, "go1.26.8"); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
