package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDigestUsesSiteStrings: the digest is worded with the site's UI
// strings (templates/i18n/ over the theme's), and a bad override is an
// error at its place.
func TestDigestUsesSiteStrings(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	i18n := filepath.Join(dir, "templates", "i18n")
	if err := os.MkdirAll(i18n, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(i18n, "vi.yaml"), []byte("digest.title: Điểm tin %s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 12, 31, 12, 0, 0, 0, hcm)
	w, err := ParseWindow("2024-Q1")
	if err != nil {
		t.Fatal(err)
	}
	name, err := NewDigest(dir, w, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := filepath.Base(name); got != "2024-03-31-diem-tin-quy-i-2024.md" {
		t.Errorf("file name %s, want the site's title", got)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Điểm tin Quý I/2024") {
		t.Errorf("the digest does not carry the site's title:\n%s", b)
	}
	if err := os.WriteFile(filepath.Join(i18n, "vi.yaml"), []byte("digest.titel: Điểm tin %s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, _ = ParseWindow("2024-Q2")
	if _, err := NewDigest(dir, w, now); err == nil || !strings.Contains(err.Error(), filepath.Join(i18n, "vi.yaml")+":1:1") {
		t.Errorf("an unknown key of the site is not an error at its place: %v", err)
	}
}
