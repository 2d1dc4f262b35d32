package schedule

import (
	"os"
	"path/filepath"
	"testing"

	"cndtalks/model"
)

func addImportSeeds(f *testing.F) {
	files, _ := filepath.Glob("../testdata/import/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"schedule": {"conference": {"days": [{"rooms": {"A": [{"title": "t", "id": 1, "start": "25:99"}]}}]}}}`))
	f.Add([]byte(`<schedule><day date="2024-02-30"><room name="x"><event id="1"><title>t</title><start>1:2:3</start></event></room></day></schedule>`))
}

// FuzzScheduleImport feeds the schedule importers arbitrary input: no panic,
// and whatever imports is sanitised (a fixed point of SanitizeText: the
// loader does not sanitise it again), keeps Guaranteed (the loader does not
// check it) and has only safe links.
func FuzzScheduleImport(f *testing.F) {
	addImportSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSanitised(t, b, ImportOptions{})
		checkGuaranteed(t, b, ImportOptions{})
		for format := range importers {
			c := importOrNil(format, b, ImportOptions{})
			if c == nil {
				continue
			}
			for i := range c.Talks {
				for _, l := range c.Talks[i].Links {
					if _, err := model.SafeURL(l.URL); err != nil {
						t.Fatalf("unsafe link kept: %v", err)
					}
				}
			}
		}
	})
}

// FuzzHTMLToMarkdown checks the converter never panics and its output is
// sanitised.
func FuzzHTMLToMarkdown(f *testing.F) {
	for _, s := range []string{"<p>a &amp; b</p>", "<ul><li>x<ol><li>y", "<a href='javascript:x'>t</a>", "<pre>\x1b[31m</pre>", "&#27;]8;;x&#7;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToMarkdown(s, "https://base.example/")
		if model.Sanitize(out) != out {
			t.Fatalf("unsanitised output %q", out)
		}
	})
}
