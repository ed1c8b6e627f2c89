package server

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNewRefusesOpenAddressWithoutToken(t *testing.T) {
	for _, tc := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:0", "", true},
		{"[::1]:8080", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"192.0.2.7:8080", "", false},
		{"0.0.0.0:8080", "s3cret", true},
		{"no-port", "", false},
	} {
		_, err := New(nil, Options{Addr: tc.addr, Token: tc.token})
		if (err == nil) != tc.ok {
			t.Errorf("New(%q, token %q): err %v, want ok %v", tc.addr, tc.token, err, tc.ok)
		}
	}
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi.json: version %q, want 3.x", doc.OpenAPI)
	}
	var routes, documented []string
	for _, r := range apiRoutes {
		routes = append(routes, r.method+" "+r.path)
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	sort.Strings(routes)
	sort.Strings(documented)
	if strings.Join(routes, "\n") != strings.Join(documented, "\n") {
		t.Errorf("routes:\n%s\nopenapi.json:\n%s", strings.Join(routes, "\n"), strings.Join(documented, "\n"))
	}
	// Every schema a document names is defined.
	var full map[string]any
	json.Unmarshal(openAPI, &full)
	schemas := full["components"].(map[string]any)["schemas"].(map[string]any)
	for _, m := range regexp.MustCompile(`#/components/schemas/(\w+)`).FindAllStringSubmatch(string(openAPI), -1) {
		if schemas[m[1]] == nil {
			t.Errorf("openapi.json names schema %s, which it does not define", m[1])
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := seeded(t)
	for _, target := range []string{"/", "/api/stories", "/static/style.css", "/nowhere", "/api/nowhere", "/articles/hostile-1"} {
		res, _ := f.get(t, target)
		for h, want := range map[string]string{
			"Content-Security-Policy": ContentSecurityPolicy,
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "DENY",
		} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("%s: %s = %q, want %q", target, h, got, want)
			}
		}
	}
	if !strings.Contains(ContentSecurityPolicy, "script-src 'self'") || strings.Contains(ContentSecurityPolicy, "unsafe") {
		t.Errorf("CSP allows inline script: %s", ContentSecurityPolicy)
	}
}

func TestHostCheck(t *testing.T) {
	f := seeded(t)
	for _, tc := range []struct {
		host string
		code int
	}{
		{"127.0.0.1:8080", 200},
		{"localhost:8080", 200},
		{"LOCALHOST", 200},
		{"[::1]:8080", 200},
		{"127.0.0.2", 200},
		{"evil.example", 403},
		{"evil.example:8080", 403},
		{"127.0.0.1.evil.example", 403},
		{"", 403},
	} {
		req := request("GET", "/api/stories", nil)
		req.Host = tc.host
		res, body := do(t, f.srv, req)
		if res.StatusCode != tc.code {
			t.Errorf("Host %q: %d %s, want %d", tc.host, res.StatusCode, body, tc.code)
		}
	}
	// A server bound elsewhere answers any Host.
	srv, _ := emptyServer(t, Options{Addr: "0.0.0.0:8080", Token: "t"})
	req := request("GET", "/api/stories", nil)
	req.Host = "news.example"
	if res, body := do(t, srv, req); res.StatusCode != 200 {
		t.Errorf("open server, Host news.example: %d %s", res.StatusCode, body)
	}
}

// multipartBody returns a multipart/form-data body with the given fields
// and files (name → content), and its content type.
func multipartBody(t testing.TB, fields, files map[string]string) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for name, content := range files {
		fw, err := w.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	w.Close()
	return &b, w.FormDataContentType()
}

const oneArticle = `{"id": "a1", "source": "example.org", "title": "Blinken in Cairo", "published": "2024-02-06", "text": "Secretary of State Antony Blinken met President Abdel Fattah el-Sisi in Cairo on Tuesday."}` + "\n"

func TestWritesNeedTokenAndSameOrigin(t *testing.T) {
	for _, tc := range []struct {
		name    string
		token   string // the server's
		headers map[string]string
		code    int
	}{
		{"no token set, none sent", "", nil, 200},
		{"token set, none sent", "s3cret", nil, 401},
		{"token set, wrong one", "s3cret", map[string]string{"Authorization": "Bearer guess"}, 401},
		{"token set, not bearer", "s3cret", map[string]string{"Authorization": "s3cret"}, 401},
		{"token set, right one", "s3cret", map[string]string{"Authorization": "Bearer s3cret"}, 200},
		{"cross-site browser", "", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site browser", "", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"same-origin browser", "", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "null"}, 200},
		{"foreign Origin", "", map[string]string{"Origin": "https://evil.example"}, 403},
		{"own Origin", "", map[string]string{"Origin": "http://127.0.0.1:8080"}, 200},
		{"cross-site with token", "s3cret", map[string]string{"Sec-Fetch-Site": "cross-site", "Authorization": "Bearer s3cret"}, 403},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, store := emptyServer(t, Options{Token: tc.token})
			req := request("POST", "/api/ingest?name=a.jsonl", strings.NewReader(oneArticle))
			req.Header.Set("Content-Type", "application/x-ndjson")
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			res, body := do(t, srv, req)
			if res.StatusCode != tc.code {
				t.Fatalf("status %d %s, want %d", res.StatusCode, body, tc.code)
			}
			c, err := store.Counts(req.Context())
			if err != nil {
				t.Fatal(err)
			}
			if stored := c.Articles == 1; stored != (tc.code == 200) {
				t.Errorf("%d articles stored after status %d", c.Articles, res.StatusCode)
			}
			if tc.code != 200 && !strings.Contains(res.Header.Get("Content-Type"), "json") {
				t.Errorf("API error is %s, want JSON", res.Header.Get("Content-Type"))
			}
		})
	}
}

func TestIngestForm(t *testing.T) {
	srv, store := emptyServer(t, Options{Token: "s3cret"})
	_, page := do(t, srv, request("GET", "/ingest", nil))
	m := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("ingest page has no CSRF token:\n%s", page)
	}
	if !strings.Contains(page, `name="token"`) {
		t.Error("ingest page of a server with a token asks for none")
	}
	for _, tc := range []struct {
		name   string
		fields map[string]string
		code   int
	}{
		{"no csrf", map[string]string{"token": "s3cret"}, 403},
		{"wrong csrf", map[string]string{"csrf": "00", "token": "s3cret"}, 403},
		{"no token", map[string]string{"csrf": m[1]}, 401},
		{"both", map[string]string{"csrf": m[1], "token": "s3cret"}, 200},
	} {
		body, ct := multipartBody(t, tc.fields, map[string]string{"cairo.jsonl": oneArticle})
		req := request("POST", "/ingest", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res, out := do(t, srv, req)
		if res.StatusCode != tc.code {
			t.Errorf("%s: status %d, want %d", tc.name, res.StatusCode, tc.code)
		}
		if tc.code == 200 && !strings.Contains(out, "1 new, 0 already stored, 0 skipped") {
			t.Errorf("%s: the result page does not say what was stored:\n%s", tc.name, out)
		}
	}
	a, err := store.Article(t.Context(), "a1")
	if err != nil || a.Title != "Blinken in Cairo" {
		t.Errorf("stored article: %+v, %v", a, err)
	}
}

func TestIngestAPI(t *testing.T) {
	seed, err := os.ReadFile(seedsDir + "/002_2f22c23dfd2625f8.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, contentType, target string
		body                      []byte
		files                     map[string]string
		code                      int
		ingested                  int
		skipped                   []string // inputs skipped
		ref                       string   // the ref of the first article
	}{
		{name: "jsonl body", contentType: "application/x-ndjson", target: "/api/ingest", body: []byte(oneArticle), code: 200, ingested: 1, ref: "a1"},
		{name: "text body named", contentType: "text/plain; charset=utf-8", target: "/api/ingest?name=cairo.txt", body: seed, code: 200, ingested: 1, ref: "cairo.txt"},
		{name: "text body, name without extension", contentType: "text/plain", target: "/api/ingest?name=../../etc/passwd", body: seed, code: 200, ingested: 1, ref: "passwd.txt"},
		{name: "files", target: "/api/ingest", files: map[string]string{"dir/seed.txt": string(seed), "feed.jsonl": oneArticle}, code: 200, ingested: 2},
		{name: "binary file", target: "/api/ingest", files: map[string]string{"x.txt": "\x00\x01\x02\xff\xfe binary"}, code: 200, skipped: []string{"x.txt"}},
		{name: "bad json line", target: "/api/ingest", files: map[string]string{"feed.jsonl": "{not json\n" + oneArticle}, code: 200, ingested: 1, skipped: []string{"feed.jsonl:1"}},
		{name: "unknown extension sniffed", target: "/api/ingest", files: map[string]string{"page.dat": string(seed)}, code: 200, ingested: 1, ref: "page.dat"},
		{name: "no files", target: "/api/ingest", files: map[string]string{}, code: 400},
		{name: "unsupported type", contentType: "image/png", target: "/api/ingest", body: []byte("x"), code: 415},
		{name: "no type", contentType: "", target: "/api/ingest", body: []byte("x"), code: 400},
		{name: "too large", contentType: "text/plain", target: "/api/ingest", body: bytes.Repeat([]byte("word "), 1<<12), code: 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := emptyServer(t, Options{MaxUpload: 16 << 10})
			var body *bytes.Buffer
			ct := tc.contentType
			if tc.files != nil {
				body, ct = multipartBody(t, nil, tc.files)
			} else {
				body = bytes.NewBuffer(tc.body)
			}
			req := request("POST", tc.target, body)
			if ct != "" {
				req.Header.Set("Content-Type", ct)
			}
			res, out := do(t, srv, req)
			if res.StatusCode != tc.code {
				t.Fatalf("status %d %s, want %d", res.StatusCode, out, tc.code)
			}
			if tc.code != 200 {
				var e apiError
				if err := json.Unmarshal([]byte(out), &e); err != nil || e.Status != tc.code || e.Error == "" {
					t.Errorf("error body %s", out)
				}
				return
			}
			var r IngestResult
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if r.Ingested != tc.ingested || len(r.Articles) != tc.ingested {
				t.Errorf("ingested %d (%d listed), want %d: %s", r.Ingested, len(r.Articles), tc.ingested, out)
			}
			var skipped []string
			for _, s := range r.Skipped {
				skipped = append(skipped, s.Input)
				if strings.Contains(s.Input, os.TempDir()) {
					t.Errorf("skip names the server's temporary file: %s", s.Input)
				}
			}
			if strings.Join(skipped, ",") != strings.Join(tc.skipped, ",") {
				t.Errorf("skipped %q, want %q", skipped, tc.skipped)
			}
			if tc.ref != "" && (len(r.Articles) == 0 || r.Articles[0].Ref != tc.ref) {
				t.Errorf("articles %+v, want the first with ref %q", r.Articles, tc.ref)
			}
		})
	}
}

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"seed.txt", "seed.txt"},
		{"a/b/c.jsonl", "c.jsonl"},
		{`C:\Users\me\feed.jsonl.gz`, "feed.jsonl.gz"},
		{"../../etc/passwd", "passwd"},
		{"..", "upload"},
		{".hidden.txt", "hidden.txt"},
		{"", "upload"},
		{"a\x00b\nc.txt", "abc.txt"},
		{strings.Repeat("é", 150) + ".txt", strings.Repeat("é", 100)},
	} {
		if got := safeName(tc.in); got != tc.want {
			t.Errorf("safeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGetOnly checks that the pages and the API refuse other methods.
func TestMethods(t *testing.T) {
	f := seeded(t)
	for _, tc := range []struct {
		method, target string
		code           int
	}{
		{"DELETE", "/api/stories", http.StatusMethodNotAllowed},
		{"POST", "/api/stories", http.StatusMethodNotAllowed},
		{"PUT", "/api/ingest", http.StatusMethodNotAllowed},
		{"GET", "/api/ingest", http.StatusMethodNotAllowed},
		{"HEAD", "/", http.StatusOK},
	} {
		res, _ := do(t, f.srv, request(tc.method, tc.target, nil))
		if res.StatusCode != tc.code {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.target, res.StatusCode, tc.code)
		}
	}
}

// FuzzSafeName checks that any client file name becomes one plain file
// name.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"seed.txt", "../../x", `a\b`, "..", "\x00", strings.Repeat("ü", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := safeName(name)
		if got == "" || got == "." || got == ".." || strings.ContainsAny(got, "/\\\x00") || len(got) > 200 || strings.HasPrefix(got, ".") {
			t.Fatalf("safeName(%q) = %q", name, got)
		}
		if utf8.ValidString(name) && !utf8.ValidString(got) {
			t.Fatalf("safeName(%q) = %q, not UTF-8", name, got)
		}
	})
}
