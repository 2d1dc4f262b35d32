// Command bombserver serves the hardening measurements on loopback (see
// BENCHMARKS.md, HARDEN): /bomb.json is N bytes of spaces gzip-encoded,
// any other path the given file gzip-encoded. Usage: bombserver N FILE.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
)

func gz(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: bombserver N FILE")
		os.Exit(2)
	}
	n, _ := strconv.Atoi(os.Args[1])
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < n>>20; i++ {
		zw.Write(chunk)
	}
	zw.Close()
	xml, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	xmlgz := gz(xml)
	fmt.Fprintf(os.Stderr, "bomb %d bytes gzipped, xml %d -> %d\n", bomb.Len(), len(xml), len(xmlgz))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("http://" + ln.Addr().String())
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/xml")
		if r.URL.Path == "/bomb.json" {
			w.Write(bomb.Bytes())
			return
		}
		w.Write(xmlgz)
	}))
}
