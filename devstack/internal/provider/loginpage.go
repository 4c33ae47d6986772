package provider

import (
	"html/template"
	"net/http"
)

// loginPage is the provider's sign-in form. Browser tests drive it by the
// ids username, password and submit; html/template escapes every value.
var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · ScaiKey (development)</title>
<style>
body { font: 16px system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; }
label, input, button { display: block; width: 100%; box-sizing: border-box; }
input, button { margin: .25rem 0 1rem; padding: .5rem; }
.error { color: #b00020; }
.hint { color: #555; font-size: .875rem; }
</style>
</head>
<body>
<h1>ScaiKey</h1>
<p class="hint">Development provider. Signing in to <strong>{{.ClientID}}</strong>.</p>
{{if .Error}}<p class="error" id="error" role="alert">{{.Error}}</p>{{end}}
<form method="post" action="{{.Action}}">
<input type="hidden" name="authRequestID" value="{{.AuthRequestID}}">
<label for="username">Email</label>
<input id="username" name="username" type="text" autocomplete="username"
 value="{{.Username}}" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="submit" type="submit">Sign in</button>
</form>
</body>
</html>
`))

// problemPage explains a sign-in that cannot continue, e.g. an expired
// request; it has no form because there is nothing to submit to.
var problemPage = template.Must(template.New("problem").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in problem · ScaiKey (development)</title></head>
<body>
<h1>ScaiKey</h1>
<p class="error" id="error" role="alert">{{.}}</p>
</body>
</html>
`))

type loginForm struct {
	Action        string
	AuthRequestID string
	ClientID      string
	Username      string
	Error         string
}

func renderLogin(w http.ResponseWriter, status int, form loginForm) {
	noStore(w)
	w.WriteHeader(status)
	_ = loginPage.Execute(w, form)
}

func renderProblem(w http.ResponseWriter, status int, message string) {
	noStore(w)
	w.WriteHeader(status)
	_ = problemPage.Execute(w, message)
}

func noStore(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
}
