package render

import (
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// Role is what a node stands for in a diagram; it decides shape and colour.
// The order is the precedence when an entity has several roles.
type Role int

// Roles, from the most to the least important.
const (
	RoleListed Role = iota
	RoleBlocked
	RoleFront
	RoleVendor
	RoleReseller
	RoleHub
	RoleBankAccount
	RolePerson
	RoleAddress
	RoleProduct
	RoleDevice
	RoleNetwork
	RoleCompany
	RoleOther
)

type style struct {
	label string // legend text
	shape string
	fill  string
	font  string
	extra string  // further attributes, already DOT-formatted
	pen   float64 // border width; 0: the default
}

var styles = map[Role]style{
	RoleListed:      {"sanctioned (listed)", "box", "#c0392b", "white", `style="filled,diagonals"`, 2.5},
	RoleBlocked:     {"blocked by ownership", "box", "#f1948a", "black", `style="filled,diagonals,dashed"`, 2.5},
	RoleFront:       {"front company", "box", "#f39c12", "black", `style="filled,rounded,bold"`, 0},
	RoleVendor:      {"vendor", "box3d", "#2e86c1", "white", ``, 0},
	RoleReseller:    {"reseller", "box", "#aed6f1", "black", `style="filled,rounded"`, 0},
	RoleHub:         {"transshipment hub", "box", "#fad7a0", "black", `style="filled,rounded"`, 0},
	RoleBankAccount: {"bank account", "cylinder", "#f7dc6f", "black", ``, 0},
	RolePerson:      {"person", "ellipse", "#d2b4de", "black", ``, 0},
	RoleAddress:     {"address", "house", "#d5d8dc", "black", ``, 0},
	RoleProduct:     {"product", "component", "#a3e4d7", "black", ``, 0},
	RoleDevice:      {"device seen on a network", "tab", "#d4efdf", "black", ``, 0},
	RoleNetwork:     {"network", "hexagon", "#7dcea0", "black", ``, 0},
	RoleCompany:     {"company or organisation", "box", "#f2f3f4", "black", `style="filled,rounded"`, 0},
	RoleOther:       {"other", "ellipse", "#ffffff", "black", ``, 0},
}

// RoleOf returns the role an entity is drawn in; blocked says whether it is
// blocked by ownership (computed by the caller, see analysis/sanctions).
func RoleOf(e *graph.Entity, blocked bool) Role {
	switch {
	case e.Listed():
		return RoleListed
	case blocked:
		return RoleBlocked
	case e.HasTag(graph.TagFront):
		return RoleFront
	case e.HasTag(graph.TagVendor):
		return RoleVendor
	case e.HasTag(graph.TagReseller):
		return RoleReseller
	case e.HasTag(graph.TagHub):
		return RoleHub
	}
	switch e.Kind {
	case graph.BankAccount:
		return RoleBankAccount
	case graph.Person:
		return RolePerson
	case graph.Address:
		return RoleAddress
	case graph.Product:
		return RoleProduct
	case graph.Device:
		return RoleDevice
	case graph.Network:
		return RoleNetwork
	case graph.Company, graph.Organization, graph.LegalEntity, graph.Vessel, graph.Aircraft:
		return RoleCompany
	}
	return RoleOther
}

// Colours of the link classes.
const (
	tradeColour     = "#1e8449"
	controlColour   = "#17202a"
	weakColour      = "#7f8c8d"
	sharedColour    = "#99a3a4"
	identityColour  = "#2874a6"
	technicalColour = "#6c3483"
)

// linkStyle returns the DOT attributes of a link by its class.
func linkStyle(t graph.LinkType) string {
	switch t.Class() {
	case graph.ClassTrade:
		return `color="` + tradeColour + `", fontcolor="` + tradeColour + `"`
	case graph.ClassControl:
		return `color="` + controlColour + `", fontcolor="` + controlColour + `"`
	case graph.ClassWeak:
		return `color="` + weakColour + `", fontcolor="` + weakColour + `", style=dashed`
	case graph.ClassShared:
		return `color="` + sharedColour + `", fontcolor="` + weakColour + `", style=dotted`
	case graph.ClassIdentity:
		return `color="` + identityColour + `", fontcolor="` + identityColour + `", style=dotted, dir=none`
	}
	return `color="` + technicalColour + `", fontcolor="` + technicalColour + `", style=dashed`
}

// communityColours are the border colours of communities (Tableau 10).
var communityColours = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

func communityColour(c int) string {
	if c < 0 {
		return ""
	}
	return communityColours[c%len(communityColours)]
}

// rolesPresent lists the roles used, in precedence order, for the legend.
func rolesPresent(roles map[string]Role) []Role {
	var out []Role
	for _, r := range roles {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}
