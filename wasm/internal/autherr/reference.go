package autherr

//go:generate go run ./refpage -o ../../../js/errors.md

import (
	"slices"
	"strings"
)

// Entry is one code as the reference page (js/errors.md) explains it.
type Entry struct {
	Code    Code
	Message string // what the page shows
	Why     string // what happened, for a person
	Fix     string
	Causes  []Cause
}

// Cause is a finer reason within a code, as Error.Cause carries it.
type Cause struct {
	Name string // the value of Error.Cause; <…> marks a family, such as status_<N>
	Why  string
	Fix  string // the cause's own fix, or "" when the code's fix applies
}

// Troubleshooting lists the codes of the ScaiFlow troubleshooting page, in
// the page's order.
var Troubleshooting = []Code{
	StateMismatch, OIDCNotConfigured, CodeAlreadyUsed, AudienceMismatch,
	SaveRequiresScaiKey, MissingCredentials, CatalogRequiresScaiKey, SyncScopeMissing,
}

// Documented reports whether c is one of the troubleshooting page's cases,
// the failures a person is told about wherever they happen.
func Documented(c Code) bool {
	return slices.Contains(Troubleshooting, c)
}

// Reference returns every code of the catalog, the troubleshooting page's
// first and in its order, then the others by name.
func Reference() []Entry {
	codes := Codes()
	slices.SortFunc(codes, func(a, b Code) int {
		ia, ib := slices.Index(Troubleshooting, a), slices.Index(Troubleshooting, b)
		switch {
		case ia >= 0 && ib >= 0:
			return ia - ib
		case ia >= 0:
			return -1
		case ib >= 0:
			return 1
		}
		return strings.Compare(string(a), string(b))
	})

	out := make([]Entry, 0, len(codes))
	for _, c := range codes {
		e := Entry{Code: c, Message: catalog[c].message, Why: whys[c], Fix: catalog[c].fix}
		for _, cause := range causes[c] {
			cause.Fix = causeFixes[c][cause.Name]
			e.Causes = append(e.Causes, cause)
		}
		out = append(out, e)
	}
	return out
}
