// Material for MkDocs draws ```mermaid fences with the global `mermaid`, and when there is none it
// fetches the library from the unpkg CDN (its bundle: `typeof mermaid == "undefined" ? load(CDN)`).
// This classic script runs before Material looks (it is in the page, before Material's bundle, and
// instant navigation runs it again before the new page is processed) and defines a small stand-in
// with the two calls Material makes: it keeps the settings from `initialize`, and the first
// `render` loads the site's own copy of Mermaid (assets/mermaid/, from the pinned npm package),
// hands it those settings and lets it take over the global. Nothing is fetched from another origin,
// and the 3 MB library is only downloaded when a diagram is actually drawn.
(() => {
  const present = window.mermaid;
  // An element with id="mermaid" also shows up as window.mermaid: that is not the library.
  if (present !== undefined && !(present instanceof Element)) return;

  const libraryURL = new URL("../mermaid/mermaid.min.js", document.currentScript.src).href;
  let settings = {};
  let loading = null;

  function load() {
    loading ||= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = libraryURL;
      script.onload = () => {
        const library = window.mermaid;
        if (!library || library === standIn) {
          reject(new Error(`${libraryURL} did not define mermaid`));
          return;
        }
        library.initialize(settings);
        resolve(library);
      };
      script.onerror = () => {
        loading = null; // let a later diagram try again
        reject(new Error(`could not load ${libraryURL}`));
      };
      document.head.append(script);
    });
    return loading;
  }

  const standIn = {
    initialize(config) {
      settings = { ...config };
    },
    async render(id, text) {
      // Parsing 3 MB of Mermaid is a long main-thread task: let the page's checkers answer first.
      await new Promise((resolve) =>
        "requestIdleCallback" in window ? requestIdleCallback(resolve, { timeout: 1500 }) : setTimeout(resolve, 200),
      );
      const library = await load();
      return library.render(id, text);
    },
  };
  window.mermaid = standIn;
})();
