package autherr

import "testing"

func TestEveryCodeIsExplained(t *testing.T) {
	for _, e := range Reference() {
		if e.Message == "" || e.Why == "" || e.Fix == "" {
			t.Errorf("%s: message %q, why %q, fix %q", e.Code, e.Message, e.Why, e.Fix)
		}
		seen := map[string]bool{}
		for _, c := range e.Causes {
			if c.Name == "" || c.Why == "" || seen[c.Name] {
				t.Errorf("%s: cause %+v missing a name or a why, or listed twice", e.Code, c)
			}
			seen[c.Name] = true
		}
	}
	for code := range causes {
		if _, ok := catalog[code]; !ok {
			t.Errorf("causes of %s, which is not in the catalog", code)
		}
	}
	for code, fixes := range causeFixes {
		for cause := range fixes {
			if !documentedCause(code, cause) {
				t.Errorf("%s has a fix for cause %s, which is not documented", code, cause)
			}
		}
	}
}

func TestTheTroubleshootingCasesComeFirstInTheirOrder(t *testing.T) {
	ref := Reference()
	for i, code := range Troubleshooting {
		if ref[i].Code != code {
			t.Fatalf("entry %d is %s, want %s", i, ref[i].Code, code)
		}
		if !Documented(code) {
			t.Errorf("%s is not reported as documented", code)
		}
	}
	if Documented(Internal) {
		t.Error("internal is reported as a troubleshooting case")
	}
	if len(ref) != len(catalog) {
		t.Errorf("%d entries for %d codes", len(ref), len(catalog))
	}
}

func documentedCause(code Code, name string) bool {
	for _, c := range causes[code] {
		if c.Name == name {
			return true
		}
	}
	return false
}
