package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// launch starts the Chromium at chrome (findChrome) for a test: headless,
// without a sandbox (CI runs as root), without background networking or
// component updates (this machine's network is closed, and Chromium's
// refused connections would only slow it), with a fresh profile and a
// desktop window unless opts say otherwise. listen, when not nil, sees the
// browser's events. The browser stops when the test ends, or at timeout.
// Every browser test starts its browser here.
func launch(t *testing.T, chrome string, timeout time.Duration, listen func(any), opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	var out syncBuffer
	all := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoFirstRun,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.CombinedOutput(&out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(all, opts...)...)
	t.Cleanup(cancelAlloc)
	copts := []chromedp.ContextOption{chromedp.WithErrorf(t.Logf)}
	if listen != nil {
		copts = append(copts, chromedp.WithListener(listen))
	}
	bctx, cancelBrowser := chromedp.NewContext(allocCtx, copts...)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v\n%s", chrome, err, out.String())
	}
	return bctx
}
