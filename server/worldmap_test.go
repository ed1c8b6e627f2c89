package server

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
)

func TestWorldOutlines(t *testing.T) {
	outlines, err := world()
	if err != nil {
		t.Fatal(err)
	}
	if len(outlines) < 200 {
		t.Fatalf("%d countries", len(outlines))
	}
	var egypt *outline
	for i := range outlines {
		if outlines[i].name == "Egypt" {
			egypt = &outlines[i]
		}
	}
	// Cairo (31.24 E, 30.04 N) is in Egypt's box.
	if x, y := (31.24+180)*10, (90-30.04)*10; egypt == nil || x < egypt.box[0] || x > egypt.box[2] || y < egypt.box[1] || y > egypt.box[3] {
		t.Fatalf("Egypt: %+v", egypt)
	}
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for _, bad := range [][]byte{[]byte("not gzip"), gz("Egypt\t1,2,3\tM0 0z\n"), gz("Egypt\t1,2,x,4\tM0 0z\n"), gz("Egypt M0 0z\n"), gz("E\t1,2,3,4,5\tM0 0z\n")} {
		if _, err := readWorld(bad); err == nil {
			t.Errorf("readWorld(%q) took it", bad)
		}
	}
}

func TestDrawMap(t *testing.T) {
	cairo := mapPlace{Lat: 30.04, Lon: 31.24, Label: "1", Name: "Cairo"}
	doha := mapPlace{Lat: 25.29, Lon: 51.53, Label: "2", Name: "Doha"}
	if v, err := drawMap(nil); v != nil || err != nil {
		t.Errorf("no places: %v, %v", v, err)
	}
	for _, tc := range []struct {
		name   string
		places []mapPlace
		route  bool
	}{
		{"one place", []mapPlace{cairo}, false},
		{"two places", []mapPlace{cairo, doha}, true},
		{"across the world", []mapPlace{cairo, {Lat: -33.87, Lon: 151.21, Label: "2"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := drawMap(tc.places)
			if err != nil {
				t.Fatal(err)
			}
			var x, y, w, h float64
			if _, err := fmt.Sscanf(v.ViewBox, "%g %g %g %g", &x, &y, &w, &h); err != nil {
				t.Fatalf("viewBox %q: %v", v.ViewBox, err)
			}
			if w < 2*h-1 || w > 2*h+1 {
				t.Errorf("viewBox %q is not 2:1", v.ViewBox)
			}
			for _, m := range v.Marks {
				if m.X <= x || m.X >= x+w || m.Y <= y || m.Y >= y+h {
					t.Errorf("marker %+v outside %q", m, v.ViewBox)
				}
			}
			if len(v.Marks) != len(tc.places) || (v.Route != "") != tc.route {
				t.Errorf("%d marks, route %q", len(v.Marks), v.Route)
			}
			outlines, _ := world()
			if len(v.Countries) == 0 || len(v.Countries) == len(outlines) && len(tc.places) < 2 {
				t.Errorf("%d countries drawn", len(v.Countries))
			}
			if !strings.HasPrefix(v.Transform, "scale(") {
				t.Errorf("transform %q", v.Transform)
			}
		})
	}
}
