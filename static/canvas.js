// canvas.js: the ScaiFlow canvas shell. It mounts the sign-in module and
// renders its state: the toolbar, the error box, the action panel, the
// Catalog dialog (catalog.js) and the diagnostics. The flow is shown on the
// surface (surface.js); the editor itself comes later.
//
// The module does the gating itself (data-scai-action, data-scai-tab); this
// file shows state and messages, always as text, never as markup.

import { AuthError, mount } from "/js/scaiauth.js";
import { flowActions } from "./actions.js";
import { wireCatalog } from "./catalog.js";
import { Flow } from "./flow.js";
import { showRefusals } from "./refusals.js";
import { showFlow } from "./surface.js";

const API_BASE = "/api/v1";
const CALLBACK_PATH = "/auth/callback";
const MODE_LABELS = { scaikey: "ScaiKey", dev_token: "Dev token" };
const SEVERITIES = new Set(["ok", "info", "warning", "error"]);

const page = {
  mode: element("mode"),
  user: element("user"),
  signIn: element("sign-in"),
  signOut: element("sign-out"),
  status: element("status"),
  progress: element("load-progress"),
  error: element("error"),
  errorMessage: element("error").querySelector(".error-message"),
  errorFix: element("error").querySelector(".error-fix"),
  errorCode: element("error").querySelector(".error-code"),
  errorDismiss: element("error").querySelector(".error-dismiss"),
  activity: element("activity"),
  devTokenForm: element("dev-token-form"),
  devTokenHint: element("dev-token-hint"),
  devToken: element("dev-token"),
  devTokenClear: element("dev-token-clear"),
  diagnose: element("diagnose"),
  copyTrace: element("copy-trace"),
  copyStatus: element("copy-status"),
  traceReport: element("trace-report"),
  diagnostics: element("diagnostics"),
  findings: element("diagnostics").querySelector(".findings"),
  traceSteps: element("diagnostics").querySelector(".trace-steps"),
  surface: element("surface"),
  catalog: element("catalog"),
  openCatalog: element("open-catalog"),
};

/** How the dev token is described in each mode. */
const DEV_TOKEN_HINTS = {
  dev_token: "Dev token mode: only Deploy works, with the backend's shared token " +
    "(SCAIFLOW_API_TOKEN). It stays in this tab and goes only to the deploy route.",
  scaikey: "Deploy goes to the backend's dev deploy route, which takes its shared " +
    "token and never your ScaiKey sign-in.",
};

/** The flow on the canvas, and what the panel's buttons do with it. */
const flow = new Flow();
const ACTIONS = flowActions(API_BASE, flow);

/** @type {import("/js/scaiauth.js").Auth | null} */
let auth = null;
/** An error of something the page did, shown before the module's lastError. */
let actionError = null;
/** The error the person dismissed; it stays hidden until another comes. */
let dismissed = null;

setAuthState("loading");
showFlow(flow, page.surface);
const catalog = wireCatalog({
  dialog: page.catalog,
  opener: page.openCatalog,
  apiBase: API_BASE,
  flow,
  auth: () => auth,
  opened: (message) => {
    page.activity.textContent = message;
  },
});
wireToolbar();
wirePanel();
start();

async function start() {
  try {
    auth = await mount({ apiBase: API_BASE, onProgress: showProgress, logger: debugging() });
  } catch (error) {
    page.progress.hidden = true;
    page.status.textContent = "Sign-in unavailable";
    page.mode.textContent = "Unavailable";
    actionError = AuthError.from(error);
    renderError();
    setAuthState("error");
    page.copyTrace.disabled = false;
    return;
  }

  window.scaiauth = auth;
  page.progress.hidden = true;
  page.diagnose.disabled = false;
  page.copyTrace.disabled = false;
  auth.on("change", render);
  auth.on("error", () => {
    actionError = null;
    dismissed = null;
  });
  render();
}

/** Shows everything that follows from the module's state. */
function render() {
  const { mode, signedIn, user, lastError } = auth;
  const name = signedIn && user ? displayName(user) : "";

  page.mode.textContent = MODE_LABELS[mode] ?? "Unknown mode";
  page.mode.dataset.mode = mode ?? "";
  page.user.textContent = name;
  page.user.title = signedIn && typeof user?.email === "string" ? user.email : "";
  page.user.hidden = !signedIn;
  page.signIn.hidden = signedIn || mode !== "scaikey";
  page.signOut.hidden = !signedIn;
  page.status.textContent = signedIn ? `Signed in as ${name}` : "Signed out";
  page.devTokenForm.hidden = !DEV_TOKEN_HINTS[mode];
  page.devTokenHint.textContent = DEV_TOKEN_HINTS[mode] ?? "";

  renderError();
  showRefusals(auth);
  catalog.render();
  setAuthState(signedIn ? "signed-in" : lastError ? "error" : "signed-out");
}

function renderError() {
  const error = actionError ?? auth?.lastError ?? null;
  const visible = error !== null && error !== dismissed;
  page.error.hidden = !visible;
  if (!visible) {
    return;
  }
  page.errorMessage.textContent = error.message;
  page.errorFix.textContent = error.fix;
  page.errorFix.hidden = !error.fix;
  page.errorCode.textContent = [
    error.code,
    error.cause,
    error.status ? `HTTP ${error.status}` : null,
  ].filter(Boolean).join(" · ");
}

function showActionError(error) {
  actionError = AuthError.from(error);
  dismissed = null;
  renderError();
}

function setAuthState(state) {
  document.body.dataset.authState = state;
}

function showProgress(loaded, total) {
  page.progress.hidden = false;
  if (total) {
    page.progress.max = total;
    page.progress.value = loaded;
  } else {
    page.progress.removeAttribute("value");
  }
}

function wireToolbar() {
  page.signIn.addEventListener("click", async () => {
    if (!auth) {
      return;
    }
    page.signIn.disabled = true;
    try {
      // Back on this page after the sign-in, unless this is the callback.
      const here = location.pathname + location.search;
      await auth.login(location.pathname === CALLBACK_PATH ? {} : { returnTo: here });
    } catch (error) {
      page.signIn.disabled = false;
      showActionError(error);
    }
  });

  // Coming back with the Back button restores the page as it was left.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      page.signIn.disabled = false;
    }
  });

  page.signOut.addEventListener("click", async () => {
    if (!auth) {
      return;
    }
    page.signOut.disabled = true;
    try {
      await auth.logout();
    } catch (error) {
      showActionError(error);
    } finally {
      page.signOut.disabled = false;
    }
  });

  page.errorDismiss.addEventListener("click", () => {
    actionError = null;
    dismissed = auth?.lastError ?? null;
    renderError();
  });
}

function wirePanel() {
  for (const button of document.querySelectorAll(".panel [data-scai-action]")) {
    button.addEventListener("click", () => runAction(button.dataset.scaiAction));
  }

  page.devTokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = page.devToken.value.trim();
    page.devToken.value = "";
    useDevToken(token === "" ? null : token);
  });
  page.devTokenClear.addEventListener("click", () => {
    page.devToken.value = "";
    useDevToken(null);
  });

  page.diagnose.addEventListener("click", diagnose);
  page.copyTrace.addEventListener("click", copyTrace);
}

async function runAction(name) {
  const action = ACTIONS[name];
  if (!auth || !action) {
    return;
  }
  const decision = auth.can(name);
  if (!decision.allowed) {
    page.activity.textContent = decision.reason;
    return;
  }
  page.activity.textContent = action.busy;
  try {
    page.activity.textContent = await action.run(auth);
  } catch (error) {
    page.activity.textContent = "";
    showActionError(error);
  }
}

function useDevToken(token) {
  if (!auth) {
    return;
  }
  try {
    auth.setDevToken(token);
    page.activity.textContent = token ? "Dev token set for this tab." : "Dev token cleared.";
  } catch (error) {
    showActionError(error);
  }
}

async function diagnose() {
  page.diagnose.disabled = true;
  page.diagnostics.setAttribute("aria-busy", "true");
  try {
    const findings = await auth.diagnose();
    page.findings.replaceChildren(...findingItems(findings));
    page.traceSteps.replaceChildren(...traceItems());
    page.diagnostics.hidden = false;
  } catch (error) {
    showActionError(error);
  } finally {
    page.diagnose.disabled = false;
    page.diagnostics.removeAttribute("aria-busy");
  }
}

function findingItems(findings) {
  if (findings.length === 0) {
    return [textElement("li", "No findings.", "finding")];
  }
  return findings.map((finding) => {
    const severity = SEVERITIES.has(finding.severity) ? finding.severity : "info";
    const item = textElement("li", "", "finding");
    item.dataset.severity = severity;
    const heading = textElement("div", "", "finding-heading");
    heading.append(
      textElement("span", severity, "finding-severity"),
      textElement("span", finding.check, "finding-check"),
    );
    item.append(heading, textElement("p", finding.message, "finding-message"));
    if (finding.fix) {
      item.append(textElement("p", finding.fix, "finding-fix"));
    }
    return item;
  });
}

function traceItems() {
  let steps;
  try {
    steps = auth.trace();
  } catch (error) {
    return [textElement("li", `The trace is unavailable (${AuthError.from(error).code}).`)];
  }
  if (steps.length === 0) {
    return [textElement("li", "No sign-in recorded in this tab.")];
  }
  return steps.map((step) => {
    const item = textElement("li", "", "trace-step");
    item.append(
      textElement("time", step.at, "trace-at"),
      textElement("span", step.step, "trace-name"),
      textElement("span", step.detail, "trace-detail"),
    );
    return item;
  });
}

/**
 * Copies the trace of the last sign-in for a bug report, and shows what was
 * copied. The module's steps never hold a token, code or verifier; the page
 * adds its address without the query, which holds the code on the callback.
 */
async function copyTrace() {
  const text = JSON.stringify(traceReport(), null, 2);
  page.traceReport.value = text;
  page.traceReport.hidden = false;
  try {
    await navigator.clipboard.writeText(text);
    page.copyStatus.textContent = "Trace copied: paste it into the bug report.";
  } catch {
    page.traceReport.focus();
    page.traceReport.select();
    page.copyStatus.textContent = "The browser refused to copy: the trace is selected " +
      "below, copy it with Ctrl+C (⌘C).";
  }
}

function traceReport() {
  const error = actionError ?? auth?.lastError ?? null;
  let steps = [];
  try {
    steps = auth ? auth.trace() : [];
  } catch {
    // A module that cannot give its trace still lets the page report the error.
  }
  return {
    page: location.origin + location.pathname,
    copiedAt: new Date().toISOString(),
    mode: auth?.mode ?? null,
    signedIn: auth?.signedIn ?? false,
    error: error && { code: error.code, cause: error.cause, status: error.status },
    steps: steps.map(({ at, step, detail }) => ({ at, step, detail: redact(detail) })),
    userAgent: navigator.userAgent,
  };
}

/**
 * A second line of defence: anything shaped like a token, a code or a
 * verifier (a long run of base64url characters mixing case or digits) is cut
 * out of a detail. Error codes, all lower case, stay readable.
 */
function redact(text) {
  return String(text).replace(/[A-Za-z0-9_-]{20,}(\.[A-Za-z0-9_-]+)*/g, (run) =>
    /[A-Z0-9]/.test(run) ? "[redacted]" : run);
}

function displayName(user) {
  for (const claim of [user.name, user.email, user.sub]) {
    if (typeof claim === "string" && claim !== "") {
      return claim;
    }
  }
  return "unknown user";
}

function textElement(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) {
    node.className = className;
  }
  return node;
}

function element(id) {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`canvas: #${id} is missing from the page`);
  }
  return found;
}

/**
 * `?scaiauth-debug` turns the module's log on for the rest of the tab's
 * life, so that the callback page, whose address the provider chose, logs too.
 */
function debugging() {
  try {
    if (new URLSearchParams(location.search).has("scaiauth-debug")) {
      sessionStorage.setItem("scaiauth-debug", "1");
    }
    return sessionStorage.getItem("scaiauth-debug") === "1";
  } catch {
    return false; // storage refused: no log, and nothing else changes
  }
}
