package backend

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Flow is a saved flow, as POST /v1/flows and PUT /v1/flows/{id} answer it.
// Revision counts the saves: 1 after the create, one more per update.
type Flow struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Description *string        `json:"description"`
	Content     map[string]any `json:"content"`
	TenantID    string         `json:"tenant_id"`
	CreatedBy   string         `json:"created_by"`
	Revision    int            `json:"revision"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
}

// flowStore keeps the flows of every tenant in memory.
type flowStore struct {
	mu    sync.Mutex
	byID  map[string]Flow
	order []string // ids, oldest first
}

func newFlowStore() *flowStore {
	return &flowStore{byID: make(map[string]Flow)}
}

// flowFields is what a Save sends: {name, description?, content}.
type flowFields struct {
	name        string
	description *string
	content     map[string]any
}

func readFlow(w http.ResponseWriter, r *http.Request) (flowFields, []fieldError) {
	body, errs := readObject(w, r)
	if errs != nil {
		return flowFields{}, errs
	}
	strs, errs := requireStrings(body, "name")
	var f flowFields
	if name, ok := strs["name"]; ok {
		f.name = name
		errs = append(errs, notEmpty("name", name)...)
	}
	var more []fieldError
	f.description, more = optionalString(body, "description")
	errs = append(errs, more...)
	f.content, more = requireObject(body, "content")
	errs = append(errs, more...)
	return f, errs
}

// createFlow serves POST /v1/flows: the first Save of a flow.
func (s *Server) createFlow(w http.ResponseWriter, r *http.Request, who caller) {
	f, errs := readFlow(w, r)
	if errs != nil {
		writeValidation(w, errs)
		return
	}
	now := s.now().UTC()
	st := s.flows
	st.mu.Lock()
	flow := Flow{
		ID: fmt.Sprintf("flw_%d", len(st.order)+1), Name: f.name, Description: f.description,
		Content: f.content, TenantID: who.TenantID, CreatedBy: who.Subject,
		Revision: 1, CreatedAt: now, UpdatedAt: now,
	}
	st.byID[flow.ID] = flow
	st.order = append(st.order, flow.ID)
	st.mu.Unlock()
	writeJSON(w, http.StatusCreated, flow)
}

// updateFlow serves PUT /v1/flows/{id}: every later Save. Another tenant's
// flow is answered like a missing one, so ids reveal nothing.
func (s *Server) updateFlow(w http.ResponseWriter, r *http.Request, who caller) {
	f, errs := readFlow(w, r)
	if errs != nil {
		writeValidation(w, errs)
		return
	}
	st := s.flows
	st.mu.Lock()
	flow, ok := st.byID[r.PathValue("id")]
	if ok && flow.TenantID == who.TenantID {
		flow.Name, flow.Description, flow.Content = f.name, f.description, f.content
		flow.Revision++
		flow.UpdatedAt = s.now().UTC()
		st.byID[flow.ID] = flow
	}
	st.mu.Unlock()
	if !ok || flow.TenantID != who.TenantID {
		writeDetail(w, http.StatusNotFound, "Flow not found")
		return
	}
	writeJSON(w, http.StatusOK, flow)
}

// flowOf returns a tenant's flow, for publishing it to the Catalog.
func (st *flowStore) flowOf(tenant, id string) (Flow, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	flow, ok := st.byID[id]
	return flow, ok && flow.TenantID == tenant
}

// Flows lists every saved flow, oldest first.
func (s *Server) Flows() []Flow {
	st := s.flows
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]Flow, 0, len(st.order))
	for _, id := range st.order {
		out = append(out, st.byID[id])
	}
	return out
}
