// Package e2e holds the end-to-end test that opens the built example site
// in a real, headless Chromium (issue #4). It has no code of its own, only
// tests.
//
// Why a package of its own: every other test stops at the bytes bantin
// writes, and the golden files prove those bytes do not change — not that
// they work. Only a browser shows that assets/charts.js finds each chart's
// data block and element, that echarts.min.js loads from the site's own
// assets/ under a sub-path (/tien-do/), that a chart ends up with a size and
// numbers written the site's way, that no page throws a script error or
// breaks its own Content-Security-Policy, and that no page asks another host
// for anything. Keeping it apart keeps the browser, and chromedp, out of the
// fast unit tests of the packages that make the pages.
//
// The test builds the repository's example site in memory, serves it from
// 127.0.0.1 under the base URL's path the way a static web server would, and
// drives Chromium through the DevTools protocol with chromedp. It looks for
// Chromium as $BANTIN_CHROME, else chromium, chromium-browser,
// google-chrome or google-chrome-stable on PATH, and skips, saying so, when
// there is none; .ci/run installs Debian's chromium first.
package e2e
