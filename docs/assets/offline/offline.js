// The offline copy, on every page (mkdocs.yml extra_javascript, a module: it runs once per visit,
// whatever instant navigation does afterwards). Once the first page has loaded and the reader is
// idle, it registers the site's service worker (sw.js at the site root) and asks it to cache
// this build; when the host has a newer build and it is cached, it offers it with a notice.
//
// Nothing here is needed to read the site: without a service worker (an old browser, a host
// that does not serve sw.js, an error) the page works from the network as it always did.
// The state is on <html data-offline="...">: "caching", "ready" (this page's build is cached),
// "unavailable" or "failed".

const ROOT = new URL("../../", import.meta.url);
const MESSAGE = "handbook-offline";
const CHECK_EVERY_MS = 5 * 60 * 1000; // at most this often on instant navigation
const pageBuild = document.querySelector('meta[name="handbook-build"]')?.content || null;
let lastCheck = 0;
let notice = null;

function setState(state) {
  document.documentElement.dataset.offline = state;
}

// A first visit's Python runtime (about 4 MB compressed) must not share the network with the
// offline copy (30 MB): wait for the page to load, then for the reader to be idle, and a little
// longer, so the first answer on a slow network comes first.
const SETTLE_MS = 3000;

function idle() {
  return new Promise((resolve) => ("requestIdleCallback" in window ? requestIdleCallback(() => resolve(), { timeout: 5000 }) : setTimeout(resolve, 1000)));
}

async function whenIdle() {
  if (document.readyState !== "complete") await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  await idle();
  if (navigator.serviceWorker.controller) return; // a returning reader: this page came through the cache
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await idle();
}

/** The notice's live region, in the page from the start (site_build/finish/offline.py add_notice_region):
 * a live region must exist before anything is written into it to be announced. */
function liveRegion() {
  notice = notice || document.querySelector(".handbook-update");
  return notice;
}

function offerNewVersion() {
  const region = liveRegion();
  if (!region || region.querySelector("button")) return;
  const text = document.createElement("p");
  text.append("A new version of the handbook is ready: ");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "Reload";
  button.addEventListener("click", () => location.reload());
  text.append(button);
  region.append(text);
}

function onMessage({ data }) {
  if (!data || data.type !== MESSAGE) return;
  if (data.state === "ready") {
    if (data.build === pageBuild) setState("ready");
    // Only a build the host serves now counts as new: the newest cached one may be older
    // than a page that just came from the network.
    else if (data.deployed) {
      setState("ready");
      offerNewVersion();
    }
  } else if (data.state === "failed") {
    console.warn(`Offline copy: ${data.message}`);
    if (document.documentElement.dataset.offline !== "ready") setState("failed");
  }
}

function tell(registration, wanted) {
  const worker = registration.active;
  if (!worker) return;
  const check = wanted && navigator.onLine; // offline, there is no deploy to look for
  if (check) lastCheck = Date.now();
  worker.postMessage({ type: MESSAGE, build: pageBuild, check });
}

async function start() {
  if (!pageBuild || !("serviceWorker" in navigator) || !window.isSecureContext) {
    setState("unavailable");
    return;
  }
  await whenIdle();
  setState("caching");
  navigator.serviceWorker.addEventListener("message", onMessage);
  navigator.serviceWorker.startMessages();
  try {
    await navigator.serviceWorker.register(new URL("sw.js", ROOT), { scope: ROOT.pathname });
  } catch (error) {
    console.warn(`Offline copy unavailable (the site works from the network): ${error && error.message ? error.message : error}`);
    setState("unavailable");
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  tell(registration, true);
  addEventListener("online", () => tell(registration, true));
  // Instant navigation keeps this document: say which build it is (a restarted service worker
  // forgets) and look for a new deploy now and then.
  if (window.document$) {
    window.document$.subscribe(() => tell(registration, Date.now() - lastCheck > CHECK_EVERY_MS));
  }
}

start().catch((error) => {
  console.warn(`Offline copy: ${error && error.message ? error.message : error}`);
  setState("failed");
});
