package devstack

import (
	"github.com/scaiflow/scaiauth/devstack/internal/backend"
	"github.com/scaiflow/scaiauth/devstack/internal/provider"
)

// Demo credentials, printed by the command and used by the tests.
const (
	DemoLogin    = "demo@scaiflow.test"
	DemoPassword = "demo"
	DemoSubject  = "usr_demo"
	DemoTenant   = "tnt_demo"
	DemoName     = "Dana Demo"
	DemoRole     = "tenant_admin"

	// The member has no admin role, for what tenant admins alone may do.
	MemberLogin    = "member@scaiflow.test"
	MemberPassword = "member"
	MemberSubject  = "usr_member"
)

// person is someone known to both ScaiKey (who signs in) and ScaiFlow's
// member table (which role they hold).
type person struct {
	user provider.User
	role string
}

var people = []person{
	{
		user: provider.User{
			Subject: DemoSubject, Login: DemoLogin, Password: DemoPassword,
			Name: DemoName, GivenName: "Dana", FamilyName: "Demo",
			Email: DemoLogin, TenantID: DemoTenant,
		},
		role: DemoRole,
	},
	{
		user: provider.User{
			Subject: MemberSubject, Login: MemberLogin, Password: MemberPassword,
			Name: "Max Member", GivenName: "Max", FamilyName: "Member",
			Email: MemberLogin, TenantID: DemoTenant,
		},
	},
}

func providerUsers() []provider.User {
	users := make([]provider.User, len(people))
	for i, p := range people {
		users[i] = p.user
	}
	return users
}

func backendMembers() []backend.Member {
	members := make([]backend.Member, len(people))
	for i, p := range people {
		members[i] = backend.Member{
			Subject: p.user.Subject, Email: p.user.Email, Name: p.user.Name, Role: p.role,
		}
	}
	return members
}
