package store

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// userDir resolves one of cndtalks' per-user directories: $xdgVar/cndtalks
// when that variable holds an absolute path (on every system, as the XDG
// spec asks), else the platform's place: ~/unixDir/cndtalks on Unix,
// ~/Library/Application Support/cndtalks on macOS and
// %LocalAppData%\cndtalks on Windows. what names the directory's use in
// the error when there is no home.
func userDir(xdgVar, unixDir, what string) (string, error) {
	if d := os.Getenv(xdgVar); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "cndtalks"), nil
	}
	if runtime.GOOS == "windows" {
		if d := os.Getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "cndtalks"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no place for %s: %w", what, err)
	}
	switch runtime.GOOS {
	case "darwin", "ios":
		return filepath.Join(home, "Library", "Application Support", "cndtalks"), nil
	case "windows":
		return filepath.Join(home, "AppData", "Local", "cndtalks"), nil
	}
	return filepath.Join(home, unixDir, "cndtalks"), nil
}
