package devstack_test

import (
	"net/http"
	"sync"
	"testing"
)

// Two tabs, or a hot reload re-running the callback, may send the same
// credential twice at once. Exactly one of the two may win.
func TestConcurrentUseOfOneCredential(t *testing.T) {
	cases := []struct {
		name string
		run  func(*testing.T) (statuses []int, seenTwice int64)
	}{
		{"code exchanged twice at once", func(t *testing.T) ([]int, int64) {
			s := configured(t)
			tx := newTransaction()
			code := newBrowser(t, s).signIn(tx, nil)
			statuses := both(func() int { return exchange(t, s, code, tx.verifier).status })
			return statuses, s.Stats().CodesSeenTwice
		}},
		{"refresh token used twice at once", func(t *testing.T) ([]int, int64) {
			s := configured(t)
			token := signedIn(t, s)["refresh_token"].(string)
			statuses := both(func() int { return refresh(t, s, token).status })
			return statuses, s.Stats().ReusedRefreshTokens
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			statuses, seenTwice := tc.run(t)
			ok := 0
			for _, status := range statuses {
				if status == http.StatusOK {
					ok++
				}
			}
			if ok != 1 || seenTwice != 1 {
				t.Errorf("statuses %v, counted %d reuses; want exactly one 200 and one reuse",
					statuses, seenTwice)
			}
		})
	}
}

func both(call func() int) []int {
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() { statuses[i] = call() })
	}
	wg.Wait()
	return statuses
}
