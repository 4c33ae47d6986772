// The example's entry: read the deployment's settings, mount the sign-in
// module once, and render from its state.

import { render } from "solid-js/web";
import { mount } from "@scaiflow/scaiauth";
import { Root } from "./Root";
import { chosenExchange, loadDeployment, mountOptions } from "./settings";
import "./app.css";

const exchange = chosenExchange();
const deployment = loadDeployment();
// Started before the first render: the module downloads while Solid draws
// the loading state.
const started = deployment.then((settings) => mount(mountOptions(settings, exchange)));

const host = document.getElementById("app");
if (host) {
  render(() => <Root started={started} deployment={deployment} exchange={exchange} />, host);
}
