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
