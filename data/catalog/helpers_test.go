package catalog

import (
	"os"
	"strings"
	"testing"

	"cndtalks/model"
)

// embedded is the catalogue built into cndtalks (data/catalogue.yaml), the
// file data embeds.
var embedded = func() string {
	b, err := os.ReadFile("../catalogue.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// defaultCatalogue is the embedded catalogue read as data.Default reads it.
func defaultCatalogue(t testing.TB) *model.Catalogue {
	t.Helper()
	c, _, err := Parse("data/catalogue.yaml", embedded, FormatYAML)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// parseBytes reads a cndtalks catalogue from b, in JSON when it starts with
// '{' or '[' and in YAML otherwise, as the loader chooses between them.
func parseBytes(name string, b []byte) (*model.Catalogue, error) {
	format := FormatYAML
	if s := strings.TrimLeft(string(b), " \t\r\n"); strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") {
		format = FormatJSON
	}
	c, _, err := Parse(name, string(b), format)
	return c, err
}
