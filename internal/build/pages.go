package build

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/bantin/bantin/internal/content"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/view"
)

// ArticleData is what article.html receives.
type ArticleData struct {
	Article *content.Article
	Body    template.HTML
	Plan    template.HTML // the plan's progress as of the article's date, when plan: is set
}

// ListData is what list.html receives.
type ListData struct {
	Articles []*content.Article
	Pager    Pager
}

// Pager links the pages of a paginated list; paths are site-relative.
type Pager struct {
	Number, Total int
	Prev, Next    string
}

// HomeData is what home.html receives.
type HomeData struct {
	Articles []*content.Article
	More     bool
	Metrics  []view.Tile
	Plans    []view.PlanSummary
}

// TagCount is one entry of the topics page.
type TagCount struct {
	Tag   content.Tag
	Count int
}

func (s *Site) page(p, title, section string) *render.Page {
	pg := s.renderer.NewPage(p, title)
	pg.Section = section
	return pg
}

// htmlJob renders pg with template tmpl; prepare, when set, fills the
// page's data first, inside the job, so that work runs in parallel too.
func (s *Site) htmlJob(p, tmpl string, pg *render.Page, prepare func() error) job {
	out := p
	if out == "" || out[len(out)-1] == '/' {
		out += "index.html"
	}
	return job{path: out, page: true, run: func() ([]byte, error) {
		if prepare != nil {
			if err := prepare(); err != nil {
				return nil, err
			}
		}
		return s.renderer.Execute(tmpl, pg)
	}}
}

func (s *Site) pages(figures *view.Builder) []job {
	L := s.Locale
	var jobs []job

	home := s.page("", "", "home")
	home.Description = s.Config.Description
	n := min(len(s.Articles), s.Config.PerPage)
	hd := HomeData{Articles: s.Articles[:n], More: len(s.Articles) > n}
	hd.Metrics, hd.Plans = figures.Home()
	home.Data = hd
	jobs = append(jobs, s.htmlJob("", "home.html", home, nil))

	for _, a := range s.Articles {
		pg := s.page(a.URL(), a.Front.Title, "articles")
		pg.Description = a.Summary
		pg.Charts = a.HasCharts
		jobs = append(jobs, s.htmlJob(pg.Path, "article.html", pg, func() error {
			d := ArticleData{Article: a, Body: render.Trusted(a.HTML)}
			var err error
			if a.Front.Plan != "" {
				d.Plan, err = figures.PlanBox(pg, a.Front.Plan, a.Date)
			}
			pg.Data = d
			return err
		}))
	}

	jobs = append(jobs, s.paginate("articles/", L.T("list.title"), "articles", s.Articles)...)

	tags, byTag := s.tags()
	for _, t := range tags {
		jobs = append(jobs, s.paginate("tags/"+t.Tag.Slug+"/", L.Tf("tag.title", t.Tag.Name), "tags", byTag[t.Tag.Slug])...)
	}
	tp := s.page("tags/", L.T("nav.tags"), "tags")
	tp.Data = tags
	jobs = append(jobs, s.htmlJob("tags/", "tags.html", tp, nil))

	for _, o := range figures.Pages(s.page) {
		if o.Template != "" {
			jobs = append(jobs, s.htmlJob(o.Path, o.Template, o.Page, o.Prepare))
		} else {
			jobs = append(jobs, job{path: o.Path, run: o.Bytes})
		}
	}

	nf := s.page("404.html", L.T("notfound.title"), "")
	nf.Absolute = true
	jobs = append(jobs, s.htmlJob("404.html", "404.html", nf, nil))
	return jobs
}

// paginate splits a list of articles into pages: base is page 1,
// base+"page/N/" the others, and base+"page/1/" points back to base.
func (s *Site) paginate(base, title, section string, articles []*content.Article) []job {
	per := s.Config.PerPage
	total := max(1, (len(articles)+per-1)/per)
	at := func(n int) string {
		if n == 1 {
			return base
		}
		return fmt.Sprintf("%spage/%d/", base, n)
	}
	var jobs []job
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*per, min(n*per, len(articles))
		pg := s.page(at(n), title, section)
		if n > 1 {
			pg.Title = fmt.Sprintf("%s (%s)", title, s.Locale.Tf("list.page", n, total))
		}
		d := ListData{Articles: articles[lo:hi], Pager: Pager{Number: n, Total: total}}
		if n > 1 {
			d.Pager.Prev = at(n - 1)
		}
		if n < total {
			d.Pager.Next = at(n + 1)
		}
		pg.Data = d
		jobs = append(jobs, s.htmlJob(pg.Path, "list.html", pg, nil))
	}
	jobs = append(jobs, job{path: base + "page/1/index.html", run: func() ([]byte, error) {
		return redirect(render.Rel(base+"page/1/", base), s.Config.AbsURL(base)), nil
	}})
	return jobs
}

func redirect(rel, abs string) []byte {
	r, a := template.HTMLEscapeString(rel), template.HTMLEscapeString(abs)
	return []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + a + `</title><link rel="icon" href="data:,"><link rel="canonical" href="` + a +
		`"><meta http-equiv="refresh" content="0; url=` + r + `"></head><body><a href="` + r + `">` + a + "</a></body></html>\n")
}

// tags lists every tag with its articles (newest first); tags are sorted by slug.
func (s *Site) tags() ([]TagCount, map[string][]*content.Article) {
	byTag := map[string][]*content.Article{}
	names := map[string]content.Tag{}
	// Oldest first, so a tag keeps the name it was first written with.
	for i := len(s.Articles) - 1; i >= 0; i-- {
		for _, t := range s.Articles[i].Tags {
			if _, ok := names[t.Slug]; !ok {
				names[t.Slug] = t
			}
		}
	}
	for _, a := range s.Articles {
		for _, t := range a.Tags {
			byTag[t.Slug] = append(byTag[t.Slug], a)
		}
	}
	var out []TagCount
	for slug, t := range names {
		out = append(out, TagCount{Tag: t, Count: len(byTag[slug])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tag.Slug < out[j].Tag.Slug })
	return out, byTag
}

// files lists assets, static files, the feed, the sitemap of the given
// pages and robots.txt.
func (s *Site) files(pages []job) []job {
	var paths []string
	for _, j := range pages {
		if j.page && j.path != "404.html" {
			paths = append(paths, strings.TrimSuffix(j.path, "index.html"))
		}
	}
	sort.Strings(paths)
	var jobs []job
	for _, a := range s.renderer.Assets() {
		jobs = append(jobs, job{path: a.Path, run: func() ([]byte, error) { return a.Data, nil }})
	}
	for _, f := range s.Static {
		jobs = append(jobs, job{path: f, run: func() ([]byte, error) {
			return fs.ReadFile(s.fsys, path.Join("content/static", f))
		}})
	}
	jobs = append(jobs,
		job{path: "feed.xml", run: s.feed},
		job{path: "sitemap.xml", run: func() ([]byte, error) { return s.sitemap(paths) }},
		job{path: "robots.txt", run: func() ([]byte, error) {
			return []byte("User-agent: *\nAllow: /\nSitemap: " + s.Config.AbsURL("sitemap.xml") + "\n"), nil
		}},
	)
	return jobs
}
