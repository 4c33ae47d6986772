package auth

import (
	"encoding/json"
	"time"
)

// TraceStep is one step of the last sign-in, for a bug report. Details are
// written by the module itself and never carry a token, code, verifier,
// state or nonce.
type TraceStep struct {
	At     time.Time `json:"at"`
	Step   string    `json:"step"`
	Detail string    `json:"detail"`
}

// maxTrace bounds the trace; the oldest steps go first.
const maxTrace = 64

type trace []TraceStep

func (a *Auth) step(name, detail string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.trace) == maxTrace {
		copy(a.trace, a.trace[1:])
		a.trace = a.trace[:maxTrace-1]
	}
	a.trace = append(a.trace, TraceStep{At: a.env.Now().UTC(), Step: name, Detail: detail})
}

// traceKey keeps the trace in sessionStorage across the redirect to the
// provider, so that the trace of the page the provider sends back to starts
// where the sign-in did: on which origin, with which redirect_uri. Its
// steps carry no secret, here as everywhere in the trace.
const traceKey = "scaiauth.trace"

// maxDetail bounds a kept step's detail: what comes back from storage is
// read as text, not trusted to be short.
const maxDetail = 300

// keepTrace saves this page's steps for the page after the redirect. It is
// best effort: a storage that refuses costs the bug report a few lines.
func (a *Auth) keepTrace() {
	raw, err := json.Marshal(a.Trace())
	if err == nil {
		_ = a.env.Storage.Set(traceKey, string(raw))
	}
}

// resumeTrace puts the steps kept before a redirect in front of this page's
// own, and forgets them, so that they are told once.
func (a *Auth) resumeTrace() {
	raw, ok, err := a.env.Storage.Get(traceKey)
	if err != nil || !ok {
		return
	}
	_ = a.env.Storage.Remove(traceKey)
	var kept trace
	if json.Unmarshal([]byte(raw), &kept) != nil {
		return
	}
	for i := range kept {
		if len(kept[i].Detail) > maxDetail {
			kept[i].Detail = kept[i].Detail[:maxDetail]
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	merged := append(kept, a.trace...)
	if len(merged) > maxTrace {
		merged = merged[len(merged)-maxTrace:]
	}
	a.trace = merged
}

// Trace returns a copy of the recorded steps.
func (a *Auth) Trace() []TraceStep {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]TraceStep(nil), a.trace...)
}
