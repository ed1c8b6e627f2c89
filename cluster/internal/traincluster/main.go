// Command traincluster learns the event and story model of package
// cluster from ECB+ topics 1–10 of the shared dev data and writes it as
// JSON:
//
//	go run ./cluster/internal/traincluster -data ../shared/data -out cluster/model.json
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
	orders := flag.Int("orders", 5, "shuffled arrival orders to train on")
	storyFeats := flag.String("story-features", cluster.FeatTFIDF,
		"comma-separated signals of the story level (\"all\": every signal); ECB+ stories are two events each, "+
			"and weights for more signals learnt there over-merge on TAC 2011 and MEANTIME (docs/EVENTS.md)")
	flag.Parse()
	var sf []string
	if *storyFeats != "all" {
		sf = strings.Split(*storyFeats, ",")
	}
	if err := run(*data, *out, *orders, sf); err != nil {
		fmt.Fprintln(os.Stderr, "traincluster:", err)
		os.Exit(1)
	}
}

func run(data, out string, orders int, storyFeats []string) error {
	docs, err := eval.LoadEventCorpus(filepath.Join(data, "ecbplus-dev"))
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	train := eval.TopicRange(docs, 1, 10)
	os_, err := eval.ShuffledOrders(train, orders)
	if err != nil {
		return fmt.Errorf("orders: %w", err)
	}
	m, st, err := cluster.Train(os_, cluster.TrainOptions{Score: func(p, g []string) float64 {
		_, _, f := eval.BCubed(p, g)
		return f
	}, StoryFeatures: storyFeats})
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	m.Trained = fmt.Sprintf("ECB+ topics 1-10 (%d articles), %d shuffled orders; event pairs %d (%d same-event), story pairs %d (%d same-story); train B-cubed F1 event %.3f, story %.3f",
		len(train), orders, st.EventSamples, st.EventPositives, st.StorySamples, st.StoryPositives, st.EventScore, st.StoryScore)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(os.Stderr, "%s\nwrote %s\n", m.Trained, out)
	fmt.Println(string(b))
	return nil
}
