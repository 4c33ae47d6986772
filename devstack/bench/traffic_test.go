package bench

import (
	"slices"
	"testing"

	"github.com/chromedp/cdproto/network"
)

const (
	app      = "http://localhost:5173"
	provider = "http://localhost:9000"
)

// load plays the events of one request that came back with status.
func load(tr *traffic, id, method, url, document string, kind network.ResourceType,
	mimeType string, status int64) {
	tr.note(&network.EventRequestWillBeSent{
		RequestID: network.RequestID(id), DocumentURL: document, Type: kind,
		Request: &network.Request{Method: method, URL: url},
	})
	tr.note(&network.EventResponseReceived{
		RequestID: network.RequestID(id), Type: kind,
		Response: &network.Response{Status: status, MimeType: mimeType},
	})
	tr.note(&network.EventLoadingFinished{
		RequestID: network.RequestID(id), EncodedDataLength: 100,
	})
}

func TestTheSignInsTrafficIsWhatThePageFetched(t *testing.T) {
	tr := &traffic{
		origin:      app,
		responses:   make(map[network.RequestID]*response),
		revalidated: make(map[network.RequestID]bool),
	}
	tr.count(true)
	load(tr, "page", "GET", app+"/", app+"/", network.ResourceTypeDocument, "text/html", 200)
	load(tr, "module", "GET", app+"/static/scaiauth.wasm", app+"/", network.ResourceTypeFetch,
		"application/wasm", 200)
	load(tr, "discovery", "GET", provider+"/.well-known/openid-configuration", app+"/",
		network.ResourceTypeFetch, "application/json", 200)
	load(tr, "icon", "GET", app+"/favicon.ico", app+"/", network.ResourceTypeOther,
		"image/x-icon", 200)
	load(tr, "preflight", "OPTIONS", provider+"/token", app+"/",
		network.ResourceTypePreflight, "", 204)
	load(tr, "login form", "GET", provider+"/login", provider+"/login",
		network.ResourceTypeDocument, "text/html", 200)

	// The warm visit is not counted.
	tr.count(false)
	load(tr, "warm page", "GET", app+"/", app+"/", network.ResourceTypeDocument, "text/html", 200)
	tr.count(true)

	// The callback page: reached through the provider's redirects, its
	// script only confirmed by a 304, whose real status comes first.
	tr.note(&network.EventRequestWillBeSent{
		RequestID: "callback", DocumentURL: provider + "/login",
		Type:    network.ResourceTypeDocument,
		Request: &network.Request{Method: "POST", URL: provider + "/login"},
	})
	load(tr, "callback", "GET", app+"/auth/callback?code=c&state=s", app+"/auth/callback?code=c",
		network.ResourceTypeDocument, "text/html", 200)
	tr.note(&network.EventResponseReceivedExtraInfo{RequestID: "script", StatusCode: 304})
	load(tr, "script", "GET", app+"/app.js", app+"/auth/callback", network.ResourceTypeScript,
		"text/javascript", 200)
	load(tr, "token", "POST", provider+"/token", app+"/auth/callback",
		network.ResourceTypeFetch, "application/json", 200)

	var got []string
	for _, tf := range tr.transfers() {
		kind := "call"
		if tf.code {
			kind = "code"
		}
		if tf.fromPage {
			kind += " from the page"
		}
		got = append(got, string(tf.id)+": "+kind)
	}
	slices.Sort(got)
	want := []string{
		"callback: code",
		"discovery: call",
		"module: code",
		"page: code",
		"token: call from the page",
	}
	if !slices.Equal(got, want) {
		t.Errorf("counted\n%q\nwant\n%q", got, want)
	}
}
