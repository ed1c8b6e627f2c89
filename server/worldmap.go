package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// worldGz is the country outlines: see ui/world/README.md.
//
//go:embed ui/world/countries.txt.gz
var worldGz []byte

// outline is one country: its name, bounding box and SVG path, in the
// file's units (tenths of a degree, x = (lon+180)×10, y = (90−lat)×10).
type outline struct {
	name string
	box  [4]float64
	path string
}

// world returns the country outlines, read once.
var world = sync.OnceValues(func() ([]outline, error) { return readWorld(worldGz) })

// readWorld reads the outline file: comment lines start with #, others
// are name TAB minx,miny,maxx,maxy TAB path.
func readWorld(gz []byte) ([]outline, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("world outlines: %w", err)
	}
	var out []outline
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("world outlines: line %d: want 3 fields, have %d", n, len(f))
		}
		o := outline{name: f[0], path: f[2]}
		box := strings.Split(f[1], ",")
		if len(box) != 4 {
			return nil, fmt.Errorf("world outlines: line %d: bad box %q", n, f[1])
		}
		for i, v := range box {
			if o.box[i], err = strconv.ParseFloat(v, 64); err != nil {
				return nil, fmt.Errorf("world outlines: line %d: %w", n, err)
			}
		}
		out = append(out, o)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("world outlines: %w", err)
	}
	return out, nil
}

// mapPlace is a point to mark on a map: a place, with the label of its
// marker (the numbers of the itinerary's stops there), what its tooltip
// says and where its marker links to.
type mapPlace struct {
	Lat, Lon    float64
	Label, Name string
	Href        string
}

// MapView is an SVG map of some places, drawn from the world outlines in
// an equirectangular projection whose standard parallel is the places'
// middle latitude, so that shapes near them keep their proportions.
type MapView struct {
	ViewBox   string
	Transform string   // of the country outlines: scale(k 1)
	Countries []string // SVG paths of the countries in view
	Route     string   // polyline points joining the places in order; "" for one place
	Marks     []mapMark
	Radius    float64 // of a marker, in view units
	FontSize  float64
}

type mapMark struct {
	X, Y        float64
	Label, Name string
	Href        string
}

// drawMap returns the map of places, in the order given (the route joins
// them); nil when there is none.
func drawMap(places []mapPlace) (*MapView, error) {
	if len(places) == 0 {
		return nil, nil
	}
	outlines, err := world()
	if err != nil {
		return nil, err
	}
	minLat, maxLat := 90.0, -90.0
	for _, p := range places {
		minLat, maxLat = math.Min(minLat, p.Lat), math.Max(maxLat, p.Lat)
	}
	k := math.Cos(math.Min(60, math.Abs(minLat+maxLat)/2) * math.Pi / 180)
	project := func(lat, lon float64) (float64, float64) { return (lon + 180) * 10 * k, (90 - lat) * 10 }
	v := &MapView{Transform: fmt.Sprintf("scale(%.4f 1)", k)}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	var route []string
	for _, p := range places {
		x, y := project(p.Lat, p.Lon)
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
		v.Marks = append(v.Marks, mapMark{X: round1(x), Y: round1(y), Label: p.Label, Name: p.Name, Href: p.Href})
		route = append(route, fmt.Sprintf("%.1f,%.1f", x, y))
	}
	if len(places) > 1 {
		v.Route = strings.Join(route, " ")
	}
	// Pad the places' box by a quarter of its size and at least 8°, then
	// widen it to 2:1.
	pad := math.Max(80, math.Max(x1-x0, y1-y0)/4)
	x0, y0, x1, y1 = x0-pad, y0-pad, x1+pad, y1+pad
	if w, h := x1-x0, y1-y0; w < 2*h {
		x0, x1 = x0-(2*h-w)/2, x1+(2*h-w)/2
	} else {
		y0, y1 = y0-(w/2-h)/2, y1+(w/2-h)/2
	}
	v.ViewBox = fmt.Sprintf("%.1f %.1f %.1f %.1f", x0, y0, x1-x0, y1-y0)
	v.Radius = round1((x1 - x0) / 90)
	v.FontSize = round1((x1 - x0) / 70)
	for _, o := range outlines {
		if o.box[2]*k < x0 || o.box[0]*k > x1 || o.box[3] < y0 || o.box[1] > y1 {
			continue
		}
		v.Countries = append(v.Countries, o.path)
	}
	return v, nil
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
