package auth

import "time"

// minSkew is the smallest clock difference worth correcting: the Date
// header has a resolution of one second.
const minSkew = 2 * time.Second

// httpDate is the IMF-fixdate of RFC 9110 §5.6.7, the form servers send.
// (net/http has it as TimeFormat, but importing net/http would cost
// megabytes in the WebAssembly build.)
const httpDate = "Mon, 02 Jan 2006 15:04:05 GMT"

// measureSkew compares the server's Date header with the local clock at the
// moment the answer arrived.
func (a *Auth) measureSkew(date string) {
	if date == "" {
		return
	}
	server, err := time.Parse(httpDate, date)
	if err != nil {
		return
	}
	skew := server.Sub(a.env.Now()).Truncate(time.Second)
	if skew > -minSkew && skew < minSkew {
		skew = 0
	}
	a.mu.Lock()
	a.skew = skew
	a.mu.Unlock()
	if skew != 0 {
		a.step("clock", "local clock differs from the server's by "+skew.String())
	}
}

// Skew is the measured difference, server clock minus local clock.
func (a *Auth) Skew() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.skew
}
