package backend

import (
	"cmp"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Package is one published version of a Catalog package. TenantID is null
// for packages every tenant sees, such as the ones ScaiFlow ships.
type Package struct {
	PackageID   string    `json:"package_id"`
	Name        string    `json:"name"`
	Description *string   `json:"description"`
	Version     string    `json:"version"`
	Readme      *string   `json:"readme"`
	FlowID      *string   `json:"flow_id"`
	TenantID    *string   `json:"tenant_id"`
	PublishedBy string    `json:"published_by"`
	PublishedAt time.Time `json:"published_at"`

	// Content is the published flow; the list leaves it out.
	Content map[string]any `json:"-"`
}

// catalogStore keeps every published version, in publishing order.
type catalogStore struct {
	mu       sync.Mutex
	versions []Package
}

// newCatalogStore starts with two packages, so that Browse has something
// to list before anyone publishes.
func newCatalogStore(now time.Time) *catalogStore {
	shipped := func(id, name, description, version string, age time.Duration) Package {
		return Package{
			PackageID: id, Name: name, Description: &description, Version: version,
			PublishedBy: "ScaiFlow", PublishedAt: now.Add(-age),
			Content: map[string]any{"nodes": []any{}, "edges": []any{}},
		}
	}
	return &catalogStore{versions: []Package{
		shipped("invoice-triage", "Invoice triage",
			"Reads invoices from a queue, extracts the totals and routes large ones "+
				"for approval.", "1.2.0", 30*24*time.Hour),
		shipped("support-digest", "Support digest",
			"Summarises yesterday's support tickets every morning and posts the digest.",
			"0.4.1", 9*24*time.Hour),
	}}
}

// visibleTo lists what a tenant sees: shared packages and its own, each at
// its latest published version, ordered by name.
func (c *catalogStore) visibleTo(tenant string) []Package {
	c.mu.Lock()
	defer c.mu.Unlock()
	latest := map[string]Package{}
	for _, p := range c.versions {
		if p.TenantID == nil || *p.TenantID == tenant {
			latest[p.PackageID] = p
		}
	}
	out := make([]Package, 0, len(latest))
	for _, p := range latest {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Package) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.PackageID, b.PackageID))
	})
	return out
}

// add publishes p unless its id belongs to another publisher or the
// version exists; it answers the HTTP status and detail of a refusal.
func (c *catalogStore) add(p Package) (int, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, q := range c.versions {
		if q.PackageID != p.PackageID {
			continue
		}
		if q.TenantID == nil || p.TenantID == nil || *q.TenantID != *p.TenantID {
			return http.StatusForbidden,
				"Package " + p.PackageID + " belongs to another publisher"
		}
		if q.Version == p.Version {
			return http.StatusConflict,
				"Version " + p.Version + " of " + p.PackageID + " is already published"
		}
	}
	c.versions = append(c.versions, p)
	return 0, ""
}

// all lists every published version, in publishing order.
func (c *catalogStore) all() []Package {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.versions)
}

// Packages lists every published version, the shipped ones first.
func (s *Server) Packages() []Package { return s.catalog.all() }
