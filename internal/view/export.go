package view

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// The open-data files are for machines: ISO periods and dates, "." as the
// decimal mark, no grouping, UTF-8 without a byte-order mark, a header
// row, CRLF line ends and quoting as RFC 4180 has them, and an empty
// field for a value that is not there. Their layout is part of the public
// contract, so it changes only with a new column at the end; each file's
// columns are declared once, as a Table Schema (schema.go), which writes
// the header row and is published in datapackage.json, so the two cannot
// disagree.

// CSV writes a metric as period,value,unit,approx,note (MetricSchema).
func CSV(m *data.Metric) ([]byte, error) {
	return writeCSV(metricColumns, func(row func(...string)) {
		for _, v := range m.Values {
			row(v.Period.String(), strconvFloat(v.Value), unit(m), string(v.Approx), v.Note)
		}
	})
}

// writeCSV writes the header of cols, then the rows rows gives, with
// CRLF line ends (RFC 4180).
func writeCSV(cols []column, rows func(row func(...string))) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.name
	}
	w.Write(head)
	var bad error
	rows(func(fields ...string) {
		if len(fields) != len(cols) && bad == nil {
			bad = fmt.Errorf("a row of %d fields for the %d columns %v", len(fields), len(cols), head)
		}
		w.Write(fields)
	})
	w.Flush()
	if bad != nil {
		return nil, bad
	}
	return buf.Bytes(), w.Error()
}

type jsonSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonTarget struct {
	Value float64   `json:"value"`
	By    date.Date `json:"by"`
}

type jsonValue struct {
	Period period.Period `json:"period"`
	Value  float64       `json:"value"`
	Approx string        `json:"approx,omitempty"`
	Note   string        `json:"note,omitempty"`
}

type jsonMetric struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Description string      `json:"description,omitempty"`
	Unit        string      `json:"unit"`
	Kind        string      `json:"kind"`
	Period      string      `json:"period"`
	Source      *jsonSource `json:"source,omitempty"`
	Target      *jsonTarget `json:"target,omitempty"`
	Values      []jsonValue `json:"values"`
}

// JSON writes a metric with its metadata and values.
func JSON(m *data.Metric) ([]byte, error) {
	j := jsonMetric{
		ID: m.ID, Title: m.Title, Description: m.Description, Unit: unit(m),
		Kind: string(m.Kind), Period: m.Period.String(), Values: []jsonValue{},
	}
	if m.Source != nil {
		j.Source = &jsonSource{Name: m.Source.Name, URL: m.Source.URL}
	}
	if m.Target != nil {
		j.Target = &jsonTarget{Value: m.Target.Value, By: m.Target.By}
	}
	for _, v := range m.Values {
		j.Values = append(j.Values, jsonValue{Period: v.Period, Value: v.Value, Approx: string(v.Approx), Note: v.Note})
	}
	b, err := json.MarshalIndent(j, "", "  ")
	return append(b, '\n'), err
}

func strconvFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
