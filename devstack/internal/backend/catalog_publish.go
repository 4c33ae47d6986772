package backend

import (
	"net/http"
	"regexp"
)

// The shapes a package id and a version must have.
var (
	packageIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,63}$`)
	versionPattern   = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
)

// publication is the body of POST /v1/catalog/publish: {package_id, name,
// version, description?, readme?, flow_id or content}.
type publication struct {
	Package
	flowID *string
}

func readPublication(w http.ResponseWriter, r *http.Request) (publication, []fieldError) {
	body, errs := readObject(w, r)
	if errs != nil {
		return publication{}, errs
	}
	var p publication
	strs, errs := requireStrings(body, "package_id", "name", "version")
	if v, ok := strs["package_id"]; ok {
		p.PackageID = v
		errs = append(errs, matches("package_id", v, packageIDPattern)...)
	}
	if v, ok := strs["name"]; ok {
		p.Name = v
		errs = append(errs, notEmpty("name", v)...)
	}
	if v, ok := strs["version"]; ok {
		p.Version = v
		errs = append(errs, matches("version", v, versionPattern)...)
	}
	var more []fieldError
	optional := []struct {
		name  string
		field **string
	}{{"description", &p.Description}, {"readme", &p.Readme}, {"flow_id", &p.flowID}}
	for _, o := range optional {
		*o.field, more = optionalString(body, o.name)
		errs = append(errs, more...)
	}
	if v, ok := body["content"]; ok && v != nil {
		p.Content, more = requireObject(body, "content")
		errs = append(errs, more...)
	}
	if p.flowID == nil && p.Content == nil && errs == nil {
		// pydantic's model validator error, as FastAPI reports it.
		errs = []fieldError{{
			Type: "value_error", Loc: []any{"body"},
			Msg:   "Value error, either flow_id or content is required",
			Input: body, Ctx: map[string]any{"error": map[string]any{}},
		}}
	}
	return p, errs
}

// publish serves POST /v1/catalog/publish: the current flow, by its saved
// id or its content, becomes a version of a package of the caller's tenant.
func (s *Server) publish(w http.ResponseWriter, r *http.Request, who caller) {
	p, errs := readPublication(w, r)
	if errs != nil {
		writeValidation(w, errs)
		return
	}
	// With both, the saved flow wins: its id is what the package records.
	if p.flowID != nil {
		flow, ok := s.flows.flowOf(who.TenantID, *p.flowID)
		if !ok {
			writeDetail(w, http.StatusNotFound, "Flow not found")
			return
		}
		p.FlowID = p.flowID
		p.Content = flow.Content
	}
	tenant := who.TenantID
	p.TenantID = &tenant
	p.PublishedBy = who.Subject
	p.PublishedAt = s.now().UTC()

	if status, detail := s.catalog.add(p.Package); status != 0 {
		writeDetail(w, status, detail)
		return
	}
	writeJSON(w, http.StatusCreated, p.Package)
}
