// scaiauth: the browser side of the ScaiFlow sign-in module.
//
// This file loads static/scaiauth.wasm (the Go module, which owns every rule
// of the sign-in flow), hands it the page's options and wraps the bridge the
// module exports in a small typed API: getters, Promises that reject with
// AuthError, a real Response from fetch, change and error events, and the
// declarative attributes (data-scai-auth-mode, data-scai-tab,
// data-scai-action). Nothing here decides anything about OAuth.
//
// Types: scaiauth.d.ts beside this file.

/** Where the pending mount lives, shared by every copy of this file. */
const MOUNT_SLOT = Symbol.for("scaiflow.scaiauth.mount");

/** The global function the Go program calls, once, with its bridge. */
const READY_HOOK = "__scaiauthReady";

const DEFAULT_API_BASE = "/api/v1";
const EVENT_NAMES = new Set(["change", "error"]);

const TAB_ATTR = "data-scai-tab";
const ACTION_ATTR = "data-scai-action";
const HIDDEN_MARK = "data-scai-hidden";
const DISABLED_MARK = "data-scai-disabled";
const DECLARATIVE_SELECTOR =
  `[${TAB_ATTR}], [${ACTION_ATTR}], [${HIDDEN_MARK}], [${DISABLED_MARK}]`;

/** Statuses whose Response must have no body (Fetch standard, "null body status"). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Errors raised on this side of the border, before or around the module.
 * Their messages follow the module's own catalogue where the code is shared.
 */
const LOCAL_ERRORS = {
  internal: [
    "Something went wrong inside the sign-in module",
    "Reload the page. If it keeps happening, copy the sign-in trace into a bug report.",
  ],
  module_load_failed: [
    "The sign-in module could not be loaded",
    "Check your connection and that static/scaiauth.wasm and static/wasm_exec.js are " +
      "served (make build writes them), then reload the page.",
  ],
  bad_response: [
    "The server sent a reply the canvas cannot read",
    "Check that the API base points at the ScaiFlow backend (the canvas expects JSON " +
      "from /api/v1) and not at a page or a proxy error.",
  ],
  invalid_argument: [
    "The page called the sign-in module incorrectly",
    "This is a bug in the page: read the detail and correct the call.",
  ],
  aborted: [
    "The request was cancelled",
    "Nothing to do: the page cancelled it. Try again if that was not intended.",
  ],
};

/**
 * An error of the sign-in module: a stable `code` to branch on, the
 * user-facing `message`, a `fix` a person can act on, a finer `cause` within
 * the code, and the `status` and `detail` of a server's answer when one came.
 *
 * `cause` is a plain string property (such as "other_origin"), not the
 * chained error that `Error`'s options set.
 */
export class AuthError extends Error {
  /**
   * @param {{code?: string, message?: string, fix?: string, cause?: string | null,
   *   status?: number | null, detail?: unknown}} [fields]
   */
  constructor(fields = {}) {
    const code = nonEmpty(fields.code) ?? "internal";
    const known = LOCAL_ERRORS[code];
    super(nonEmpty(fields.message) ?? known?.[0] ?? LOCAL_ERRORS.internal[0]);
    this.name = "AuthError";
    /** @type {string} */
    this.code = code;
    /** @type {string} */
    this.fix = nonEmpty(fields.fix) ?? known?.[1] ?? "";
    /** @type {string | null} */
    this.cause = nonEmpty(fields.cause);
    /** @type {number | null} */
    this.status = Number.isInteger(fields.status) && fields.status > 0 ? fields.status : null;
    /** @type {unknown} */
    this.detail = fields.detail ?? null;
  }

  /**
   * Turns anything thrown into an AuthError: the module's plain error
   * objects keep their fields, an aborted request becomes `aborted`, and any
   * other value becomes `internal` with its text in `detail`.
   *
   * @param {unknown} value
   * @returns {AuthError}
   */
  static from(value) {
    if (value instanceof AuthError) {
      return value;
    }
    // The module rejects with plain objects; Errors of other origins may
    // carry a code of their own (Node's "ERR_…") and are not taken for them.
    const plain = isRecord(value) && (value.name === "AuthError" || !(value instanceof Error));
    if (plain && typeof value.code === "string" && value.code !== "") {
      return new AuthError(value);
    }
    if (isRecord(value) && value.name === "AbortError") {
      return new AuthError({ code: "aborted", detail: String(value.message ?? "") });
    }
    if (value instanceof Error) {
      return new AuthError({ code: "internal", cause: value.name, detail: value.message });
    }
    const detail = value === undefined ? null : String(value);
    return new AuthError({ code: "internal", detail });
  }

  /**
   * The fields as a plain object, for JSON.stringify and bug reports.
   *
   * @returns {Record<string, unknown>}
   */
  toJSON() {
    const { name, code, message, fix, cause, status, detail } = this;
    return { name, code, message, fix, cause, status, detail };
  }
}

/**
 * Loads the module, once per page, and signs the page in as far as it can:
 * reads the backend's config, finishes a sign-in when this is the callback,
 * restores the session. A second call, even through another copy of this
 * file, returns the same instance; its options are ignored.
 *
 * Resolves even when the sign-in failed (see `auth.lastError`); rejects with
 * an AuthError only when the module could not start at all. After a
 * rejection a later call tries again.
 *
 * @param {import("./scaiauth.js").MountOptions} [options]
 * @returns {Promise<import("./scaiauth.js").Auth>}
 */
export async function mount(options = {}) {
  if (!isRecord(options)) {
    throw invalidArgument("mount() takes an options object");
  }
  globalThis[MOUNT_SLOT] ??= { started: null, mounted: null };
  const slot = globalThis[MOUNT_SLOT];

  if (!slot.mounted) {
    const settings = settle(options);
    slot.started ??= start(settings).catch((error) => {
      slot.started = null;
      throw error;
    });
    slot.mounted = slot.started
      .then((auth) => mountAuth(auth, settings.bridgeOptions))
      .catch((error) => {
        slot.mounted = null;
        throw AuthError.from(error);
      });
  }
  return slot.mounted;
}

/** How often the backend's config is read again by default: a minute. */
const DEFAULT_CONFIG_POLL_MS = 60_000;

/** The poll interval of the options: a positive number, or 0 for none. */
function pollInterval(value) {
  if (value === undefined) {
    return DEFAULT_CONFIG_POLL_MS;
  }
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * Fills in the defaults and splits the options into what the loader uses and
 * what the module receives.
 */
function settle(options) {
  const defaultWasmUrl = new URL("../static/scaiauth.wasm", import.meta.url);
  const wasmUrl = toHref(options.wasmUrl ?? declaredModule() ?? defaultWasmUrl);
  const wasmExecUrl = toHref(options.wasmExecUrl ?? new URL("wasm_exec.js", wasmUrl));
  const onProgress = typeof options.onProgress === "function" ? options.onProgress : null;
  const log = createLog(options.logger);

  // The module decodes its options as JSON: the loader's own callbacks stay here.
  const { onProgress: _progress, logger: _logger, configPollMs: _poll, ...rest } = options;
  const bridgeOptions = { ...rest, apiBase: options.apiBase ?? DEFAULT_API_BASE };
  bridgeOptions.wasmUrl = wasmUrl;
  bridgeOptions.wasmExecUrl = wasmExecUrl;
  if (options.redirectUri !== undefined) {
    bridgeOptions.redirectUri = toHref(options.redirectUri);
  }
  if (options.scopes !== undefined) {
    bridgeOptions.scopes = toScopes(options.scopes);
  }
  if (options.returnTo !== undefined) {
    bridgeOptions.returnTo = String(options.returnTo);
  }
  return {
    wasmUrl,
    wasmExecUrl,
    onProgress,
    log,
    declarative: options.declarative !== false,
    configPollMs: pollInterval(options.configPollMs),
    bridgeOptions,
  };
}

/**
 * The module the page names in its head, `<link rel="preload" as="fetch"
 * crossorigin data-scaiauth-module href="…">`, or null. Taking the URL
 * from there means the preload, which starts before any script runs, and
 * the fetch below are one request: a server that renames the module after
 * its content (as the development stack does) only rewrites the link.
 */
function declaredModule() {
  const link = globalThis.document?.querySelector("link[data-scaiauth-module][href]");
  return link ? link.href : null;
}

/**
 * Fetches and compiles the module while Go's runtime script loads, runs it,
 * and waits for its bridge.
 *
 * @returns {Promise<Auth>} an instance that has its bridge but is not yet mounted
 */
async function start(settings) {
  const { wasmUrl, wasmExecUrl, onProgress, log } = settings;
  if (typeof WebAssembly !== "object" || typeof document === "undefined") {
    throw new AuthError({
      code: "module_load_failed",
      cause: "unsupported",
      fix: "Open the canvas in a current browser with WebAssembly enabled.",
    });
  }

  log("debug", "loading the module", { wasmUrl, wasmExecUrl });
  // The backend's config is the module's first request: asked now, it is
  // answered while the module downloads instead of after it starts.
  const { apiBase, exchange } = settings.bridgeOptions;
  const earlyConfig = exchange === "direct" ? null : fetchConfig(apiBase, log);
  const compiled = compile(wasmUrl, onProgress, log).then((module) => {
    mark("compiled");
    return module;
  });
  // Both run at once; a failure of one must not surface as unhandled.
  compiled.catch(() => {});
  await loadGoRuntime(wasmExecUrl);
  const module = await compiled;

  const runtime = await run(module, log);
  mark("running");
  log("debug", "the module is running");
  return new Auth(runtime, settings, earlyConfig);
}

/** How long the early config request may go unanswered: then the module asks. */
const EARLY_CONFIG_TIMEOUT_MS = 10_000;

/**
 * GET {apiBase}/auth/config, the request the module would make first, with
 * the same credentials and caching. It resolves with the answer as the
 * module takes it (status, headers, body as text), whatever the status: the
 * module reads a refusal as it would its own. Without an answer (offline, a
 * timeout) it resolves with null and the module asks again itself, so what
 * went wrong is reported by the module in its words.
 */
async function fetchConfig(apiBase, log) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), EARLY_CONFIG_TIMEOUT_MS);
  try {
    const response = await fetch(`${apiBase.replace(/\/+$/, "")}/auth/config`, {
      credentials: "same-origin",
      cache: "no-store",
      signal: abort.signal,
    });
    const headers = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  } catch (error) {
    log("debug", "the early config request got no answer", { error: String(error) });
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the download now and compiles while the bytes arrive.
 * `compileStreaming` needs no imports, so it does not wait for wasm_exec.js.
 */
async function compile(wasmUrl, onProgress, log) {
  let response;
  try {
    response = await fetch(wasmUrl, { credentials: "same-origin" });
  } catch (error) {
    throw loadFailed("wasm_fetch", error);
  }
  if (!response.ok) {
    throw loadFailed("wasm_fetch", `HTTP ${response.status} for ${wasmUrl}`, response.status);
  }

  if (onProgress) {
    // Counting a clone leaves the original Response untouched, so the browser
    // can still cache the compiled code under the response's URL.
    countDownload(response.clone(), onProgress, log).catch((error) => {
      log("warn", "download progress unavailable", { error: String(error) });
    });
  }

  try {
    if (typeof WebAssembly.compileStreaming === "function" && isWasmResponse(response)) {
      return await WebAssembly.compileStreaming(response);
    }
    log("warn", "the module is not served as application/wasm; compiling it whole", {
      contentType: response.headers.get("content-type"),
    });
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (error) {
    throw loadFailed("wasm_compile", error);
  }
}

/** Reads a response body to its end, reporting the bytes as they come. */
async function countDownload(response, onProgress, log) {
  const total = declaredLength(response);
  const report = (loaded, expected) => {
    try {
      onProgress(loaded, expected);
    } catch (error) {
      log("warn", "onProgress threw", { error: String(error) });
    }
  };

  report(0, total);
  if (!response.body) {
    return;
  }
  const reader = response.body.getReader();
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    loaded += value.byteLength;
    report(loaded, total !== null && loaded <= total ? total : null);
  }
  report(loaded, loaded);
}

/**
 * The byte count the body will have, or null when unknown: Content-Length is
 * absent, or it counts compressed bytes while the body stream yields
 * decompressed ones.
 */
function declaredLength(response) {
  const encoding = (response.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (encoding !== "" && encoding !== "identity") {
    return null;
  }
  const length = Number(response.headers.get("content-length"));
  return Number.isSafeInteger(length) && length > 0 ? length : null;
}

/** WebAssembly's streaming API accepts exactly this media type, without parameters. */
function isWasmResponse(response) {
  const type = response.headers.get("content-type") ?? "";
  return type.trim().toLowerCase() === "application/wasm";
}

/**
 * Runs Go's wasm_exec.js, a classic script, through a script element: the
 * page's CSP allows same-origin scripts but no inline ones.
 */
function loadGoRuntime(url) {
  if (typeof globalThis.Go === "function") {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.addEventListener("load", () => {
      if (typeof globalThis.Go === "function") {
        resolve();
      } else {
        reject(loadFailed("wasm_exec", `${url} did not define Go`));
      }
    }, { once: true });
    script.addEventListener("error", () => {
      reject(loadFailed("wasm_exec", `${url} could not be loaded`));
    }, { once: true });
    (document.head ?? document.documentElement).append(script);
  });
}

/**
 * Instantiates and runs the module, and resolves with its bridge, which the
 * module hands to the ready hook while it starts.
 *
 * @returns {Promise<{bridge: object, exited: () => boolean}>}
 */
async function run(module, log) {
  const go = new globalThis.Go();
  let instance;
  try {
    instance = await WebAssembly.instantiate(module, go.importObject);
  } catch (error) {
    throw loadFailed("wasm_instantiate", error);
  }

  let exited = false;
  return new Promise((resolve, reject) => {
    let delivered = false;
    // Defined before go.run: the module may call it before go.run returns.
    globalThis[READY_HOOK] = (bridge) => {
      delete globalThis[READY_HOOK];
      if (delivered || !isRecord(bridge)) {
        reject(loadFailed("no_bridge", "the module handed over no bridge"));
        return;
      }
      delivered = true;
      resolve({ bridge, exited: () => exited });
    };
    go.run(instance).then(
      () => {
        exited = true;
        log("error", "the module exited");
        if (!delivered) {
          reject(loadFailed("no_bridge", "the module exited before it was ready"));
        }
      },
      (error) => {
        exited = true;
        reject(loadFailed("wasm_run", error));
      },
    );
  });
}

/**
 * Marks a step of the start on the page's performance timeline (User
 * Timing), as `scaiauth:compiled`, `scaiauth:running` and
 * `scaiauth:mounted`, for DevTools and for measuring where a visit's time
 * goes.
 */
function mark(step) {
  globalThis.performance?.mark?.(`scaiauth:${step}`);
}

/** Mounts an instance; the one way in to Auth's private #mount. */
let mountAuth;

/**
 * One signed-in (or not) page. Created once by mount(); exported as a type
 * only.
 */
class Auth {
  #bridge;
  #exited;
  #log;
  #declarative;
  #binding = null;
  #snapshot = EMPTY_SNAPSHOT;
  #snapshotText = "";
  #lastError = null;
  #lastErrorKey = "";
  #mounted = false;
  #configPollMs = 0;
  #pullPending = false;
  #earlyConfig;
  #listeners = { change: new Set(), error: new Set() };

  static {
    mountAuth = (auth, bridgeOptions) => auth.#mount(bridgeOptions);
  }

  /**
   * @param {{bridge: object, exited: () => boolean}} runtime
   * @param {object} settings
   * @param {Promise<object | null> | null} earlyConfig the config request
   *   start() sent with the download, for the first mount to hand over
   */
  constructor(runtime, settings, earlyConfig) {
    this.#bridge = runtime.bridge;
    this.#earlyConfig = earlyConfig;
    this.#exited = runtime.exited;
    this.#log = settings.log;
    this.#declarative = settings.declarative;
    this.#configPollMs = settings.configPollMs;
    // The module calls this from inside its own call stack, maybe holding its
    // locks: read the state afterwards, never re-enter the module from here.
    this.#call(() => this.#bridge.subscribe(() => this.#schedulePull()));
  }

  /**
   * Mounts the module with the page's options. Called by mount(), again
   * after a mount that failed.
   *
   * @returns {Promise<Auth>}
   */
  async #mount(bridgeOptions) {
    // Only the first mount's: a later one must not get a stale answer.
    const configReply = await this.#earlyConfig;
    this.#earlyConfig = null;
    const options = configReply ? { ...bridgeOptions, configReply } : bridgeOptions;
    const result = await this.#callAsync(() => this.#bridge.mount(options));
    this.#mounted = true;
    if (this.#declarative && !this.#binding) {
      this.#binding = new DeclarativeBinding(this, this.#log);
    }
    // The state read as the call settled is as new as the result, or newer.
    this.#accept(this.#readSnapshot() ?? result, { force: true });
    this.#watchConfig();
    mark("mounted");
    this.#log("debug", "mounted", { mode: this.mode, signedIn: this.signedIn });
    return this;
  }

  /** @returns {"scaikey" | "dev_token" | null} */
  get mode() {
    return this.#snapshot.mode;
  }

  /** @returns {Readonly<Record<string, unknown>> | null} the signed-in user's claims */
  get user() {
    return this.#snapshot.user;
  }

  /** @returns {AuthError | null} */
  get lastError() {
    return this.#lastError;
  }

  /** @returns {boolean} */
  get signedIn() {
    return this.#snapshot.signedIn;
  }

  /** @returns {boolean} */
  get ready() {
    return this.#snapshot.ready;
  }

  /**
   * Sends the browser to ScaiKey to sign in. Resolves once the navigation has
   * started; rejects before it when, for example, `returnTo` is not a path on
   * this origin.
   *
   * @param {{returnTo?: string | URL, prompt?: string, loginHint?: string}} [options]
   * @returns {Promise<void>}
   */
  async login(options = {}) {
    if (!isRecord(options)) {
      throw invalidArgument("login() takes an options object");
    }
    const request = {};
    if (options.returnTo !== undefined && options.returnTo !== null) {
      request.returnTo = toReturnPath(options.returnTo);
    }
    if (options.prompt !== undefined) {
      request.prompt = String(options.prompt);
    }
    if (options.loginHint !== undefined) {
      request.loginHint = String(options.loginHint);
    }
    this.#log("debug", "login", { returnTo: request.returnTo ?? null });
    await this.#callAsync(() => this.#bridge.login(request));
  }

  /** @returns {Promise<void>} */
  async logout() {
    this.#log("debug", "logout");
    await this.#callAsync(() => this.#bridge.logout());
  }

  /**
   * The current access token, refreshed first when close to expiry.
   *
   * @returns {Promise<string>}
   */
  async accessToken() {
    const token = await this.#callAsync(() => this.#bridge.accessToken());
    if (typeof token !== "string" || token === "") {
      throw new AuthError({ code: "internal", cause: "no_token" });
    }
    return token;
  }

  /**
   * Like the global fetch, through the module: it attaches the right bearer
   * and turns failures and HTTP errors (status 400 and above) into
   * AuthErrors. Bodies must be text (strings, JSON, forms). `signal` cancels
   * the wait, not the request itself; cache, credentials, mode and the like
   * are the module's business and are ignored.
   *
   * @param {string | URL | Request} input
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   */
  async fetch(input, init = {}) {
    let request;
    try {
      request = await toBridgeRequest(input, init);
    } catch (error) {
      throw error instanceof AuthError ? error : invalidArgument(String(error?.message ?? error));
    }
    const path = new URL(request.url).pathname;
    this.#log("debug", "fetch", { method: request.method, path });
    const pending = this.#callAsync(() => this.#bridge.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    }));
    const reply = await abortable(pending, request.signal);
    return toResponse(reply);
  }

  /** @returns {string[]} the Catalog tabs this mode offers */
  catalogTabs() {
    const tabs = this.#call(() => this.#bridge.catalogTabs());
    return Array.from(tabs ?? [], String);
  }

  /**
   * Whether an action (save, deploy, preview, lookups, …) is allowed now,
   * and if not, why.
   *
   * @param {string} action
   * @returns {Readonly<{allowed: boolean, reason: string, fix: string, code: string}>}
   */
  can(action) {
    if (typeof action !== "string" || action === "") {
      throw invalidArgument("can() takes an action name");
    }
    const decision = this.#call(() => this.#bridge.can(action));
    return Object.freeze({
      allowed: decision?.allowed === true,
      reason: String(decision?.reason ?? ""),
      fix: String(decision?.fix ?? ""),
      code: String(decision?.code ?? ""),
    });
  }

  /**
   * Sets (or, with null, clears) the shared dev token. In dev_token mode it
   * is used for POST /v1/dev/deploy only.
   *
   * @param {string | null} token
   */
  setDevToken(token) {
    if (token !== null && typeof token !== "string") {
      throw invalidArgument("setDevToken() takes a string or null");
    }
    this.#call(() => this.#bridge.setDevToken(token === "" ? null : token));
    this.#pull();
  }

  /**
   * Reads the backend's config again. The module does this by itself when
   * the tab comes back into view, when the browser goes online, and every
   * `configPollMs`; a page calls it after it knows the backend changed.
   *
   * @returns {Promise<boolean>} whether the config (and so maybe the mode) changed
   */
  async reloadConfig() {
    const changed = await this.#callAsync(() => this.#bridge.reloadConfig());
    this.#pull();
    return changed === true;
  }

  /**
   * Re-reads the config whenever the backend may have been switched between
   * scaikey and dev_token mode while the page stayed open.
   */
  #watchConfig() {
    const reload = () => {
      this.reloadConfig().catch((error) => this.#log("debug", "config reload failed", {
        code: error.code,
      }));
    };
    if (typeof document !== "undefined") {
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
          reload();
        }
      });
    }
    globalThis.addEventListener?.("online", reload);
    if (this.#configPollMs > 0) {
      setInterval(() => {
        if (typeof document === "undefined" || document.visibilityState === "visible") {
          reload();
        }
      }, this.#configPollMs);
    }
  }

  /**
   * Checks config, origin, storage, audience and clock, and says what to fix.
   *
   * @returns {Promise<Array<Readonly<{check: string, severity: string,
   *   message: string, fix: string}>>>}
   */
  async diagnose() {
    const findings = await this.#callAsync(() => this.#bridge.diagnose());
    return Array.from(findings ?? [], (finding) => Object.freeze({
      check: String(finding?.check ?? ""),
      severity: String(finding?.severity ?? "info"),
      message: String(finding?.message ?? ""),
      fix: String(finding?.fix ?? ""),
    }));
  }

  /**
   * The steps of the last sign-in, with secrets redacted by the module.
   *
   * @returns {Array<Readonly<{at: string, step: string, detail: string}>>}
   */
  trace() {
    const steps = this.#call(() => this.#bridge.trace());
    return Array.from(steps ?? [], (step) => Object.freeze({
      at: String(step?.at ?? ""),
      step: String(step?.step ?? ""),
      detail: String(step?.detail ?? ""),
    }));
  }

  /**
   * Listens for "change" (any change of state; the listener gets the state
   * and this instance) or "error" (a new lastError; the listener gets it).
   *
   * @param {"change" | "error"} event
   * @param {Function} listener
   * @returns {() => void} a function that stops listening
   */
  on(event, listener) {
    if (!EVENT_NAMES.has(event)) {
      throw invalidArgument(`unknown event ${JSON.stringify(String(event))}`);
    }
    if (typeof listener !== "function") {
      throw invalidArgument("on() takes a listener function");
    }
    const listeners = this.#listeners[event];
    const entry = (...args) => listener(...args);
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  }

  /** Reads the module's state once the current call stack has unwound. */
  #schedulePull() {
    if (this.#pullPending) {
      return;
    }
    this.#pullPending = true;
    queueMicrotask(() => {
      this.#pullPending = false;
      this.#pull();
    });
  }

  #pull() {
    const snapshot = this.#readSnapshot();
    if (snapshot) {
      this.#accept(snapshot);
    }
  }

  #readSnapshot() {
    try {
      return this.#call(() => this.#bridge.snapshot());
    } catch (error) {
      this.#log("warn", "cannot read the module's state", { code: error.code });
      return null;
    }
  }

  /** Takes a snapshot from the module: applies it to the page, then tells listeners. */
  #accept(raw, { force = false } = {}) {
    const snapshot = normalizeSnapshot(raw);
    // Everything that can change what listeners or the page show.
    const text = JSON.stringify([snapshot, errorKey(raw?.lastError), raw?.actions ?? null]);
    if (!force && text === this.#snapshotText) {
      return;
    }
    this.#snapshotText = text;
    this.#snapshot = snapshot;
    const newError = this.#takeError(raw?.lastError);

    if (!this.#mounted) {
      return;
    }
    this.#binding?.refresh();
    this.#emit("change", this.#state(), this);
    if (newError) {
      this.#log("warn", "sign-in error", { code: newError.code, cause: newError.cause });
      this.#emit("error", newError, this);
    }
  }

  /**
   * Keeps one AuthError per distinct error from the module, so lastError is
   * stable between snapshots. Returns the error when it is new.
   */
  #takeError(raw) {
    if (!isRecord(raw)) {
      this.#lastError = null;
      this.#lastErrorKey = "";
      return null;
    }
    const key = errorKey(raw);
    if (key === this.#lastErrorKey) {
      return null;
    }
    this.#lastErrorKey = key;
    this.#lastError = AuthError.from(raw);
    return this.#lastError;
  }

  /** The state handed to change listeners. */
  #state() {
    const { ready, mode, user, signedIn, tabs, returnTo } = this.#snapshot;
    const lastError = this.#lastError;
    return Object.freeze({ ready, mode, user, signedIn, lastError, tabs, returnTo });
  }

  #emit(event, ...args) {
    for (const listener of [...this.#listeners[event]]) {
      try {
        listener(...args);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** Calls into the module, turning whatever it throws into an AuthError. */
  #call(fn) {
    if (this.#exited()) {
      throw new AuthError({ code: "internal", cause: "exited" });
    }
    try {
      return fn();
    } catch (error) {
      throw AuthError.from(error);
    }
  }

  /**
   * Like #call, for the module's Promise-returning methods. The state is read
   * when the call settles, so the getters are current when the caller resumes.
   */
  async #callAsync(fn) {
    try {
      return await this.#call(fn);
    } catch (error) {
      throw AuthError.from(error);
    } finally {
      this.#pull();
    }
  }
}

/**
 * The state before the module's first snapshot.
 *
 * @type {Readonly<{ready: boolean, mode: "scaikey" | "dev_token" | null,
 *   user: Readonly<Record<string, unknown>> | null, signedIn: boolean,
 *   tabs: readonly string[], returnTo: string | null}>}
 */
const EMPTY_SNAPSHOT = Object.freeze({
  ready: false,
  mode: null,
  user: null,
  signedIn: false,
  tabs: Object.freeze([]),
  returnTo: null,
});

/**
 * What tells two errors from the module apart. An `id` or `at` field, when
 * the module sends one, separates two equal errors in a row.
 */
function errorKey(raw) {
  if (!isRecord(raw)) {
    return "";
  }
  const { code, cause, message, status } = raw;
  return JSON.stringify([raw.id ?? raw.at ?? null, code, cause, message, status]);
}

/** A frozen copy of the module's snapshot with its fields checked. */
function normalizeSnapshot(raw) {
  if (!isRecord(raw)) {
    return EMPTY_SNAPSHOT;
  }
  const mode = raw.mode === "scaikey" || raw.mode === "dev_token" ? raw.mode : null;
  const user = isRecord(raw.user) ? deepFreeze(JSON.parse(JSON.stringify(raw.user))) : null;
  return Object.freeze({
    ready: raw.ready === true,
    mode,
    user,
    signedIn: raw.signedIn === true,
    tabs: Object.freeze(Array.from(raw.tabs ?? [], String)),
    returnTo: typeof raw.returnTo === "string" && raw.returnTo !== "" ? raw.returnTo : null,
  });
}

/**
 * The declarative side: keeps the page's marked elements in line with the
 * module's state, including elements added later.
 *
 * It only undoes what it did: an element it hid is marked data-scai-hidden,
 * one it disabled data-scai-disabled, and only those are restored. A page can
 * ship elements with these marks (and hidden or disabled) to keep them out of
 * use until the module has decided.
 */
class DeclarativeBinding {
  #auth;
  #log;
  #decisions = new Map();
  #tabs = new Set();
  #saved = new WeakMap();

  constructor(auth, log) {
    this.#auth = auth;
    this.#log = log;
    // The first pass comes with the mount's snapshot; a body that does not
    // exist yet gets its own once it does.
    const bodyWasThere = Boolean(document.body);
    whenBodyExists(() => {
      const observer = new MutationObserver((records) => this.#observe(records));
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: [TAB_ATTR, ACTION_ATTR],
      });
      if (!bodyWasThere) {
        this.refresh();
      }
    });
  }

  /** Applies the current state to the whole document. */
  refresh() {
    const root = document.documentElement;
    const mode = this.#auth.mode;
    if (mode) {
      root.dataset.scaiAuthMode = mode;
    } else {
      delete root.dataset.scaiAuthMode;
    }
    if (!this.#readState()) {
      return;
    }
    for (const element of document.querySelectorAll(DECLARATIVE_SELECTOR)) {
      this.#apply(element);
    }
  }

  #observe(records) {
    if (!this.#readState()) {
      return;
    }
    for (const record of records) {
      if (record.type === "attributes") {
        this.#apply(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) {
          continue;
        }
        if (node.matches(DECLARATIVE_SELECTOR)) {
          this.#apply(node);
        }
        for (const element of node.querySelectorAll(DECLARATIVE_SELECTOR)) {
          this.#apply(element);
        }
      }
    }
  }

  /** Reads the tabs once per pass; decisions are read lazily, once per action. */
  #readState() {
    this.#decisions.clear();
    try {
      this.#tabs = new Set(this.#auth.catalogTabs());
      return true;
    } catch (error) {
      this.#log("warn", "cannot apply the declarative attributes", { code: error.code });
      return false;
    }
  }

  #decide(action) {
    let decision = this.#decisions.get(action);
    if (!decision) {
      try {
        decision = this.#auth.can(action);
      } catch (error) {
        decision = { allowed: false, reason: error.message, code: error.code };
      }
      this.#decisions.set(action, decision);
    }
    return decision;
  }

  #apply(element) {
    const tab = element.getAttribute(TAB_ATTR);
    if (tab !== null && !this.#tabs.has(tab)) {
      if (!element.hidden) {
        element.hidden = true;
        element.setAttribute(HIDDEN_MARK, "");
      }
    } else if (element.hasAttribute(HIDDEN_MARK)) {
      element.hidden = false;
      element.removeAttribute(HIDDEN_MARK);
    }

    const action = element.getAttribute(ACTION_ATTR);
    const decision = action === null || action === "" ? null : this.#decide(action);
    if (decision && !decision.allowed) {
      this.#disable(element, decision.reason || "Not available");
    } else if (element.hasAttribute(DISABLED_MARK)) {
      this.#enable(element);
    }
  }

  #disable(element, reason) {
    if (!this.#saved.has(element)) {
      // A page may ship an element already marked (disabled data-scai-disabled)
      // so that it is not usable before the module decides: that state is ours.
      const marked = element.hasAttribute(DISABLED_MARK);
      this.#saved.set(element, {
        title: element.getAttribute("title"),
        disabled: !marked && element.hasAttribute("disabled"),
        ariaDisabled: marked ? null : element.getAttribute("aria-disabled"),
      });
    }
    element.setAttribute("disabled", "");
    element.setAttribute("aria-disabled", "true");
    element.setAttribute(DISABLED_MARK, element.getAttribute(ACTION_ATTR) ?? "");
    element.title = reason;
    this.#saved.get(element).reason = reason;
  }

  #enable(element) {
    const saved = this.#saved.get(element);
    this.#saved.delete(element);
    element.removeAttribute(DISABLED_MARK);
    if (!saved) {
      element.removeAttribute("disabled");
      element.removeAttribute("aria-disabled");
      return;
    }
    if (!saved.disabled) {
      element.removeAttribute("disabled");
    }
    restoreAttribute(element, "aria-disabled", saved.ariaDisabled);
    // Put the page's own title back, unless the page changed it meanwhile.
    if (element.getAttribute("title") === saved.reason) {
      restoreAttribute(element, "title", saved.title);
    }
  }
}

function restoreAttribute(element, name, value) {
  if (value === null) {
    element.removeAttribute(name);
  } else {
    element.setAttribute(name, value);
  }
}

function whenBodyExists(fn) {
  if (document.body) {
    fn();
  } else {
    document.addEventListener("DOMContentLoaded", fn, { once: true });
  }
}

/**
 * Turns fetch's (input, init) into the plain request the module takes:
 * an absolute URL, an upper-case method, a record of lower-case headers and a
 * text body.
 */
async function toBridgeRequest(input, init) {
  if (!isRecord(init)) {
    throw invalidArgument("fetch() takes an init object");
  }
  const fromRequest = typeof Request === "function" && input instanceof Request;
  let url;
  if (fromRequest) {
    url = input.url;
  } else if (typeof input === "string" || input instanceof URL) {
    url = toHref(input);
  } else {
    throw invalidArgument("fetch() takes a string, a URL or a Request");
  }

  const method = String(init.method ?? (fromRequest ? input.method : "GET")).toUpperCase();
  const headers = new Headers(init.headers ?? (fromRequest ? input.headers : undefined));
  const signal = init.signal ?? (fromRequest ? input.signal : null) ?? null;

  let body;
  if (init.body !== undefined && init.body !== null) {
    body = await toText(init.body, headers);
  } else if (fromRequest && init.body === undefined && input.body !== null) {
    body = await toText(await input.clone().arrayBuffer(), headers);
  }
  if (body !== undefined && (method === "GET" || method === "HEAD")) {
    throw invalidArgument(`a ${method} request cannot have a body`);
  }

  return { url, method, headers: Object.fromEntries(headers), body, signal };
}

/**
 * A body as text, with the content type fetch would give it when the caller
 * set none (forms, URLSearchParams, typed Blobs, plain strings).
 */
async function toText(body, headers) {
  if (typeof body === "string") {
    if (!headers.has("content-type")) {
      headers.set("content-type", "text/plain;charset=UTF-8");
    }
    return body;
  }
  let wrapped;
  try {
    wrapped = new Response(body);
  } catch {
    throw invalidArgument("fetch() cannot send this kind of body");
  }
  const type = wrapped.headers.get("content-type");
  if (type && !headers.has("content-type")) {
    headers.set("content-type", type);
  }
  const bytes = await wrapped.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw invalidArgument("auth.fetch() sends text bodies only; this body is binary");
  }
}

/** Builds the Response for the module's reply. */
function toResponse(reply) {
  const status = Number(reply?.status);
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new AuthError({ code: "bad_response", detail: `status ${String(reply?.status)}` });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply?.headers ?? {})) {
    try {
      headers.append(name, String(value));
    } catch {
      // A header the Headers class refuses cannot be useful to the page either.
    }
  }
  const body = NULL_BODY_STATUSES.has(status) ? null : reply?.body ?? null;
  return new Response(body, { status, headers });
}

/** Waits for a Promise unless the signal aborts first. */
function abortable(pending, signal) {
  if (!signal) {
    return pending;
  }
  const aborted = () => AuthError.from(signal.reason ?? { name: "AbortError" });
  if (signal.aborted) {
    pending.catch(() => {});
    return Promise.reject(aborted());
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * A return path as the module wants it: a string as given, a URL on this
 * origin as path, query and fragment (the module judges either).
 */
function toReturnPath(value) {
  if (value instanceof URL && value.origin === globalThis.location?.origin) {
    return value.pathname + value.search + value.hash;
  }
  return String(value);
}

/** Scopes as an array of strings; a string is split on white space. */
function toScopes(scopes) {
  if (typeof scopes === "string") {
    return scopes.split(/\s+/).filter(Boolean);
  }
  if (Array.isArray(scopes)) {
    return scopes.map(String);
  }
  throw invalidArgument("scopes is an array of strings or one space-separated string");
}

/** An absolute URL, resolved against the document's base. */
function toHref(value) {
  if (value instanceof URL) {
    return value.href;
  }
  try {
    const base = globalThis.document?.baseURI ?? globalThis.location?.href;
    return new URL(String(value), base).href;
  } catch {
    throw invalidArgument(`not a URL: ${JSON.stringify(String(value))}`);
  }
}

/**
 * The one place this file logs through. Off unless the page passes
 * `logger: true` (the console) or an object with debug/info/warn/error.
 * Nothing logged ever holds a token, code, verifier or secret.
 */
function createLog(logger) {
  const sink = logger === true ? globalThis.console : logger;
  if (!isRecord(sink)) {
    return () => {};
  }
  return (level, message, fields) => {
    const write = typeof sink[level] === "function" ? sink[level] : sink.log;
    if (typeof write !== "function") {
      return;
    }
    if (fields === undefined) {
      write.call(sink, `scaiauth: ${message}`);
    } else {
      write.call(sink, `scaiauth: ${message}`, fields);
    }
  };
}

/** A listener's exception goes to the page's error reporting, not to its peers. */
function reportListenerError(error) {
  if (typeof globalThis.reportError === "function") {
    globalThis.reportError(error);
  } else {
    setTimeout(() => {
      throw error;
    });
  }
}

function loadFailed(cause, error, status) {
  return new AuthError({
    code: "module_load_failed",
    cause,
    status,
    detail: error instanceof Error ? error.message : String(error),
  });
}

function invalidArgument(detail) {
  return new AuthError({ code: "invalid_argument", detail });
}

function nonEmpty(value) {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isRecord(value) {
  return typeof value === "object" && value !== null;
}

function deepFreeze(value) {
  if (isRecord(value)) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}
