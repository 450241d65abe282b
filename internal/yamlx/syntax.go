package yamlx

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// checkText finds the first byte of src that YAML cannot read: a byte that
// is not UTF-8, or a character outside YAML's printable set (NUL and the
// other C0 and C1 controls but tab, line feed, carriage return and next
// line). yaml.v3 rejects these too, but without a position ("yaml: control
// characters are not allowed"), which leaves an editor searching a long
// file for an invisible byte. It returns the 1-based line and column, in
// characters like yaml.v3's columns, and a message; msg is "" when src is
// clean.
func checkText(src []byte) (line, col int, msg string) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, fmt.Sprintf("byte 0x%02X is not valid UTF-8; save the file as UTF-8", src[i])
		case r == 0:
			return line, col, "a NUL byte (U+0000) is not allowed in YAML; the file may be binary or saved as UTF-16"
		case !printable(r):
			return line, col, fmt.Sprintf("control character %U is not allowed in YAML", r)
		}
		i += size
		switch {
		case r == '\n', r == '\r' && (i == len(src) || src[i] != '\n'):
			line, col = line+1, 1
		case r == '\r': // the \r of \r\n: the \n ends the line
		default:
			col++
		}
	}
	return 0, 0, ""
}

// printable is YAML 1.1's c-printable set, the one yaml.v3 enforces.
func printable(r rune) bool {
	switch {
	case r == 0x09, r == 0x0A, r == 0x0D, r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E:
		return true
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the messages of yaml.v3's parser, as opposed to its
// scanner (parserc.go against scannerc.go). The two count lines
// differently: yaml.v3 keeps marks 0-based and adds one for scanner
// errors only, so a parser error names the line before the one at fault
// (an unclosed "[" on line 6 is reported at line 5).
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// blockProblems are parser errors whose context mark is the start of the
// enclosing block (a mapping that began fifty lines up), while the line
// at fault is the one that broke it: a key indented one space too few.
// For these the line reported is found by firstBrokenLine.
var blockProblems = map[string]bool{
	"did not find expected key":           true,
	"did not find expected '-' indicator": true,
	"did not find expected node content":  true,
}

// firstBrokenLine returns the smallest n such that the first n lines of
// src already fail with problem, or 0. A block structure cut after any
// line is still whole, so the first such prefix ends with the line at
// fault; a binary search keeps this to a few parses of the file.
func firstBrokenLine(src []byte, problem string) int {
	ends := []int{} // ends[i] is the offset just past line i+1
	for i, c := range src {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(src) {
		ends = append(ends, len(src))
	}
	fails := func(n int) bool {
		err := firstError(src[:ends[n-1]])
		return err != nil && strings.HasSuffix(err.Error(), ": "+problem)
	}
	lo, hi := 1, len(ends) // fails(hi) is taken as true: it is the whole file
	if !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// hints say in plain words what the commonest syntax errors mean.
var hints = map[string]string{
	"did not find expected ',' or ']'":               `a list opened with "[" here is not closed with "]"`,
	"did not find expected ',' or '}'":               `a mapping opened with "{" here is not closed with "}"`,
	"did not find expected key":                      "check the indentation: keys of one mapping line up",
	"mapping values are not allowed in this context": `a value holding ": " needs quotes`,
	"found unexpected end of stream":                 "a quoted text is not closed",
}

// syntaxError turns a yaml.v3 error into a 1-based line (0 when unknown),
// a column (0 when unknown) and a message.
//
// yaml.v3 reports the line of the "context" mark (where the construct
// that failed began: the "[" of an unclosed list) when that mark is past
// the first line, and else the line of the problem; a parser error's line
// is one too low, and one on the first line gets no line at all. To get
// one rule, the text is parsed again behind an added empty line: the
// context mark is then never on the first line, and the line reported is,
// for a parser error, exactly the 1-based line of the original text (for
// a scanner error, one more). yaml.v3 names no column; one is given only
// when the line shows it beyond doubt.
func syntaxError(src []byte, err error) (line, col int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	switch {
	case strings.Contains(msg, "exceeded max depth"):
		line, col = locateDeep(src)
		return line, col, fmt.Sprintf("values are nested more than %d levels deep", MaxDepth)
	case strings.HasPrefix(msg, "unknown anchor '"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		line, col = locateAlias(src, name)
		return line, col, fmt.Sprintf("alias *%s names no anchor &%s defined before it", name, name)
	}
	problem, line := msg, 0
	if m := syntaxLine.FindStringSubmatch("yaml: " + msg); m != nil {
		problem = m[2]
		line, _ = strconv.Atoi(m[1])
		if parserProblems[problem] {
			line++ // the best yaml.v3's own line gives; used if the second parse disagrees
		}
	} else if parserProblems[problem] {
		line = 1 // both marks on the first line, where yaml.v3 names none
	}
	bom := []byte("\ufeff")
	body := bytes.TrimPrefix(src, bom)
	shifted := append(append(bytes.Clone(src[:len(src)-len(body)]), '\n'), body...)
	if m := syntaxLine.FindStringSubmatch(errorText(firstError(shifted))); m != nil && m[2] == problem {
		line, _ = strconv.Atoi(m[1])
		if !parserProblems[problem] {
			line--
		}
	}
	if blockProblems[problem] {
		if l := firstBrokenLine(src, problem); l > 0 {
			line = l
		}
	}
	if line == 0 {
		line = 1 // yaml.v3 named no line (a stray BOM, say): the file, from its start
	}
	// yaml.v3 may name the line after the last (a directive with no
	// document after it): the error is at the end of the file.
	if n := bytes.Count(bytes.TrimSuffix(src, []byte("\n")), []byte("\n")) + 1; line > n {
		line = n
	}
	if problem == "found character that cannot start any token" {
		if c := leadingTab(src, line); c > 0 {
			return line, c, problem + " (a tab: indent YAML with spaces)"
		}
	}
	if h, ok := hints[problem]; ok {
		problem += " (" + h + ")"
	}
	return line, 0, problem
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// firstError decodes every document of src and returns the first error.
func firstError(src []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// lineAt returns the 1-based line n of src without its line break.
func lineAt(src []byte, n int) []byte {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return nil
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return bytes.TrimSuffix(src, []byte("\r"))
}

// leadingTab returns the column of a tab in the indentation of line n,
// or 0.
func leadingTab(src []byte, n int) int {
	for i, c := range lineAt(src, n) {
		switch c {
		case '\t':
			return i + 1
		case ' ':
			continue
		}
		break
	}
	return 0
}

// locateAlias finds the first alias *name in src, outside comments and
// quotes as far as a line-by-line look can tell.
func locateAlias(src []byte, name string) (line, col int) {
	token := "*" + name
	for n, l := range strings.Split(string(src), "\n") {
		for i := 0; ; {
			j := strings.Index(l[i:], token)
			if j < 0 {
				break
			}
			at := i + j
			end := at + len(token)
			before := at == 0 || strings.ContainsRune(" \t[{,:-?", rune(l[at-1]))
			after := end == len(l) || strings.ContainsRune(" \t]},:\r", rune(l[end]))
			if before && after && !strings.Contains(l[:at], "#") {
				return n + 1, utf8.RuneCountInString(l[:at]) + 1
			}
			i = at + 1
		}
	}
	return 1, 0 // not found by this scan: the file, from its first line
}

// locateDeep finds where src nests deeper than MaxDepth, for the files so
// deep that yaml.v3 refuses them itself (past 10,000 levels) without a
// position. It counts flow brackets outside quotes and comments; a file
// nested by indentation alone is located at its most indented line.
func locateDeep(src []byte) (line, col int) {
	depth := 0
	var quote byte
	line, col = 1, 1
	deepest, deepestLine := -1, 1
	indent, atStart := 0, true
	for i := 0; i < len(src); i++ {
		c := src[i]
		if atStart {
			if c == ' ' || c == '-' || c == '?' {
				indent++
			} else {
				if indent > deepest {
					deepest, deepestLine = indent, line
				}
				atStart = false
			}
		}
		switch {
		case c == '\n':
			line, col, indent, atStart = line+1, 1, 0, true
			continue
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
				col++
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t'):
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return line, col
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
		if c < 0x80 || c >= 0xC0 { // count characters, not UTF-8 continuation bytes
			col++
		}
	}
	return deepestLine, 0
}

// tooDeep returns the first node, in document order, nested inside more
// than MaxDepth collections, or nil. It walks the tree with its own stack,
// so depth costs no Go stack, and does not follow aliases: their targets
// are walked where they stand.
func tooDeep(doc *yaml.Node) *yaml.Node {
	type item struct {
		n     *yaml.Node
		depth int
	}
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		depth := it.depth
		if it.n.Kind == yaml.MappingNode || it.n.Kind == yaml.SequenceNode {
			if depth++; depth > MaxDepth {
				return it.n
			}
		}
		for i := len(it.n.Content) - 1; i >= 0; i-- {
			stack = append(stack, item{it.n.Content[i], depth})
		}
	}
	return nil
}
