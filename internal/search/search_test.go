package search

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/bantin/bantin/internal/shortcode"
)

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"chuyển đổi số", "chuyen doi so"},
		{"Đề án 06", "de an 06"},
		{"DỊCH VỤ CÔNG", "dich vu cong"},
		{"Quý I/2024", "quy i/2024"},
		{"ưu tiên, ở, ầ, ỹ", "uu tien, o, a, y"},
		{"plain ascii", "plain ascii"},
		{"Ärger Ñandú", "arger nandu"},
		{"数据", "数据"}, // no marks to strip: kept
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got, want := len([]rune(Fold(tt.in))), len([]rune(tt.in)); got != want {
			t.Errorf("Fold(%q) has %d runes, want %d (one for one, for highlighting)", tt.in, got, want)
		}
	}
}

func tokens(s string) []string {
	var out []string
	Tokens(s, func(t Token) { out = append(out, t.Word+"|"+t.Key) })
	return out
}

func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"Đề án 06", []string{"đề|de", "án|an", "06|06"}},
		{"tỷ lệ đạt 96,5%.", []string{"tỷ|ty", "lệ|le", "đạt|dat", "96,5|96,5"}},
		{"hơn 746.000 hồ sơ, 2.700.000 bản", []string{"hơn|hon", "746.000|746.000", "hồ|ho", "sơ|so", "2.700.000|2.700.000", "bản|ban"}},
		{"năm 2024. Tiếp", []string{"năm|nam", "2024|2024", "tiếp|tiep"}},
		{"số 1, 2 và 3", []string{"số|so", "1|1", "2|2", "và|va", "3|3"}},
		{"829/QĐ-BCĐ", []string{"829|829", "qđ|qd", "bcđ|bcd"}},
		{"2024-Q1", []string{"2024|2024", "q1|q1"}},
		{",5 và 5,", []string{"5|5", "và|va", "5|5"}},
		// Decomposed accents (NFD) index as the precomposed ones.
		{"chuye\u0302\u0309n", []string{"chuyển|chuyen"}},
		{"", nil},
		{" \t—…", nil},
	} {
		if got := tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("ă", 100)
	got := tokens(long)
	if len(got) != 1 || len(strings.Split(got[0], "|")[0]) > MaxToken {
		t.Errorf("a 200-byte word gave %q, want one token of at most %d bytes", got, MaxToken)
	}
}

func TestText(t *testing.T) {
	src := []byte("# Số hóa hồ sơ\n\nĐã số hóa {{< metric \"ho-so\" \"2024-Q1\" >}} trong quý, xem [trang](https://example.gov.vn/x).\n\n" +
		"{{< chart \"ho-so\" >}}\n\n{{< progress \"kh\" >}}\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| ô | ơ |\n\n`mã <b>`\n\n![ảnh bìa](a.png)\n")
	var calls []string
	got, err := Text(src, func(n *shortcode.Node) (string, bool, error) {
		calls = append(calls, n.Call.Name)
		if n.Call.Name == "chart" || n.Call.Name == "progress" {
			return "", true, nil
		}
		return "hơn 2,7 triệu hồ sơ", false, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The pieces as they come, a space between blocks: Prepare squeezes
	// the excerpt it keeps, and words are split on any white space.
	want := "Số hóa hồ sơ Đã số hóa hơn 2,7 triệu hồ sơ trong quý, xem trang. a b ô ơ mã <b> ảnh bìa"
	if got := strings.Join(strings.Fields(got), " "); got != want {
		t.Errorf("Text =\n%q\nwant\n%q", got, want)
	}
	if !slices.Equal(calls, []string{"metric", "chart", "progress"}) {
		t.Errorf("figures asked for %q", calls)
	}
	for _, bad := range []string{"alert", "script", "example.gov.vn", "a.png"} {
		if strings.Contains(got, bad) {
			t.Errorf("text has %q: markup and link targets must not be indexed", bad)
		}
	}
	boom := errors.New("no metric")
	if _, err := Text(src, func(*shortcode.Node) (string, bool, error) { return "", false, boom }); !errors.Is(err, boom) {
		t.Errorf("a figure's error = %v, want it returned", err)
	}
}

// memFS serves an index built in memory, and records what is fetched.
type memFS struct {
	files   map[string][]byte
	fetched []string
}

func (m *memFS) fetch(name string) ([]byte, error) {
	b, ok := m.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	m.fetched = append(m.fetched, name)
	return b, nil
}

func build(t testing.TB, docs []Doc) *memFS {
	t.Helper()
	b := NewBuilder()
	for _, d := range docs {
		b.Add(d)
	}
	files, err := b.Build(NewLayout(len(docs)))
	if err != nil {
		t.Fatal(err)
	}
	return &memFS{files: files}
}

func urlsOf(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.URL)
	}
	return out
}

func TestRanking(t *testing.T) {
	docs := []Doc{
		{URL: "body/", Title: "Họp giao ban", Body: "Bàn về chuyển đổi số và Đề án 06."},
		{URL: "summary/", Title: "Tin ngắn", Summary: "Tiến độ chuyển đổi số quý I.", Body: "Nội dung khác."},
		{URL: "tags/", Title: "Một bản tin", Tags: []string{"chuyển đổi số"}, Body: "Không nói gì."},
		{URL: "title/", Title: "Chuyển đổi số năm 2024", Body: "Nội dung."},
		{URL: "sở/", Title: "Sở đổi mới", Body: "chuyến đi đôi sổ"}, // same folded words, other accents
		{URL: "number/", Title: "Số liệu", Body: "Tỷ lệ đạt 96,5%; hơn 746.000 hồ sơ. Dịch vụ công trực tuyến."},
	}
	fsys := build(t, docs)
	r, err := Open(fsys.fetch)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		// Accents typed: exact matches first, then title > tags > summary > body.
		{"chuyển đổi số", []string{"title/", "tags/", "summary/", "body/", "sở/"}},
		// Folded: every form matches; the field decides, then the order added.
		{"chuyen doi so", []string{"title/", "sở/", "tags/", "summary/", "body/"}},
		{"CHUYEN DOI SO ", []string{"title/", "sở/", "tags/", "summary/", "body/"}},
		{"Đề án 06", []string{"body/"}},
		{"de an 06", []string{"body/"}},
		{"96,5", []string{"number/"}},
		{"746.000", []string{"number/"}},
		{"dich vu cong", []string{"number/"}},
		{"746 ", nil},                // a whole number is found as written, not by a part of it
		{"746", []string{"number/"}}, // while typing, as a prefix
		{"số 96,5", []string{"number/"}},
		{"chuyen xyz", nil},                    // every word must be found
		{"tien do chuy", []string{"summary/"}}, // the last word, unfinished, as a prefix
		{"tien do chuy ", nil},                 // finished: a whole word only
		{"  ", nil},
	} {
		hits, total, err := r.Search(tt.q, 10)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if got := urlsOf(hits); !slices.Equal(got, tt.want) || total != len(tt.want) {
			t.Errorf("Search(%q) = %q (%d in all), want %q", tt.q, got, total, tt.want)
		}
	}
	hits, _, _ := r.Search("96,5", 1)
	if len(hits) != 1 || hits[0].Title != "Số liệu" || !strings.Contains(hits[0].Text, "96,5%") {
		t.Errorf("a hit carries its title and text for the excerpt: %+v", hits)
	}
}

// TestIndexShape checks the layout: the file set depends only on the
// number of documents, a shard holds contiguous keys, and the bytes do not
// depend on anything but the documents and their order.
func TestIndexShape(t *testing.T) {
	for _, n := range []int{0, 1, 47, 48, 49, 500} {
		var docs []Doc
		for i := range n {
			docs = append(docs, Doc{URL: fmt.Sprintf("a/%d/", i), Title: fmt.Sprintf("Bản tin %d", i), Body: fmt.Sprintf("từ%d chung số %d,5", i%37, i)})
		}
		a, b := build(t, docs), build(t, docs)
		l := NewLayout(n)
		if len(a.files) != len(l.Files()) {
			t.Errorf("%d docs: %d files, layout says %d", n, len(a.files), len(l.Files()))
		}
		for name, data := range a.files {
			if string(b.files[name]) != string(data) {
				t.Errorf("%d docs: %s differs between two builds", n, name)
			}
		}
		if n == 0 {
			continue
		}
		r, err := Open(a.fetch)
		if err != nil {
			t.Fatal(err)
		}
		// Every document is found by its own number, loading one shard.
		for i := 0; i < n; i += max(1, n/20) {
			a.fetched = nil
			hits, _, err := r.Search(fmt.Sprintf("%d,5", i), 1)
			if err != nil || len(hits) != 1 || hits[0].ID != i {
				t.Fatalf("%d docs: %d,5 found %+v, %v", n, i, hits, err)
			}
		}
	}
	if _, err := NewBuilder().Build(NewLayout(3)); err == nil {
		t.Error("a layout for another number of documents must be refused")
	}
}

// TestLinear builds indexes of growing size and checks that the bytes
// grow in proportion (a quadratic posting format or a manifest listing
// every document would not).
func TestLinear(t *testing.T) {
	size := func(n int) int {
		var docs []Doc
		for i := range n {
			docs = append(docs, Doc{URL: fmt.Sprintf("articles/bai-%d/", i), Title: fmt.Sprintf("Bản tin %d về chuyển đổi số", i),
				Body: fmt.Sprintf("Đã số hóa %d hồ sơ, tỷ lệ %d,%d%%. Nhóm %d.", i*37, i%100, i%10, i%50)})
		}
		total := 0
		for _, b := range build(t, docs).files {
			total += len(b)
		}
		return total
	}
	small, large := size(500), size(5000)
	if ratio := float64(large) / float64(small); ratio > 12 {
		t.Errorf("index of 5,000 docs is %.1f× that of 500: want about 10×", ratio)
	}
}

func TestCorruptShard(t *testing.T) {
	fsys := build(t, []Doc{{URL: "a/", Title: "chuyển đổi số"}})
	for name := range fsys.files {
		if strings.HasPrefix(name, "s/") {
			fsys.files[name] = fsys.files[name][:len(fsys.files[name])-3]
		}
	}
	r, err := Open(fsys.fetch)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.Search("chuyen", 10); err == nil {
		t.Error("a cut shard must be an error, not a panic or silence")
	}
}

// addByTokens indexes d the plain way: every token posted as it comes.
func addByTokens(b *Builder, d Doc) {
	id := uint64(len(b.docs))
	post := func(text string, field uint64) { Tokens(text, func(t Token) { b.post(t, id, field) }) }
	post(d.Title, Title)
	for _, t := range d.Tags {
		post(t, Tags)
	}
	post(d.Summary, Summary)
	post(d.Body, Body)
	m := docMeta{URL: d.URL, Kind: d.Kind, Title: d.Title, Date: d.Date, Text: cut(d.Body, ExcerptRunes)}
	if s := cut(d.Summary, ExcerptRunes); s != "" && !strings.HasPrefix(d.Body, s) {
		m.Summary = s
	}
	b.docs = append(b.docs, m)
}

// TestPreparedEqualsAdded: documents prepared first (as a build does, in
// parallel while rendering; each word once with its fields) make the same
// index, byte for byte, as the same documents posted token by token.
func TestPreparedEqualsAdded(t *testing.T) {
	docs := []Doc{
		{URL: "a/", Title: "Đề án 06 về chuyển đổi số", Tags: []string{"Đề án 06", "chuyển đổi số"}, Summary: "Hơn 2,7 triệu hồ sơ", Body: "Chuyển đổi số: 96,5% hồ sơ; de an 06 và ĐỀ ÁN 06. Dịch vụ công 746.000 lượt."},
		{URL: "b/", Title: "Dịch vụ công trực tuyến", Body: "dich vu cong truc tuyen, dịch vụ công; 2,7 triệu"},
		{URL: "c/", Title: "Empty"},
	}
	var added, prepared = NewBuilder(), NewBuilder()
	ps := make([]*Prepared, len(docs))
	for i := len(docs) - 1; i >= 0; i-- { // prepared in any order
		ps[i] = Prepare(docs[i])
	}
	for i, d := range docs {
		addByTokens(added, d)
		prepared.AddPrepared(ps[i])
	}
	if !sameIndex(t, added, prepared) {
		t.Error("an index of prepared documents differs from one of added documents")
	}
}

// TestPutInAnyOrder: documents put by number in any order (as a build's
// goroutines finish them) make the index that adding them in order makes;
// a number never given is an error, not a silent hole.
func TestPutInAnyOrder(t *testing.T) {
	docs := []Doc{
		{URL: "a/", Title: "Đề án 06", Body: "chuyển đổi số 96,5%"},
		{URL: "b/", Title: "Dịch vụ công", Body: "Đề án 06 và dịch vụ công"},
		{URL: "c/", Title: "Chuyển đổi số", Body: "số hóa 2,7 triệu hồ sơ, đề án"},
		{URL: "d/", Title: "Kế hoạch", Body: "dich vu cong"},
	}
	inOrder := NewBuilder()
	for _, d := range docs {
		inOrder.Add(d)
	}
	shuffled := NewBuilder()
	for _, i := range []int{2, 0, 3} {
		shuffled.Put(i, Prepare(docs[i]))
	}
	l := NewLayout(len(docs))
	if _, err := shuffled.Build(l); err == nil || !strings.Contains(err.Error(), "document 1 of 4 was never given") {
		t.Errorf("a missing document: %v", err)
	}
	shuffled.Put(1, Prepare(docs[1]))
	if !sameIndex(t, inOrder, shuffled) {
		t.Error("documents put out of order make another index")
	}
}

// TestTakeChunk: document files taken as soon as their documents are put
// (as a build writes them while it renders) are the files Build makes,
// byte for byte, and the manifest and shards are the same; a file with a
// document missing, or taken before, is not given.
func TestTakeChunk(t *testing.T) {
	var docs []Doc
	for i := range 3*Chunk + 3 {
		docs = append(docs, Doc{URL: fmt.Sprintf("d%d/", i), Title: fmt.Sprintf("Bản tin %d", i), Body: strings.Repeat("chuyển đổi số 96,5% ", i%5+1)})
	}
	whole, early := NewBuilder(), NewBuilder()
	for _, d := range docs {
		whole.Add(d)
	}
	taken := map[string][]byte{}
	order := []int{Chunk + 1, 0, 3*Chunk + 2} // a gap: chunks 0 and 1 are not whole
	for i := range docs {
		if !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	for _, i := range order {
		early.Put(i, Prepare(docs[i]))
		for j := range 4 {
			file, ok, err := early.TakeChunk(j)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				if _, again := taken[ChunkFile(j)]; again {
					t.Fatalf("file %d taken twice", j)
				}
				for d := j * Chunk; d < (j+1)*Chunk; d++ {
					if !slices.Contains(order[:slices.Index(order, i)+1], d) {
						t.Fatalf("file %d taken before document %d was put", j, d)
					}
				}
				taken[ChunkFile(j)] = file
			}
		}
	}
	if len(taken) != 3 { // the last file, of 3 documents, is Build's
		t.Fatalf("%d files taken early, want 3", len(taken))
	}
	l := NewLayout(len(docs))
	want, err := whole.Build(l)
	if err != nil {
		t.Fatal(err)
	}
	got, err := early.Build(l)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(got, taken)
	if !maps.EqualFunc(want, got, bytes.Equal) {
		t.Error("an index whose document files were taken early differs")
	}
}

// FuzzExcerpt checks excerpt, in one pass or through squeeze, against
// strings.Join(strings.Fields(s), " "): its text is that text cut, and
// the start it gives begins that text and is all of it or longer than n
// characters, so that a summary's prefix test reads as on the whole.
func FuzzExcerpt(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0x\u2003y\u0085", "tab\tnew\nline", "\xff \xfe\u3000", "96,5% và 2,7 triệu", "một  hai\n\nba bốn năm", "a b c d e", "ab \x80cd", "xin chào "} {
		f.Add(s, uint16(3))
	}
	f.Fuzz(func(t *testing.T, s string, n uint16) {
		whole := strings.Join(strings.Fields(s), " ")
		text, start := excerpt(s, int(n))
		for name, start := range map[string]string{"squeeze": squeeze(s, int(n)), "excerpt": start} {
			if !strings.HasPrefix(whole, start) || start != whole && utf8.RuneCountInString(start) <= int(n) {
				t.Fatalf("%s(%q, %d) = %q: not the squeezed text %q, nor more than %d characters of its start", name, s, n, start, whole, n)
			}
		}
		if want := cut(whole, int(n)); text != want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", s, n, text, want)
		}
	})
}

// TestNFCTable checks the single pass of scanWords against norm: on
// texts whose runes are and are not in its table, a text it takes as it
// stands (ok) is NFC, a text that is not NFC is never taken so, and the
// words found are those of the normalised text. And a text of two runes
// the table calls starters is NFC whichever they are (the table's
// promise), over Vietnamese letters and the punctuation around them.
func TestNFCTable(t *testing.T) {
	for _, s := range []string{"", "Đề án 06", "de\u0301", "Ê\u0300", "\u1ec7\u0323", "tiếng Việt có dấu", "ﬁ", "\u212b", "e\u0301 và ế", "“96,5%” – 2,7 triệu…", "\u2000", "\u0958", "한국어", "\u1100\u1161", "=\u0338 x"} {
		nfc := norm.NFC.IsNormalString(s)
		if _, ok := scanWords(nil, s, false); ok && !nfc {
			t.Errorf("scanWords(%q) took a text that is not NFC as it stands", s)
		}
		want, _ := scanWords(nil, norm.NFC.String(s), true)
		if got := appendWords(nil, s); !slices.Equal(got, want) {
			t.Errorf("appendWords(%q) = %q, want %q", s, got, want)
		}
	}
	var in []rune
	for r, c := range runeClasses() {
		if c&nfcStarter != 0 && (r < 0x250 || 0x1E00 <= r && r < 0x1F00 || 0x2010 <= r && r < 0x2030) {
			in = append(in, rune(r))
		}
	}
	for _, a := range in {
		for _, b := range in {
			if s := string([]rune{a, b}); !norm.NFC.IsNormalString(s) {
				t.Fatalf("%q (U+%04X U+%04X) is not NFC, though both runes are starters in the table", s, a, b)
			}
		}
	}
}

// FuzzWords checks appendWords, one pass over text that is NFC, against
// the plain way: normalise the whole text, then split it rune by rune
// with Unicode's own tables.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Đề án 06", "tỷ lệ 96,5%.", "chuye\u0302\u0309n số", "=\u0338", "2.700.000 bản", "한국어 e\u0301", strings.Repeat("ă", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := norm.NFC.String(s)
		var want []string
		start := -1
		flush := func(end int) {
			if start >= 0 {
				w := text[start:end]
				if len(w) > MaxToken {
					w = w[:MaxToken]
					for !utf8.ValidString(w) {
						w = w[:len(w)-1] // a rune cut in two
					}
				}
				want = append(want, w)
			}
			start = -1
		}
		for i, r := range text {
			switch {
			case isWordRuneSlow(r):
				if start < 0 {
					start = i
				}
			case (r == ',' || r == '.') && start >= 0 && i > 0 && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1]):
			default:
				flush(i)
			}
		}
		flush(len(text))
		if got := appendWords(nil, s); !slices.Equal(got, want) {
			t.Errorf("appendWords(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestPreparedRoundTrip checks that an encoded document indexes exactly
// as the document did, and that damaged encodings are refused.
func TestPreparedRoundTrip(t *testing.T) {
	docs := []Doc{
		{URL: "articles/a/", Kind: "Bản tin", Title: "Đề án 06: số hóa", Date: "09/4/2024", Tags: []string{"Chuyển đổi số"}, Summary: "Tóm tắt", Body: "Đã số hóa hơn 2,7 triệu hồ sơ, đạt 96,5%."},
		{URL: "plans/p/#task-T01", Kind: "Nhiệm vụ", Title: "T01"},
		{},
	}
	direct, viaBytes := NewBuilder(), NewBuilder()
	for _, d := range docs {
		p := Prepare(d)
		direct.AddPrepared(p)
		b, err := p.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		q, err := UnmarshalPrepared(b)
		if err != nil {
			t.Fatalf("%+v: %v", d, err)
		}
		viaBytes.AddPrepared(q)
		for cut := range len(b) {
			if _, err := UnmarshalPrepared(b[:cut]); err == nil {
				t.Errorf("%q cut to %d bytes was accepted", d.Title, cut)
			}
		}
		if _, err := UnmarshalPrepared(append(b, 0)); err == nil {
			t.Errorf("%q with a byte more was accepted", d.Title)
		}
	}
	if !sameIndex(t, direct, viaBytes) {
		t.Error("the index made from decoded documents differs from the index of the documents")
	}
}

func FuzzUnmarshalPrepared(f *testing.F) {
	b, _ := Prepare(Doc{URL: "u", Title: "Đề án", Body: "96,5% hồ sơ"}).AppendBinary(nil)
	f.Add(b)
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := UnmarshalPrepared(b)
		if err != nil {
			return
		}
		again, _ := p.AppendBinary(nil)
		if q, err := UnmarshalPrepared(again); err != nil || len(q.words) != len(p.words) || q.meta != p.meta {
			t.Fatalf("re-encoding %q gave %q (%v)", b, again, err)
		}
	})
}

// TestRecycleKeepsIndex checks that recycling a document's word list after
// putting it changes nothing in the index, even as the list is reused by
// the next documents.
func TestRecycleKeepsIndex(t *testing.T) {
	docs := []Doc{
		{URL: "a", Title: "Đề án 06", Body: "số hóa hồ sơ 96,5%"},
		{URL: "b", Title: "Chuyển đổi số", Body: "dịch vụ công trực tuyến toàn trình"},
		{URL: "c", Title: "Số hóa", Body: "hơn 2,7 triệu hồ sơ"},
	}
	kept, recycled := NewBuilder(), NewBuilder()
	for _, d := range docs {
		kept.AddPrepared(Prepare(d))
		p := Prepare(d)
		recycled.AddPrepared(p)
		p.Recycle()
	}
	if !sameIndex(t, kept, recycled) {
		t.Error("recycling word lists changed the index")
	}
}

// sameIndex builds want and got, each in the layout of want's documents,
// and reports whether they made the same files; a build that fails fails
// the test.
func sameIndex(t *testing.T, want, got *Builder) bool {
	t.Helper()
	l := NewLayout(want.Len())
	a, err := want.Build(l)
	if err != nil {
		t.Fatal(err)
	}
	b, err := got.Build(l)
	if err != nil {
		t.Fatal(err)
	}
	return maps.EqualFunc(a, b, bytes.Equal)
}

// TestSpaceAt checks the byte test against unicode.IsSpace for every rune
// past ASCII, whole and cut short, and for every pair of bytes past ASCII
// (continuation bytes and broken sequences are never white space).
func TestSpaceAt(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		enc := string(r)
		want := 0
		if unicode.IsSpace(r) {
			want = len(enc)
		}
		if got := spaceAt(enc, 0); got != want {
			t.Errorf("spaceAt(%U) = %d, want %d", r, got, want)
		}
		for k := 1; k < len(enc); k++ {
			if got := spaceAt(enc[:k], 0); got != 0 {
				t.Errorf("spaceAt(%U cut to %d bytes) = %d, want 0", r, k, got)
			}
			if got := spaceAt(enc[k:], 0); got != 0 {
				t.Errorf("spaceAt(%U from byte %d) = %d, want 0", r, k, got)
			}
		}
	}
	for a := 0x80; a <= 0xFF; a++ {
		for b := 0; b <= 0xFF; b++ {
			s := string([]byte{byte(a), byte(b), 0x80})
			r, size := utf8.DecodeRuneInString(s)
			want := 0
			if r != utf8.RuneError && unicode.IsSpace(r) {
				want = size
			}
			if got := spaceAt(s, 0); got != want {
				t.Errorf("spaceAt(% x) = %d, want %d", s, got, want)
			}
		}
	}
}
