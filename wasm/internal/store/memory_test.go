package store

import (
	"errors"
	"reflect"
	"testing"
)

func TestMemoryBehavesLikeSessionStorage(t *testing.T) {
	m := NewMemory()
	for k, v := range map[string]string{
		"scaiauth.tx.b": "2", "scaiauth.tx.a": "1", "scaiauth.session": "s", "other": "o",
	} {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}

	cases := []struct {
		name   string
		prefix string
		want   []string
	}{
		{"a prefix lists its keys in order", "scaiauth.tx.", []string{"scaiauth.tx.a",
			"scaiauth.tx.b"}},
		{"the empty prefix lists every key", "", []string{"other", "scaiauth.session",
			"scaiauth.tx.a", "scaiauth.tx.b"}},
		{"a prefix nobody uses lists none", "nobody.", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := m.Keys(c.prefix)
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Keys(%q) = %v, %v; want %v", c.prefix, got, err, c.want)
			}
		})
	}

	if err := m.Remove("scaiauth.session"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := m.Get("scaiauth.session"); ok || err != nil {
		t.Fatalf("a removed key is still there (err %v)", err)
	}
	if err := m.Remove("never.set"); err != nil {
		t.Fatalf("removing a missing key: %v", err)
	}
}

func TestADuplicatedTabsStorageIsACopy(t *testing.T) {
	original := NewMemory()
	_ = original.Set("scaiauth.session", "shared at the moment of duplicating")
	duplicate := original.Clone()

	_ = duplicate.Set("scaiauth.session", "changed in the duplicate")
	_ = original.Set("scaiauth.tx.a", "a sign-in started in the original")
	if v, _, _ := original.Get("scaiauth.session"); v != "shared at the moment of duplicating" {
		t.Errorf("the duplicate's write reached the original: %q", v)
	}
	if _, ok, _ := duplicate.Get("scaiauth.tx.a"); ok {
		t.Error("the original's later write reached the duplicate")
	}
}

func TestStorageThatThrowsFailsEveryCall(t *testing.T) {
	blocked := errors.New("SecurityError: access is denied")
	m := NewMemory()
	_ = m.Set("k", "v")
	m.Fail = blocked

	if _, ok, err := m.Get("k"); !errors.Is(err, blocked) || ok {
		t.Errorf("Get: ok %v, err %v", ok, err)
	}
	if err := m.Set("k", "w"); !errors.Is(err, blocked) {
		t.Errorf("Set: %v", err)
	}
	if err := m.Remove("k"); !errors.Is(err, blocked) {
		t.Errorf("Remove: %v", err)
	}
	if keys, err := m.Keys(""); !errors.Is(err, blocked) || keys != nil {
		t.Errorf("Keys: %v, %v", keys, err)
	}

	m.Fail = nil
	if v, _, _ := m.Get("k"); v != "v" {
		t.Errorf("a refused write changed the value to %q", v)
	}
}
