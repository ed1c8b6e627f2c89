package reuse

// Side returns sig as one side of a comparison, with the words that the
// index knows as site furniture marked.
func (d *Detector) Side(sig *Signature) Side { return Side{Sig: sig, Boilerplate: d.furniture(sig)} }

// furniture marks the words of sig that are site furniture: text that
// many independent articles carry (newsletter pitches, standard notices).
// A fingerprint is common when it reaches the Index's common threshold.
// The words of a common fingerprint's shingle are furniture, and so are
// the words between two common fingerprints at most Window shingles apart
// (winnowing keeps a fingerprint in every Window shingles, so they bound a
// common run) and every paragraph at least a third of whose fingerprints are
// common: furniture comes in blocks, with names and numbers that vary
// from site to site. Only fingerprints count, not every shingle, so that
// the articles whose furniture changes when a fingerprint becomes common
// are those the index lists for it (see Detector.revise).
func (d *Detector) furniture(sig *Signature) []bool {
	var mark []bool
	prev := int32(-1)
	para, common, total := 0, 0, 0
	endPara := func() {
		if common > 0 && 3*common >= total {
			end := int32(len(sig.Tokens))
			if para+1 < len(sig.Paras) {
				end = sig.Paras[para+1]
			}
			for i := sig.Paras[para]; i < end; i++ {
				mark[i] = true
			}
		}
		common, total = 0, 0
		para++
	}
	for _, f := range sig.Fingerprints {
		for para+1 < len(sig.Paras) && f.Pos >= sig.Paras[para+1] {
			if mark != nil {
				endPara()
			} else {
				common, total = 0, 0
				para++
			}
		}
		total++
		if !d.index.IsCommon(f.Hash) {
			prev = -1
			continue
		}
		common++
		if mark == nil {
			mark = make([]bool, len(sig.Tokens))
		}
		from := f.Pos
		if prev >= 0 && f.Pos-prev <= Window {
			from = prev
		}
		for i := from; i < f.Pos+ShingleWords && int(i) < len(mark); i++ {
			mark[i] = true
		}
		prev = f.Pos
	}
	if mark != nil {
		endPara()
	}
	return mark
}
