package backend

import (
	"fmt"
	"net/http"
	"sync"
)

// deployments numbers dev deploys; nothing is really deployed.
type deployments struct {
	mu   sync.Mutex
	next int
}

func (d *deployments) add() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.next++
	return d.next
}

// deployed is the body of POST /v1/dev/deploy.
type deployed struct {
	CoreID        string  `json:"core_id"`
	PublishedSlug *string `json:"published_slug"`
}

// deploy serves POST /v1/dev/deploy, the one route the shared dev token
// opens. A ScaiKey access token opens it too when ScaiKey is configured.
func (s *Server) deploy(w http.ResponseWriter, r *http.Request) {
	if !s.isDevToken(r) {
		if !s.configured() {
			w.Header().Set("WWW-Authenticate", "Bearer")
			writeDetail(w, http.StatusUnauthorized, "invalid dev token")
			return
		}
		if _, err := s.verifyBearer(r); err != nil {
			writeAuthFailure(w, err)
			return
		}
	}

	body, errs := readObject(w, r)
	if errs == nil {
		errs = checkDeploy(body)
	}
	if errs != nil {
		writeValidation(w, errs)
		return
	}

	n := s.deploys.add()
	out := deployed{CoreID: fmt.Sprintf("core_dev_%d", n)}
	if body["publish_as_model"] == true {
		slug := fmt.Sprintf("dev-flow-%d", n)
		out.PublishedSlug = &slug
	}
	writeJSON(w, http.StatusOK, out)
}

// checkDeploy wants content (any JSON but null) and, if present, a boolean
// publish_as_model.
func checkDeploy(body map[string]any) []fieldError {
	var errs []fieldError
	if v, ok := body["content"]; !ok || v == nil {
		errs = append(errs, fieldError{
			Type: "missing", Loc: []any{"body", "content"}, Msg: "Field required", Input: body,
		})
	}
	if v, ok := body["publish_as_model"]; ok && v != nil {
		if _, isBool := v.(bool); !isBool {
			errs = append(errs, fieldError{
				Type: "bool_type", Loc: []any{"body", "publish_as_model"},
				Msg: "Input should be a valid boolean", Input: v,
			})
		}
	}
	return errs
}
