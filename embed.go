// Package bantin carries the built-in theme, so the bantin binary works on
// a site that has no templates of its own.
package bantin

import (
	"embed"
	"io/fs"
)

//go:embed all:templates
var templates embed.FS

// Theme returns the built-in templates and assets, rooted at templates/.
func Theme() fs.FS {
	sub, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err) // the embed directive guarantees the directory
	}
	return sub
}
