// Command traincluster builds the background term frequencies of package
// cluster and learns its event and story model from ECB+ topics 1–20 of
// the shared dev data, and writes both:
//
//	go run ./cluster/internal/traincluster -data ../shared/data
//
// It writes cluster/background.txt.gz (document frequencies of stems in the
// unlabelled newswire of the shared data, see eval.BackgroundTexts) and
// cluster/model.json. docs/EVENTS.md says how the model is scored on data
// it was not trained on (eval events cross-validates by topic).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/storyline/storyline/cluster"
	"github.com/storyline/storyline/eval"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared dev data folder")
	out := flag.String("out", "cluster/model.json", "where to write the model")
	bgOut := flag.String("background", "cluster/background.txt.gz", "where to write the background frequencies")
	orders := flag.Int("orders", 5, "shuffled arrival orders to train on")
	flag.Parse()
	if err := run(*data, *out, *bgOut, *orders); err != nil {
		fmt.Fprintln(os.Stderr, "traincluster:", err)
		os.Exit(1)
	}
}

func run(data, out, bgOut string, orders int) error {
	texts, err := eval.BackgroundTexts(data)
	if err != nil {
		return err
	}
	bg := cluster.BuildBackground(texts, 2)
	f, err := os.Create(bgOut)
	if err != nil {
		return fmt.Errorf("write background: %w", err)
	}
	if err := bg.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write background: %w", err)
	}
	fmt.Fprintf(os.Stderr, "background: %d terms from %d texts, wrote %s\n", len(bg.DF), bg.Docs, bgOut)

	docs, err := eval.LoadEventCorpus(filepath.Join(data, "ecbplus-dev"))
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	opt := eval.ShippedTrainOptions()
	opt.Background = bg
	m, st, err := eval.TrainEvents(docs, orders, opt)
	if err != nil {
		return err
	}
	m.Trained = fmt.Sprintf("ECB+ topics 1-20 (%d articles), %d shuffled orders; event pairs %d (%d same-event), story pairs %d (%d same-story); train B-cubed F1 event %.3f, story %.3f, offline event %.3f, offline story %.3f; features %s",
		len(docs), orders, st.EventSamples, st.EventPositives, st.StorySamples, st.StoryPositives, st.EventScore, st.StoryScore,
		st.OfflineScore, st.OfflineStoryScore, strings.Join(opt.Features, ","))
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(os.Stderr, "%s\nwrote %s\n", m.Trained, out)
	return nil
}
