package analysis

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// graphPath is the import path of the package that declares Store.
const graphPath = "github.com/shellnet/shellnet/graph"

// allowed are the exported functions that may take a graph.Store: the one
// place where a store becomes a snapshot.
var allowed = map[string]bool{"snapshot.Build": true}

// No exported function or method of analysis/... takes a graph.Store
// (DESIGN.md: analyses run on a snapshot, never on a store), nor has an
// exported struct field of that type through which one could be passed;
// snapshot.Build alone turns a store into the value analyses take.
func TestNoAnalysisTakesAStore(t *testing.T) {
	fset := token.NewFileSet()
	checked, builds := 0, 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if strings.Contains(filepath.ToSlash(path), "testdata/") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		graphName := ""
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == graphPath {
				graphName = "graph"
				if imp.Name != nil {
					graphName = imp.Name.Name
				}
			}
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if !decl.Name.IsExported() || (decl.Recv != nil && !exportedReceiver(decl.Recv)) {
					continue
				}
				checked++
				name := f.Name.Name + "." + decl.Name.Name
				if graphName != "" && mentionsStore(decl.Type.Params, graphName) {
					if allowed[name] && decl.Recv == nil {
						builds++
						continue
					}
					t.Errorf("%s: %s takes a graph.Store: take a *snapshot.Snapshot (or the projection) instead", fset.Position(decl.Pos()), name)
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok || !ts.Name.IsExported() || graphName == "" {
						continue
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					for _, field := range st.Fields.List {
						exported := len(field.Names) == 0
						for _, n := range field.Names {
							exported = exported || n.IsExported()
						}
						if exported && mentions(field.Type, graphName) {
							t.Errorf("%s: exported field of %s.%s holds a graph.Store", fset.Position(field.Pos()), f.Name.Name, ts.Name.Name)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 || builds != 1 {
		t.Errorf("checked %d exported functions and found snapshot.Build %d times: want many and once (is the walk in the right folder?)", checked, builds)
	}
}

// exportedReceiver reports whether a method's receiver is an exported type.
func exportedReceiver(recv *ast.FieldList) bool {
	typ := recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if idx, ok := typ.(*ast.IndexExpr); ok {
		typ = idx.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

// mentionsStore reports whether a parameter list mentions graph.Store
// anywhere in its types (a callback's parameters included).
func mentionsStore(params *ast.FieldList, graphName string) bool {
	for _, p := range params.List {
		if mentions(p.Type, graphName) {
			return true
		}
	}
	return false
}

// mentions reports whether the type expression e names graphName.Store.
func mentions(e ast.Expr, graphName string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == graphName && sel.Sel.Name == "Store" {
				found = true
			}
		}
		return !found
	})
	return found
}
