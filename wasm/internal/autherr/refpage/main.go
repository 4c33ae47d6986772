// Command refpage writes the reference page of the module's errors,
// js/errors.md, from the catalog in package autherr, so that the page and
// what the module says can never disagree:
//
//	go generate ./wasm/internal/autherr
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/scaiflow/scaiauth/wasm/internal/autherr"
)

func main() {
	out := flag.String("o", "errors.md", "file to write")
	flag.Parse()
	if err := os.WriteFile(*out, render(autherr.Reference()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "refpage:", err)
		os.Exit(1)
	}
}

const intro = `# Errors of the sign-in module

<!-- Generated from wasm/internal/autherr by go generate ./wasm/internal/autherr.
     Edit the catalog there, not this page. -->

Every failure reaches the page as an AuthError: a stable code to branch on,
the message the page shows, a fix a person can act on and, where one code
has several reasons, a cause. When a server answered, status and detail hold
its answer. The first eight codes are the cases of the ScaiFlow
troubleshooting page, in its order; their messages are its words. The loader
adds a few codes of its own for failures before the module runs
(LOCAL_ERRORS in js/scaiauth.js).

`

// render writes the page: a table of contents, then one section per code.
func render(entries []autherr.Entry) []byte {
	var b bytes.Buffer
	b.WriteString(intro)
	b.WriteString("| Code | Message |\n|---|---|\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s |\n", e.Code, e.Code, cell(e.Message))
	}
	for _, e := range entries {
		fmt.Fprintf(&b, "\n## `%s`\n\n", e.Code)
		fmt.Fprintf(&b, "**Message:** %s\n\n", e.Message)
		fmt.Fprintf(&b, "**What happened:** %s\n\n", e.Why)
		fmt.Fprintf(&b, "**Fix:** %s\n", e.Fix)
		if len(e.Causes) == 0 {
			continue
		}
		b.WriteString("\n| Cause | What happened | Fix |\n|---|---|---|\n")
		for _, c := range e.Causes {
			fix := c.Fix
			if fix == "" {
				fix = "As above."
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, cell(c.Why), cell(fix))
		}
	}
	return b.Bytes()
}

// cell keeps a text from ending its table cell early.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
