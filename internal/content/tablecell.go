package content

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableCells renders a Markdown table's cells with their column's
// alignment ("|---:|") as a class (align-right, align-center,
// align-left) that the theme's style sheet sets, where goldmark writes a
// style attribute (style="text-align:right"): the pages' Content Security
// Policy allows style sheets from the site only (style-src 'self'), so
// browsers drop every style attribute and report each one as a
// violation, and a column of figures lost its alignment. Cells carry no
// other attribute: Markdown has no syntax for one.
type tableCells struct{}

// tableCellPriority puts tableCells before goldmark's own table renderer
// (priority 500), whose function for cells it replaces.
const tableCellPriority = 100

func (tableCells) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTableCell, renderTableCell)
}

// openTail ends a cell's opening tag: its alignment's class, if any.
func openTail(a extast.Alignment) string {
	switch a {
	case extast.AlignLeft:
		return ` class="align-left">`
	case extast.AlignRight:
		return ` class="align-right">`
	case extast.AlignCenter:
		return ` class="align-center">`
	}
	return ">"
}

func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*extast.TableCell)
	tag := "td"
	if n.Parent() != nil && n.Parent().Kind() == extast.KindTableHeader {
		tag = "th"
	}
	if entering {
		_ = w.WriteByte('<')
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(openTail(n.Alignment))
	} else {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
	}
	return ast.WalkContinue, nil
}
