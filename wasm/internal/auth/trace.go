package auth

import "time"

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

// Trace returns a copy of the recorded steps.
func (a *Auth) Trace() []TraceStep {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]TraceStep(nil), a.trace...)
}
