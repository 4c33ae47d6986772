//go:build !js

package autherr

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The reference page is for people: each code of the catalog must have its
// section there, with the words the module says.
func TestEveryCodeHasAnEntryInTheReferencePage(t *testing.T) {
	raw, err := os.ReadFile("../../../js/errors.md")
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	for _, e := range Reference() {
		heading := "\n## `" + string(e.Code) + "`\n"
		i := strings.Index(page, heading)
		if i < 0 {
			t.Errorf("js/errors.md has no entry for %s: run go generate ./wasm/internal/autherr",
				e.Code)
			continue
		}
		section := page[i+len(heading):]
		if end := strings.Index(section, "\n## "); end >= 0 {
			section = section[:end]
		}
		if !strings.Contains(section, e.Message) || !strings.Contains(section, e.Fix) {
			t.Errorf("the entry for %s lacks its message or fix: run go generate "+
				"./wasm/internal/autherr", e.Code)
		}
	}
}

// Every cause the module can set must be explained on the page. Causes are
// found in the source: string literals passed to Because, and constants
// named Cause….
func TestEveryCauseTheModuleSetsIsDocumented(t *testing.T) {
	documented := map[string]bool{}
	for _, e := range Reference() {
		for _, c := range e.Causes {
			documented[c.Name] = true
		}
	}
	for cause, where := range causesInSource(t, "../..") {
		if !documented[cause] {
			t.Errorf("cause %q (%s) is not explained in explain.go", cause, where)
		}
	}
}

// causesInSource maps each cause literal of the non-test Go files below dir
// to one place it appears.
func causesInSource(t *testing.T, dir string) map[string]string {
	t.Helper()
	found := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") ||
			strings.HasSuffix(path, "_test.go") {
			return err
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(file, func(n ast.Node) bool {
			for _, lit := range causeLiterals(n) {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					found[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 {
		t.Fatal("no causes found in the source: is the walk in the right place?")
	}
	return found
}

// causeLiterals returns the string literals n gives as a cause.
func causeLiterals(n ast.Node) []*ast.BasicLit {
	var out []*ast.BasicLit
	switch n := n.(type) {
	case *ast.CallExpr:
		sel, ok := n.Fun.(*ast.SelectorExpr)
		if ok && sel.Sel.Name == "Because" && len(n.Args) == 1 {
			if lit, ok := n.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				out = append(out, lit)
			}
		}
	case *ast.ValueSpec:
		for i, name := range n.Names {
			if !strings.HasPrefix(name.Name, "Cause") || i >= len(n.Values) {
				continue
			}
			if lit, ok := n.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				out = append(out, lit)
			}
		}
	}
	return out
}
