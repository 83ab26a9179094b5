// Material for MkDocs 9.8 partials/javascripts/base.html, moved out of the page for the CSP.
// The only changes: the scope comes from the script element's data-md-scope attribute, and a closing semicolon.
// After it, the site's own start-up (see below).
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};

// The site's own, not Material's: the page's stylesheets, named by absolute URLs before the page is
// first drawn, so that Material never renames them once it is. Here rather than in a file of its
// own: one more script in <head> was one more request before the first paint (Lighthouse's
// simulated LCP on a slow 4G link went from 1.4 s to 1.8-2.6 s on the about page).
//
// Why: when instant navigation starts, Material rewrites every relative href and src in the
// document to an absolute URL (so that heads fetched later compare equal to this one). For a
// stylesheet, a new href is a new load: Chromium fetches it again (through the service worker once
// it controls the page) and restyles the page when the copy arrives; on a busy phone that was a
// frame with a sheet missing, the page moving and moving back with no change to its content
// (tests/browser/test_layout_shift.py caught shifts of 0.1 to 1.0 in CI).
//
// Here, in <head> right after the stylesheet links and before anything is drawn, each one is
// replaced by a copy with its absolute URL: the copy reuses the request already under way, and it
// holds the first paint back as the parser's own link did (Chromium does so for any pending
// stylesheet in <head>; blocking="render" says so for every browser, and is taken off once the
// sheet has loaded, so the element is what Material's later heads hold). Material then finds
// nothing to rewrite.
(() => {
  for (const link of document.querySelectorAll('link[rel="stylesheet"][href]')) {
    const href = link.getAttribute("href");
    if (/^(?:[a-z]+:)?\/\//i.test(href)) continue; // already absolute: Material leaves it alone
    const absolute = link.cloneNode();
    absolute.setAttribute("href", link.href); // the property is the resolved URL
    absolute.setAttribute("blocking", "render");
    const settle = () => absolute.removeAttribute("blocking");
    absolute.addEventListener("load", settle, { once: true });
    absolute.addEventListener("error", settle, { once: true });
    link.replaceWith(absolute);
  }
})();

// Scripts run on this page and its link holds no answers: the guided page's stylesheet may draw
// from the first paint the folds a first visit's path makes (flow.css, site_build/render/flow_path.py).
// Without JavaScript the attribute is never set and nothing is folded.
if (!location.search) document.documentElement.dataset.hbFirstFolds = "";

// "Show this step anyway" on such a fold, clicked before the page's own module has mounted (on a
// slow phone, or if it never loads): the step is shown at once, and flow-path.js keeps it shown.
document.addEventListener("click", (event) => {
  const button = event.target.closest?.(".flow-section__show");
  const note = button?.closest("[data-flow-folded-first]");
  const body = note && document.getElementById(button.getAttribute("aria-controls"));
  if (!body) return; // (a fold is marked, and its note clickable, only where the folds are drawn)
  for (const node of [note, body]) node.removeAttribute("data-flow-folded-first");
  note.hidden = false;
  body.dataset.flowShownAnyway = "";
  button.setAttribute("aria-expanded", "true");
  button.textContent = button.dataset.labelShown;
});
