// Command buildworld rebuilds server/ui/world/countries.txt.gz, the world
// outlines the web UI draws its maps from, from the npm package
// world-atlas (Natural Earth 1:50m country outlines as TopoJSON; ISC
// licence, data in the public domain).
//
//	go run ./server/internal/buildworld -out server/ui/world/countries.txt.gz
//
// It runs `npm pack world-atlas@2.0.2` in a temporary folder, reads
// countries-50m.json from the tarball, decodes its arcs, projects them
// equirectangularly in tenths of a degree (x = (lon+180)×10, y =
// (90−lat)×10, so the world is 3600×1800), drops points that round onto
// the one before, and writes one line per country: its name, its bounding
// box and its SVG path with relative moves. The output is the same byte
// for byte on every run.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

const pkg = "world-atlas@2.0.2"

func main() {
	out := flag.String("out", "server/ui/world/countries.txt.gz", "file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "buildworld:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	dir, err := os.MkdirTemp("", "buildworld")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", pkg, "--pack-destination", dir)
	cmd.Stderr = os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("npm pack %s: %w", pkg, err)
	}
	tgz := filepath.Join(dir, strings.TrimSpace(string(name)))
	raw, err := fromTarball(tgz, "package/countries-50m.json")
	if err != nil {
		return err
	}
	countries, err := decode(raw)
	if err != nil {
		return fmt.Errorf("%s countries-50m.json: %w", pkg, err)
	}
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return err
	}
	fmt.Fprintf(zw, "# Country outlines from %s (countries-50m.json: Natural Earth 1:50m, public domain; world-atlas ISC licence, Michael Bostock).\n", pkg)
	fmt.Fprintf(zw, "# Built by server/internal/buildworld. Lines: name TAB minx,miny,maxx,maxy TAB SVG path; x = (lon+180)*10, y = (90-lat)*10.\n")
	for _, c := range countries {
		fmt.Fprintf(zw, "%s\t%d,%d,%d,%d\t%s\n", c.name, c.box[0], c.box[1], c.box[2], c.box[3], c.path)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %d countries to %s (%d bytes)\n", len(countries), out, b.Len())
	return nil
}

// fromTarball returns the file called name in the gzipped tarball at path.
func fromTarball(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no %s", path, name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// topology is the part of a TopoJSON document this reads.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]int `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// country is one country's outline, projected.
type country struct {
	name string
	box  [4]int // min x, min y, max x, max y
	path string
}

type point [2]int

// decode turns the countries of a quantized TopoJSON topology into
// projected outlines, sorted by name.
func decode(raw []byte) ([]country, error) {
	var t topology
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, err
	}
	// Arcs are delta-encoded in quantized units: undo both.
	arcs := make([][]point, len(t.Arcs))
	for i, a := range t.Arcs {
		x, y := 0, 0
		for _, d := range a {
			x += d[0]
			y += d[1]
			lon := float64(x)*t.Transform.Scale[0] + t.Transform.Translate[0]
			lat := float64(y)*t.Transform.Scale[1] + t.Transform.Translate[1]
			arcs[i] = append(arcs[i], point{int(math.Round((lon + 180) * 10)), int(math.Round((90 - lat) * 10))})
		}
	}
	ring := func(idx []int) ([]point, error) {
		var r []point
		for k, i := range idx {
			rev := i < 0
			if rev {
				i = ^i
			}
			if i >= len(arcs) {
				return nil, fmt.Errorf("arc %d of %d", i, len(arcs))
			}
			a := arcs[i]
			if rev {
				a = make([]point, len(arcs[i]))
				for j, p := range arcs[i] {
					a[len(a)-1-j] = p
				}
			}
			if k > 0 { // arcs share their end points
				a = a[1:]
			}
			r = append(r, a...)
		}
		return r, nil
	}
	var out []country
	for _, g := range t.Objects.Countries.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
		default:
			continue
		}
		c := country{name: g.Properties.Name, box: [4]int{math.MaxInt, math.MaxInt, math.MinInt, math.MinInt}}
		var path strings.Builder
		for _, p := range polys {
			for _, idx := range p {
				r, err := ring(idx)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
				}
				writeRing(&path, r, &c.box)
			}
		}
		if path.Len() == 0 || c.name == "" {
			continue
		}
		c.path = path.String()
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// writeRing writes a closed ring as an SVG subpath with relative moves,
// leaving out points equal to the one before, and grows box.
func writeRing(b *strings.Builder, r []point, box *[4]int) {
	var kept []point
	for _, p := range r {
		if len(kept) > 0 && p == kept[len(kept)-1] {
			continue
		}
		kept = append(kept, p)
	}
	if len(kept) > 1 && kept[0] == kept[len(kept)-1] {
		kept = kept[:len(kept)-1]
	}
	if len(kept) < 3 {
		return
	}
	for i, p := range kept {
		box[0], box[1] = min(box[0], p[0]), min(box[1], p[1])
		box[2], box[3] = max(box[2], p[0]), max(box[3], p[1])
		if i == 0 {
			fmt.Fprintf(b, "M%d %d", p[0], p[1])
			continue
		}
		if i == 1 {
			b.WriteByte('l')
		}
		dx, dy := p[0]-kept[i-1][0], p[1]-kept[i-1][1]
		num(b, dx, i > 1)
		num(b, dy, true)
	}
	b.WriteByte('z')
}

// num writes n, with a separating space before it when sep and n is not
// negative (a minus sign separates by itself).
func num(b *strings.Builder, n int, sep bool) {
	if sep && n >= 0 {
		b.WriteByte(' ')
	}
	b.WriteString(strconv.Itoa(n))
}
