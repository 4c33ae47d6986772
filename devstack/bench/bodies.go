package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// weigh adds up the sizes of the transfers. A GET is fetched again from
// the stack, which answers it the same way (without its query: the pages'
// only queries are a callback's code and state, which the static server
// ignores); a POST, the token request, is read from the tab, which must
// still show the page that sent it.
func (b *bench) weigh(
	tab context.Context, list []transfer,
) (code, calls Size, wire int64, err error) {
	for _, t := range list {
		body, err := b.body(tab, t)
		if err != nil {
			return Size{}, Size{}, 0, err
		}
		size := b.sizer.size(body)
		if t.code {
			code = code.Add(size)
		} else {
			calls = calls.Add(size)
		}
		wire += t.wire
	}
	return code, calls, wire, nil
}

func (b *bench) body(tab context.Context, t transfer) ([]byte, error) {
	if t.fromPage {
		r, err := chromedp.Call(tab, network.GetResponseBody,
			network.GetResponseBodyParams{RequestID: t.id})
		if err != nil {
			return nil, fmt.Errorf("bench: body of %s %s: %w", t.method, path(t.url), err)
		}
		return r.Body, nil
	}

	req, err := http.NewRequestWithContext(tab, http.MethodGet, path(t.url), nil)
	if err != nil {
		return nil, err
	}
	// No Accept-Encoding: the raw body, whatever the server prefers to send.
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("bench: fetching %s again: %w", path(t.url), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("bench: fetching %s again: %s", path(t.url), resp.Status)
	}
	return io.ReadAll(resp.Body)
}
