package mode

import "github.com/scaiflow/scaiauth/wasm/internal/config"

// Catalog tabs.
const (
	TabExamples = "examples"
	TabBrowse   = "browse"
	TabPublish  = "publish"
)

// CatalogTabs lists the Catalog tabs to show. In dev_token mode only the
// Examples tab, which loads static files, is of any use. In scaikey mode
// all three show even when signed out: Browse and Publish then say that a
// sign-in is what they need, which a hidden tab could not.
func CatalogTabs(m config.Mode) []string {
	if m == config.ScaiKey {
		return []string{TabExamples, TabBrowse, TabPublish}
	}
	return []string{TabExamples}
}
