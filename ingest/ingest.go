// Package ingest reads articles from files, folders and stdin in every
// input format, cleans them on parallel workers and stores them in batches.
//
// Bad input is the normal case: an unreadable, binary, invalid-UTF-8 or
// oversized input is reported as a SkipError and the rest goes on. Every
// batch is one store transaction, and an article's ID is a hash of its
// cleaned text, so an interrupted ingest run again loses and duplicates
// nothing.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/extract"
	"github.com/storyline/storyline/reuse"
)

// Options tune an ingest run. The zero value is usable.
type Options struct {
	// MaxArticleBytes caps the size of one article; larger ones are
	// skipped. Zero means DefaultMaxArticleBytes.
	MaxArticleBytes int64
	// Workers is the number of cleaning goroutines; zero means GOMAXPROCS.
	Workers int
	// BatchSize is the number of articles stored per transaction; zero
	// means 500.
	BatchSize int
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// OnSkip, when set, is called for every skipped input as it happens.
	OnSkip func(*SkipError)
	// OnStored, when set, is called for every article after its batch is
	// stored, with created false when its content was already present.
	OnStored func(a *storyline.Article, created bool)
	// OnProgress, when set, is called with the bytes of input read so far
	// (of Plan.Bytes) as reading goes on.
	OnProgress func(done int64)
}

// Summary tells what an ingest run did.
type Summary struct {
	Ingested int           // articles stored for the first time
	Present  int           // articles whose content was already stored
	Copies   int           // of the ingested, near-copies of another article
	Reusing  int           // of the ingested, articles sharing passages with others (copies aside)
	Skipped  []*SkipError  // inputs or parts of inputs not ingested, with reasons
	Bytes    int64         // input bytes read (compressed size for .gz)
	Elapsed  time.Duration // wall time of the run
}

// Plan is the list of input files an ingest run will read.
type Plan struct {
	Inputs []Input
	Bytes  int64 // total size of the files; stdin counts as 0
	// Skipped lists paths found but not readable or not of a known format.
	Skipped []*SkipError
}

// Input is one file (or stdin) to read.
type Input struct {
	Path string // file path, or "-" for stdin
	Ref  string // article ref: the path relative to the folder given
	Size int64
	kind kind
}

// PlanInputs expands paths (files, folders walked recursively, "-" for
// stdin) into the inputs to read. Files in folders are read when their
// extension is a known format (.txt .html .htm .jsonl .json, each maybe
// .gz); hidden files and folders are passed over. A file named on the
// command line with another extension has its format sniffed.
func PlanInputs(paths []string) Plan {
	var p Plan
	for _, path := range paths {
		if path == "-" {
			p.Inputs = append(p.Inputs, Input{Path: "-", Ref: "-"})
			continue
		}
		info, err := os.Stat(path)
		if err != nil {
			p.Skipped = append(p.Skipped, &SkipError{path, statReason(err)})
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				p.Skipped = append(p.Skipped, &SkipError{path, "not a regular file"})
				continue
			}
			k, _ := kindOf(path)
			p.add(Input{Path: path, Ref: filepath.ToSlash(path), Size: info.Size(), kind: k})
			continue
		}
		var found []Input
		err = filepath.WalkDir(path, func(file string, d fs.DirEntry, err error) error {
			if err != nil {
				p.Skipped = append(p.Skipped, &SkipError{file, statReason(err)})
				if d != nil && d.IsDir() && file != path {
					return fs.SkipDir
				}
				return nil
			}
			if file != path && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			k, _ := kindOf(file)
			if k == kindUnknown {
				p.Skipped = append(p.Skipped, &SkipError{file, "not a known article format (" + knownFormats + ")"})
				return nil
			}
			info, err := d.Info()
			if err != nil {
				p.Skipped = append(p.Skipped, &SkipError{file, statReason(err)})
				return nil
			}
			rel, err := filepath.Rel(path, file)
			if err != nil {
				rel = file
			}
			found = append(found, Input{Path: file, Ref: filepath.ToSlash(rel), Size: info.Size(), kind: k})
			return nil
		})
		if err != nil {
			p.Skipped = append(p.Skipped, &SkipError{path, err.Error()})
		}
		sort.Slice(found, func(i, j int) bool { return found[i].Path < found[j].Path })
		for _, in := range found {
			p.add(in)
		}
	}
	return p
}

const knownFormats = ".txt, .html, .htm, .jsonl, .json, or .gz of these"

func (p *Plan) add(in Input) {
	p.Inputs = append(p.Inputs, in)
	p.Bytes += in.Size
}

func statReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// job is one raw article on its way through the pipeline, numbered so
// that articles are stored in the order they were read.
type job struct {
	seq     int
	raw     storyline.RawArticle
	article *storyline.Article
	sig     *reuse.Signature // the article's reuse signature
	err     error
}

// Run ingests the planned inputs into store and returns what it did. It
// stops early when ctx is cancelled, after storing every article already
// cleaned, and then returns ctx's error with the summary so far. Errors
// from the store end the run.
func Run(parent context.Context, store storyline.Store, plan Plan, opt Options) (Summary, error) {
	start := time.Now()
	opt = opt.withDefaults()
	sum := Summary{}
	var mu sync.Mutex // guards sum.Skipped: readers and cleaners skip concurrently
	skip := func(e *SkipError) {
		mu.Lock()
		sum.Skipped = append(sum.Skipped, e)
		mu.Unlock()
		if opt.OnSkip != nil {
			opt.OnSkip(e)
		}
	}
	for _, e := range plan.Skipped {
		skip(e)
	}
	det, err := loadDetector(parent, store)
	if err != nil {
		return sum, err
	}
	an, err := loadAnnotator(parent, store)
	if err != nil {
		return sum, err
	}
	asg, err := loadAssigner(parent, store)
	if err != nil {
		return sum, err
	}

	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	raws := make(chan job, 4*opt.Workers)
	cleaned := make(chan job, 4*opt.Workers)

	// Read: one goroutine walks the inputs in order.
	var readBytes int64
	go func() {
		defer close(raws)
		seq := 0
		rd := &reader{
			maxBytes: opt.MaxArticleBytes,
			skip:     skip,
			emit: func(raw storyline.RawArticle) error {
				select {
				case raws <- job{seq: seq, raw: raw}:
					seq++
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			},
		}
		for _, in := range plan.Inputs {
			if ctx.Err() != nil {
				return
			}
			n, err := readInput(rd, in, opt.Stdin)
			readBytes += n
			if opt.OnProgress != nil {
				opt.OnProgress(readBytes)
			}
			if err != nil {
				return
			}
		}
	}()

	// Clean: pure, on opt.Workers goroutines.
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range raws {
				j.article, j.err = extract.Clean(j.raw)
				if j.article != nil {
					if j.article.Ref == "" {
						j.article.Ref = j.raw.Input
					}
					j.sig = reuse.NewSignature(j.article.Text)
					j.sig.Prepare()
					an.Recognise(j.article)
				}
				cleaned <- j
			}
		}()
	}
	go func() { wg.Wait(); close(cleaned) }()

	// Store: in read order, in batches.
	err = storeInOrder(store, det, an, asg, cleaned, opt, skip, &sum)
	if err == nil {
		// What was stored is described and the clusterer saved even when
		// the run is being cancelled.
		bg := context.WithoutCancel(parent)
		if err = asg.flush(bg, store); err == nil {
			err = asg.save(bg, store)
		}
	}
	if err != nil {
		cancel()
		for range cleaned { // let the workers finish
		}
	}
	sum.Bytes = readBytes
	sum.Elapsed = time.Since(start)
	if err == nil {
		err = parent.Err()
	}
	return sum, err
}

// storeInOrder stores cleaned articles in the order they were read,
// opt.BatchSize per transaction, and flushes a partial batch whenever no
// cleaned article is waiting, so that a slow stream still lands.
// Each new article is compared with the stored ones (and those of the
// batch) by det and its mentions resolved by an before it is stored; then
// asg queues it, and assigns the queue to events and stories (in date
// order) when it is long enough, and at the end of the run.
func storeInOrder(store storyline.Store, det *detector, an *annotate.Annotator, asg *assigner, cleaned <-chan job, opt Options, skip func(*SkipError), sum *Summary) error {
	pending := map[int]job{}
	next := 0
	var batch []*storyline.Article
	var redated []*storyline.Article // stored articles dated by the batch
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// The batch is written even when the run is being cancelled: what
		// was read and cleaned is kept.
		created, err := store.PutArticles(context.WithoutCancel(context.Background()), batch)
		if err != nil {
			return fmt.Errorf("store %d articles: %w", len(batch), err)
		}
		for i, c := range created {
			if opt.OnStored != nil {
				opt.OnStored(batch[i], c)
			}
			// What the store applied once must not be applied again when
			// the article, held for its event, is dated by a later one.
			batch[i].EntityChanges, batch[i].Regroup, batch[i].Revised = nil, nil, storyline.ReuseRevision{}
			if c {
				sum.Ingested++
				if batch[i].DuplicateOf != "" || len(batch[i].Regroup) > 0 {
					sum.Copies++
				} else if len(batch[i].Reuse) > 0 {
					sum.Reusing++
				}
			} else {
				sum.Present++
			}
		}
		batch = batch[:0]
		det.flushed()
		if len(redated) > 0 {
			if err := store.PutAnnotations(context.WithoutCancel(context.Background()), redated); err != nil {
				return fmt.Errorf("store the dates of %d articles: %w", len(redated), err)
			}
			for _, a := range redated {
				asg.touch(a) // its event's days may change
			}
			redated = redated[:0]
		}
		if asg.due() {
			return asg.flush(context.Background(), store)
		}
		return nil
	}

	for {
		var j job
		var ok bool
		select {
		case j, ok = <-cleaned:
		default:
			if err := flush(); err != nil {
				return err
			}
			j, ok = <-cleaned
		}
		if !ok {
			return flush()
		}
		pending[j.seq] = j
		for {
			j, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if j.err != nil {
				skip(&SkipError{j.raw.Input, cleanReason(j.err, j.raw.Input)})
				continue
			}
			known := det.d.Known(j.article.ID) // stored already: PutArticles keeps only its ref
			if !known {
				an.Resolve(j.article)
			}
			if err := det.observe(j.article, j.sig); err != nil {
				return err
			}
			if err := dateFromLinks(store, det.d, batch, asg.queued, j.article, &redated); err != nil {
				return err
			}
			if !known {
				asg.queue(j.article)
			}
			batch = append(batch, j.article)
			if len(batch) >= opt.BatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
}

// cleanReason turns a clean error into a skip reason without repeating
// the input's name.
func cleanReason(err error, input string) string {
	return strings.TrimPrefix(err.Error(), "clean "+input+": ")
}

// readInput opens and reads one input and returns the bytes it read.
func readInput(rd *reader, in Input, stdin io.Reader) (int64, error) {
	if in.Path == "-" {
		cr := &countingReader{r: stdin}
		err := rd.read(cr, "-", "-", kindUnknown)
		return cr.n, err
	}
	f, err := os.Open(in.Path)
	if err != nil {
		rd.skip(&SkipError{in.Path, statReason(err)})
		return in.Size, nil
	}
	defer f.Close()
	err = rd.read(f, in.Path, in.Ref, in.kind)
	return in.Size, err
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (o Options) withDefaults() Options {
	if o.MaxArticleBytes <= 0 {
		o.MaxArticleBytes = DefaultMaxArticleBytes
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	return o
}

// String is the one-line summary printed at the end of every run.
func (s Summary) String() string {
	secs := s.Elapsed.Seconds()
	line := fmt.Sprintf("ingested %d, already present %d, skipped %d", s.Ingested, s.Present, len(s.Skipped))
	if reasons := s.skipReasons(); reasons != "" {
		line += " (" + reasons + ")"
	}
	line += fmt.Sprintf("; of the new, %d copies and %d sharing passages", s.Copies, s.Reusing)
	if secs > 0 {
		n := float64(s.Ingested + s.Present)
		line += fmt.Sprintf(" in %.2fs: %.0f articles/s, %.1f MB/s", secs, n/secs, float64(s.Bytes)/(1<<20)/secs)
	}
	return line
}

// skipReasons counts skips by reason, most common first: "2 not valid
// UTF-8 text, 1 empty".
func (s Summary) skipReasons() string {
	counts := map[string]int{}
	for _, e := range s.Skipped {
		r := e.Reason
		if i := strings.Index(r, ":"); i > 0 {
			r = r[:i]
		}
		counts[r]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", counts[k], k)
	}
	return strings.Join(parts, ", ")
}
