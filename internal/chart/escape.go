package chart

import (
	"fmt"
	"strconv"
	"strings"
)

// strTable keeps content strings away from go-echarts. Each string is given
// to the library as a placeholder that JSON encoding, html/template's JS
// handling and go-echarts' "__f__" marker removal all leave alone; restore
// then puts the real strings back, each as an HTML-safe JSON string literal.
//
// Why not escape the strings and pass them in: go-echarts JSON-encodes with
// HTML escaping off and afterwards deletes every "__f__" (with an adjoining
// quote) in the whole option, so a category "__f__alert(1)__f__" becomes
// the code alert(1), and escapes of ours would be escaped again.
type strTable struct {
	strs []string
}

// placeholderFormat makes the placeholder of string i. Only ASCII letters,
// digits and '-', which no layer escapes; quotes are added when matching,
// so "bantin-str-1" never matches inside "bantin-str-10".
const placeholderFormat = "bantin-str-%d"

// add records s and returns what to give go-echarts in its place. The
// empty string stays empty: go-echarts omits empty names.
func (t *strTable) add(s string) string {
	if s == "" {
		return ""
	}
	t.strs = append(t.strs, s)
	return fmt.Sprintf(placeholderFormat, len(t.strs)-1)
}

// restore replaces every quoted placeholder in option with its string as a
// JSON literal (json.Marshal: <, >, & become \u003c, \u003e, \u0026, so no
// string can write </script> or <!--). Every placeholder must occur: one
// that go-echarts dropped means the option is not what Render meant.
func (t *strTable) restore(option string) (string, error) {
	if len(t.strs) == 0 {
		return option, nil
	}
	// One pass over the option, whatever the number of strings: a chart of
	// a daily series has thousands of labels, and a search per label
	// would take time growing with their square.
	var b strings.Builder
	b.Grow(len(option))
	seen := make([]bool, len(t.strs))
	const open = `"bantin-str-`
	rest := option
	for {
		i := strings.Index(rest, open)
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := i + len(open)
		k := j
		for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
			k++
		}
		n, err := strconv.Atoi(rest[j:k])
		if k == j || k >= len(rest) || rest[k] != '"' || err != nil || n >= len(t.strs) {
			b.WriteString(rest[:j])
			rest = rest[j:]
			continue
		}
		b.WriteString(rest[:i])
		b.WriteString(jsString(t.strs[n]))
		seen[n] = true
		rest = rest[k+1:]
	}
	for i, ok := range seen {
		if !ok {
			return "", fmt.Errorf("internal: go-echarts dropped string %d (%q)", i, t.strs[i])
		}
	}
	return b.String(), nil
}
