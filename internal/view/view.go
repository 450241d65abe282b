// Package view builds what pages and shortcodes show from the data: it
// asks package derive for the figures, formats them for the site's
// language with package locale, and draws charts with package chart. The
// same view models feed the plan and metric pages, the home page and the
// shortcodes in bulletins, so a figure reads the same everywhere.
package view

import (
	"sync"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/locale"
	"github.com/bantin/bantin/internal/render"
	"github.com/bantin/bantin/internal/site"
)

// Builder makes view models for one site build. It is safe for concurrent
// use: it only reads the data.
type Builder struct {
	cfg  *site.Config
	L    *locale.Locale
	data *data.Set
	asOf date.Date
	r    *render.Renderer

	plans     sync.Map // plan id → *planEntry, made once per build
	charts    sync.Map // metric id → *chartEntry (metricChart), made once per build
	summaries sync.Map // summaryKey → PlanSummary (Summary)

	// bulletins are the dates of the published bulletins, in order (see
	// WithBulletins): changes since="previous" looks one up.
	bulletins []date.Date
}

// New returns a builder for a site's data as of a day.
func New(cfg *site.Config, L *locale.Locale, d *data.Set, asOf date.Date, r *render.Renderer) *Builder {
	return &Builder{cfg: cfg, L: L, data: d, asOf: asOf, r: r}
}
