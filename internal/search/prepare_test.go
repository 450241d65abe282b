package search

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// benchDocs are the example site's bulletins (real Vietnamese and
// English text), or those of the site in BANTIN_BENCH_SITE
// (cmd/sitegen's, say), at most 3,000, each a document of its own.
func benchDocs(b *testing.B) []Doc {
	dir := "../../content"
	if d := os.Getenv("BANTIN_BENCH_SITE"); d != "" {
		dir = filepath.Join(d, "content")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "articles", "*.md"))
	if len(files) == 0 {
		b.Skip("no articles in " + dir)
	}
	files = files[:min(len(files), 3000)]
	var docs []Doc
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := string(src)
		docs = append(docs, Doc{URL: f, Title: strings.SplitN(text, "\n", 3)[1], Body: text})
	}
	return docs
}

// BenchmarkPrepare tokenises documents, as a build does on each core.
func BenchmarkPrepare(b *testing.B) {
	docs := benchDocs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Prepare(d).Recycle()
		}
	}
}

// TestPrepareWarmEqualsCold checks that the forms Prepare keeps from one
// document to the next (wordMaps.forms) change nothing: a document
// prepared again, its words' forms now known, gives the same words, and
// so does one prepared after a full forms map was cleared.
func TestPrepareWarmEqualsCold(t *testing.T) {
	d := Doc{Title: "Đề án 06: DỊCH VỤ công", Tags: []string{"Chuyển đổi số"}, Body: "Đã có 96,5% hồ sơ; Hà Nội, HÀ NỘI, hà nội và 2,7 triệu tài khoản. Café, cafe\u0301."}
	cold := Prepare(d)
	warm := Prepare(d)
	if !reflect.DeepEqual(cold.words, warm.words) || cold.meta != warm.meta {
		t.Fatalf("warm %+v\ncold %+v", warm.words, cold.words)
	}
	m := preparing.Get().(*wordMaps)
	for i := range maxForms {
		m.forms[strings.Repeat("x", i%7+1)+string(rune('a'+i%26))+strconv.Itoa(i)] = form{}
	}
	preparing.Put(m)
	if again := Prepare(d); !reflect.DeepEqual(cold.words, again.words) {
		t.Fatalf("after a full forms map: %+v\nwant %+v", again.words, cold.words)
	}
}

// BenchmarkPutBuild indexes prepared documents and builds the index: the
// part of indexing a build does under one lock (Put) and at its end
// (Build).
func BenchmarkPutBuild(b *testing.B) {
	var docs []*Prepared
	for _, d := range benchDocs(b) {
		docs = append(docs, Prepare(d))
	}
	b.ReportAllocs()
	for b.Loop() {
		bld := NewBuilder()
		for i, p := range docs {
			bld.Put(i, p)
		}
		if _, err := bld.Build(NewLayout(len(docs))); err != nil {
			b.Fatal(err)
		}
	}
}
