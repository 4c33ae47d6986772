package autherr

import (
	"errors"
	"fmt"
	"testing"
)

// Find must see what errors.As sees, without reflection.
func TestFindWalksTheChainLikeErrorsAs(t *testing.T) {
	used := New(CodeAlreadyUsed)
	usedWrapping := used.Wrapping(errors.New("invalid_grant"))
	expired := New(SessionExpired).Because("refresh_refused")
	plain := errors.New("network down")

	for _, tc := range []struct {
		name string
		err  error
		want *Error
	}{
		{"nothing", nil, nil},
		{"ours as is", used, used},
		{"wrapped by fmt", fmt.Errorf("exchange: %w", used), used},
		{"wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", used)), used},
		{"joined, first of ours wins", errors.Join(plain, expired, used), expired},
		{"several %w, depth first", fmt.Errorf("%w, %w", fmt.Errorf("x: %w", used), expired), used},
		{"none of ours", fmt.Errorf("fetch: %w", plain), nil},
		{"ours wrapping another", usedWrapping, usedWrapping},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Find(tc.err)
			if got != tc.want || ok != (tc.want != nil) {
				t.Errorf("Find = %v, %v; want %v", got, ok, tc.want)
			}
			var viaAs *Error
			if errors.As(tc.err, &viaAs) != ok || viaAs != got {
				t.Errorf("errors.As found %v, Find %v", viaAs, got)
			}
		})
	}
}

func TestIsMatchesOnCodeAndCause(t *testing.T) {
	err := fmt.Errorf("refresh: %w", New(SessionExpired).Because("refresh_refused"))
	if !errors.Is(err, &Error{Code: SessionExpired}) {
		t.Error("the code alone should match")
	}
	if !errors.Is(err, &Error{Code: SessionExpired, Cause: "refresh_refused"}) {
		t.Error("the code and its cause should match")
	}
	if errors.Is(err, &Error{Code: SessionExpired, Cause: "other"}) {
		t.Error("another cause should not match")
	}
	if errors.Is(err, &Error{Code: Unauthorized}) {
		t.Error("another code should not match")
	}
}
