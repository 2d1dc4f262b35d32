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

func TestCostOver(t *testing.T) {
	one := Cost{Ops: 100, Allocs: 10, Bytes: 1000}
	if got := one.Over(Cost{Ops: 600, Allocs: 40, Bytes: 4000}, "4x", 6); len(got) != 0 {
		t.Errorf("6x the comparisons is within 6x: %q", got)
	}
	got := one.Over(Cost{Ops: 1600, Allocs: 40, Bytes: 7000}, "4x", 6)
	want := []string{
		"4x the input: 16.0x the comparisons (100 -> 1600; want <= 6x)",
		"4x the input: 7.0x the bytes allocated (1000 -> 7000; want <= 6x)",
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Over = %q, want %q", got, want)
	}
}
