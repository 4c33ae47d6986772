//go:build js && wasm

package browser

import (
	"errors"
	"strings"
	"syscall/js"

	"github.com/scaiflow/scaiauth/wasm/internal/store"
)

// Storage is a store.Store over a Web Storage object (sessionStorage).
type Storage struct{ obj js.Value }

// SessionStorage returns the page's sessionStorage. Reading the property
// itself throws in sandboxed frames and with site data blocked; then every
// call of the returned store fails with that error, so the core can say so.
func SessionStorage() store.Store { return webStorage("sessionStorage") }

// LocalStorage returns the origin's localStorage, shared by its tabs. The
// module keeps no secret there.
func LocalStorage() store.Store { return webStorage("localStorage") }

func webStorage(name string) store.Store {
	var obj js.Value
	// Through Reflect.get rather than Value.Get: syscall/js catches what a
	// call throws, but a throwing getter read with Get ends the program.
	err := try(func() { obj = js.Global().Get("Reflect").Call("get", js.Global(), name) })
	if err == nil && (obj.IsNull() || obj.IsUndefined()) {
		err = errNoStorage
	}
	if err != nil {
		m := store.NewMemory()
		m.Fail = err
		return m
	}
	return &Storage{obj: obj}
}

var errNoStorage = errors.New("web storage is not available")

func (s *Storage) Get(key string) (value string, ok bool, err error) {
	err = try(func() {
		v := s.obj.Call("getItem", key)
		if v.Type() == js.TypeString {
			value, ok = v.String(), true
		}
	})
	return value, ok, err
}

func (s *Storage) Set(key, value string) error {
	return try(func() { s.obj.Call("setItem", key, value) })
}

func (s *Storage) Remove(key string) error {
	return try(func() { s.obj.Call("removeItem", key) })
}

func (s *Storage) Keys(prefix string) ([]string, error) {
	var keys []string
	err := try(func() {
		n := s.obj.Get("length").Int()
		for i := 0; i < n; i++ {
			k := s.obj.Call("key", i)
			if k.Type() == js.TypeString && strings.HasPrefix(k.String(), prefix) {
				keys = append(keys, k.String())
			}
		}
	})
	return keys, err
}
