package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/bantin/bantin/internal/diag"
	"github.com/bantin/bantin/internal/period"
	"github.com/bantin/bantin/internal/source"
	"github.com/bantin/bantin/internal/yamlx"
)

// A metric's values may be kept in a CSV file beside it, so that an
// office can export them from a spreadsheet instead of typing YAML:
//
//	values: ho-so.csv
//
// with a header row and one row per period:
//
//	period,value,approx,note
//	2024-Q1,2700000,over,"hơn 2,7 triệu"
//
// period and value are required columns, approx and note optional, in any
// order, each at most once; other names are errors. Each cell is decoded
// by the same code as the YAML form (a row becomes a mapping whose nodes
// carry the CSV's lines and columns), so a bad period reads the same in
// both and every later check (kind of period, duplicates, ratio range)
// points into the CSV. Rows must be in period order: a spreadsheet sorted
// by another column would otherwise be published reordered in silence.
//
// Numbers are written with a point as the decimal mark and no grouping
// (2750000, 96.5). A comma is refused rather than guessed: "2,750" is
// 2.75 in Vietnamese and 2750 in English, and a figure off by a thousand
// must never be published. See README, "Data formats".

// CSV columns, as the header names them.
const (
	colPeriod = "period"
	colValue  = "value"
	colApprox = "approx"
	colNote   = "note"
)

var csvColumns = []string{colPeriod, colValue, colApprox, colNote}

// maxCSVErrors caps the errors one CSV file reports, as yamlx.MaxErrors
// does for YAML: a spreadsheet exported in the wrong locale makes every
// row wrong, and the first rows tell the editor what to fix.
const maxCSVErrors = yamlx.MaxErrors

// number is the form a CSV value must take: digits with an optional sign,
// one point as the decimal mark, an optional exponent (spreadsheets write
// 2.7E+06 for a narrow column).
var number = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// csvFile is where a metric's values come from when they come from a CSV
// file: the key's value as written, and its position in the YAML file.
type csvFile struct {
	name string   // as written after values:
	pos  diag.Pos // of that text in the metric's YAML file
}

// takeCSVName finds `values: <text>` at the top of a metric document and,
// when found, replaces the text with an empty list at the same place, so
// that decoding leaves Values empty and Meta still knows where the key
// is. Any other form of values (a list, null, a number) is left for the
// decoder to judge.
func takeCSVName(file string, doc *yaml.Node) (csvFile, bool) {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return csvFile{}, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "values" {
			continue
		}
		v := root.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			return csvFile{}, false
		}
		root.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column}
		return csvFile{name: v.Value, pos: diag.Pos{File: file, Line: v.Line, Col: v.Column}}, true
	}
	return csvFile{}, false
}

// csvPath checks the file name written after values: and returns the
// file's path in the site's file system. The CSV must sit beside the
// metric: a name with no folder, so it can never leave the content
// directory (no "..", no absolute path), and every way out is refused
// with its own reason rather than cleaned into something else.
func csvPath(dir, name string) (string, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.TrimSpace(name) == "":
		return "", errors.New(`values is empty: list the values, or name a CSV file beside this one, such as values: ho-so.csv`)
	case !strings.HasSuffix(lower, ".csv"):
		return "", fmt.Errorf("%q is neither a list of values nor the name of a CSV file (like ho-so.csv)", name)
	case strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || filepath.VolumeName(name) != "" || (len(name) > 1 && name[1] == ':'):
		return "", fmt.Errorf("%q is an absolute path; name a CSV file beside this one, such as ho-so.csv", name)
	case strings.Contains(name, ":"):
		return "", fmt.Errorf("%q contains a colon, which file names on Windows cannot; name a CSV file beside this one, such as ho-so.csv", name)
	case strings.Contains(name, `\`):
		return "", fmt.Errorf("%q contains a backslash; name a CSV file beside this one, such as ho-so.csv", name)
	case name == ".." || strings.HasPrefix(name, "../") || strings.Contains(name, "/../") || strings.HasSuffix(name, "/.."):
		return "", fmt.Errorf("%q leaves the folder of this file; the CSV file must sit beside it, in %s", name, dir)
	case strings.Contains(name, "/"):
		return "", fmt.Errorf("%q is in a sub-folder; the CSV file must sit beside this one, in %s (sub-folders are not read)", name, dir)
	case !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, "\x00"):
		return "", fmt.Errorf("%q is not a file name", name)
	}
	return path.Join(dir, name), nil
}

// decode decodes the metric file src, and the CSV file its values: key
// names if it names one. It returns the CSV's path in fsys ("" when the
// values are in the YAML, or the name was refused before any file was
// involved) and its bytes (nil when it could not be read).
func (m *Metric) decode(fsys fs.FS, prefix string, src []byte, errs *diag.List) (csvName string, csvSrc []byte) {
	doc, err := yamlx.Parse(m.File, src, 0)
	if err != nil {
		errs.Add(err)
		return "", nil
	}
	ref, isCSV := takeCSVName(m.File, doc)
	yamlx.NewDecoder(m.File, errs).Decode(doc, m)
	m.decodeBases(errs)
	if !isCSV {
		return "", nil
	}
	m.fromCSV = true
	return m.loadCSV(fsys, MetricsDir, prefix, ref, errs)
}

// loadCSV fills m.Values from the CSV file the metric names, reporting
// every problem into errs. It returns the file's path in fsys ("" when
// the name itself was refused) and its bytes (nil when it could not be
// read).
func (m *Metric) loadCSV(fsys fs.FS, dir, prefix string, ref csvFile, errs *diag.List) (string, []byte) {
	name, err := csvPath(dir, ref.name)
	if err != nil {
		errs.Errorf(ref.pos, "values", "%v", err)
		return "", nil
	}
	display := filepath.Join(prefix, filepath.FromSlash(name))
	m.ValuesFile = display
	src, err := source.ReadFile(fsys, name, source.MaxData)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		errs.Errorf(ref.pos, "values", "%s does not exist (the CSV file is looked for beside this one)", display)
		return name, nil
	case err != nil && source.IsRefused(err):
		errs.Errorf(ref.pos, "values", "%s %v", display, err)
		return name, nil
	case err != nil:
		errs.Errorf(ref.pos, "values", "cannot read %s: %v", display, err)
		return name, nil
	}
	m.Values = parseCSVValues(display, src, m.Period, errs)
	return name, src
}

// parseCSVValues reads the values of a metric counted by kind (0 when the
// metric's period is itself wrong) from the CSV text src, reporting every
// problem at file:line:col. Rows with a problem are left out.
func parseCSVValues(file string, src []byte, kind period.Kind, errs *diag.List) []Value {
	p := &csvParser{file: file, errs: errs}
	src = bytes.TrimPrefix(src, []byte("\uFEFF")) // spreadsheets' "CSV UTF-8" starts with a byte order mark
	p.src = src
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		line, col := p.lineCol(off)
		p.errorf(line, col, "byte 0x%02X is not valid UTF-8; export the sheet as \"CSV UTF-8\"", src[off])
		return nil
	}
	p.lineStarts = lineStarts(src)
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = -1 // counted here, to say which column is missing
	header, err := r.Read()
	if err == io.EOF {
		errs.Errorf(diag.Pos{File: file}, "", "the file is empty: the first line names the columns, period,value (and approx,note if used)")
		return nil
	}
	if err != nil {
		p.parseError(err)
		return nil
	}
	headerLine, _ := r.FieldPos(0)
	cols, ok := p.header(r, header)
	if !ok {
		return nil
	}
	var out []Value
	var prev *Value // the last row kept of the metric's kind, for the order
	rows := 0
	for !p.full() {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			rows++
			p.parseError(err)
			continue
		}
		rows++
		v, ok := p.row(r, rec, header, cols)
		if !ok {
			continue
		}
		if kind != 0 && v.Period.Kind == kind {
			if prev != nil && v.Period.Compare(prev.Period) < 0 {
				p.add(diag.Errorf(v.Meta.At(colPeriod), colPeriod, "%s is out of order: it comes after %s (line %d); rows go in period order, oldest first", v.Period, prev.Period, prev.Meta.At(colPeriod).Line))
				continue
			}
			prev = &v
		}
		out = append(out, v)
	}
	if rows == 0 {
		errs.Errorf(diag.Pos{File: file, Line: headerLine, Col: 1}, "", "no values: the header is the only row; add one row per period, such as 2024-Q1,2700000")
	}
	return out
}

type csvParser struct {
	file       string
	src        []byte
	lineStarts []int
	errs       *diag.List
	n          int // errors reported
}

// full reports whether the file has reported maxCSVErrors already.
func (p *csvParser) full() bool { return p.n >= maxCSVErrors }

func (p *csvParser) errorf(line, col int, format string, args ...any) {
	p.add(diag.Errorf(diag.Pos{File: p.file, Line: line, Col: col}, "", format, args...))
}

// add reports e, unless the file has reported maxCSVErrors already; the
// last one reported says so.
func (p *csvParser) add(e *diag.Error) {
	p.n++
	if p.n > maxCSVErrors {
		return
	}
	p.errs.Add(e)
	if p.n == maxCSVErrors {
		p.errs.Errorf(e.Pos, "", "%d errors in this file; fix these first (the rest are not checked)", maxCSVErrors)
	}
}

// lineStarts returns the byte offset at which each line of src starts.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// column turns encoding/csv's byte column on a line into characters, as
// YAML errors count them and editors show them.
func (p *csvParser) column(line, byteCol int) int {
	if line < 1 || line > len(p.lineStarts) || byteCol < 1 {
		return byteCol
	}
	start := p.lineStarts[line-1]
	end := min(start+byteCol-1, len(p.src))
	return utf8.RuneCount(p.src[start:end]) + 1
}

// lineCol returns the line and character column of byte offset off.
func (p *csvParser) lineCol(off int) (line, col int) {
	line, col = 1, 1
	for _, r := range string(p.src[:off]) {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// pos is the place of field i of the record r read last.
func (p *csvParser) pos(r *csv.Reader, i int) (line, col int) {
	line, byteCol := r.FieldPos(i)
	return line, p.column(line, byteCol)
}

// parseError reports a quoting error of encoding/csv in an editor's words.
func (p *csvParser) parseError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		p.add(diag.Errorf(diag.Pos{File: p.file}, "", "cannot read the CSV: %v", err))
		return
	}
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `a quote (") inside a field that does not start with one; put the whole field in quotes and double the quote inside ("")`
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
		// encoding/csv names where the file ended; the editor needs where
		// the field began: the last field on its line that opens a quote.
		if col := p.openingQuote(pe.StartLine); col > 0 {
			p.errorf(pe.StartLine, col, "this quoted field is not closed (the file ends inside it)")
			return
		}
		msg = fmt.Sprintf("the quoted field that starts on line %d is not closed", pe.StartLine)
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `text after a closing quote, or a quote that is not closed; a quote inside a quoted field is written twice ("")`
	}
	p.errorf(pe.Line, p.column(pe.Line, pe.Column), "%s", msg)
}

// openingQuote returns the character column of the last quote on line
// that opens a field (at the line's start or after a comma), 0 if none.
func (p *csvParser) openingQuote(line int) int {
	if line < 1 || line > len(p.lineStarts) {
		return 0
	}
	text := p.src[p.lineStarts[line-1]:]
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	last := -1
	for i, b := range text {
		if b == '"' && (i == 0 || text[i-1] == ',') {
			last = i
		}
	}
	if last < 0 {
		return 0
	}
	return utf8.RuneCount(text[:last]) + 1
}

// header checks the names of the columns and returns, for each known
// column, its index (absent: -1).
func (p *csvParser) header(r *csv.Reader, header []string) (map[string]int, bool) {
	cols := map[string]int{colPeriod: -1, colValue: -1, colApprox: -1, colNote: -1}
	ok := true
	if len(header) == 1 && strings.Contains(header[0], ";") {
		line, col := p.pos(r, 0)
		p.errorf(line, col, "the columns are separated by semicolons; bantin reads comma-separated CSV (export as \"CSV UTF-8 (comma delimited)\"), with the header period,value")
		return nil, false
	}
	for i, name := range header {
		// The place of a name is found only for an error: counting the
		// characters before every field of a header of a million fields
		// would take time quadratic in its length.
		if p.full() {
			return nil, false
		}
		at, known := cols[name]
		norm := strings.ToLower(strings.TrimSpace(name))
		_, nearly := cols[norm]
		switch {
		case known && at >= 0:
			line, col := p.pos(r, i)
			p.errorf(line, col, "column %q is named twice (first as column %d)", name, at+1)
			ok = false
		case known:
			cols[name] = i
		case nearly:
			line, col := p.pos(r, i)
			p.errorf(line, col, "column %q must be written %q exactly (lower case, no spaces around it)", name, norm)
			ok = false
		default:
			line, col := p.pos(r, i)
			p.errorf(line, col, "unknown column %q (the columns are period, value, approx and note)", name)
			ok = false
		}
	}
	for _, name := range []string{colPeriod, colValue} {
		if cols[name] < 0 && !namesNearly(header, name) {
			line, _ := p.pos(r, 0)
			p.errorf(line, 1, "missing column %q: the header must name period and value (approx and note are optional)", name)
			ok = false
		}
	}
	return cols, ok
}

// namesNearly reports whether a header names name up to case and spaces,
// which the header check has already reported in its own words.
func namesNearly(header []string, name string) bool {
	for _, h := range header {
		if strings.ToLower(strings.TrimSpace(h)) == name {
			return true
		}
	}
	return false
}

// row decodes one record into a Value through the YAML decoder, so that
// each cell is judged by the same rules as in a YAML file and the value
// keeps the cells' positions (Meta) for later checks.
func (p *csvParser) row(r *csv.Reader, rec, header []string, cols map[string]int) (Value, bool) {
	line, _ := r.FieldPos(0)
	if len(rec) < len(header) {
		last := len(rec) - 1
		l, c := p.pos(r, last)
		c += utf8.RuneCountInString(rec[last])
		missing := header[len(rec):]
		p.errorf(l, c, "missing column: the row has %d fields, the header %d (%s missing); an empty cell still needs its comma", len(rec), len(header), quoteList(missing))
		return Value{}, false
	}
	if len(rec) > len(header) {
		l, c := p.pos(r, len(header))
		p.errorf(l, c, "extra column: the row has %d fields, the header names %d (%s)", len(rec), len(header), strings.Join(header, ","))
		return Value{}, false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: 1}
	good := true
	for _, name := range csvColumns {
		i := cols[name]
		if i < 0 {
			continue
		}
		cell := rec[i]
		l, c := p.pos(r, i)
		val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: cell, Line: l, Column: c}
		switch name {
		case colPeriod:
			if strings.TrimSpace(cell) == "" {
				p.errorf(l, c, "period is empty: every row needs one, such as 2024-Q1")
				good = false
				continue
			}
		case colValue:
			f, msg := parseNumber(cell)
			if msg != "" {
				p.errorf(l, c, "%s", msg)
				good = false
				continue
			}
			val.Tag, val.Value = "!!float", strconv.FormatFloat(f, 'g', -1, 64)
		case colApprox, colNote:
			if cell == "" {
				continue // an empty cell: exact, no note
			}
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, Line: l, Column: c}
		m.Content = append(m.Content, key, val)
	}
	if !good {
		return Value{}, false
	}
	var v Value
	var local diag.List
	yamlx.NewDecoder(p.file, &local).Decode(m, &v)
	if local.Len() > 0 {
		for _, e := range local.Errors() {
			p.add(e)
		}
		return Value{}, false
	}
	return v, true
}

// parseNumber reads a CSV value; msg says what is wrong ("" when nothing).
func parseNumber(s string) (f float64, msg string) {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return 0, "value is empty: every row needs a number, such as 2750000 or 96.5"
	case strings.Contains(t, ","):
		return 0, fmt.Sprintf("%q is not a number: write the decimal mark as a point (96.5) and no thousands separators; a comma is not guessed at, as 2,750 is 2.75 in Vietnamese and 2750 in English", s)
	case !number.MatchString(t):
		return 0, fmt.Sprintf("%q is not a number: write digits with a point as the decimal mark, such as 2750000 or 96.5 (no thousands separators, no units)", s)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Sprintf("%q is not a finite number", s)
	}
	return f, ""
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}
