package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{Errorf(Pos{"a.yaml", 12, 5}, "values[3].period", "%q is not a quarter", "2024-Q5"),
			`a.yaml:12:5: values[3].period: "2024-Q5" is not a quarter`},
		{Errorf(Pos{"a.md", 3, 0}, "", "bad"), "a.md:3: bad"},
		{Errorf(Pos{File: "a.md"}, "", "bad"), "a.md: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestListSortsAndKeepsAll(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must be no error")
	}
	l.Errorf(Pos{"b.yaml", 1, 1}, "", "second file")
	l.Errorf(Pos{"a.yaml", 9, 2}, "", "later")
	l.Errorf(Pos{"a.yaml", 2, 7}, "", "earlier")
	l.Errorf(Pos{"a.yaml", 2, 7}, "", "earlier") // duplicate dropped
	l.Add(errors.Join(Errorf(Pos{"c.yaml", 1, 1}, "", "joined"), fmt.Errorf("plain")))
	want := "plain\na.yaml:2:7: earlier\na.yaml:9:2: later\nb.yaml:1:1: second file\nc.yaml:1:1: joined"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var target *List
	if !errors.As(l.Err(), &target) || target.Len() != 5 {
		t.Errorf("Err() must expose the list")
	}
}

// addWithLen adds n distinct errors the way loaders do, asking Len before
// and after each one.
func addWithLen(tb testing.TB, l *List, n int) {
	for i := range n {
		before := l.Len()
		l.Errorf(Pos{fmt.Sprintf("f%05d.yaml", n-i), i + 1, 1}, "", "error %d", i)
		if l.Len() != before+1 {
			tb.Fatalf("Len after %d adds = %d", i+1, l.Len())
		}
	}
}

// TestLenDoesNotSort guards against the quadratic Len of old, which sorted
// and formatted the whole list on every call (8,000 errors took 39 s):
// 20,000 errors with Len between each must not sort at all, and Errors
// sorts once however often it is called until the next Add.
func TestLenDoesNotSort(t *testing.T) {
	var l List
	addWithLen(t, &l, 20_000)
	if l.sorts != 0 {
		t.Fatalf("Len sorted the list %d times", l.sorts)
	}
	first := l.Errors()
	l.Errors()
	if l.sorts != 1 {
		t.Errorf("two Errors calls sorted %d times, want 1", l.sorts)
	}
	if len(first) != 20_000 || first[0].Pos.File != "f00001.yaml" || first[19_999].Pos.File != "f20000.yaml" {
		t.Errorf("Errors not sorted by file: first %v, last %v", first[0].Pos, first[len(first)-1].Pos)
	}
	first[0] = nil // the caller's copy; the list keeps its own
	if l.Errors()[0] == nil {
		t.Error("Errors returned the list's own slice")
	}
	l.Errorf(Pos{"a.yaml", 1, 1}, "", "new")
	if got := l.Errors()[0].Pos.File; got != "a.yaml" || l.sorts != 2 {
		t.Errorf("after Add: first %s, sorts %d", got, l.sorts)
	}
}

// TestDuplicatesDroppedOnAdd checks that Len counts distinct errors only,
// as the report shows them.
func TestDuplicatesDroppedOnAdd(t *testing.T) {
	tests := []struct {
		name string
		add  func(l *List)
		want int
	}{
		{"same error twice", func(l *List) {
			l.Errorf(Pos{"a.yaml", 1, 2}, "x", "bad")
			l.Errorf(Pos{"a.yaml", 1, 2}, "x", "bad")
		}, 1},
		{"other column", func(l *List) {
			l.Errorf(Pos{"a.yaml", 1, 2}, "x", "bad")
			l.Errorf(Pos{"a.yaml", 1, 3}, "x", "bad")
		}, 2},
		{"list added to itself", func(l *List) {
			l.Errorf(Pos{"a.yaml", 1, 2}, "x", "bad")
			l.Add(l)
		}, 1},
		{"list added to another", func(l *List) {
			var other List
			other.Errorf(Pos{"a.yaml", 1, 2}, "x", "bad")
			other.Errorf(Pos{"b.yaml", 1, 2}, "x", "bad")
			l.Errorf(Pos{"a.yaml", 1, 2}, "x", "bad")
			l.Add(&other)
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			tt.add(&l)
			if l.Len() != tt.want || len(l.Errors()) != tt.want {
				t.Errorf("Len %d, Errors %d, want %d", l.Len(), len(l.Errors()), tt.want)
			}
		})
	}
}

// BenchmarkListAdd adds errors with a Len check around each, as decoders
// do; ns/op must stay flat as b.N grows.
func BenchmarkListAdd(b *testing.B) {
	var l List
	addWithLen(b, &l, b.N)
	_ = l.Errors()
}
