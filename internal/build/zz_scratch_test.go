package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bantin/bantin"
	"github.com/bantin/bantin/internal/output"
)

func TestScratch(t *testing.T) {
	mem := output.NewMemory()
	_, err := Build(Options{SiteDir: os.Getenv("SCR"), AsOf: asOf, Theme: bantin.Theme()}, mem)
	t.Logf("err: %v", err)
	for _, p := range mem.Paths() {
		t.Log(p)
	}
	if d := os.Getenv("DUMP"); d != "" {
		for _, p := range mem.Paths() {
			b, _ := mem.Get(p)
			os.MkdirAll(filepath.Dir(d+"/"+p), 0o755)
			os.WriteFile(d+"/"+p, b, 0o644)
		}
	}
}
