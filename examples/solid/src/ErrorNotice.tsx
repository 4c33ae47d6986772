// The module's last error as it words it: the message, what to do, and
// the stable code to quote in a report.

import { Show } from "solid-js";
import type { AuthError } from "@scaiflow/scaiauth";

export function ErrorNotice(props: { error: AuthError | null }) {
  return (
    <Show when={props.error}>
      {(error) => (
        <section class="error" id="error" role="alert" data-code={error().code}>
          <p class="error-message">{error().message}</p>
          <Show when={error().fix}>
            <p class="error-fix">{error().fix}</p>
          </Show>
          <p class="error-code">Code: {error().code}</p>
        </section>
      )}
    </Show>
  );
}
