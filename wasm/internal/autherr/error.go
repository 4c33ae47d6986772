// Package autherr defines the errors the sign-in module returns: a stable
// code to branch on, the message the ScaiFlow documentation uses, and a fix
// a person can act on.
package autherr

import "fmt"

// Code names one kind of failure. Codes are part of the public surface:
// pages branch on them, so they never change once published.
type Code string

// Error is the one error type of the module. Message and Fix are meant for
// people; Code, Cause and Status for programs. None of its fields ever holds
// a token, code, verifier or secret.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`          // the documented, user-facing text
	Fix     string `json:"fix"`              // what a person can do about it
	Cause   string `json:"cause,omitempty"`  // a finer reason within Code
	Status  int    `json:"status,omitempty"` // the HTTP status when a server answered
	Detail  any    `json:"detail,omitempty"` // the server's "detail", when it sent one
	Err     error  `json:"-"`                // the underlying error, for errors.As
}

func (e *Error) Error() string {
	s := "scaiauth: " + e.Message
	if e.Cause != "" {
		s += " (" + e.Cause + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, &Error{Code: c}) match on the code alone.
func (e *Error) Is(target error) bool {
	t, ok := Find(target)
	if !ok {
		return false
	}
	return t.Code == e.Code && (t.Cause == "" || t.Cause == e.Cause)
}

// Find returns the first *Error in err's chain, in the order errors.As
// walks it. It does the walk by hand because errors.As pulls reflection
// into the module, about 30 KB of it, to find one known type.
func Find(err error) (*Error, bool) {
	for err != nil {
		switch x := err.(type) {
		case *Error:
			return x, true
		case interface{ Unwrap() error }:
			err = x.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				if e, ok := Find(inner); ok {
					return e, true
				}
			}
			return nil, false
		default:
			return nil, false
		}
	}
	return nil, false
}

// New returns an error of the given code with its catalogued message and fix.
func New(code Code) *Error {
	entry, ok := catalog[code]
	if !ok {
		entry = catalog[Internal]
	}
	return &Error{Code: code, Message: entry.message, Fix: entry.fix}
}

// Because returns the error with a finer cause and, where the cause has one,
// the cause's own fix.
func (e *Error) Because(cause string) *Error {
	c := *e
	c.Cause = cause
	if fix, ok := causeFixes[e.Code][cause]; ok {
		c.Fix = fix
	}
	return &c
}

// Wrapping returns the error with err as its underlying error.
func (e *Error) Wrapping(err error) *Error {
	c := *e
	c.Err = err
	return &c
}

// WithStatus returns the error with the HTTP status and detail of a reply.
func (e *Error) WithStatus(status int, detail any) *Error {
	c := *e
	c.Status = status
	c.Detail = detail
	return &c
}

// WithMessage returns the error with another message, for codes whose text
// comes from the server (a 412's message, a provider's error description).
func (e *Error) WithMessage(format string, args ...any) *Error {
	c := *e
	c.Message = fmt.Sprintf(format, args...)
	return &c
}

// WithFix returns the error with another fix, for fixes the server supplies.
func (e *Error) WithFix(fix string) *Error {
	c := *e
	c.Fix = fix
	return &c
}

// As returns err as an *Error, wrapping anything else as Internal so that
// callers at the JavaScript border always have a code, a message and a fix.
func As(err error) *Error {
	if err == nil {
		return nil
	}
	if e, ok := Find(err); ok {
		return e
	}
	return New(Internal).Wrapping(err)
}

// CodeOf returns the code of err, or "" when err is nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	return As(err).Code
}
