package extract

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/extract/internal/furniture"
)

// The site-furniture classifier of the plain-text cleaner: a logistic
// regression over hashed word and shape features of a paragraph and its
// neighbours (see package extract/internal/furniture), trained on the
// readability test pages and news text of ../shared/data and on the
// trafilatura comparison set (go-trafilatura's annotated test pages) by
// extract/internal/trainfurniture, and embedded here. It judges the
// paragraphs the line rules leave: newsletter and subscription pitches,
// paywall, cookie and app notices, share and follow blocks, menus and
// lists of headlines. Those at the start or the end of the text (a run
// from either edge, removed lines between them skipped) go at the model's
// edge threshold; one between content paragraphs only at its stricter
// middle threshold, and never if it is a long line of prose (which need
// not even be scored); a lone short line (a label, a subheading) only
// within a run of furniture; the last content paragraph always stays.

// furnitureModelData is the trained model (extract/models/README.md says
// how it was built).
//
//go:embed models/furniture.bin.gz
var furnitureModelData []byte

var (
	furnitureOnce  sync.Once
	furnitureModel *furniture.Model
	furnitureErr   error
)

// loadFurnitureModel decodes the embedded model on first use.
func loadFurnitureModel() (*furniture.Model, error) {
	furnitureOnce.Do(func() {
		furnitureModel, furnitureErr = furniture.ReadModel(furnitureModelData)
		if furnitureErr != nil {
			furnitureErr = fmt.Errorf("extract: embedded furniture model: %w", furnitureErr)
		}
	})
	return furnitureModel, furnitureErr
}

// furnitureWork is reusable memory for one call of markFurniture.
type furnitureWork struct {
	sc     furniture.Scratch
	texts  []string
	paras  []int // index in paras of each text
	kinds  []uint8
	scores []float32 // -1 until computed
	marked []bool
}

var furniturePool = sync.Pool{New: func() any { return new(furnitureWork) }}

// markFurniture removes the content paragraphs the classifier judges to be
// site furniture. Without a usable model it does nothing (the tests check
// that the embedded one loads).
func markFurniture(us []unit, paras [][]int) {
	m, err := loadFurnitureModel()
	if err != nil {
		return
	}
	w := furniturePool.Get().(*furnitureWork)
	defer furniturePool.Put(w)
	w.texts, w.paras = w.texts[:0], w.paras[:0]
	for pi, p := range paras {
		if us[p[0]].reason == "" {
			w.texts = append(w.texts, paraText(us, p))
			w.paras = append(w.paras, pi)
		}
	}
	defer clear(w.texts) // the pool must not keep the article's text
	if len(w.texts) < 2 {
		return // the last content paragraph always stays
	}
	w.sc.Load(w.texts)
	w.kinds, w.scores = w.kinds[:0], w.scores[:0]
	for k := range w.texts {
		w.kinds = append(w.kinds, w.sc.Kind(k))
		w.scores = append(w.scores, -1)
	}
	prob := func(k int) float32 {
		if w.scores[k] < 0 {
			w.scores[k] = m.Prob(w.sc.Features(k))
		}
		return w.scores[k]
	}
	w.marked = furniture.Mark(prob, w.kinds, m.Edge, m.Mid, w.marked)
	for k, rm := range w.marked {
		if rm {
			for _, i := range paras[w.paras[k]] {
				us[i].reason = storyline.ReasonFurniture
			}
		}
	}
}
