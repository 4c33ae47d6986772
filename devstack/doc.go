// Package devstack runs the outside world of the scaiauth module on
// loopback: a canvas dev server, the ScaiFlow backend routes the module
// calls, and an OpenID provider standing in for ScaiKey.
//
// Three listeners, each its own origin:
//
//	canvas    http://localhost:5173   the repository as static files;
//	                                  /auth/callback and other app routes
//	                                  answer index.html; /api/* proxies
//	                                  to the backend without /api
//	backend   http://127.0.0.1:8000   /v1/auth/config, /v1/auth/exchange,
//	                                  /v1/auth/refresh, /v1/me,
//	                                  /v1/dev/deploy, /v1/flows,
//	                                  /v1/catalog, /v1/catalog/publish,
//	                                  /v1/scaiqueue/*, /v1/scaibunker/*,
//	                                  /v1/scaigrid/*,
//	                                  /v1/tenants/me/scaigrid_credentials,
//	                                  /v1/admin/scaikey-sync,
//	                                  /__dev/stats, /__dev/reset,
//	                                  /__dev/mode
//	provider  http://localhost:9000   issuer /api/v1/platform/oauth
//	                                  (zitadel/oidc), login form at /login
//
// Tests start a stack in-process on free ports:
//
//	s, err := devstack.Start(ctx, devstack.Options{
//		RepoRoot:     dir,
//		CanvasAddr:   "localhost:0",
//		APIAddr:      "127.0.0.1:0",
//		ProviderAddr: "127.0.0.1:0",
//		Configured:   true,
//	})
//	defer s.Close()
//
// The command in cmd/devstack starts one on the default addresses.
package devstack
