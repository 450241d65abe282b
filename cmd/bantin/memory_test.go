package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestCollectorSettings checks what a build asks of Go's collector:
// GOGC=200 (paceCollector) and a limit for its size (budgetMemory), each
// unless the environment sets its own.
func TestCollectorSettings(t *testing.T) {
	prevPercent := debug.SetGCPercent(100)
	prevLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	})
	for _, tt := range []struct {
		gogc, gomemlimit string
		n                int
		percent          int
		limit            int64
	}{
		{"", "", 10_000, 200, 96<<20 + 10_000*12800},
		{"", "", 10, 200, 128 << 20},
		{"", "", 50_000, 200, 96<<20 + 50_000*12800},
		{"100", "", 10_000, 100, 96<<20 + 10_000*12800}, // GOGC set: kept
		{"", "1GiB", 10_000, 200, math.MaxInt64},        // GOMEMLIMIT set: kept (the runtime read it at start)
		{"off", "1GiB", 10_000, 100, math.MaxInt64},     // both set: nothing changed
	} {
		t.Setenv("GOGC", tt.gogc)
		t.Setenv("GOMEMLIMIT", tt.gomemlimit)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		paceCollector()
		budgetMemory(tt.n)
		if got := debug.SetGCPercent(100); got != tt.percent {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q, %d bulletins: GC percent %d, want %d", tt.gogc, tt.gomemlimit, tt.n, got, tt.percent)
		}
		if got := debug.SetMemoryLimit(-1); got != tt.limit {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q, %d bulletins: memory limit %d, want %d", tt.gogc, tt.gomemlimit, tt.n, got, tt.limit)
		}
	}
}
