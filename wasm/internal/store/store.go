// Package store is the module's view of the browser's Web Storage: a string
// key-value store whose every call can fail, as sessionStorage does when site
// data is blocked, the frame is sandboxed or the quota is full.
package store

import (
	"sort"
	"strings"
	"sync"
)

// Store is sessionStorage as the core sees it.
type Store interface {
	Get(key string) (value string, ok bool, err error)
	Set(key, value string) error
	Remove(key string) error
	// Keys lists the keys that start with prefix.
	Keys(prefix string) ([]string, error)
}

// Memory is a Store held in memory. Tests use it as the browser's storage;
// the module falls back to it where the browser has none. Setting Fail makes
// every call return that error, like a storage that throws.
type Memory struct {
	mu    sync.Mutex
	items map[string]string
	Fail  error
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{items: map[string]string{}} }

func (m *Memory) Get(key string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return "", false, m.Fail
	}
	v, ok := m.items[key]
	return v, ok, nil
}

func (m *Memory) Set(key, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return m.Fail
	}
	m.items[key] = value
	return nil
}

func (m *Memory) Remove(key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return m.Fail
	}
	delete(m.items, key)
	return nil
}

func (m *Memory) Keys(prefix string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return nil, m.Fail
	}
	var keys []string
	for k := range m.items {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys, nil
}

// Snapshot copies the items, so tests can look for what must never be stored.
func (m *Memory) Snapshot() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := make(map[string]string, len(m.items))
	for k, v := range m.items {
		c[k] = v
	}
	return c
}

// Clone returns a copy, as a browser copies sessionStorage into a duplicated
// tab.
func (m *Memory) Clone() *Memory {
	return &Memory{items: m.Snapshot()}
}
