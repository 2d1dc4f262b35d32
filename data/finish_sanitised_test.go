package data

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"cndtalks/data/catalog"
	"cndtalks/data/schedule"
	"cndtalks/model"
)

// TestScheduleFinishSkipsNothing: a schedule's catalogue validated as the
// importer made it, with every check (catalog.FinishImported, g 0) and
// without the checks of what the importers guarantee (what the loader
// does), is the one sanitised again before it is validated with every
// check (catalog.Finish), with the same problems, for every test schedule
// and every real export beside the repository.
func TestScheduleFinishSkipsNothing(t *testing.T) {
	files, _ := filepath.Glob("testdata/import/*")
	real, _ := filepath.Glob("../../shared/fixtures/schedules/*.schedule.*")
	ics, _ := filepath.Glob("../../shared/fixtures/schedules/*.ics")
	if len(real) == 0 {
		t.Log("the real exports are not beside the repository: test schedules only")
	}
	for _, p := range slices.Concat(files, real, ics) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			format := sniff(string(b))
			imp := func() *model.Catalogue {
				c, _, err := schedule.Import(p, b, format, ImportOptions{})
				if err != nil {
					t.Fatalf("%s: %v", format, err)
				}
				return c
			}
			twice, once, guaranteed := imp(), imp(), imp()
			errTwice := catalog.Finish(p, twice, nil)
			errOnce := catalog.FinishImported(p, once, 0)
			if fmt.Sprint(errOnce) != fmt.Sprint(errTwice) {
				t.Errorf("validated as imported: %v\nsanitised again: %v", errOnce, errTwice)
			}
			if !reflect.DeepEqual(once, twice) {
				t.Error("the catalogue sanitised again differs from the one validated as imported")
			}
			errGuaranteed := catalog.FinishImported(p, guaranteed, schedule.Guaranteed)
			if fmt.Sprint(errGuaranteed) != fmt.Sprint(errTwice) {
				t.Errorf("validated without the checks of the guarantees: %v\nsanitised again: %v", errGuaranteed, errTwice)
			}
			if !reflect.DeepEqual(guaranteed, twice) {
				t.Error("the catalogue sanitised again differs from the one finished without the checks of the guarantees")
			}
		})
	}
}
