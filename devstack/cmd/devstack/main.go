// Command devstack runs the scaiauth development stack until Ctrl-C: the
// canvas dev server, the ScaiFlow backend and the ScaiKey stand-in.
//
//	cd devstack && go run ./cmd/devstack
//	go run ./cmd/devstack -mode dev_token
//
// Flags default to the documented environment variables where one exists:
// SCAIKEY_BASE_URL, SCAIFLOW_SCAIKEY_CLIENT_ID,
// SCAIFLOW_SCAIKEY_CLIENT_SECRET, SCAIKEY_AUDIENCE, SCAIFLOW_API_TOKEN.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/scaiflow/scaiauth/devstack"
)

// defaultDevToken is printed at start so a developer can paste it.
const defaultDevToken = "dev-token-change-me"

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		// The stack's own errors name it already.
		fmt.Fprintln(os.Stderr, "devstack:", strings.TrimPrefix(err.Error(), "devstack: "))
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	o, err := parseOptions(args)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := devstack.Start(ctx, o)
	if err != nil {
		return err
	}
	describe(out, s, o)

	<-ctx.Done()
	fmt.Fprintln(out, "\nstopping…")
	return s.Close()
}

// parseOptions reads flags, whose defaults come from the environment.
func parseOptions(args []string) (devstack.Options, error) {
	fs := flag.NewFlagSet("devstack", flag.ContinueOnError)
	var (
		o    devstack.Options
		mode string
		err  error
	)
	fs.StringVar(&o.RepoRoot, "repo", "",
		"directory to serve (default: nearest one up holding index.html)")
	fs.StringVar(&o.CanvasAddr, "canvas", devstack.DefaultCanvasAddr, "canvas server address")
	fs.StringVar(&o.APIAddr, "api", devstack.DefaultAPIAddr, "backend address")
	fs.StringVar(&o.ProviderAddr, "provider", devstack.DefaultProviderAddr,
		"built-in ScaiKey address")
	fs.StringVar(&mode, "mode", "scaikey",
		`"scaikey", or "dev_token" to start as if ScaiKey were not configured`)
	fs.StringVar(&o.ScaiKeyBaseURL, "scaikey-base-url", os.Getenv("SCAIKEY_BASE_URL"),
		"use this ScaiKey instead of the built-in one (env SCAIKEY_BASE_URL)")
	fs.StringVar(&o.ClientID, "client-id",
		envOr("SCAIFLOW_SCAIKEY_CLIENT_ID", devstack.DefaultClientID),
		"confidential client id (env SCAIFLOW_SCAIKEY_CLIENT_ID)")
	fs.StringVar(&o.ClientSecret, "client-secret",
		envOr("SCAIFLOW_SCAIKEY_CLIENT_SECRET", devstack.DefaultClientSecret),
		"its secret (env SCAIFLOW_SCAIKEY_CLIENT_SECRET)")
	fs.StringVar(&o.PublicClientID, "public-client-id", devstack.DefaultPublicClientID,
		"public PKCE client id, for direct exchange")
	fs.StringVar(&o.Audience, "audience", os.Getenv("SCAIKEY_AUDIENCE"),
		"audience the backend demands (env SCAIKEY_AUDIENCE; default the client id)")
	fs.StringVar(&o.DevToken, "dev-token", envOr("SCAIFLOW_API_TOKEN", defaultDevToken),
		"shared dev token for POST /v1/dev/deploy (env SCAIFLOW_API_TOKEN)")
	fs.DurationVar(&o.AccessTokenTTL, "access-ttl", time.Hour, "access token lifetime")
	fs.DurationVar(&o.IDTokenTTL, "id-ttl", time.Hour, "ID token lifetime")
	fs.DurationVar(&o.RefreshTokenTTL, "refresh-ttl", 24*time.Hour, "refresh token lifetime")
	fs.StringVar(&o.SigningAlgorithm, "signing-alg", "RS256",
		"how the provider signs tokens: RS256 or ES256")
	fs.BoolVar(&o.RevokeGrantOnReuse, "revoke-on-reuse", false,
		"revoke a grant's refresh tokens when a spent code or refresh token comes back")
	fs.BoolVar(&o.ExchangeNotConfigured, "exchange-not-configured", false,
		"answer the exchange and refresh with 503 not configured while the config says scaikey")
	syncCredentials := fs.String("sync-credentials", string(devstack.SyncAdmin),
		`the backend's ScaiKey credentials for the sync: "admin", "tenant" or `+
			`"platform_without_admin"`)
	fs.StringVar(&o.ExampleRoot, "example", "",
		"also serve this built app (examples/solid/dist) on -example-addr, with its callback")
	fs.StringVar(&o.ExampleAddr, "example-addr", devstack.DefaultExampleAddr,
		"example app address")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	// The example signs in with either client and calls the API with what
	// it got, so the backend accepts the public client's tokens too.
	if o.ExampleRoot != "" {
		o.ExtraAudiences = append(o.ExtraAudiences, o.PublicClientID)
	}
	o.SyncCredentials, err = devstack.ParseSyncCredentials(*syncCredentials)
	if err != nil {
		return o, err
	}

	switch mode {
	case "scaikey":
		o.Configured = !emptySettingWithoutModeFlag(fs)
	case "dev_token":
	default:
		return o, fmt.Errorf(`-mode must be "scaikey" or "dev_token", not %q`, mode)
	}
	// A .env written for this stack names the built-in provider; that is
	// not an outside ScaiKey.
	if strings.TrimSuffix(o.ScaiKeyBaseURL, "/") == "http://"+o.ProviderAddr {
		o.ScaiKeyBaseURL = ""
	}
	if o.RepoRoot == "" {
		wd, err := os.Getwd()
		if err != nil {
			return o, err
		}
		o.RepoRoot = findRepoRoot(wd)
	}
	return o, nil
}

// scaiKeySettings are the three settings the backend's scaikey mode needs.
var scaiKeySettings = []string{
	"SCAIKEY_BASE_URL", "SCAIFLOW_SCAIKEY_CLIENT_ID", "SCAIFLOW_SCAIKEY_CLIENT_SECRET",
}

// emptySetting names the first of the three ScaiKey settings that is set
// but empty, or "". Unset, the stack stands in with its own provider and
// client; set to nothing, the setting is missing, and the stack starts as a
// backend without it does: in dev_token mode (the documented rule).
func emptySetting() string {
	for _, name := range scaiKeySettings {
		if v, set := os.LookupEnv(name); set && v == "" {
			return name
		}
	}
	return ""
}

// emptySettingWithoutModeFlag applies that rule unless -mode says otherwise.
func emptySettingWithoutModeFlag(fs *flag.FlagSet) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "mode" })
	return !given && emptySetting() != ""
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// describe prints where everything is and how to sign in. The client
// secret is not printed: it belongs to the backend alone.
func describe(out io.Writer, s *devstack.Stack, o devstack.Options) {
	mode := "dev_token (ScaiKey not configured on the backend)"
	if name := emptySetting(); name != "" {
		mode = "dev_token (" + name + " is empty, so ScaiKey is not configured)"
	}
	if o.Configured {
		mode = "scaikey"
	}
	fmt.Fprintf(out, "scaiauth dev stack\n")
	fmt.Fprintf(out, "  canvas     %s/   (use this origin, not 127.0.0.1)\n", s.CanvasURL())
	fmt.Fprintf(out, "  serving    %s\n", o.RepoRoot)
	if _, err := os.Stat(filepath.Join(o.RepoRoot, "index.html")); err != nil {
		fmt.Fprintf(out, "             (no index.html there yet)\n")
	}
	fmt.Fprintf(out, "  backend    %s   (also %s/api)\n", s.APIURL(), s.CanvasURL())
	fmt.Fprintf(out, "  ScaiKey    %s\n", s.ProviderIssuer())
	fmt.Fprintf(out, "  mode       %s\n", mode)
	fmt.Fprintf(out, "  clients    %s (confidential), %s (public, PKCE)\n",
		o.ClientID, o.PublicClientID)
	fmt.Fprintf(out, "  redirect   %s\n", s.RedirectURI())
	if s.ExampleURL() != "" {
		fmt.Fprintf(out, "  example    %s/   (serving %s; ?exchange=direct for direct)\n",
			s.ExampleURL(), o.ExampleRoot)
	}
	fmt.Fprintf(out, "  sign in    %s / %s   (%s)\n",
		devstack.DemoLogin, devstack.DemoPassword, devstack.DemoRole)
	fmt.Fprintf(out, "             %s / %s   (no admin role)\n",
		devstack.MemberLogin, devstack.MemberPassword)
	fmt.Fprintf(out, "  dev token  %s\n", o.DevToken)
	fmt.Fprintf(out, "Ctrl-C to stop.\n")
}
