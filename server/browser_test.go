package server

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/describe"
	"github.com/storyline/storyline/show"
)

// screenshots, when set, is the folder the browser test writes full-page
// screenshots of the main pages to:
//
//	go test ./server -run TestBrowser -args -screenshots ../docs/img
var screenshots = flag.String("screenshots", "", "write screenshots of the main pages to this folder")

// chromium returns the path of Chromium ($STORYLINE_CHROMIUM, or chromium
// on the PATH), or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("STORYLINE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on this machine: install it (apt-get install -y chromium; .ci/run does) or set STORYLINE_CHROMIUM")
	return ""
}

// browser is a headless Chromium tab and what it reported: console
// messages and log entries (CSP violations among them), JavaScript
// dialogs, and the headers of the documents it loaded.
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	logs    []string
	dialogs []string
	headers []network.Headers
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browser{}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(b.listen))
	b.ctx = ctx
	t.Cleanup(func() { cancel(); cancelAlloc() })
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, log.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{})
		return err
	}))
	if err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return b
}

func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		var args []string
		for _, a := range ev.Args {
			args = append(args, string(a.Value)+a.Description)
		}
		b.logs = append(b.logs, "console."+string(ev.Type)+": "+strings.Join(args, " "))
	case *runtime.EventExceptionThrown:
		b.logs = append(b.logs, "exception: "+ev.ExceptionDetails.Text)
	case *log.EventEntryAdded:
		b.logs = append(b.logs, string(ev.Entry.Source)+" "+string(ev.Entry.Level)+": "+ev.Entry.Text)
	case *page.EventJavascriptDialogOpening:
		b.dialogs = append(b.dialogs, ev.Message)
	case *network.EventResponseReceived:
		if ev.Type == network.ResourceTypeDocument {
			b.headers = append(b.headers, ev.Response.Headers)
		}
	}
}

// drain returns what the browser reported since the last drain.
func (b *browser) drain() (logs, dialogs []string, headers []network.Headers) {
	b.mu.Lock()
	defer b.mu.Unlock()
	logs, dialogs, headers = b.logs, b.dialogs, b.headers
	b.logs, b.dialogs, b.headers = nil, nil, nil
	return
}

// run runs the actions with a time limit and fails the test on error.
func (b *browser) run(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// text returns the text content of the first element sel matches.
func text(t *testing.T, b *browser, sel string) string {
	t.Helper()
	return eval[string](t, b, fmt.Sprintf(`(document.querySelector(%q) || {textContent: "(no %s)"}).textContent`, sel, sel))
}

// click clicks the first element sel matches and waits for the next page.
func (b *browser) click(t *testing.T, sel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	if res.Status != 200 {
		t.Fatalf("click %s: %s answered %d: %s", sel, res.URL, res.Status, text(t, b, "main"))
	}
}

// checkClean fails the test when the page logged anything, opened a
// dialog, or came without the Content-Security-Policy.
func (b *browser) checkClean(t *testing.T, page string) {
	t.Helper()
	logs, dialogs, headers := b.drain()
	for _, l := range logs {
		t.Errorf("%s: the browser reported %s", page, l)
	}
	for _, d := range dialogs {
		t.Errorf("%s: a script opened a dialog: %q", page, d)
	}
	if len(headers) == 0 {
		t.Errorf("%s: no document loaded", page)
	}
	for _, h := range headers {
		if h["Content-Security-Policy"] != ContentSecurityPolicy && h["content-security-policy"] != ContentSecurityPolicy {
			t.Errorf("%s: Content-Security-Policy is %v", page, h)
		}
	}
}

func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(*screenshots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowser clicks through the web UI in headless Chromium, from the
// story list to a story, one of its events, one of its participants and
// one of the entity's articles, and checks that each page shows what the
// store holds, that the hostile article's markup stays text, and that no
// page breaks its Content-Security-Policy.
func TestBrowser(t *testing.T) {
	f := seeded(t)
	b := newBrowser(t)
	ts := httptest.NewServer(f.srv)
	defer ts.Close()
	ctx := context.Background()

	// The listener catches CSP violations: an inline script is refused.
	b.run(t, "blank page", chromedp.Navigate(ts.URL+"/ingest"))
	b.drain()
	eval[chromedp.Void](t, b, `{const s = document.createElement("script"); s.textContent = "1"; document.body.appendChild(s)}`)
	time.Sleep(200 * time.Millisecond)
	if logs, _, _ := b.drain(); !strings.Contains(strings.Join(logs, "\n"), "Content Security Policy") {
		t.Fatalf("an inline script was not reported as a CSP violation; the browser reported %q", logs)
	}

	// The story list: the first story is the store's latest.
	stories, err := f.store.Stories(ctx, storyline.StoryFilter{Limit: 1})
	if err != nil || len(stories) == 0 {
		t.Fatalf("stories: %v %v", stories, err)
	}
	b.run(t, "story list", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("ol.cards")))
	st := stories[0]
	if got := text(t, b, "ol.cards li .title"); got != st.Title {
		t.Errorf("story list: first story %q, want %q", got, st.Title)
	}
	meta := text(t, b, "ol.cards li .meta")
	plural := f.srv.pages.funcs()["plural"].(func(int, string) string)
	for _, want := range []string{days(st.Start, st.End), plural(len(st.Events), "event"), plural(st.Sources.Articles, "article")} {
		if !strings.Contains(meta, want) {
			t.Errorf("story list: %q does not say %q", meta, want)
		}
	}
	b.checkClean(t, "story list")
	b.screenshot(t, "stories")

	// The story: its timeline is its dated events, oldest first.
	b.click(t, "ol.cards li .title")
	if got := text(t, b, "h1"); got != st.Title {
		t.Errorf("story page: h1 %q, want %q", got, st.Title)
	}
	evs, err := f.store.Events(ctx, storyline.EventFilter{Story: st.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := describe.Timeline(evs)
	got := eval[[]string](t, b, `[...document.querySelectorAll("ol.timeline a.event")].map(a => a.textContent)`)
	if len(got) != len(want) {
		t.Fatalf("story page: timeline %q, want %d events", got, len(want))
	}
	for i, e := range want {
		if got[i] != orUntitled(e.Title) {
			t.Errorf("story page: timeline[%d] = %q, want %q", i, got[i], e.Title)
		}
	}
	b.checkClean(t, "story page")
	b.screenshot(t, "story")

	// An event: the dated event with the most articles.
	pick := 0
	for i, e := range want {
		if len(e.Articles) > len(want[pick].Articles) {
			pick = i
		}
	}
	b.click(t, fmt.Sprintf("ol.timeline li:nth-child(%d) a.event", pick+1))
	ev, err := show.Event(ctx, f.srv.store, want[pick].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, b, "h1"); got != orUntitled(ev.Title) {
		t.Errorf("event page: h1 %q, want %q", got, ev.Title)
	}
	if got := text(t, b, "p.meta .dates"); got != days(ev.Start, ev.End) {
		t.Errorf("event page: dates %q, want %q", got, days(ev.Start, ev.End))
	}
	sources := fmt.Sprintf("%d articles from %d independent sources", ev.Sources.Articles, ev.Sources.Independent)
	if got := text(t, b, "p.meta .sources"); got != sources {
		t.Errorf("event page: %q, want %q", got, sources)
	}
	if n := eval[int](t, b, `document.querySelectorAll("ol.groups > li").length`); n != ev.Sources.Independent {
		t.Errorf("event page: %d copy groups listed, want %d", n, ev.Sources.Independent)
	}
	if len(ev.Event.Summary) > 0 {
		// The first citation shows the sentence it cites when focused.
		b.run(t, "focus citation", chromedp.Focus(chromedp.CSS("a.cite")))
		if d := eval[string](t, b, `getComputedStyle(document.querySelector("a.cite .src")).display`); d == "none" {
			t.Error("event page: a focused citation does not show its source sentence")
		}
		if got, want := text(t, b, "a.cite .src"), ev.Event.Summary[0].Text; !strings.Contains(got, want) {
			t.Errorf("event page: citation shows %q, want the sentence %q", got, want)
		}
	}
	b.checkClean(t, "event page")
	b.screenshot(t, "event")

	// Its first participant.
	if len(ev.Participants) == 0 {
		t.Fatal("event page: the event has no participants")
	}
	b.click(t, ".chips a.ent")
	ent, err := show.Entity(ctx, f.srv.store, ev.Participants[0].ID, f.srv.sources)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, b, "h1"); got != ent.Name {
		t.Errorf("entity page: h1 %q, want %q", got, ent.Name)
	}
	aliases := eval[[]string](t, b, `[...document.querySelectorAll("ul.aliases li")].map(li => li.firstChild.textContent.trim())`)
	if len(aliases) != len(ent.Aliases) || aliases[0] != ent.Aliases[0].Text {
		t.Errorf("entity page: aliases %q, want %v", aliases, ent.Aliases)
	}
	if n := eval[int](t, b, `document.querySelectorAll("ol.itinerary li").length`); n != len(ent.Itinerary) {
		t.Errorf("entity page: %d itinerary stops, want %d", n, len(ent.Itinerary))
	}
	if len(ent.Itinerary) > 0 && eval[int](t, b, `document.querySelectorAll("figure.map .stop").length`) == 0 {
		t.Error("entity page: no map of the itinerary")
	}
	b.checkClean(t, "entity page")
	b.screenshot(t, "entity")

	// One of its articles: the text whole, with its mentions linked.
	b.click(t, "ol.articles li a")
	href := eval[string](t, b, `location.pathname`)
	a, err := f.store.Article(ctx, strings.TrimPrefix(href, "/articles/"))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, b, "h1"); got != show.Headline(a) {
		t.Errorf("article page: h1 %q, want %q", got, show.Headline(a))
	}
	if got := text(t, b, ".text"); got != a.Text {
		t.Errorf("article page: the text shown differs from the stored text")
	}
	linked := eval[[]string](t, b, `[...document.querySelectorAll(".text a.m")].map(a => a.getAttribute("href"))`)
	if len(linked) == 0 {
		t.Error("article page: no entity highlighted")
	}
	ids := map[string]bool{}
	for _, m := range a.Entities {
		ids["/entities/"+m.Entity] = true
	}
	for _, l := range linked {
		if !ids[l] {
			t.Errorf("article page: a highlight links to %s, which the article does not mention", l)
		}
	}
	if len(a.Timexes) > 0 && eval[int](t, b, `document.querySelectorAll(".text .tx").length`) == 0 {
		t.Error("article page: no time expression highlighted")
	}
	b.checkClean(t, "article page")
	b.screenshot(t, "article")

	// The hostile article: its markup is text, nothing runs.
	hostile, err := f.store.Article(ctx, "hostile-1")
	if err != nil {
		t.Fatal(err)
	}
	b.run(t, "hostile article", chromedp.Navigate(ts.URL+"/articles/hostile-1"), chromedp.WaitVisible(chromedp.CSS(".text")))
	if got := text(t, b, "h1"); got != hostile.Title {
		t.Errorf("hostile article: h1 %q, want the title as text %q", got, hostile.Title)
	}
	if n := eval[int](t, b, `document.querySelectorAll("main script, main img, main svg:not(figure.map svg), main textarea, main [onerror], main [onload]").length`); n != 0 {
		t.Errorf("hostile article: %d elements made from its text", n)
	}
	if n := eval[int](t, b, `[...document.querySelectorAll("a")].filter(a => a.protocol === "javascript:").length`); n != 0 {
		t.Errorf("hostile article: %d javascript: links", n)
	}
	b.checkClean(t, "hostile article")
}

// TestBrowserIngest uploads a file through the ingest form of an empty
// store and follows the result to the stored article.
func TestBrowserIngest(t *testing.T) {
	b := newBrowser(t)
	srv, store := emptyServer(t, Options{})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	file := filepath.Join(t.TempDir(), "cairo.txt")
	body := "Blinken meets el-Sisi in Cairo\n\nSecretary of State Antony Blinken met President Abdel Fattah el-Sisi in Cairo on Tuesday.\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	b.run(t, "ingest form", chromedp.Navigate(ts.URL+"/ingest"),
		chromedp.WaitVisible(chromedp.CSS("form.ingest")),
		chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{file}))
	b.click(t, "form.ingest button")
	if got := text(t, b, ".summary-line"); !strings.HasPrefix(got, "1 new, 0 already stored, 0 skipped") {
		t.Errorf("ingest result: %q", got)
	}
	b.click(t, ".result ol.articles a")
	if got := text(t, b, "h1"); got != "Blinken meets el-Sisi in Cairo" {
		t.Errorf("ingested article: h1 %q", got)
	}
	if c, err := store.Counts(context.Background()); err != nil || c.Articles != 1 {
		t.Errorf("store: %+v, %v; want 1 article", c, err)
	}
	b.checkClean(t, "ingest")
}
