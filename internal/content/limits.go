package content

import "github.com/bantin/bantin/internal/source"

// Limits on what one article may hold. Each one is checked by Parse and
// reported at the offending key, so that `bantin check` refuses what
// `bantin build` could not write: a slug or a tag becomes a directory name
// (file systems refuse names over 255 bytes with an unpositioned "file name
// too long"), and every tag of an article is a page of its own (one article
// with 2,000 tags used to produce 198 MB of tag pages). The values are far
// above what a bulletin needs and are exported so the documentation can
// cite them.
const (
	// MaxSlugLen is the longest slug, in bytes (slugs are ASCII). A slug
	// made from a title is cut at the last dash within the limit (see
	// slug.Truncate); a slug: written in the front matter that is longer
	// is an error.
	MaxSlugLen = 100
	// MaxTagLen is the longest tag name, in characters.
	MaxTagLen = 100
	// MaxTags is how many tags one article may have.
	MaxTags = 50
	// MaxTitleLen is the longest title, in characters.
	MaxTitleLen = 500
)

// MaxSize is the largest article accepted, in bytes: the limit
// internal/source enforces before and while reading the file.
const MaxSize = source.MaxArticle
