// Package derive holds every figure computed from what editors typed:
// the status of a plan as of a date, counts by status, kind and owner,
// deadlines as moved by then (deadline.go), traffic lights by declared
// rules (light.go), changes on the previous period or year, cumulative
// totals and the pace needed to reach a target, figures as known on a
// page's date (revision.go), and what changed between two bulletins
// (changes.go).
//
// Editors type only facts (updates, values); everything shown that is not
// typed is computed here, once, so the text of a bulletin, the tables and
// the charts cannot disagree. The functions are pure: they read the model,
// never change it, and keep no state between calls.
package derive
