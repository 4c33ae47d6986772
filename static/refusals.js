// refusals.js: says in words why something cannot be done. The module
// disables a gated control and puts the reason in its title, which shows only
// on hover; so each gated part of the page also carries a notice with the
// reason and the fix, and each failed request shows its error where it was
// made. Text only, never markup: reasons and details can come from a server.

/**
 * Fills every `[data-notice-for="action"]` element under root with the
 * reason and fix of `auth.can(action)`, or hides it when allowed.
 *
 * @param {import("/js/scaiauth.js").Auth} auth
 * @param {ParentNode} [root]
 */
export function showRefusals(auth, root = document) {
  for (const notice of root.querySelectorAll("[data-notice-for]")) {
    const decision = auth.can(notice.dataset.noticeFor);
    notice.hidden = decision.allowed;
    notice.dataset.code = decision.code;
    if (decision.allowed) {
      notice.replaceChildren();
      continue;
    }
    notice.replaceChildren(line(decision.reason, "notice-reason"));
    if (decision.fix) {
      notice.append(line(decision.fix, "notice-fix"));
    }
  }
}

/**
 * Shows an AuthError (message, what the server said, fix, code and status)
 * in target, or clears target when error is null.
 *
 * @param {HTMLElement} target
 * @param {{message: string, fix: string, code: string, status: number | null,
 *   detail: unknown} | null} error
 */
export function showProblem(target, error) {
  target.hidden = error === null;
  if (error === null) {
    target.replaceChildren();
    return;
  }
  target.replaceChildren(line(error.message, "problem-message"));
  for (const said of serverSaid(error.detail)) {
    if (said !== error.message) {
      target.append(line(said, "problem-detail"));
    }
  }
  if (error.fix) {
    target.append(line(error.fix, "problem-fix"));
  }
  const code = [error.code, error.status ? `HTTP ${error.status}` : null];
  target.append(line(code.filter(Boolean).join(" · "), "problem-code"));
}

/**
 * The lines of a FastAPI error detail: a string as is, a validation error
 * list as "field: message" per entry, an object by its message.
 */
function serverSaid(detail) {
  if (typeof detail === "string") {
    return [detail];
  }
  if (Array.isArray(detail)) {
    return detail.map((entry) => {
      const field = Array.isArray(entry?.loc) ? entry.loc.slice(1).join(".") : "";
      return field ? `${field}: ${String(entry?.msg)}` : String(entry?.msg);
    });
  }
  if (typeof detail?.message === "string") {
    return [detail.message];
  }
  return [];
}

function line(text, className) {
  const node = document.createElement("p");
  node.textContent = text;
  node.className = className;
  return node;
}
