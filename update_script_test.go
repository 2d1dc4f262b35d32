package main

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	// servehash DIR starts an HTTP server on 127.0.0.1 for the files in
	// DIR, read afresh at each request (so a script changes what it serves
	// with cp), each with an ETag made from its content: a request naming
	// the current one gets 304 Not Modified. It sets $SERVER to its URL.
	// (serve's file server tags files by their time to the second, too
	// coarse for a script that changes them at once.)
	libraryScriptCmds["servehash"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 1 {
			ts.Fatalf("usage: servehash DIR")
		}
		dir := ts.MkAbs(args[0])
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path))))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			etag := fmt.Sprintf(`"%x"`, sha256.Sum256(b))
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Write(b)
		}))
		ts.Defer(srv.Close)
		ts.Setenv("SERVER", srv.URL)
	}
}
