// Who is signed in, the backend's mode, and the one button that changes it.

import { Show } from "solid-js";
import type { Auth } from "@scaiflow/scaiauth";
import type { Session } from "./session";

const MODE_LABELS = { scaikey: "ScaiKey", dev_token: "Dev token" } as const;

interface SignInPanelProps {
  auth: Auth;
  session: Session;
}

// login() and logout() reject only with errors the module also reports as
// lastError through "change", which ErrorNotice shows; the buttons need not.
const reported = () => {};

export function SignInPanel(props: SignInPanelProps) {
  const modeLabel = () => (props.session.mode ? MODE_LABELS[props.session.mode] : "unknown");

  return (
    <section class="sign-in" aria-live="polite">
      <p id="status">
        <Show when={props.session.user} fallback="Signed out">
          {(user) => (
            <>
              Signed in as <strong id="user-name">{user().name ?? user().sub}</strong>
              <span id="user-tenant"> ({user().tenant_id})</span>
            </>
          )}
        </Show>
      </p>
      <p>
        Backend mode: <span id="mode">{modeLabel()}</span>
      </p>
      <Show
        when={props.session.signedIn}
        fallback={
          <button id="sign-in" type="button" disabled={props.session.mode !== "scaikey"}
            onClick={() => props.auth.login().catch(reported)}>
            Sign in
          </button>
        }
      >
        <button id="sign-out" type="button" onClick={() => props.auth.logout().catch(reported)}>
          Sign out
        </button>
      </Show>
    </section>
  );
}
