// The signed-in (or not) page: every part renders from the session signal,
// which only the module's "change" event updates.

import type { Auth } from "@scaiflow/scaiauth";
import { CatalogTabs } from "./CatalogTabs";
import { ErrorNotice } from "./ErrorNotice";
import { ExchangeSwitch } from "./ExchangeSwitch";
import { ProtectedCall } from "./ProtectedCall";
import { SignInPanel } from "./SignInPanel";
import { createSession, type Session } from "./session";
import type { Exchange } from "./settings";

interface AppProps {
  auth: Auth;
  apiBase: string;
  exchange: Exchange;
}

/** The page's state for styling and tests: loading, signed-in, signed-out, error. */
function pageState(session: Session): string {
  if (!session.ready) {
    return "loading";
  }
  if (session.signedIn) {
    return "signed-in";
  }
  return session.error ? "error" : "signed-out";
}

export function App(props: AppProps) {
  const session = createSession(props.auth);

  return (
    <main id="page" data-state={pageState(session())} data-exchange={props.exchange}>
      <header>
        <h1>ScaiFlow sign-in, embedded</h1>
        <ExchangeSwitch current={props.exchange} locked={session().signedIn} />
      </header>
      <SignInPanel auth={props.auth} session={session()} />
      <ErrorNotice error={session().error} />
      <ProtectedCall auth={props.auth} apiBase={props.apiBase} session={session()} />
      <CatalogTabs auth={props.auth} apiBase={props.apiBase} tabs={session().tabs} />
    </main>
  );
}
