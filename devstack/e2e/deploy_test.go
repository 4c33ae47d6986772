package e2e

import (
	"testing"

	"github.com/scaiflow/scaiauth/devstack"
)

// devToken is the stack's shared token in these tests (startStack).
const devToken = "dev-token-for-tests"

func TestDevDeployCarriesTheDevTokenAndNothingElseDoes(t *testing.T) {
	t.Run("dev_token mode", func(t *testing.T) {
		s := startStack(t, func(o *devstack.Options) { o.Configured = false })
		tb := newTab(t)
		openCanvas(tb, s)
		enterDevToken(tb, devToken)
		openExample(tb, "invoice-intake.json")
		clickAction(tb, "deploy", "Deployed as core_dev_1.")

		// Everything else the page could ask for, with the token set.
		refused := eval[[]string](tb, `Promise.all([
			["/api/v1/catalog", {}],
			["/api/v1/flows", {method: "POST", body: "{}"}],
			["/api/v1/catalog/publish", {method: "POST", body: "{}"}],
			["/api/v1/me", {}],
			["/api/v1/dev/deploy", {}],
		].map(([url, init]) => window.scaiauth.fetch(url, init).then(
			() => "answered", (error) => error.code)))`)
		if len(refused) != 5 || refused[0] != "catalog_requires_scaikey" ||
			refused[1] != "save_requires_scaikey" || refused[2] != "catalog_requires_scaikey" {
			t.Errorf("other routes answered %v", refused)
		}
		checkCredentials(t, s, 1)
		if eval[bool](tb, `JSON.stringify({...sessionStorage, ...localStorage}).includes(`+
			js(devToken)+`)`) {
			t.Error("the dev token was written to storage")
		}
	})

	t.Run("scaikey mode, signed in", func(t *testing.T) {
		s := startStack(t, nil)
		tb := newTab(t)
		signIn(tb, s, "/")
		enterDevToken(tb, devToken)
		openExample(tb, "invoice-intake.json")
		clickAction(tb, "save", "Saved as flw_1.")
		clickAction(tb, "deploy", "Deployed as core_dev_1.")
		clickAction(tb, "save", "Saved flw_1, revision 2.")
		if n := eval[int](tb, `window.scaiauth.fetch("/api/v1/catalog")
			.then((reply) => reply.json()).then((list) => list.length)`); n != 2 {
			t.Errorf("catalog listed %d packages", n)
		}
		checkCredentials(t, s, 1)
	})
}

// checkCredentials asks the backend which bearer reached which route.
func checkCredentials(t *testing.T, s *devstack.Stack, deploys int64) {
	t.Helper()
	st := s.Stats()
	if st.DevTokenOnDeploy != deploys || st.DevTokenElsewhere != 0 ||
		st.ScaiKeyTokenOnDeploy != 0 {
		t.Errorf("backend saw %d deploys with the dev token (want %d), the dev token "+
			"%d times elsewhere, a ScaiKey token %d times on the deploy",
			st.DevTokenOnDeploy, deploys, st.DevTokenElsewhere, st.ScaiKeyTokenOnDeploy)
	}
}
