package main

// The Hugo twin: the same articles as a minimal Hugo site, so that a
// benchmark compares both tools on the same Markdown. The layouts do what
// bantin's built-in theme does for articles — a page per article, the list
// paginated by 10, a page per tag (paginated) and a page of all tags, one
// feed of 20 entries, a sitemap, robots.txt and a 404 page — and nothing
// more (no per-tag or per-section feeds, which Hugo makes by default and
// bantin does not). Plans and metrics have no Hugo counterpart; their
// shortcodes appear in the twin as plain-text figures.
//
// Written for Debian's hugo 0.111, the oldest release benchmarks meet.

const hugoConfig = `# A synthetic site written by cmd/sitegen: the Hugo twin of a bantin site.
baseURL = "` + baseURL + `"
languageCode = "vi"
defaultContentLanguage = "vi"
title = "` + siteTitle + `"
timeZone = "Asia/Ho_Chi_Minh"
paginate = 10
removePathAccents = true
enableRobotsTXT = true
disableKinds = []

[params]
  copyright = "Dữ liệu giả lập, chỉ dùng để đo hiệu năng."

[taxonomies]
  tag = "tags"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[services.rss]
  limit = 20
`

const hugoBaseof = `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:auto;padding:1rem;line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}</style>
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "articles/" | relURL }}">Bản tin</a> · <a href="{{ "tags/" | relURL }}">Chủ đề</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Params.copyright }}</footer>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>
{{- with .GetTerms "tags" }} · {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}{{ end }}</p>
{{ .Content }}
</article>{{ end }}
`

const hugoSummaries = `{{ range . }}<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time></p>
<p>{{ .Summary }}</p>
</article>
{{ end }}`

const hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $p := .Paginate .Pages }}{{ partial "summaries.html" $p.Pages }}
{{ template "_internal/pagination.html" . }}
{{ end }}
`

const hugoIndex = `{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ partial "summaries.html" (first 10 (where .Site.RegularPages "Section" "articles")) }}
<p><a href="{{ "articles/" | relURL }}">Tất cả bản tin</a></p>
{{ end }}
`

const hugoTaxonomy = `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
`

const hugo404 = `{{ define "main" }}<h1>Không tìm thấy trang</h1><p><a href="{{ "" | relURL }}">Trang chủ</a></p>{{ end }}
`

// hugoSkeleton is the Hugo site without its articles.
func hugoSkeleton() []file {
	return []file{
		{"config.toml", []byte(hugoConfig)},
		{"layouts/_default/baseof.html", []byte(hugoBaseof)},
		{"layouts/_default/single.html", []byte(hugoSingle)},
		{"layouts/_default/list.html", []byte(hugoList)},
		{"layouts/_default/term.html", []byte(hugoList)},
		{"layouts/_default/taxonomy.html", []byte(hugoTaxonomy)},
		{"layouts/index.html", []byte(hugoIndex)},
		{"layouts/404.html", []byte(hugo404)},
		{"layouts/partials/summaries.html", []byte(hugoSummaries)},
		{"content/articles/_index.md", []byte("---\ntitle: Bản tin\n---\n")},
		{"content/tags/_index.md", []byte("---\ntitle: Chủ đề\n---\n")},
	}
}
