// Package e2e drives the canvas page in headless Chromium against the
// development stack: the real provider, the real backend and the module as
// built by make build. The tests use the page and the module's public
// JavaScript surface only, and read what the servers saw from the stack's
// counters.
package e2e
