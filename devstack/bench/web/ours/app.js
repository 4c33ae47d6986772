// scaiauth on a page like peer/app.js: the same markup, the same marks.
// Bundled like the peer, the loader finds the module next to this script,
// in /static/.
//
// The bench reads two performance marks: "auth-state-known" when the page
// knows whether someone is signed in, and "signed-in" when a user is.
import { mount } from "../../../../js/scaiauth.js";

const CALLBACK_PATH = "/auth/callback";

// The bench writes /config.json: the issuer and public client, and which
// exchange to use ("direct" as the peer does, or "bff" through the backend).
const config = await (await fetch("/config.json")).json();
const exchange =
  config.exchange === "bff"
    ? {}
    : { exchange: "direct", issuer: config.issuer, clientId: config.clientId };

let auth = null;
let state = "signed-out";
try {
  // On the callback, mount() finishes the sign-in before it resolves.
  auth = await mount({ ...exchange, redirectUri: location.origin + CALLBACK_PATH });
  state = auth.lastError ? "error" : auth.signedIn ? "signed-in" : "signed-out";
} catch (error) {
  state = "error";
  console.error(error);
}

performance.mark("auth-state-known");
if (auth?.signedIn) {
  performance.mark("signed-in");
}
const button = document.querySelector("#sign-in");
document.querySelector("#user").textContent = auth?.user?.name ?? state;
button.onclick = () => auth?.login();
button.disabled = auth === null;
document.body.dataset.authState = state;
