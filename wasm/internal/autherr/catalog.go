package autherr

// The codes. The first eight are the cases of the ScaiFlow troubleshooting
// page; their messages are the page's own words.
const (
	StateMismatch          Code = "state_mismatch"
	OIDCNotConfigured      Code = "oidc_not_configured"
	CodeAlreadyUsed        Code = "code_already_used"
	AudienceMismatch       Code = "audience_mismatch"
	SaveRequiresScaiKey    Code = "save_requires_scaikey"
	MissingCredentials     Code = "missing_credentials"
	CatalogRequiresScaiKey Code = "catalog_requires_scaikey"
	SyncScopeMissing       Code = "sync_scope_missing"

	ScaiKeyRequired  Code = "scaikey_required"
	DevTokenRequired Code = "dev_token_required"
	SignInRequired   Code = "sign_in_required"
	ProviderError    Code = "provider_error"
	CallbackInvalid  Code = "callback_invalid"
	ExchangeRefused  Code = "exchange_refused"
	ProviderDown     Code = "provider_unavailable"
	BackendDown      Code = "backend_unavailable"
	BadResponse      Code = "bad_response"
	ConfigInvalid    Code = "config_invalid"
	DiscoveryFailed  Code = "discovery_failed"
	IDTokenInvalid   Code = "id_token_invalid"
	StorageFailed    Code = "storage_unavailable"
	ReturnToInvalid  Code = "return_to_invalid"
	LoginInterrupted Code = "login_interrupted"
	SessionExpired   Code = "session_expired"
	RequestRefused   Code = "request_refused"
	AdminRequired    Code = "admin_required"
	Unauthorized     Code = "unauthorized"
	Internal         Code = "internal"
)

type entry struct{ message, fix string }

const signInAgain = "Sign in again."

var catalog = map[Code]entry{
	StateMismatch: {
		"PKCE state mismatch — login flow is invalid or expired",
		"Sign in again. If it keeps happening, ensure the canvas is served from a single " +
			"origin (no localhost:5173 vs 127.0.0.1:5173 mismatch) and that redirect_uri " +
			"exactly matches the one configured in ScaiKey.",
	},
	OIDCNotConfigured: {
		"ScaiKey OIDC not configured on the server",
		"Set all three of SCAIKEY_BASE_URL, SCAIFLOW_SCAIKEY_CLIENT_ID and " +
			"SCAIFLOW_SCAIKEY_CLIENT_SECRET in the backend's .env and restart it.",
	},
	CodeAlreadyUsed: {
		"invalid_grant: code already used",
		"Refresh the page and sign in again. If it persists in development, check whether " +
			"hot reload re-mounts the callback: it should consume the code on mount and " +
			"clear the URL.",
	},
	AudienceMismatch: {
		"invalid token: Audience doesn't match",
		"ScaiKey issues aud = client_id. Unset SCAIKEY_AUDIENCE on the backend (it defaults " +
			"to SCAIFLOW_SCAIKEY_CLIENT_ID) or set it to exactly the client_id ScaiKey uses.",
	},
	SaveRequiresScaiKey: {
		"Save requires ScaiKey login",
		"The backend runs in dev_token mode: GET /v1/auth/config returned auth_mode " +
			"\"dev_token\", where only the dev deploy works, whoever is signed in. Set " +
			"SCAIKEY_BASE_URL, SCAIFLOW_SCAIKEY_CLIENT_ID and SCAIFLOW_SCAIKEY_CLIENT_SECRET " +
			"on the backend and restart it: auth_mode is \"scaikey\" only when all three are set.",
	},
	MissingCredentials: {
		"The backend has no ScaiGrid credentials for your tenant",
		"A tenant admin sets the tenant's API key with " +
			"POST /v1/tenants/me/scaigrid_credentials.",
	},
	CatalogRequiresScaiKey: {
		"Catalog requires ScaiKey login",
		"Sign in with ScaiKey, or wait until ScaiKey is configured on the backend. " +
			"The Examples tab works without it.",
	},
	SyncScopeMissing: {
		"Platform token requires admin:read or admin:write scope",
		"Re-issue the backend's ScaiKey credentials with admin:read and admin:write " +
			"(the scaiflow scaikey-register CLI does this for fresh tenants). Without them " +
			"the sync falls back to the slower member walk (users_method \"member_walk\").",
	},
	ScaiKeyRequired: {
		"This action requires ScaiKey login",
		"Configure ScaiKey on the backend so that GET /v1/auth/config returns " +
			"auth_mode \"scaikey\", then sign in.",
	},
	DevTokenRequired: {
		"Deploy needs the shared dev token",
		"Enter the backend's SCAIFLOW_API_TOKEN as the dev token. It is kept for this tab " +
			"only and sent only with POST /v1/dev/deploy.",
	},
	SignInRequired: {
		"Sign in with ScaiKey to continue",
		"Use Sign in; the action becomes available once you are signed in.",
	},
	ProviderError: {
		"ScaiKey refused the sign-in",
		signInAgain + " If it keeps happening, ask a ScaiKey administrator to check that " +
			"the canvas client may sign you in.",
	},
	CallbackInvalid: {
		"The sign-in answer in the address bar is malformed",
		signInAgain + " Open the canvas from its usual address rather than a copied " +
			"callback link.",
	},
	ExchangeRefused: {
		"ScaiKey refused to exchange the authorization code",
		signInAgain + " If it keeps happening, check that redirect_uri matches, byte for " +
			"byte, the one registered in ScaiKey and that the backend has the right client " +
			"secret.",
	},
	ProviderDown: {
		"ScaiKey is not answering",
		"Try again in a moment. If it persists, check that SCAIKEY_BASE_URL on the backend " +
			"points at a running ScaiKey.",
	},
	BackendDown: {
		"The ScaiFlow backend is not answering",
		"Check your connection and that the ScaiFlow API is running, then try again.",
	},
	BadResponse: {
		"The server sent a reply the canvas cannot read",
		"Check that the API base points at the ScaiFlow backend (the canvas expects JSON " +
			"from /api/v1) and not at a page or a proxy error.",
	},
	ConfigInvalid: {
		"The backend's sign-in configuration is incomplete",
		"GET /v1/auth/config must return scaikey_base_url, client_id and redirect_uri in " +
			"scaikey mode; check the backend's ScaiKey settings.",
	},
	DiscoveryFailed: {
		"ScaiKey's OpenID configuration could not be read",
		"Check that SCAIKEY_BASE_URL is right and that ScaiKey answers at " +
			"/api/v1/platform/oauth/.well-known/openid-configuration.",
	},
	IDTokenInvalid: {
		"The sign-in answer from ScaiKey failed its checks",
		signInAgain + " If it keeps happening, check the computer's clock and that the " +
			"backend talks to the same ScaiKey the canvas was configured with.",
	},
	StorageFailed: {
		"The browser refused to store the sign-in state",
		"Allow site data for this page (sessionStorage), leave private mode or a sandboxed " +
			"frame, then sign in again.",
	},
	ReturnToInvalid: {
		"The page to return to after sign-in is not on this site",
		"Pass a path on this origin, such as /flows/42.",
	},
	LoginInterrupted: {
		"The sign-in was interrupted while it was being completed",
		signInAgain,
	},
	SessionExpired: {
		"Your session has ended",
		signInAgain,
	},
	RequestRefused: {
		"The server refused the request",
		"Read the detail the server sent; try again once it is resolved.",
	},
	AdminRequired: {
		"Only a tenant admin can do this",
		"Ask a tenant admin of your ScaiFlow tenant to do it, or to give you the " +
			"tenant_admin role.",
	},
	Unauthorized: {
		"The server did not accept your sign-in",
		signInAgain,
	},
	Internal: {
		"Something went wrong inside the sign-in module",
		"Reload the page. If it keeps happening, copy the sign-in trace into a bug report.",
	},
}

// Fixes specific to a cause, where the code's general fix would mislead.
var causeFixes = map[Code]map[string]string{
	StateMismatch: {
		CauseNoPendingLogin: "Sign in again from this tab. The sign-in was started in " +
			"another tab or window, or this tab's storage was cleared, so this tab cannot " +
			"finish it.",
		CauseUnknownState: "Sign in again. This tab started a different sign-in than the " +
			"one ScaiKey answered; finish sign-ins in the tab that started them.",
		CauseExpired: "Sign in again and finish within ten minutes.",
		CauseOtherOrigin: "Open the canvas at the origin of redirect_uri (for example " +
			"http://localhost:5173, not http://127.0.0.1:5173) and sign in again.",
		CauseCorrupted: "Sign in again. The stored sign-in state of this tab was " +
			"damaged, so it was discarded.",
		CauseAlreadyUsed: "Nothing to do if you are signed in: this sign-in answer was " +
			"already used. Otherwise sign in again.",
	},
}

// Causes of StateMismatch.
const (
	CauseNoPendingLogin = "no_pending_login"
	CauseUnknownState   = "unknown_state"
	CauseExpired        = "expired"
	CauseOtherOrigin    = "other_origin"
	CauseAlreadyUsed    = "already_used"
	CauseCorrupted      = "corrupted"
)

// Codes lists every code in the catalog, for the reference page and tests.
func Codes() []Code {
	codes := make([]Code, 0, len(catalog))
	for c := range catalog {
		codes = append(codes, c)
	}
	return codes
}
