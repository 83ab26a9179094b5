// The one storage helper: localStorage that may be missing or throw (private modes, strict settings,
// a full quota). Nothing that uses it may fail because of it: a read gives the fallback, a write
// says whether it was kept, and `available` tells the page to say that ticks will be forgotten.

function local() {
  try {
    const store = window.localStorage; // the getter itself throws in some private modes
    const probe = "handbook:probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

export function openStore() {
  const store = local();
  return {
    available: store !== null,
    /** The JSON value at `key`, or `fallback` if absent, unreadable or refused. */
    read(key, fallback) {
      if (!store) return fallback;
      try {
        const text = store.getItem(key);
        if (text === null) return fallback;
        const value = JSON.parse(text);
        return value && typeof value === "object" ? value : fallback;
      } catch {
        return fallback;
      }
    },
    /** Keep `value` at `key`; false if the store refused it (full, or gone meanwhile). */
    write(key, value) {
      if (!store) return false;
      try {
        store.setItem(key, JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },
  };
}

export const NOT_KEPT = "This browser does not let the page keep your ticks: they last until you leave the page.";
