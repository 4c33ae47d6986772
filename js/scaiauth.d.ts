// Types of js/scaiauth.js, the browser side of the ScaiFlow sign-in module.

/** How the backend authenticates the canvas (GET /v1/auth/config, `auth_mode`). */
export type Mode = "scaikey" | "dev_token";

/** The Catalog tabs: Examples always; Browse and Publish in scaikey mode. */
export type CatalogTab = "examples" | "browse" | "publish";

/** The actions the canvas gates; the module may know more. */
export type Action =
  | "save"
  | "deploy"
  | "preview"
  | "lookups"
  | "catalog"
  | "catalog.browse"
  | "catalog.publish"
  | (string & {});

/** The claims of the signed-in user. */
export interface User {
  /** ScaiKey's user id, `usr_…`. */
  readonly sub: string;
  /** The tenant, `tnt_…`. */
  readonly tenant_id: string;
  readonly email?: string;
  readonly name?: string;
  /** ScaiFlow's local admin role, when the backend reports one. */
  readonly role?: "tenant_admin" | "super_admin" | (string & {}) | null;
  readonly [claim: string]: unknown;
}

/** Whether an action is allowed now and, if not, why. */
export interface Decision {
  readonly allowed: boolean;
  /** The user-facing reason when not allowed, e.g. "Save requires ScaiKey login". */
  readonly reason: string;
  /** What a person can do about it when not allowed; "" when allowed. */
  readonly fix: string;
  /** The error code the reason belongs to, e.g. "save_requires_scaikey"; "" when allowed. */
  readonly code: string;
}

export type Severity = "ok" | "info" | "warning" | "error";

/** One result of `diagnose()`. */
export interface Finding {
  /** What was checked: origin, config, storage, audience, clock, … */
  readonly check: string;
  readonly severity: Severity;
  readonly message: string;
  /** What to do about it; may be empty for "ok". */
  readonly fix: string;
}

/** One step of the last sign-in, secrets redacted. */
export interface TraceStep {
  /** When, as an ISO 8601 time. */
  readonly at: string;
  readonly step: string;
  readonly detail: string;
}

export interface LoginOptions {
  /** Where to land after sign-in: a path on this origin, such as "/flows/42". */
  returnTo?: string | URL;
  /** OpenID Connect `prompt`, e.g. "login" or "select_account". */
  prompt?: "none" | "login" | "consent" | "select_account" | (string & {});
  /** OpenID Connect `login_hint`, e.g. the user's email. */
  loginHint?: string;
}

/** Where the loader writes its lines; each method is optional. */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
  log?(message: string, fields?: Record<string, unknown>): void;
}

export interface MountOptions {
  /** The ScaiFlow API on this origin. Default "/api/v1". */
  apiBase?: string;
  /**
   * The module. Default: the href of the page's
   * `<link rel="preload" as="fetch" crossorigin data-scaiauth-module>`, else
   * ../static/scaiauth.wasm next to this file.
   */
  wasmUrl?: string | URL;
  /** Go's runtime script. Default: wasm_exec.js next to the module. */
  wasmExecUrl?: string | URL;
  /** Overrides the backend's redirect_uri (it must still be registered in ScaiKey). */
  redirectUri?: string | URL;
  /** Scopes to ask for; a string is split on white space. */
  scopes?: readonly string[] | string;
  /** Where to land after a sign-in that did not say. */
  returnTo?: string;
  /**
   * Download progress of the module, in bytes. `total` is null while unknown
   * (no Content-Length, or a compressed transfer); the last call has
   * `loaded === total`.
   */
  onProgress?: (loaded: number, total: number | null) => void;
  /** The loader's log lines: off by default; `true` writes to the console. */
  logger?: boolean | Logger;
  /**
   * Whether the module marks the page (data-scai-auth-mode, data-scai-tab,
   * data-scai-action). Default true; pages that render themselves use the
   * "change" event instead.
   */
  declarative?: boolean;
  /**
   * How often, in milliseconds, to read `GET {apiBase}/auth/config` again so
   * that a backend switched between modes shows without a reload. Default
   * 60000; 0 turns the poll off (the tab coming into view still re-reads it).
   */
  configPollMs?: number;
  /**
   * Whether the access token is refreshed ahead of its expiry. Default true;
   * false refreshes only when `accessToken()` or `fetch()` finds it expired.
   */
  autoRefresh?: boolean;
  /**
   * Who turns the authorization code into tokens. "bff" (the default): the
   * backend below `apiBase`, which adds the client secret. "direct": the
   * browser, at the provider's token endpoint, as a public client with
   * PKCE, for apps without a backend; no backend config is read, and
   * `issuer`, `clientId` and `redirectUri` are required.
   */
  exchange?: Exchange;
  /**
   * With exchange "direct": the provider's issuer URL, where discovery is
   * read, e.g. "https://scaikey.example.com/api/v1/platform/oauth".
   */
  issuer?: string;
  /** With exchange "direct": the public client registered for this app. */
  clientId?: string;
  /**
   * With exchange "direct": the audience the app's API expects in access
   * tokens, when it is not `clientId`; `diagnose()` checks it.
   */
  audience?: string;
}

/** Who exchanges the authorization code: the backend, or the browser itself. */
export type Exchange = "bff" | "direct";

/** The state handed to "change" listeners. */
export interface AuthState {
  /** True once the module has read the config and settled the session. */
  readonly ready: boolean;
  readonly mode: Mode | null;
  readonly user: User | null;
  readonly signedIn: boolean;
  readonly lastError: AuthError | null;
  /** The Catalog tabs this mode offers. */
  readonly tabs: readonly CatalogTab[];
  /** Where the finished sign-in asked to land, or null. */
  readonly returnTo: string | null;
}

export type AuthEventName = "change" | "error";

export interface AuthEventMap {
  /** After every change: sign-in, sign-out, error, mode. */
  change: (state: AuthState, auth: Auth) => void;
  /** When `lastError` becomes a new error. */
  error: (error: AuthError, auth: Auth) => void;
}

/** The fields an AuthError is made of, as the module sends them. */
export interface AuthErrorFields {
  code?: string;
  message?: string;
  fix?: string;
  cause?: string | null;
  status?: number | null;
  detail?: unknown;
}

/**
 * An error of the sign-in module. Every rejection and every exception of
 * this API is one.
 *
 * Codes include those of the module (state_mismatch, oidc_not_configured,
 * code_already_used, audience_mismatch, save_requires_scaikey,
 * missing_credentials, catalog_requires_scaikey, return_to_invalid, …) and
 * the loader's own: module_load_failed, invalid_argument, aborted, internal.
 * js/errors.md lists every code of the module with its causes and fixes.
 */
export declare class AuthError extends Error {
  constructor(fields?: AuthErrorFields);
  readonly name: "AuthError";
  /** Stable: branch on it. */
  readonly code: string;
  /** The user-facing message. */
  readonly message: string;
  /** What a person can do about it. */
  readonly fix: string;
  /** A finer reason within `code`, such as "other_origin"; not a chained error. */
  readonly cause: string | null;
  /** The HTTP status when a server answered. */
  readonly status: number | null;
  /** The server's `detail`, or what else explains the error. */
  readonly detail: unknown;
  /** Returns an AuthError as is and turns anything else into one. */
  static from(value: unknown): AuthError;
  toJSON(): {
    name: "AuthError";
    code: string;
    message: string;
    fix: string;
    cause: string | null;
    status: number | null;
    detail: unknown;
  };
}

/** A mounted sign-in module. There is one per page. */
export interface Auth {
  readonly mode: Mode | null;
  readonly user: User | null;
  readonly lastError: AuthError | null;
  readonly signedIn: boolean;
  readonly ready: boolean;

  /** Sends the browser to ScaiKey; resolves once the navigation has started. */
  login(options?: LoginOptions): Promise<void>;
  logout(): Promise<void>;
  /** The access token, refreshed first when close to expiry. Never log it. */
  accessToken(): Promise<string>;
  /**
   * fetch through the module: the bearer is attached, failures and statuses
   * of 400 and above reject with an AuthError. Bodies must be text.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  catalogTabs(): CatalogTab[];
  can(action: Action): Decision;
  /** dev_token mode: the shared token for POST /v1/dev/deploy; null clears it. */
  setDevToken(token: string | null): void;
  diagnose(): Promise<Finding[]>;
  /** Reads the backend's config again; resolves whether it changed. */
  reloadConfig(): Promise<boolean>;
  trace(): TraceStep[];
  /** Returns a function that removes the listener. */
  on<E extends AuthEventName>(event: E, listener: AuthEventMap[E]): () => void;
}

/**
 * Loads the module and mounts it, once per page: a second call, even through
 * another copy of this file, resolves to the same instance.
 */
export declare function mount(options?: MountOptions): Promise<Auth>;
