package shortcode

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/parser"
)

// The delimiters. "{{</*" ... "*/>}}" writes a shortcode literally, as in Hugo.
const (
	openDelim       = "{{<"
	closeDelim      = ">}}"
	escOpenSuffix   = "/*" // after openDelim
	escCloseDelim   = "*/>}}"
	notClosedMsg    = `shortcode is not closed with ">}}" on the same line (a shortcode cannot span lines)`
	noNameMsg       = "shortcode has no name"
	nameRuleMsg     = "a name is lowercase letters a-z, digits and hyphens, starting with a letter"
	unterminatedMsg = `string is not closed with '"' on the same line`
	unexpectedGtMsg = `unexpected ">": a shortcode ends with ">}}"; quote an argument that contains ">"`
)

// SyntaxError is a shortcode written wrongly: malformed, or placed where it
// cannot work (an image description). The build must fail on it: the text is
// rendered as harmless escaped literal text, which is never what the author
// meant.
type SyntaxError struct {
	// Offset is the byte offset of the problem in the source given to the parser.
	Offset int
	// Line and Col locate the problem, 1-based; Col counts characters as Call.Col does.
	Line, Col int
	// Msg says what is wrong, without the position.
	Msg string
}

// Error formats the error as "line:col: message"; the engine prefixes the file.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// stateKey stores the *docState of one document in its parser.Context.
// It is set once at init and only read afterwards.
var stateKey = parser.NewContextKey()

// docState is what the parser keeps for one document, in its
// parser.Context: the syntax errors, and a cursor that makes turning offsets
// into line:col linear over the document instead of quadratic.
type docState struct {
	errs []*SyntaxError
	seen map[int]bool // offsets of errs

	src            []byte // the source the cursor is for
	off, line, col int    // the cursor: off is at line:col
}

func stateOf(pc parser.Context) *docState {
	return pc.ComputeIfAbsent(stateKey, func() any { return &docState{} }).(*docState)
}

// addError records a syntax error for the document being parsed. An error at
// an offset already recorded is dropped, in case goldmark ever parses the
// same text twice.
func (d *docState) addError(e *SyntaxError) {
	if d.seen[e.Offset] {
		return
	}
	if d.seen == nil {
		d.seen = make(map[int]bool)
	}
	d.seen[e.Offset] = true
	d.errs = append(d.errs, e)
}

// Errors returns the malformed shortcodes met while parsing the document that
// used pc, ordered by position. The engine must pass its own context to Parse
// (parser.WithContext) to be able to ask.
func Errors(pc parser.Context) []*SyntaxError {
	if pc == nil {
		return nil
	}
	d, _ := pc.Get(stateKey).(*docState)
	if d == nil || len(d.errs) == 0 {
		return nil
	}
	out := make([]*SyntaxError, len(d.errs))
	copy(out, d.errs)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// lineCol is like the function lineCol but counts on from the previous
// position asked for when it can. Goldmark parses inlines in document order,
// so a document with many shortcodes costs one pass, not one per shortcode.
func (d *docState) lineCol(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	sameSrc := len(d.src) == len(src) && (len(src) == 0 || &d.src[0] == &src[0])
	if !sameSrc || off < d.off || d.line == 0 {
		d.src, d.off, d.line, d.col = src, 0, 1, 1
	}
	between := src[d.off:off]
	if nl := bytes.LastIndexByte(between, '\n'); nl >= 0 {
		d.line += bytes.Count(between, []byte{'\n'})
		d.col = utf8.RuneCount(between[nl+1:]) + 1
	} else {
		d.col += utf8.RuneCount(between)
	}
	d.off = off
	return d.line, d.col
}

// lineCol converts a byte offset in src to a 1-based line and a 1-based
// column counted in runes. Offsets given are always at an ASCII character or
// at the start of a rune, so counting in pieces gives the same columns.
func lineCol(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	before := src[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// scanned is what scan found at one "{{<".
type scanned struct {
	call    *Call  // a well-formed shortcode, else nil
	literal []byte // text to show instead of a call: an escaped or a malformed shortcode
	end     int    // offset just past the consumed text
	errOff  int    // position of the problem when errMsg is set
	errMsg  string // non-empty for a malformed shortcode
}

// scan reads the shortcode that starts with "{{<" at src[start]. It never
// reads at or beyond limit, the end of the current line (or table cell).
// Line and Col of the call are left for the caller, which knows the source.
func scan(src []byte, start, limit int) scanned {
	s := src[:limit]
	// fail consumes the malformed text through the first ">}}" at or after
	// the problem, or to the end of the line, so that it renders as one
	// piece of literal text rather than being half-parsed as Markdown.
	fail := func(off int, format string, args ...any) scanned {
		end := limit
		if i := bytes.Index(s[off:], []byte(closeDelim)); i >= 0 {
			end = off + i + len(closeDelim)
		}
		return failTo(src, start, end, off, fmt.Sprintf(format, args...))
	}
	// failLine consumes the rest of the line: for problems found only at
	// its end. It also keeps scanning linear: what was read to the end of
	// the line is not read again from the next "{{<" on it.
	failLine := func(off int, msg string) scanned {
		return failTo(src, start, limit, off, msg)
	}
	// quotedFail handles a bad string: an unterminated one ran to the end
	// of the line, an unknown escape stops where it is.
	quotedFail := func(off int, msg string) scanned {
		if msg == unterminatedMsg {
			return failLine(off, msg)
		}
		return fail(off, "%s", msg)
	}

	p := start + len(openDelim)
	if bytes.HasPrefix(s[p:], []byte(escOpenSuffix)) {
		inner := p + len(escOpenSuffix)
		i := bytes.Index(s[inner:], []byte(escCloseDelim))
		if i < 0 {
			return failLine(start, `escaped shortcode "{{</*" is not closed with "*/>}}" on the same line`)
		}
		lit := make([]byte, 0, len(openDelim)+i+len(closeDelim))
		lit = append(lit, openDelim...)
		lit = append(lit, s[inner:inner+i]...)
		lit = append(lit, closeDelim...)
		return scanned{literal: lit, end: inner + i + len(escCloseDelim)}
	}

	p = skipSpace(s, p)
	switch {
	case p >= limit:
		return failLine(start, notClosedMsg)
	case bytes.HasPrefix(s[p:], []byte(closeDelim)):
		return fail(start, noNameMsg)
	case s[p] == '/':
		return fail(p, "closing shortcodes such as {{< /name >}} are not supported: shortcodes take no inner content")
	}
	ns := p
	p = skipToken(s, p)
	name := string(s[ns:p])
	switch {
	case name == "" && s[p] == '>':
		return fail(p, unexpectedGtMsg)
	case name == "":
		return fail(ns, noNameMsg)
	case !validName(name):
		return fail(ns, "invalid shortcode name %q: %s", name, nameRuleMsg)
	}

	call := &Call{Name: name, Offset: start}
	for {
		prev := p
		p = skipSpace(s, p)
		switch {
		case p >= limit:
			return failLine(start, notClosedMsg)
		case bytes.HasPrefix(s[p:], []byte(closeDelim)):
			return scanned{call: call, end: p + len(closeDelim)}
		case s[p] == '>':
			return fail(p, unexpectedGtMsg)
		case p == prev:
			return fail(p, "missing space between arguments")
		}

		if s[p] == '"' {
			v, np, bad, msg := quoted(s, p)
			if msg != "" {
				return quotedFail(bad, msg)
			}
			call.Args = append(call.Args, v)
			p = np
			continue
		}

		ts := p
		p = skipToken(s, p)
		tok := s[ts:p]
		if bytes.ContainsAny(tok, "\u201c\u201d") {
			return fail(ts, `argument %q has curly quotes: use straight double quotes "..."`, tok)
		}
		eq := bytes.IndexByte(tok, '=')
		if eq < 0 {
			call.Args = append(call.Args, string(tok))
			continue
		}
		key := string(tok[:eq])
		switch {
		case key == "":
			return fail(ts, `missing argument name before "="`)
		case !validKey(key):
			return fail(ts, "invalid argument name %q: a name is ASCII letters, digits, '_' and '-', starting with a letter (quote an argument that contains \"=\")", key)
		}
		if _, dup := call.Named[key]; dup {
			return fail(ts, "argument %q is given twice", key)
		}
		var val string
		switch {
		case eq < len(tok)-1:
			val = string(tok[eq+1:])
		case p < limit && s[p] == '"':
			v, np, bad, msg := quoted(s, p)
			if msg != "" {
				return quotedFail(bad, msg)
			}
			val, p = v, np
		default:
			return fail(ts, "argument %q has no value after \"=\"", key)
		}
		if call.Named == nil {
			call.Named = make(map[string]string)
		}
		call.Named[key] = val
	}
}

// failTo makes the result for a malformed shortcode at src[start:end].
func failTo(src []byte, start, end, off int, msg string) scanned {
	return scanned{literal: bytes.Clone(src[start:end]), end: end, errOff: off, errMsg: msg}
}

// quoted reads the double-quoted string that starts at s[q]. The escapes are
// \" and \\, and \| for a '|', which a GFM table cell needs (the table splits
// cells on a bare '|' before shortcodes are parsed). It returns the
// value and the offset after the closing quote, or the offset of the problem
// and a message.
func quoted(s []byte, q int) (val string, end, bad int, msg string) {
	var b []byte
	for i := q + 1; i < len(s); {
		switch c := s[i]; c {
		case '"':
			return string(b), i + 1, 0, ""
		case '\\':
			if i+1 >= len(s) {
				return "", 0, q, unterminatedMsg
			}
			switch n := s[i+1]; n {
			case '"', '\\', '|':
				b = append(b, n)
				i += 2
			default:
				r, _ := utf8.DecodeRune(s[i+1:])
				return "", 0, i, fmt.Sprintf(`unknown escape "\%c" in string: only \" \\ and \| are allowed`, r)
			}
		default:
			b = append(b, c)
			i++
		}
	}
	return "", 0, q, unterminatedMsg
}

// isSpace reports the separators between arguments. Other characters,
// including non-breaking spaces, belong to bare tokens.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

func skipSpace(s []byte, p int) int {
	for p < len(s) && isSpace(s[p]) {
		p++
	}
	return p
}

// skipToken skips a bare token: anything up to a space, a quote or '>'.
func skipToken(s []byte, p int) int {
	for p < len(s) && !isSpace(s[p]) && s[p] != '"' && s[p] != '>' {
		p++
	}
	return p
}

// validName reports whether name matches [a-z][a-z0-9-]*.
func validName(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' {
		return false
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// validKey reports whether key matches [A-Za-z][A-Za-z0-9_-]*.
func validKey(key string) bool {
	if key == "" || !isLetter(key[0]) {
		return false
	}
	for i := 1; i < len(key); i++ {
		c := key[i]
		if !(isLetter(c) || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
