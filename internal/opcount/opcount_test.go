package opcount

import "testing"

func TestCount(t *testing.T) {
	got := Count(func() {
		Add(1)
		Add(3)
	})
	if got != 4 {
		t.Errorf("Count = %d, want 4", got)
	}
	Add(5) // off: not counted
	if n.Load() != 4 {
		t.Errorf("Add counted %d while off", n.Load()-4)
	}
	if got := Count(func() {}); got != 0 {
		t.Errorf("an empty Count = %d, want 0", got)
	}
}
