package main

import (
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// The testscript commands the hardening stories need, beside the
// library's.
func init() {
	// readlink LINK TARGET checks that LINK is a symbolic link to TARGET.
	libraryScriptCmds["readlink"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: readlink LINK TARGET")
		}
		got, err := os.Readlink(ts.MkAbs(args[0]))
		ts.Check(err)
		if got != args[1] {
			ts.Fatalf("%s links to %s, want %s", args[0], got, args[1])
		}
	}
	// mode FILE PERM checks FILE's permission bits (octal).
	libraryScriptCmds["mode"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: mode FILE PERM")
		}
		want, err := strconv.ParseUint(args[1], 8, 32)
		ts.Check(err)
		fi, err := os.Stat(ts.MkAbs(args[0]))
		ts.Check(err)
		if uint64(fi.Mode().Perm()) != want {
			ts.Fatalf("%s has mode %v, want %s", args[0], fi.Mode().Perm(), args[1])
		}
	}
}
