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

// wantWords is what Prepare must give for d: Tokens' words of its title,
// tags, summary and body, each once, in the order first met, with the
// fields each is in.
func wantWords(d Doc) []word {
	var want []word
	at := map[string]int{}
	add := func(text string, field uint8) {
		Tokens(text, func(tk Token) {
			i, ok := at[tk.Word]
			if !ok {
				i = len(want)
				at[tk.Word] = i
				want = append(want, word{key: tk.Key, word: tk.Word})
			}
			want[i].fields |= field
		})
	}
	add(d.Title, Title)
	for _, t := range d.Tags {
		add(t, Tags)
	}
	add(d.Summary, Summary)
	add(d.Body, Body)
	return want
}

// TestPrepareWarmEqualsCold checks that what Prepare keeps from one
// document to the next (wordMaps) changes nothing: a document prepared
// with maps that have seen it, and another document in between, gives
// the same words as with new maps (wantWords), and so does one prepared
// after the maps were full and started afresh.
func TestPrepareWarmEqualsCold(t *testing.T) {
	d := Doc{Title: "Đề án 06: DỊCH VỤ công", Tags: []string{"Chuyển đổi số", "4G"}, Summary: "Hà Nội dẫn đầu",
		Body: "Đã có 96,5% hồ sơ; Hà Nội, HÀ NỘI, hà nội và 2,7 triệu tài khoản 4g. Café, cafe\u0301, nghiêng ngả TRƯỜNG trường."}
	other := Doc{Title: "Hà Nội", Body: "trường học, tài khoản, 96,5 và 4G; công an"}
	want := wantWords(d)

	m := newWordMaps()
	cold := m.prepare(d, &Prepared{})
	if !reflect.DeepEqual(cold.words, want) {
		t.Fatalf("words %+v\nwant  %+v", cold.words, want)
	}
	m.prepare(other, &Prepared{})
	if warm := m.prepare(d, &Prepared{}); !reflect.DeepEqual(warm.words, want) || warm.meta != cold.meta {
		t.Fatalf("warm %+v\nwant %+v", warm.words, want)
	}
	for i := range maxForms {
		m.long[strings.Repeat("x", i%7+9)+strconv.Itoa(i)] = &entry{}
	}
	if again := m.prepare(d, &Prepared{}); !reflect.DeepEqual(again.words, want) {
		t.Fatalf("after full maps: %+v\nwant %+v", again.words, want)
	}
	if len(m.long) >= maxForms {
		t.Errorf("the full maps were kept (%d words)", len(m.long))
	}
}

// FuzzPrepare checks Prepare against wantWords on any two texts, each
// prepared after the other with the same maps, as a worker does.
func FuzzPrepare(f *testing.F) {
	for _, s := range [][2]string{{"Hà Nội HÀ NỘI hà nội", "hà nội 4G 4g"}, {"TRƯỜNG trường Trường", "café cafe\u0301 96,5"}, {"", "a A a"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		m := newWordMaps()
		for _, d := range []Doc{{Title: a, Body: b}, {Title: b, Tags: []string{a}, Body: a}, {Title: a, Body: b}} {
			if got, want := m.prepare(d, &Prepared{}).words, wantWords(d); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("Prepare(%+v) = %+v\nwant %+v", d, got, want)
			}
		}
	})
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
