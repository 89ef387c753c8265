package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// frame returns the graph's label, as an HTML-like label: the title above
// a one-line key of the roles and link classes drawn. It is "" when there
// is neither.
func (d *diagram) frame(roles []Role, edges []edge, any bool) string {
	var rows []string
	if d.opt.Title != "" {
		rows = append(rows, fmt.Sprintf(`<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>%s</B></FONT></TD></TR>`, htmlText(d.opt.Title)))
	}
	if !d.opt.NoLegend && any {
		rows = append(rows, "<TR><TD ALIGN=\"LEFT\">"+legend(roles, edges, len(d.opt.Marks) > 0, len(d.opt.Paths) > 0, len(d.opt.Community) > 0)+"</TD></TR>")
	}
	if len(rows) == 0 {
		return ""
	}
	return `<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0">` + strings.Join(rows, "") + `</TABLE>>`
}

// legend is the key: a swatch per role drawn, a coloured line per link
// class drawn, and what bold edges and marks mean.
func legend(roles []Role, edges []edge, marks, paths, communities bool) string {
	var cells []string
	for _, r := range roles {
		st := styles[r]
		border := ""
		if r == RoleBlocked {
			border = `STYLE="dashed"`
		}
		cells = append(cells, fmt.Sprintf(`<TD BGCOLOR="%s" COLOR="#1c2833" BORDER="1" %s WIDTH="16" HEIGHT="10" FIXEDSIZE="TRUE"> </TD><TD ALIGN="LEFT">%s</TD>`, st.fill, border, htmlText(st.label)))
	}
	for _, c := range linkClasses {
		if !slices.ContainsFunc(edges, func(e edge) bool { return e.typ.Class() == c.class }) {
			continue
		}
		cells = append(cells, fmt.Sprintf(`<TD><FONT COLOR="%s"><B>%s</B></FONT></TD><TD ALIGN="LEFT">%s</TD>`, c.colour, c.sample, htmlText(c.label)))
	}
	if paths {
		cells = append(cells, `<TD><B>━━</B></TD><TD ALIGN="LEFT">evidence path</TD>`)
	}
	if marks {
		cells = append(cells, fmt.Sprintf(`<TD ALIGN="LEFT"><FONT COLOR="%s"><B>RESTRICTED</B></FONT>/<FONT COLOR="%s"><B>LOOPHOLE</B></FONT></TD><TD ALIGN="LEFT">export rules of the seller's country</TD>`, restrictedColour, loopholeColour))
	}
	if communities {
		cells = append(cells, `<TD ALIGN="LEFT">border colour: community</TD>`)
	}
	// the spacers leave room for fonts wider than the Helvetica Graphviz
	// measures text with (a browser without it uses DejaVu Sans, say)
	return `<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="1"><TR>` + strings.Join(cells, `<TD WIDTH="18"> </TD>`) + `</TR></TABLE>`
}

var linkClasses = []struct {
	class          graph.Class
	colour, sample string
	label          string
}{
	{graph.ClassTrade, tradeColour, "──▸", "goods or money"},
	{graph.ClassControl, controlColour, "──▸", "ownership or control"},
	{graph.ClassWeak, weakColour, "- - ▸", "weak tie"},
	{graph.ClassShared, sharedColour, "···▸", "shared address"},
	{graph.ClassIdentity, identityColour, "···", "same entity"},
	{graph.ClassTechnical, technicalColour, "- - ▸", "product, device, network"},
}
