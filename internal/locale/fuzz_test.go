package locale

import (
	"testing"
	"testing/fstest"
)

// FuzzCatalogOverride feeds a site's i18n file any bytes: loading never
// panics or hangs, and either reports an error or gives a catalogue in
// which every key still has a text in every language.
func FuzzCatalogOverride(f *testing.F) {
	for _, s := range []string{
		"nav.home: Trang nhất\n",
		"list.page: 'Trang %[2]d/%[1]d'\n",
		"nav.home: [a]\n",
		"a: &x b\nnav.home: *x\n",
		"nav.home: x\nnav.home: y\n",
		"- 1\n",
		"{",
		"nav.home: \"\\u0000\"\n",
		"",
	} {
		f.Add([]byte(s))
	}
	th := theme(themeVI, themeEN)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := LoadCatalog(th, fstest.MapFS{"i18n/vi.yaml": {Data: src}}, "site/templates")
		if err != nil {
			return
		}
		for _, lang := range Supported() {
			for _, k := range c.Keys() {
				if s, ok := c.Text(lang, k); !ok || s == "" {
					t.Fatalf("%s %s: %q, %v", lang, k, s, ok)
				}
			}
		}
	})
}
