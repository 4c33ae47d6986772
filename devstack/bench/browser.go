package bench

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/chromedp/chromedp"
)

// chromiumPath is the browser CHROMIUM names, else Debian's chromium.
func chromiumPath() (string, error) {
	name := cmp.Or(os.Getenv("CHROMIUM"), "chromium")
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("bench: no %s: apt-get install chromium, or set CHROMIUM", name)
	}
	return p, nil
}

// freshBrowser starts Chromium with a profile of its own, so that its
// HTTP cache and compiled code cache are empty, and opens a tab. stop ends
// the browser and removes the profile.
func freshBrowser(
	ctx context.Context, chromium string,
) (tab context.Context, stop func(), err error) {
	profile, err := os.MkdirTemp("", "scaiauth-bench-profile-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithErrorf(quietErrorf))
	stop = func() {
		cancelTab()
		cancelAlloc()
		_ = os.RemoveAll(profile)
	}
	if err := chromedp.Do(tab); err != nil {
		stop()
		return nil, nil, fmt.Errorf("bench: starting Chromium: %w", err)
	}
	return tab, stop, nil
}

// quietErrorf drops the protocol decoder's complaints about event fields
// newer than the protocol package; they concern events the bench never reads.
func quietErrorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, "could not unmarshal event") {
		return
	}
	fmt.Fprintln(os.Stderr, msg)
}

// chromiumVersion is what the browser says it is, for the report.
func chromiumVersion(chromium string) string {
	out, err := exec.Command(chromium, "--version").Output()
	if err != nil {
		return "Chromium (version unknown)"
	}
	return strings.TrimSpace(string(out))
}
