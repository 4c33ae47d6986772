package autherr

// whys say what happened behind each code, for the reference page. They
// are written for the person reading a bug report, not for the page.
var whys = map[Code]string{
	StateMismatch: "The answer ScaiKey sent back cannot be matched with a sign-in this tab " +
		"started. The PKCE verifier, the state and the nonce live in sessionStorage, which " +
		"belongs to one tab and one origin; the answer landed where they are not.",
	OIDCNotConfigured: "The backend answered 503: it lacks at least one of SCAIKEY_BASE_URL, " +
		"SCAIFLOW_SCAIKEY_CLIENT_ID and SCAIFLOW_SCAIKEY_CLIENT_SECRET, so it can neither " +
		"exchange a code nor refresh a session. Seen when the backend that answers the " +
		"exchange is not the one that answered GET /v1/auth/config (a replica started " +
		"without the settings), or was restarted without them.",
	CodeAlreadyUsed: "ScaiKey refused the code exchange with invalid_grant: an authorization " +
		"code can be exchanged once, and this one had been presented before (or had " +
		"expired). The module itself never sends a code twice: it claims the code in " +
		"sessionStorage before the exchange, so a re-mount, a hot reload, a reload or a " +
		"double click on the callback gets the first outcome. A copy of the tab's storage, " +
		"such as a duplicated tab holds, can still send it again.",
	AudienceMismatch: "The backend verifies access tokens against SCAIKEY_AUDIENCE, and the " +
		"token's aud claim does not hold it. ScaiKey issues aud = client_id, so a backend " +
		"whose SCAIKEY_AUDIENCE is anything else (such as user-portal) refuses every call " +
		"with 401. Without a cause, the backend answered that 401.",
	SaveRequiresScaiKey: "Save needs ScaiKey and the backend runs in dev_token mode: " +
		"GET /v1/auth/config returned auth_mode \"dev_token\". There only POST " +
		"/v1/dev/deploy works, with the shared dev token; a ScaiKey sign-in from before " +
		"the backend lost its settings is still shown but opens nothing.",
	MissingCredentials: "A lookup route (/v1/scaiqueue/*, /v1/scaibunker/*, /v1/scaigrid/*) " +
		"answered 412: the backend has no ScaiGrid credentials for your tenant. The " +
		"message and the fix shown are the server's own when it sends them.",
	CatalogRequiresScaiKey: "The Catalog's Browse and Publish tabs read and write the " +
		"tenant's catalog, which needs ScaiKey, and the backend runs in dev_token mode. " +
		"The module hides those tabs there, and a request to /v1/catalog gets this error. " +
		"The Examples tab loads static files and always works.",
	SyncScopeMissing: "The backend's ScaiKey sync called ScaiKey's admin API " +
		"(applications.get_effective_users, groups.list) with a platform token that has " +
		"neither admin:read nor admin:write, and ScaiKey answered 403. Tenant-tier " +
		"credentials instead fall back to the slower member walk.",

	ScaiKeyRequired: "The action needs ScaiKey and the backend runs in dev_token mode.",
	DevTokenRequired: "Deploy goes to POST /v1/dev/deploy, which takes the backend's shared " +
		"dev token (SCAIFLOW_API_TOKEN) and nothing else, and this tab has none.",
	SignInRequired: "The action needs a ScaiKey sign-in and nobody is signed in in this tab.",
	ProviderError: "ScaiKey sent the browser back with an error instead of a code " +
		"(RFC 6749 §4.1.2.1). The message carries ScaiKey's own description when it sent one.",
	CallbackInvalid: "The answer in the address bar cannot be a genuine one from ScaiKey.",
	ExchangeRefused: "The backend passed on ScaiKey's refusal (400) of the code exchange " +
		"for a reason other than a used code.",
	ProviderDown: "The backend could not reach ScaiKey's token endpoint, or ScaiKey " +
		"answered it with a server error; the backend answered 502.",
	BackendDown: "The ScaiFlow backend did not answer, or answered with a server error.",
	BadResponse: "A server answered with something the canvas cannot use: not JSON, or " +
		"JSON without the fields it needs.",
	ConfigInvalid: "The sign-in configuration is missing or unusable.",
	DiscoveryFailed: "ScaiKey's discovery document or its key set could not be read or " +
		"used.",
	IDTokenInvalid: "The ID token from ScaiKey failed one of the checks of OpenID Connect " +
		"Core §3.1.3.7; the sign-in was not accepted.",
	StorageFailed: "sessionStorage refused to keep the sign-in: site data blocked, a " +
		"private window or a sandboxed frame, or a full quota.",
	ReturnToInvalid: "The page asked to return after sign-in to something that is not a " +
		"path on this origin; the module never redirects elsewhere (RFC 9700 §4.11).",
	LoginInterrupted: "An earlier load of this tab claimed the callback and was closed, " +
		"reloaded or navigated away before the exchange finished. The code is not sent " +
		"again.",
	SessionExpired: "The session can no longer be refreshed; a new sign-in is needed.",
	RequestRefused: "The backend refused a request for a reason the troubleshooting page " +
		"does not list; detail holds its answer.",
	AdminRequired: "The route is for tenant admins, a role kept in ScaiFlow's member table " +
		"and not in ScaiKey's token: setting the tenant's ScaiGrid key, the ScaiKey sync. " +
		"The backend answered 403.",
	Unauthorized: "The backend refused the access token (401) for a reason other than its " +
		"audience, and a refresh did not help.",
	Internal: "An unexpected failure inside the module or at its border with the page.",
}

// causes lists the finer reasons of each code, as Error.Cause carries them.
var causes = map[Code][]Cause{
	StateMismatch: {
		{Name: CauseNoPendingLogin, Why: "This tab has no sign-in in progress: the ScaiKey " +
			"redirect landed in another tab or window than the one that started it, or " +
			"the tab lost its sessionStorage."},
		{Name: CauseUnknownState, Why: "This tab has a sign-in in progress, but not the one " +
			"ScaiKey answered: the answer belongs to a sign-in started in another tab."},
		{Name: CauseExpired, Why: "The answer came more than ten minutes after the sign-in " +
			"started."},
		{Name: CauseOtherOrigin, Why: "The page is on another origin than redirect_uri (such " +
			"as http://127.0.0.1:5173 against http://localhost:5173), whose sessionStorage " +
			"the sign-in can never reach. Sign in refuses before the redirect; a callback " +
			"arriving on the wrong origin says so too."},
		{Name: CauseAlreadyUsed, Why: "The answer was used before in this tab, which is no " +
			"longer signed in, as when an old callback URL is opened after signing out. " +
			"The code is not sent again."},
		{Name: CauseCorrupted, Why: "The tab's stored sign-in could not be read and was " +
			"discarded."},
		{Name: "missing_state", Why: "The answer in the address bar carries no state."},
	},
	AudienceMismatch: {
		{Name: "predicted", Why: "Found right after sign-in, before any call failed: the " +
			"access token's aud does not hold the audience GET /v1/auth/config announced."},
	},
	ScaiKeyRequired: {
		{Name: "dev_token_mode", Why: "Sign in was asked for in dev_token mode."},
	},
	ProviderError: {
		{Name: "<error>", Why: "ScaiKey's OAuth error code, such as access_denied, " +
			"login_required or invalid_request; unknown when it was not a well-formed one."},
	},
	CallbackInvalid: {
		{Name: "repeated_parameter", Why: "A parameter appears twice (RFC 6749 §3.1)."},
		{Name: "too_long", Why: "The code, state or error text is longer than any real one."},
		{Name: "issuer_mismatch", Why: "The iss parameter names another issuer than the " +
			"discovered one (RFC 9207 §2.4)."},
	},
	ExchangeRefused: {
		{Name: "pkce", Why: "The code_verifier does not match the challenge of the " +
			"authorize request."},
		{Name: "<error>", Why: "ScaiKey's OAuth error code, such as invalid_client or " +
			"invalid_request."},
	},
	ProviderDown: {
		{Name: "status_502", Why: "The backend answered 502 to an exchange or a refresh."},
	},
	BackendDown: {
		{Name: "no_answer", Why: "The request got no answer at all."},
		{Name: "timeout", Why: "The request was cancelled or ran out of time."},
		{Name: "status_<N>", Why: "The backend answered with server error N."},
	},
	BadResponse: {
		{Name: "status_<N>", Why: "An error status N without a FastAPI error body, as a " +
			"proxy or a static server sends."},
		{Name: "config_json", Why: "GET /v1/auth/config did not answer JSON."},
		{Name: "token_json", Why: "The exchange or refresh did not answer JSON."},
		{Name: "token_fields", Why: "The exchange or refresh answer lacks access_token " +
			"or a Bearer token_type."},
		{Name: "token_error", Why: "With direct exchange, the provider's token endpoint " +
			"refused without an OAuth error code (RFC 6749 §5.2)."},
		{Name: "malformed", Why: "An access token is not a JWT."},
	},
	ConfigInvalid: {
		{Name: "not_loaded", Why: "GET /v1/auth/config has not been read."},
		{Name: "options", Why: "mount() got options it cannot read."},
		{Name: "direct_options", Why: "Direct exchange without issuer, clientId or " +
			"redirectUri in mount()'s options."},
		{Name: "auth_mode", Why: "auth_mode is neither scaikey nor dev_token."},
		{Name: "missing_fields", Why: "scaikey mode without scaikey_base_url, client_id or " +
			"redirect_uri."},
		{Name: "bad_url", Why: "scaikey_base_url, redirect_uri or, with direct exchange, " +
			"the issuer is not an absolute http(s) URL."},
		{Name: "verifier_incomplete", Why: "The ID token check lacks the issuer, the client " +
			"id or the keys."},
	},
	DiscoveryFailed: {
		{Name: "no_answer", Why: "ScaiKey did not answer the discovery request."},
		{Name: "status", Why: "The discovery request got an error status."},
		{Name: "json", Why: "The discovery document is not JSON."},
		{Name: "issuer_mismatch", Why: "The document names another issuer than the one " +
			"asked (OpenID Connect Discovery §4.3)."},
		{Name: "missing_endpoints", Why: "The document lacks an endpoint the sign-in needs."},
		{Name: "authorization_endpoint", Why: "The authorization endpoint is not a usable " +
			"URL."},
		{Name: "token_endpoint", Why: "The document names no token endpoint, which direct " +
			"exchange needs."},
		{Name: "no_jwks_uri", Why: "The document names no key set."},
		{Name: "jwks_status", Why: "The key set request got an error status."},
		{Name: "malformed", Why: "The key set is not JSON."},
		{Name: "no_signing_keys", Why: "The key set holds no key that can verify a " +
			"signature."},
	},
	IDTokenInvalid: {
		{Name: "malformed", Why: "The ID token is not a well-formed JWT."},
		{Name: "alg_not_allowed", Why: "It is signed with an algorithm the module refuses: " +
			"none, any HMAC, or one outside RS256/384/512, PS256, ES256 and ES384."},
		{Name: "signature", Why: "Its signature does not verify."},
		{Name: "unknown_kid", Why: "No key of ScaiKey's key set has its kid."},
		{Name: "keys_unavailable", Why: "ScaiKey's key set could not be fetched."},
		{Name: "issuer", Why: "iss is not the discovered issuer."},
		{Name: "audience", Why: "aud does not hold the client id."},
		{Name: "azp", Why: "azp names another client."},
		{Name: "expired", Why: "exp has passed, even allowing a minute of clock skew."},
		{Name: "not_yet_valid", Why: "nbf is still ahead."},
		{Name: "issued_in_future", Why: "iat is ahead of the clock."},
		{Name: "missing_claim", Why: "A required claim, or the ID token itself, is missing."},
		{Name: "nonce", Why: "nonce is not the one this sign-in sent."},
		{Name: "subject_changed", Why: "A refresh returned an ID token for another user " +
			"(OpenID Connect Core §12.2)."},
	},
	ReturnToInvalid: {
		{Name: "options", Why: "login() got options it cannot read."},
		{Name: "too_long", Why: "The path is longer than 2048 characters."},
		{Name: "not_a_path", Why: "It does not start with /."},
		{Name: "bad_encoding", Why: "Its percent-encoding is broken."},
		{Name: "other_origin", Why: "It leads to another origin (//host, a backslash, an " +
			"absolute URL)."},
		{Name: "control_character", Why: "It holds a control character."},
		{Name: "bad_origin", Why: "The page's own origin could not be read."},
	},
	SessionExpired: {
		{Name: "refresh_refused", Why: "The backend refused the refresh token (400 or 401): " +
			"it expired, was revoked or was used before."},
		{Name: "refused_after_refresh", Why: "The backend refused even a freshly refreshed " +
			"access token."},
		{Name: "rotated_elsewhere", Why: "Another tab rotated the refresh token and no open " +
			"tab could hand over the new one."},
	},
	RequestRefused: {
		{Name: "status_<N>", Why: "The backend answered status N."},
	},
	Internal: {
		{Name: "not_mounted", Why: "A method was called before mount()."},
		{Name: "randomness", Why: "The browser's random source failed."},
		{Name: "fetch_init", Why: "fetch() got an init object it cannot read."},
		{Name: "<error name>", Why: "A JavaScript error the loader caught, by its name."},
	},
}
