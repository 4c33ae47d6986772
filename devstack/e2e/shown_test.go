package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// shown is an error as the canvas page shows it in #error, next to the
// module's auth.lastError.
type shown struct {
	Visible bool      `json:"visible"`
	Message string    `json:"message"`
	Fix     string    `json:"fix"`
	Line    string    `json:"line"` // code · cause · HTTP status
	Last    *lastSeen `json:"last"`
}

type lastSeen struct {
	Code    string `json:"code"`
	Cause   string `json:"cause"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
	Status  int    `json:"status"`
}

const readShown = `JSON.stringify((() => {
	const box = document.querySelector("#error");
	const text = (selector) => box.querySelector(selector).textContent;
	const last = window.scaiauth ? window.scaiauth.lastError : null;
	return {
		visible: !box.hidden,
		message: text(".error-message"),
		fix: text(".error-fix"),
		line: text(".error-code"),
		last: last && {code: last.code, cause: last.cause ?? "", message: last.message,
			fix: last.fix, status: last.status ?? 0},
	};
})())`

// want is the error a case must end in.
type want struct {
	code, cause string
	status      int
	message     string   // the whole message, or its start when prefix is set
	prefix      bool     // the message goes on with details of this case
	fix         []string // what the fix must mention
}

// wantShown waits until the module's last error is the wanted one and the
// page shows it, then checks the message, the fix and the code line.
func (tb *tab) wantShown(w want) shown {
	tb.t.Helper()
	var s shown
	deadline := time.Now().Add(15 * time.Second)
	for {
		if err := json.Unmarshal([]byte(eval[string](tb, readShown)), &s); err != nil {
			tb.t.Fatal(err)
		}
		if s.Visible && s.Last != nil && s.Last.Code == w.code && s.Last.Cause == w.cause &&
			(w.status == 0 || s.Last.Status == w.status) {
			break
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("waiting for %s (%s): the page shows %+v, lastError %+v\n%s",
				w.code, w.cause, s, s.Last, tb.describe())
		}
		time.Sleep(100 * time.Millisecond)
	}

	if got := s.Message; got != w.message && !(w.prefix && strings.HasPrefix(got, w.message)) {
		tb.t.Errorf("message shown %q, want %q", got, w.message)
	}
	if s.Last.Message != s.Message || s.Last.Fix != s.Fix {
		tb.t.Errorf("the page shows %q / %q but lastError is %q / %q",
			s.Message, s.Fix, s.Last.Message, s.Last.Fix)
	}
	for _, phrase := range w.fix {
		if !strings.Contains(s.Fix, phrase) {
			tb.t.Errorf("fix shown %q does not mention %q", s.Fix, phrase)
		}
	}
	line := []string{w.code}
	if w.cause != "" {
		line = append(line, w.cause)
	}
	if w.status != 0 {
		line = append(line, fmt.Sprintf("HTTP %d", w.status))
	}
	if want := strings.Join(line, " · "); s.Line != want {
		tb.t.Errorf("code line shown %q, want %q", s.Line, want)
	}
	return s
}

// fetchError calls auth.fetch on the page and returns the AuthError it
// rejected with, or fails when it resolved.
func (tb *tab) fetchError(path, init string) lastSeen {
	tb.t.Helper()
	if init == "" {
		init = "{}"
	}
	raw := eval[string](tb, `window.scaiauth.fetch(`+quote(path)+`, `+init+`).then(
		(r) => JSON.stringify({resolved: r.status}),
		(e) => JSON.stringify({code: e.code, cause: e.cause ?? "", message: e.message,
			fix: e.fix, status: e.status ?? 0}))`)
	var e struct {
		lastSeen
		Resolved int `json:"resolved"`
	}
	if err := json.Unmarshal([]byte(raw), &e); err != nil {
		tb.t.Fatal(err)
	}
	if e.Resolved != 0 {
		tb.t.Fatalf("fetch %s answered %d, want an AuthError", path, e.Resolved)
	}
	return e.lastSeen
}

// fetchJSON calls auth.fetch on the page and returns the status and the
// JSON body of the answer.
func fetchJSON[T any](tb *tab, path, init string) (int, T) {
	tb.t.Helper()
	if init == "" {
		init = "{}"
	}
	raw := eval[string](tb, `window.scaiauth.fetch(`+quote(path)+`, `+init+`).then(
		async (r) => JSON.stringify({status: r.status, body: r.status === 204 ? null :
			await r.json()}))`)
	var out struct {
		Status int `json:"status"`
		Body   T   `json:"body"`
	}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		tb.t.Fatal(err)
	}
	return out.Status, out.Body
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// post is the init of a JSON POST for auth.fetch.
func post(body string) string {
	return `{method: "POST", headers: {"content-type": "application/json"}, body: ` +
		quote(body) + `}`
}
