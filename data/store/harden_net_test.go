package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

// gzipOf compresses n bytes of spaces, which shrink about a thousandfold.
func gzipOf(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<16)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := zw.Write(chunk[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDownloadLimitCountsDecodedBytes checks that the size limit applies
// to what a gzip-encoded response expands to, and that the error names the
// limit: a 249 KB response used to cost 1.1 GB.
func TestDownloadLimitCountsDecodedBytes(t *testing.T) {
	const limit = 1 << 20
	bomb := gzipOf(t, 64<<20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		w.Write(bomb)
	}))
	defer srv.Close()
	lib := NewLibrary(t.TempDir())
	lib.MaxSize = limit
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := lib.Add(context.Background(), srv.URL+"/schedule.json", "bomb")
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "once decompressed it is over the 1.0 MiB limit") {
		t.Fatalf("a %d-byte gzip of 64 MiB: %v, want the decompressed limit named", len(bomb), err)
	}
	if errors.Is(err, ErrNetwork) {
		t.Errorf("an oversized download is reported as a network error: %v", err)
	}
	// Allocation, not time: reading stops at the limit.
	if got := after.TotalAlloc - before.TotalAlloc; got > 16*limit {
		t.Errorf("refusing the bomb allocated %d bytes, want under %d", got, 16*limit)
	}
}

// TestDownloadRedirectPolicy checks that a redirect is held to the URL
// policy: one to a URL with credentials was followed, though the same URL
// given directly is refused.
func TestDownloadRedirectPolicy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/creds":
			http.Redirect(w, r, "http://user:secret@"+r.Host+"/final.json", http.StatusFound)
		case "/scheme":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			t.Errorf("the redirect was followed to %s", r.URL)
			w.Write([]byte(`{}`))
		}
	}))
	defer srv.Close()
	lib := NewLibrary(t.TempDir())
	for _, path := range []string{"/creds", "/scheme"} {
		_, _, err := lib.Add(context.Background(), srv.URL+path, "x")
		if err == nil || !strings.Contains(err.Error(), "redirects to a refused URL") {
			t.Errorf("%s: %v, want the redirect refused", path, err)
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: the error shows the password: %v", path, err)
		}
		if errors.Is(err, ErrNetwork) {
			t.Errorf("%s: a refused redirect is reported as a network error", path)
		}
	}
}

// TestAddRefusesDevices checks that add refuses a device at once, as
// --catalog does: add /dev/zero used to read 256 MiB first.
func TestAddRefusesDevices(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero on Windows")
	}
	lib := NewLibrary(t.TempDir())
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		_, _, err := lib.Add(context.Background(), dev, "x")
		if err == nil || !strings.Contains(err.Error(), "is a device") {
			t.Errorf("add %s: %v, want a device refused", dev, err)
		}
	}
}

// TestLibraryNamesRefuseWindowsDevices checks --name against the device
// names Windows reserves: names must be valid on every system.
func TestLibraryNamesRefuseWindowsDevices(t *testing.T) {
	for _, name := range []string{"con", "nul", "prn", "aux", "com1", "lpt1", "com0", "lpt9", "nul.txt", "con.schedule", "CON"} {
		if err := ValidLibraryName(name); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
	for _, name := range []string{"conf", "console", "nullconf", "com", "com10", "lpt", "aux-2024", "fosdem.con", "com1x"} {
		if err := ValidLibraryName(name); err != nil {
			t.Errorf("%q refused: %v", name, err)
		}
	}
}
