package devstack

import "github.com/scaiflow/scaiauth/devstack/internal/backend"

// Flow is a flow saved through POST /v1/flows and PUT /v1/flows/{id}.
type Flow = backend.Flow

// Package is one published version of a Catalog package.
type Package = backend.Package

// Flows lists the flows the backend holds, oldest first, for tests that
// check what a Save did.
func (s *Stack) Flows() []Flow { return s.api.Flows() }

// Packages lists every published Catalog version, the two the backend
// ships with first, for tests that check what a Publish did.
func (s *Stack) Packages() []Package { return s.api.Packages() }
