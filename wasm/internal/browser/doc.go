//go:build js && wasm

// Package browser implements the core's interfaces with the browser's own
// objects through syscall/js: sessionStorage, the address bar, fetch and Web
// Locks. It decides nothing about OAuth. Every call into JavaScript that can
// throw is caught and returned as an error, never a panic.
package browser
