package view

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"

	"github.com/bantin/bantin/internal/data"
	"github.com/bantin/bantin/internal/date"
	"github.com/bantin/bantin/internal/period"
)

// The open-data files are for machines: ISO periods, "." as the decimal
// mark, no grouping, UTF-8, a header row. Their layout is part of the
// public contract, so it changes only with a new column at the end.

// CSV writes a metric as period,value,approx,note.
func CSV(m *data.Metric) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"period", "value", "unit", "approx", "note"})
	for _, v := range m.Values {
		w.Write([]string{v.Period.String(), strconv.FormatFloat(v.Value, 'f', -1, 64), unit(m), string(v.Approx), v.Note})
	}
	w.Flush()
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
