package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"reflect"
	"runtime"
	"testing"

	"github.com/bantin/bantin/internal/build"
	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/search"
	"github.com/bantin/bantin/internal/view"
)

// TestPGOProfileIsCurrent checks that default.pgo, the profile `go build`
// optimises bantin with, names the functions a build spends its time in
// as they are named now. Go matches a profile to the code by function
// name, silently: after a hot function is renamed or moved, the profile
// no longer helps it, and nothing else would say so. It checks the
// exported functions that lead into the hot paths; a hot loop moved
// within a package is not seen here, which is why scripts/pgo-profile
// says to remake the profile when a hot path changes.
func TestPGOProfileIsCurrent(t *testing.T) {
	f, err := os.Open("default.pgo")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("default.pgo is not a pprof profile (gzip): %v", err)
	}
	// A profile's string table holds each function's full name as it is.
	names, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		t.Fatalf("reading default.pgo: %v", err)
	}
	for _, fn := range []any{
		build.BuildContext,
		(*content.Markdown).Render,
		(*render.Renderer).ExecuteLent,
		(*view.Builder).Resolve,
		search.TextOf,
		search.Prepare,
		(*search.Builder).Put,
	} {
		name := runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name()
		if !bytes.Contains(names, []byte(name)) {
			t.Errorf("default.pgo has no samples of %s: the profile is older than the code; remake it with scripts/pgo-profile", name)
		}
	}
}
