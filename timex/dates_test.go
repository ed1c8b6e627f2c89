package timex

import "testing"

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2000: "2000-04-23", 2009: "2009-04-12", 2024: "2024-03-31", 1998: "1998-04-12"} {
		if got := fmtDay(easter(y)); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}
