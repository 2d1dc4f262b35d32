package main

import (
	"net/http"
	"net/http/httptest"

	"github.com/rogpeppe/go-internal/testscript"
)

// libraryScriptCmds are the testscript commands the library stories need.
var libraryScriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// serve DIR starts an HTTP server on 127.0.0.1 for the files in DIR
	// (404 for the others) and sets $SERVER to its URL. It stops when the
	// script ends.
	"serve": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 1 {
			ts.Fatalf("usage: serve DIR")
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(ts.MkAbs(args[0]))))
		ts.Defer(srv.Close)
		ts.Setenv("SERVER", srv.URL)
	},
}
