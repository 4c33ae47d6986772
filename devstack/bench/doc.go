// Package bench measures one sign-in in headless Chromium, scaiauth beside
// oidc-client-ts, against one development stack: the bytes each page needs,
// the time to know whether someone is signed in on a cold and a warm cache,
// the time from landing on the callback to signed in, and the memory the
// page holds once signed in.
//
// The two pages live in web/: the same markup, the same marks
// ("auth-state-known", "signed-in"), each bundled and minified by esbuild.
// Every run starts a fresh Chromium profile, so the first visit is cold.
package bench
