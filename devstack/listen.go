package devstack

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// listener is a bound socket and the origin URLs name it by.
type listener struct {
	net.Listener
	origin string // http://host:port, host as the caller wrote it
}

// listen binds addr. "localhost" is bound as 127.0.0.1 so the stack never
// depends on whether the resolver prefers ::1, while URLs keep the name:
// the browser then sees localhost and 127.0.0.1 as two origins of one
// server, which is the trap the troubleshooting page describes.
func listen(addr string) (*listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("devstack: address %q: %w", addr, err)
	}
	bind := host
	if host == "localhost" {
		bind = "127.0.0.1"
	}
	l, err := net.Listen("tcp", net.JoinHostPort(bind, port))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("devstack: %s is in use, perhaps by another stack (make run) "+
			"still running: stop that one, or give this one other addresses (-canvas, -api, "+
			"-provider, -example-addr): %w", addr, err)
	}
	if err != nil {
		return nil, fmt.Errorf("devstack: listen on %s: %w", addr, err)
	}

	name := host
	if name == "" || name == "0.0.0.0" || name == "::" {
		name = "localhost"
	}
	_, bound, _ := net.SplitHostPort(l.Addr().String())
	return &listener{
		Listener: l,
		origin:   "http://" + net.JoinHostPort(name, bound),
	}, nil
}
