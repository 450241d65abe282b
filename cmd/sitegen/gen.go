package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bantin/bantin/internal/slug"
)

// AsOf is the build date the generated site is meant for: every dated
// fact (plan updates, metric periods, articles) is on or before LastDay,
// so `bantin build --as-of 2026-01-01` accepts the site whatever today is.
const (
	AsOf    = "2026-01-01"
	LastDay = "2025-12-31"
)

var (
	lastDay  = dayOf(2025, 12, 31)
	firstDay = dayOf(2019, 1, 1) // the oldest article
)

// config is what to generate.
type config struct {
	articles, metrics, plans int
	seed                     uint64
}

// file is one generated file, its path relative to the output directory.
type file struct {
	path string
	data []byte
}

// metric is a generated series and what articles need to cite it.
type metric struct {
	id, title, unit, kind string
	pk                    pkind
	idx                   []int // period numbers, ascending
	starts                []int // start day of each period
	values                []float64
	approx                []string
	pos                   map[int]int // period number → index in idx
}

// plan is a generated plan, as far as articles cite it.
type plan struct {
	id, title string
	issued    int
	tasks     int
}

// gen holds the state of one generation. Everything comes from r, seeded
// by the user's -seed, and nothing is ever read from a map in iteration
// order, so one seed always gives the same bytes.
type gen struct {
	r       *rand.Rand
	cfg     config
	metrics []*metric
	plans   []*plan
	tags    []string
	tagRank *rand.Zipf
	slugs   map[string]bool
}

func newGen(cfg config) *gen {
	r := rand.New(rand.NewPCG(cfg.seed, 0x62616e74696e)) // "bantin"
	g := &gen{r: r, cfg: cfg, slugs: map[string]bool{}}
	g.tags = tagPool()
	// Zipf over tag ranks: the first tags ("chuyển đổi số", "Đề án 06") end
	// up on close to half the articles, the last ones on a few dozen.
	g.tagRank = rand.NewZipf(r, 1.1, 2, uint64(len(g.tags)-1))
	return g
}

// tagPool is the ~200 tag names, topics first (the most used ranks), then
// provinces, without two names that share a slug (they would be one tag).
func tagPool() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range slices.Concat(tagTopics, provinces) {
		s := slug.Make(t)
		if !seen[s] {
			seen[s] = true
			out = append(out, t)
		}
	}
	return out
}

// site generates the bantin site and, when hugo is set, its Hugo twin.
func (g *gen) site(hugo bool) (bantin, twin []file) {
	for i := range g.cfg.metrics {
		g.metrics = append(g.metrics, g.metric(i))
	}
	planIDs := map[string]bool{}
	for range g.cfg.plans {
		p, f := g.plan(planIDs)
		g.plans = append(g.plans, p)
		bantin = append(bantin, f)
	}
	for _, m := range g.metrics {
		bantin = append(bantin, file{path.Join("content/data/metrics", m.id+".yaml"), g.metricYAML(m)})
	}
	bantin = append(bantin, file{"content/site.yaml", g.siteYAML()})
	for i := range g.cfg.articles {
		b, h := g.article(i)
		bantin = append(bantin, b)
		twin = append(twin, h)
	}
	if !hugo {
		return bantin, nil
	}
	return bantin, append(hugoSkeleton(), twin...)
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between returns a uniform integer in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

const siteTitle = "Tiến độ chuyển đổi số (dữ liệu giả lập)"
const baseURL = "https://example.gov.vn/tien-do/"

func (g *gen) siteYAML() []byte {
	var b strings.Builder
	b.WriteString("# A synthetic site written by cmd/sitegen for benchmarks; build it with\n")
	b.WriteString("# bantin build --as-of " + AsOf + " (no date in it is later than " + LastDay + ").\n")
	fmt.Fprintf(&b, "title: %s\n", q(siteTitle))
	fmt.Fprintf(&b, "description: %s\n", q("Bản tin, kế hoạch và số liệu giả lập về chuyển đổi số, dịch vụ công trực tuyến và Đề án 06."))
	fmt.Fprintf(&b, "baseURL: %s\n", baseURL)
	b.WriteString("language: vi\ntimezone: Asia/Ho_Chi_Minh\nperPage: 10\n")
	fmt.Fprintf(&b, "copyright: %s\n", q("Dữ liệu giả lập, chỉ dùng để đo hiệu năng."))
	if n := min(6, len(g.metrics)); n > 0 {
		ids := make([]string, n)
		for i := range n {
			ids[i] = g.metrics[i].id
		}
		fmt.Fprintf(&b, "homeMetrics: [%s]\n", strings.Join(ids, ", "))
	}
	return []byte(b.String())
}

// --- metrics ---

func (g *gen) metric(i int) *metric {
	c := metricConcepts[g.r.IntN(len(metricConcepts))]
	scope, factor := " trên toàn quốc", 1.0
	if !g.chance(0.3) {
		p := g.pick(provinces)
		scope, factor = " tại "+p, 0.004+g.r.Float64()*0.04
	}
	m := &metric{id: fmt.Sprintf("%s-%03d", c.stem, i+1), title: c.title + scope, unit: c.unit, kind: c.kind, pos: map[int]int{}}
	// A few daily series with years of days; the rest by month, quarter, year.
	var first, last int
	switch x := g.r.Float64(); {
	case i%40 == 3:
		m.pk = pDay
		first, last = dayOf(g.between(2021, 2022), 1, 1), lastDay
	case x < 0.35:
		m.pk = pMonth
		first, last = g.between(2018, 2021)*12, 2025*12+11
	case x < 0.75:
		m.pk = pQuarter
		first, last = g.between(2016, 2020)*4, 2025*4+3
	default:
		m.pk = pYear
		first, last = g.between(2010, 2017), 2025
	}
	if m.pk != pDay && g.chance(0.1) { // some series stopped being reported
		last -= g.between(1, 3)
	}
	per := c.perYear * factor / periodsPerYear(m.pk)
	growth := 1 + 0.05 + g.r.Float64()*0.25 // per year
	level := per * (0.3 + g.r.Float64()*0.4)
	stock := c.perYear * factor * (0.2 + g.r.Float64())
	r0, r1 := 15+g.r.Float64()*40, 85+g.r.Float64()*14
	n := last - first + 1
	for k := first; k <= last; k++ {
		if m.pk != pDay && k != first && k != last && g.chance(0.03) {
			continue // a gap: periods need not be contiguous
		}
		t := float64(k-first) / float64(max(1, n-1))
		var v float64
		approx := ""
		switch c.kind {
		case "ratio":
			s := 1 / (1 + math.Exp(-10*(t-0.5)))
			v = math.Round((r0+(r1-r0)*s+(g.r.Float64()-0.5)*3)*10) / 10
			v = min(100, max(0, v))
		case "flow":
			v = level * math.Pow(growth, float64(k-first)/periodsPerYear(m.pk)) * (0.85 + 0.3*g.r.Float64())
			v, approx = g.round(v)
		case "stock":
			stock += level * math.Pow(growth, float64(k-first)/periodsPerYear(m.pk)) * (0.85 + 0.3*g.r.Float64())
			v, approx = g.round(stock)
		}
		m.pos[k] = len(m.idx)
		m.idx = append(m.idx, k)
		m.starts = append(m.starts, periodStart(m.pk, k))
		m.values = append(m.values, v)
		m.approx = append(m.approx, approx)
	}
	return m
}

// round makes a level an integer; large ones are sometimes given the way
// sources give them, to three digits with "hơn" or "khoảng".
func (g *gen) round(v float64) (float64, string) {
	v = math.Max(1, math.Round(v))
	if v >= 1e6 && g.chance(0.25) {
		e := math.Pow(10, math.Floor(math.Log10(v))-2)
		if g.chance(0.5) {
			return math.Floor(v/e) * e, "over"
		}
		return math.Round(v/e) * e, "about"
	}
	return v, ""
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (g *gen) metricYAML(m *metric) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", q(m.title))
	if g.chance(0.5) {
		fmt.Fprintf(&b, "description: %s\n", q("Số liệu giả lập: "+lowerFirst(m.title)+", theo "+map[pkind]string{pDay: "ngày", pMonth: "tháng", pQuarter: "quý", pYear: "năm"}[m.pk]+"."))
	}
	fmt.Fprintf(&b, "unit: %s\nkind: %s\nperiod: %s\n", q(m.unit), m.kind, m.pk)
	fmt.Fprintf(&b, "source: {name: %s, url: https://bocongan.gov.vn/}\n", q(g.pick(agencies)))
	if len(m.values) > 0 && g.chance(0.3) {
		last := m.values[len(m.values)-1]
		target := math.Round(last * 1.3)
		if m.kind == "ratio" {
			target = min(100, math.Round(last+5))
		}
		fmt.Fprintf(&b, "target: {value: %s, by: %s}\n", num(target), g.pick([]string{"2025-12-31", "2026-06-30", "2030-12-31"}))
	}
	b.WriteString("values:\n")
	for i, k := range m.idx {
		fmt.Fprintf(&b, "  - {period: %s, value: %s", periodString(m.pk, k), num(m.values[i]))
		if a := m.approx[i]; a != "" {
			fmt.Fprintf(&b, ", approx: %s", a)
		}
		if g.chance(0.02) {
			fmt.Fprintf(&b, ", note: %s", q("Số liệu sơ bộ; "+lowerFirst(g.pick(notes))+"."))
		}
		b.WriteString("}\n")
	}
	return []byte(b.String())
}

// --- plans ---

func (g *gen) plan(ids map[string]bool) (*plan, file) {
	year := g.between(2019, 2025)
	issued := dayOf(year, time.Month(g.between(1, 12)), g.between(1, 28))
	var id string
	var number int
	for {
		number = g.between(100, 1999)
		id = fmt.Sprintf("ke-hoach-%d-%d", number, year)
		if !ids[id] {
			ids[id] = true
			break
		}
	}
	owner := g.pick(agencies)
	title := g.pick([]string{
		fmt.Sprintf("Kế hoạch triển khai %s năm %d", g.pick(objects), year),
		fmt.Sprintf("Kế hoạch hoạt động năm %d của %s", year, owner),
		fmt.Sprintf("Kế hoạch thực hiện Đề án 06 năm %d tại %s", year, g.pick(provinces)),
	})
	p := &plan{id: id, title: title, issued: issued, tasks: g.between(20, 150)}
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", q(title))
	fmt.Fprintf(&b, "decision: %d/QĐ-BCA\n", number)
	fmt.Fprintf(&b, "issued: %s\n", civil(issued).Format(time.DateOnly))
	fmt.Fprintf(&b, "owner: %s\n", q(owner))
	b.WriteString("source: {name: Bộ Công an, url: https://bocongan.gov.vn/}\n")
	fmt.Fprintf(&b, "summary: %s\n", q(fmt.Sprintf("Gồm %d nhiệm vụ, %s.", p.tasks, g.pick(purposes))))
	b.WriteString("tasks:\n")
	for t := range p.tasks {
		g.task(&b, t, issued)
	}
	return p, file{path.Join("content/data/plans", id+".yaml"), []byte(b.String())}
}

func (g *gen) task(b *strings.Builder, t, issued int) {
	fmt.Fprintf(b, "  - id: T%03d\n", t+1)
	fmt.Fprintf(b, "    title: %s\n", q(capFirst(g.pick(actions)+" "+g.pick(objects))))
	fmt.Fprintf(b, "    owner: %s\n", q(g.pick(units)))
	scheduled := g.chance(0.7)
	end := min(lastDay, issued+900)
	if scheduled {
		due := issued + g.between(30, 600)
		b.WriteString("    kind: scheduled\n")
		fmt.Fprintf(b, "    due: %s\n", civil(due).Format(time.DateOnly))
		end = min(lastDay, due+120)
	} else {
		b.WriteString("    kind: recurring\n")
	}
	n := g.r.IntN(6)
	if n == 0 || end <= issued {
		return
	}
	// n distinct days after issue, in order: the history of the task.
	days := map[int]bool{}
	for range n {
		days[g.between(issued+1, end)] = true
	}
	order := make([]int, 0, len(days))
	for d := range days {
		order = append(order, d)
	}
	slices.Sort(order)
	progress := 0
	b.WriteString("    updates:\n")
	for i, d := range order {
		status := "in-progress"
		progress = min(95, progress+g.between(5, 40))
		if i == len(order)-1 {
			switch x := g.r.Float64(); {
			case x < 0.03:
				status = "cancelled"
			case x < 0.55 && scheduled:
				status, progress = "done", 100
			}
		}
		fmt.Fprintf(b, "      - {date: %s, status: %s", civil(d).Format(time.DateOnly), status)
		if status != "cancelled" && (scheduled || g.chance(0.3)) {
			fmt.Fprintf(b, ", progress: %d", progress)
		}
		if g.chance(0.4) {
			fmt.Fprintf(b, ", note: %s", q(g.pick(notes)))
		}
		b.WriteString("}\n")
	}
}

// --- articles ---

// twin writes an article body twice: for bantin with shortcodes, and for
// Hugo with the same figures as plain text, so both tools render the same
// Markdown apart from the figures.
type twin struct{ b, h strings.Builder }

func (w *twin) text(s string) { w.b.WriteString(s); w.h.WriteString(s) }

func (w *twin) code(bantin, hugo string) { w.b.WriteString(bantin); w.h.WriteString(hugo) }

func (g *gen) title(day int) string {
	year := civil(day).Year()
	head := g.pick(titleHeads)
	if strings.Contains(head, "%s") {
		head = fmt.Sprintf(head, g.pick(provinces))
	}
	tail := g.pick(titleTails)
	switch strings.Count(tail, "%") {
	case 1:
		if strings.Contains(tail, "%s") {
			tail = fmt.Sprintf(tail, g.pick(provinces))
		} else {
			tail = fmt.Sprintf(tail, year)
		}
	case 2:
		tail = fmt.Sprintf(tail, int(civil(day).Month()), year)
	}
	t := head + " " + g.pick(objects)
	if tail != "" {
		t += " " + tail
	}
	return t
}

// maxSlug bounds the slugs of generated titles, well within the length
// bantin accepts before it shortens a slug (content.MaxSlugLen, 100): two
// titles with distinct slugs then keep distinct URLs, whatever the cut.
const maxSlug = 90

// uniqueTitle returns a title whose slug no other article has, the way an
// editor would tell two bulletins apart: by place, then by number.
func (g *gen) uniqueTitle(day, i int) string {
	t := g.title(day)
	for len(slug.Make(t)) > maxSlug-12 { // room for " (kỳ 123456)"
		t = g.title(day)
	}
	if s := slug.Make(t); !g.slugs[s] {
		g.slugs[s] = true
		return t
	}
	t2 := t + " tại " + g.pick(provinces)
	for n := 1; ; n++ {
		if s := slug.Make(t2); !g.slugs[s] && len(s) <= maxSlug {
			g.slugs[s] = true
			return t2
		}
		t2 = fmt.Sprintf("%s (kỳ %d)", t, i+n)
	}
}

func (g *gen) article(i int) (bantin, hugo file) {
	day := g.between(firstDay, lastDay)
	t := civil(day)
	title := g.uniqueTitle(day, i)
	s := slug.Make(title)
	dateStr := t.Format(time.DateOnly)
	if g.chance(0.2) {
		dateStr += fmt.Sprintf("T%02d:%02d:00+07:00", g.between(7, 21), g.r.IntN(60))
	}
	var tags []string
	for n, tries := g.between(2, 6), 0; len(tags) < n && tries < 30; tries++ {
		if tag := g.tags[g.tagRank.Uint64()]; !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
	}
	summary := ""
	if g.chance(0.25) { // plain text: a summary is not Markdown
		summary = fmt.Sprintf("%s %s %s, %s.", g.pick(agencies), g.pick(actions), g.pick(objects), g.pick(purposes))
	}
	var planID string
	if p := g.planAt(day); p != nil && g.chance(0.08) {
		planID = p.id
	}
	draft := g.chance(0.01)
	var src string
	if g.chance(0.5) {
		src = "source: {name: Bộ Công an, url: https://bocongan.gov.vn/}\n"
	}

	var fm, hfm strings.Builder
	fmt.Fprintf(&fm, "---\ntitle: %s\ndate: %s\n", q(title), dateStr)
	fmt.Fprintf(&hfm, "---\ntitle: %s\ndate: %s\nslug: %s\n", q(title), dateStr, s)
	if summary != "" {
		fmt.Fprintf(&fm, "summary: %s\n", q(summary))
		fmt.Fprintf(&hfm, "summary: %s\n", q(summary))
	}
	qt := make([]string, len(tags))
	for k, tag := range tags {
		qt[k] = q(tag)
	}
	fmt.Fprintf(&fm, "tags: [%s]\n", strings.Join(qt, ", "))
	fmt.Fprintf(&hfm, "tags: [%s]\n", strings.Join(qt, ", "))
	if planID != "" {
		fmt.Fprintf(&fm, "plan: %s\n", planID)
	}
	fm.WriteString(src)
	if draft {
		fm.WriteString("draft: true\n")
		hfm.WriteString("draft: true\n")
	}
	fm.WriteString("---\n\n")
	hfm.WriteString("---\n\n")

	var w twin
	g.body(&w, day)
	name := dateStr[:10] + "-" + s + ".md"
	bantin = file{path.Join("content/articles", name), []byte(fm.String() + w.b.String())}
	hugo = file{path.Join("content/articles", name), []byte(hfm.String() + w.h.String())}
	return bantin, hugo
}

// planAt picks a plan issued on or before day, or nil.
func (g *gen) planAt(day int) *plan {
	if len(g.plans) == 0 {
		return nil
	}
	p := g.plans[g.r.IntN(len(g.plans))]
	if p.issued > day {
		return nil
	}
	return p
}

// body writes a bulletin of about 2–6 KB: a lead, then sections of
// paragraphs, lists, tables and figures until the size is reached.
func (g *gen) body(w *twin, day int) {
	target := g.between(1800, 6000)
	w.text(fmt.Sprintf("Ngày %s, %s %s %s, %s.", viDate(civil(day)), g.pick(agencies), g.pick(actions), g.emph(g.pick(objects)), g.pick(purposes)))
	w.text(" " + g.sentence() + " " + g.sentence() + "\n\n")
	chartAt, progressAt := -1, -1
	if len(g.metrics) > 0 && g.chance(0.04) {
		chartAt = g.r.IntN(3)
	}
	if g.chance(0.15) {
		progressAt = g.r.IntN(3)
	}
	order := g.r.Perm(len(headings))
	for sec := 0; sec < len(order) && (w.b.Len() < target || sec <= max(chartAt, progressAt)); sec++ {
		w.text("## " + headings[order[sec]] + "\n\n")
		g.paragraph(w, day)
		switch x := g.r.Float64(); {
		case x < 0.25:
			g.list(w, false)
		case x < 0.40:
			g.list(w, true)
		case x < 0.55:
			g.table(w)
		}
		if sec == chartAt {
			g.chart(w)
		}
		if sec == progressAt {
			if p := g.planAt(day); p != nil {
				w.code(fmt.Sprintf("{{< progress %q >}}\n\n", p.id), fmt.Sprintf("*Tiến độ %s: %d nhiệm vụ.*\n\n", lowerFirst(p.title), p.tasks))
			}
		}
		if g.chance(0.6) {
			g.paragraph(w, day)
		}
	}
}

func (g *gen) emph(s string) string {
	switch x := g.r.Float64(); {
	case x < 0.15:
		return "**" + s + "**"
	case x < 0.25:
		return "*" + s + "*"
	}
	return s
}

// sentence is one plain sentence of running text, from a few patterns.
func (g *gen) sentence() string {
	switch g.r.IntN(11) {
	case 0, 8:
		return fmt.Sprintf("%s %s %s %s %s.", g.pick(connectors), g.pick(agencies), g.pick(actions), g.emph(g.pick(objects)), g.pick(times))
	case 1, 7:
		return fmt.Sprintf("%s %s, %s.", capFirst(g.pick(objects)), g.pick(results), g.pick(purposes))
	case 2, 9:
		return fmt.Sprintf("%s yêu cầu các đơn vị %s %s, %s.", g.pick(agencies), g.pick(actions), g.pick(objects), g.pick(purposes))
	case 3, 10:
		return fmt.Sprintf("Theo %s, %s %s %s.", g.pick(agencies), g.pick(objects), g.pick(results), g.pick(times))
	case 4, 6:
		return fmt.Sprintf("Tại %s, %s %s %s %s.", g.pick(provinces), lowerFirst(g.pick(agencies)), g.pick(actions), g.pick(objects), g.pick(times))
	}
	i := g.r.IntN(len(linkTexts))
	return fmt.Sprintf("Thông tin chi tiết được đăng tải trên [%s](%s).", linkTexts[i], linkURLs[i])
}

func (g *gen) paragraph(w *twin, day int) {
	n := g.between(3, 6)
	figure := len(g.metrics) > 0 && g.chance(0.45)
	at := g.r.IntN(n)
	for k := range n {
		if k > 0 {
			w.text(" ")
		}
		if figure && k == at {
			g.figure(w, day)
			continue
		}
		w.text(g.sentence())
	}
	w.text("\n\n")
}

// citable picks a value of m to quote in an article of the given day: one
// of a period that had started by then when there is one.
func (g *gen) citable(m *metric, day int) int {
	n, _ := slices.BinarySearch(m.starts, day+1)
	if n == 0 {
		return g.r.IntN(len(m.idx))
	}
	return g.r.IntN(n)
}

// figure writes a sentence quoting a metric, and sometimes its change on
// the period before or the year before — only when that value exists.
func (g *gen) figure(w *twin, day int) {
	m := g.metrics[g.r.IntN(len(g.metrics))]
	j := g.citable(m, day)
	k := m.idx[j]
	p := periodString(m.pk, k)
	opt := ""
	if m.kind != "ratio" && g.chance(0.1) {
		opt = ` format="full"`
	}
	w.text(fmt.Sprintf("%s, chỉ tiêu “%s” đạt ", capFirst(periodWords(m.pk, k)), lowerFirst(m.title)))
	w.code(fmt.Sprintf("{{< metric %q %q%s >}}", m.id, p, opt), viFigure(m, m.values[j], m.approx[j]))
	w.text(".")
	if yb, ok := m.pos[yearBefore(m.pk, k)]; ok && g.chance(0.6) {
		w.text(" So với cùng kỳ năm trước, chỉ tiêu này thay đổi ")
		w.code(fmt.Sprintf("{{< change %q %q \"yoy\" >}}", m.id, p), viChange(m, m.values[j]-m.values[yb]))
		w.text(".")
	} else if pv, ok := m.pos[k-1]; ok && g.chance(0.4) {
		w.text(" So với kỳ trước, chỉ tiêu này thay đổi ")
		w.code(fmt.Sprintf("{{< change %q %q \"prev\" >}}", m.id, p), viChange(m, m.values[j]-m.values[pv]))
		w.text(".")
	}
}

func (g *gen) chart(w *twin) {
	m := g.metrics[g.r.IntN(len(g.metrics))]
	args := ""
	if g.chance(0.4) {
		args += ` type="bar"`
	}
	switch n := len(m.idx); {
	case m.pk == pDay:
		// Two months of a daily series: a chart with its table, not years of rows.
		j := g.r.IntN(n)
		from := max(0, j-59)
		args += fmt.Sprintf(" from=%q to=%q", periodString(m.pk, m.idx[from]), periodString(m.pk, m.idx[j]))
	case n > 8 && g.chance(0.5):
		args += fmt.Sprintf(" from=%q", periodString(m.pk, m.idx[g.r.IntN(n-4)]))
	}
	w.code(fmt.Sprintf("{{< chart %q%s >}}\n\n", m.id, args), fmt.Sprintf("*Biểu đồ: %s.*\n\n", m.title))
}

func (g *gen) list(w *twin, numbered bool) {
	n := g.between(3, 6)
	w.text(capFirst(g.pick(agencies)) + " đề ra các nhiệm vụ sau:\n\n")
	for k := range n {
		mark := "- "
		if numbered {
			mark = strconv.Itoa(k+1) + ". "
		}
		end := ";"
		if k == n-1 {
			end = "."
		}
		w.text(mark + g.pick(actions) + " " + g.emph(g.pick(objects)) + " " + g.pick(times) + end + "\n")
	}
	w.text("\n")
}

func (g *gen) table(w *twin) {
	w.text("Kết quả tại một số địa phương:\n\n")
	w.text("| Đơn vị | Hồ sơ tiếp nhận | Đã giải quyết | Tỷ lệ đúng hạn |\n|---|---:|---:|---:|\n")
	for _, k := range g.r.Perm(len(provinces))[:g.between(3, 7)] {
		in := g.between(1000, 900000)
		done := in - g.r.IntN(in/10+1)
		rate := 80 + g.r.Float64()*20
		w.text(fmt.Sprintf("| Công an %s | %s | %s | %s%% |\n", provinces[k], viInt(float64(in)), viInt(float64(done)), viDec(rate)))
	}
	w.text("\n")
}

// --- text helpers ---

// q quotes a YAML string. The vocabulary has no control characters; quotes
// and backslashes are escaped all the same.
func q(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lowercases the first letter, unless the first word is a name
// (Bộ Công an, Cơ sở dữ liệu quốc gia): then the second word is capitalised too.
func lowerFirst(s string) string {
	words := strings.SplitN(s, " ", 3)
	if len(words) > 1 {
		if r, _ := utf8.DecodeRuneInString(words[1]); unicode.IsUpper(r) {
			return s
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// viInt groups digits the Vietnamese way: 2.700.000.
func viInt(v float64) string {
	neg := v < 0
	digits := strconv.FormatInt(int64(math.Abs(math.Round(v))), 10)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// viDec writes a share with one decimal and a decimal comma: 96,5.
func viDec(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

// viFigure is the plain-text figure the Hugo twin shows for a metric shortcode.
func viFigure(m *metric, v float64, approx string) string {
	if m.kind == "ratio" {
		return viDec(v) + "%"
	}
	s := viInt(v) + " " + m.unit
	switch approx {
	case "over":
		s = "hơn " + s
	case "about":
		s = "khoảng " + s
	}
	return s
}

// viChange is the plain-text figure for a change shortcode.
func viChange(m *metric, d float64) string {
	if m.kind == "ratio" {
		s := viDec(d) + " điểm %"
		if d >= 0 {
			s = "+" + s
		}
		return s
	}
	if d >= 0 {
		return "+" + viInt(d)
	}
	return viInt(d)
}
