//go:build !unix

package content

import "testing"

// specialEntries adds nothing where links, pipes and devices cannot be
// made by a test; see special_unix_test.go.
func specialEntries(t *testing.T, dir string) map[string]outcome { return nil }
