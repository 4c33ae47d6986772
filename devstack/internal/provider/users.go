package provider

import (
	"crypto/subtle"
	"fmt"
	"strings"
)

// User is a person who can sign in at the provider.
type User struct {
	Subject    string // "usr_…"
	Login      string // the email typed into the form
	Password   string
	Name       string
	GivenName  string
	FamilyName string
	Email      string
	TenantID   string // "tnt_…"
}

func (s *storage) addUser(u User) error {
	if u.Subject == "" || u.Login == "" {
		return fmt.Errorf("provider: user %q needs a subject and a login", u.Login)
	}
	s.users[u.Subject] = u
	s.logins[strings.ToLower(u.Login)] = u
	return nil
}

// checkPassword finds the user by login, ignoring case as email addresses
// do, and compares the password in constant time.
func (s *storage) checkPassword(login, password string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.logins[strings.ToLower(strings.TrimSpace(login))]
	if !ok {
		return User{}, false
	}
	if subtle.ConstantTimeCompare([]byte(u.Password), []byte(password)) != 1 {
		return User{}, false
	}
	return u, true
}
