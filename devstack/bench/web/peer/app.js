// The peer: oidc-client-ts signing in to the development stack's provider
// as the public client with PKCE, doing what ours/app.js does with scaiauth.
//
// The bench reads two performance marks: "auth-state-known" when the page
// knows whether someone is signed in, and "signed-in" when a user is.
import { UserManager } from "oidc-client-ts";

const CALLBACK_PATH = "/auth/callback";

// The stack answers /config.json with its issuer and public client.
const config = await (await fetch("/config.json")).json();
const users = new UserManager({
  authority: config.issuer,
  client_id: config.clientId,
  redirect_uri: location.origin + CALLBACK_PATH,
  scope: "openid profile email offline_access",
});

let user = null;
let state = "signed-out";
try {
  if (location.pathname === CALLBACK_PATH) {
    user = await users.signinCallback();
    // oidc-client-ts leaves the code in the address bar; scaiauth removes it.
    history.replaceState(null, "", "/");
  } else {
    user = await users.getUser();
  }
  state = user ? "signed-in" : "signed-out";
} catch (error) {
  state = "error";
  console.error(error);
}

performance.mark("auth-state-known");
if (user) {
  performance.mark("signed-in");
}
const button = document.querySelector("#sign-in");
document.querySelector("#user").textContent = user?.profile.name ?? state;
button.onclick = () => users.signinRedirect();
button.disabled = false;
document.body.dataset.authState = state;
