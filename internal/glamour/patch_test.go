package glamour

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// upstream is the module this directory is a trimmed copy of.
const upstream = "charm.land/glamour/v2@v2.0.1"

// TestTreeIsUpstreamPlusPatch rebuilds this directory from upstream Glamour
// v2.0.1 in the module cache: its non-test Go files and LICENSE (without
// the internal/generate-style-json tool), the import path rewritten from
// charm.land/glamour/v2 to cndtalks/internal/glamour, then cndtalks.patch
// applied. The result must be this tree, file for file, byte for byte
// (README.md, cndtalks.patch and the tests aside), so every change to
// upstream is in the patch, where README.md documents it.
func TestTreeIsUpstreamPlusPatch(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to find upstream glamour in the module cache")
	}
	patchBin, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("no patch command to apply cndtalks.patch")
	}
	cmd := exec.Command(goBin, "mod", "download", "-json", upstream)
	cmd.Dir = t.TempDir() // outside the module: go.sum stays as it is
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("upstream glamour is not in the module cache and cannot be downloaded: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download -json %s: %v\n%s", upstream, err, out)
	}

	rebuilt := t.TempDir()
	err = filepath.WalkDir(mod.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(mod.Dir, path)
		if d.IsDir() {
			if rel == filepath.Join("internal", "generate-style-json") {
				return filepath.SkipDir
			}
			return nil
		}
		if rel != "LICENSE" && (!strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		b = bytes.ReplaceAll(b, []byte(`"charm.land/glamour/v2`), []byte(`"cndtalks/internal/glamour`))
		dst := filepath.Join(rebuilt, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	patch, err := os.Open("cndtalks.patch")
	if err != nil {
		t.Fatal(err)
	}
	defer patch.Close()
	apply := exec.Command(patchBin, "-s", "-p1", "-d", rebuilt)
	apply.Stdin = patch
	if out, err := apply.CombinedOutput(); err != nil {
		t.Fatalf("cndtalks.patch does not apply to upstream %s: %v\n%s", upstream, err, out)
	}

	want := treeFiles(t, rebuilt, nil)
	got := treeFiles(t, ".", func(rel string) bool {
		return rel == "README.md" || rel == "cndtalks.patch" || strings.HasSuffix(rel, "_test.go")
	})
	wantNames, gotNames := mapKeys(want), mapKeys(got)
	if !slices.Equal(wantNames, gotNames) {
		t.Fatalf("files differ from upstream plus patch:\nupstream+patch: %v\ntree:           %v", wantNames, gotNames)
	}
	for _, name := range gotNames {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs from upstream plus cndtalks.patch: regenerate the patch (README.md says how)", name)
		}
	}
}

// treeFiles reads every file under root that skip does not leave out, by
// slash-separated relative path.
func treeFiles(t *testing.T, root string, skip func(rel string) bool) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if skip != nil && skip(rel) {
			return nil
		}
		b, err := os.ReadFile(path)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func mapKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
