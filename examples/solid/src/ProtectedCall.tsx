// A call the backend answers only with a valid access token: GET /v1/me.
// auth.fetch attaches the bearer, refreshes it when due, and rejects with
// an AuthError for any failure or status of 400 and above.

import { createEffect, createSignal, Match, on, Switch } from "solid-js";
import { AuthError, type Auth } from "@scaiflow/scaiauth";
import type { Session } from "./session";

/** The backend's answer to GET /v1/me. */
interface Me {
  sub: string;
  tenant_id: string;
  email?: string | null;
  name?: string | null;
  role?: string | null;
}

type Call =
  | { state: "idle" }
  | { state: "pending" }
  | { state: "ok"; me: Me }
  | { state: "failed"; error: AuthError };

interface ProtectedCallProps {
  auth: Auth;
  apiBase: string;
  session: Session;
}

export function ProtectedCall(props: ProtectedCallProps) {
  const [call, setCall] = createSignal<Call>({ state: "idle" });

  async function callMe() {
    setCall({ state: "pending" });
    try {
      const reply = await props.auth.fetch(`${props.apiBase}/me`);
      setCall({ state: "ok", me: (await reply.json()) as Me });
    } catch (error) {
      setCall({ state: "failed", error: AuthError.from(error) });
    }
  }

  // Called once per sign-in, and forgotten at sign-out.
  createEffect(on(() => props.session.signedIn, (signedIn) => {
    if (signedIn) {
      void callMe();
    } else {
      setCall({ state: "idle" });
    }
  }));

  return (
    <section class="protected" id="protected" data-call={call().state}>
      <h2>
        <code>GET {props.apiBase}/me</code>
      </h2>
      <Switch fallback={<p>Sign in to call the API.</p>}>
        <Match when={call().state === "pending"}>
          <p>Calling…</p>
        </Match>
        <Match when={okMe(call())}>
          {(me) => (
            <dl id="me">
              <dt>Subject</dt>
              <dd id="me-sub">{me().sub}</dd>
              <dt>Tenant</dt>
              <dd id="me-tenant">{me().tenant_id}</dd>
              <dt>Role</dt>
              <dd id="me-role">{me().role ?? "none"}</dd>
            </dl>
          )}
        </Match>
        <Match when={failedWith(call())}>
          {(error) => <p id="me-error">{error().message} ({error().code})</p>}
        </Match>
      </Switch>
      <button id="call-me" type="button" disabled={!props.session.signedIn}
        onClick={() => void callMe()}>
        Call again
      </button>
    </section>
  );
}

function okMe(call: Call): Me | undefined {
  return call.state === "ok" ? call.me : undefined;
}

function failedWith(call: Call): AuthError | undefined {
  return call.state === "failed" ? call.error : undefined;
}
