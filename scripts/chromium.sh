# Sourced by scripts/test: find a Chromium (and nginx, Firefox ESR, WebKitGTK) for the browser tests, installing Debian's if we can.
# Playwright cannot download its own browser on a closed network, so the tests launch this one.
find_chromium() {
  local candidate
  for candidate in "${CHROMIUM:-}" chromium chromium-browser google-chrome google-chrome-stable; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && { command -v "$candidate"; return 0; }
  done
  return 1
}
if ! CHROMIUM="$(find_chromium)"; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    CHROMIUM="$(find_chromium)"
  else
    echo "No Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM=/path/to/chrome." >&2
    exit 1
  fi
fi
export CHROMIUM

# The browser tests also serve the site from Debian's nginx with deploy/nginx.conf (tests/browser/test_nginx.py).
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian's nginx for the static-host tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    echo "No nginx found: install it (Debian/Ubuntu: sudo apt-get install nginx) for tests/browser/test_nginx.py." >&2
    exit 1
  fi
fi

# The same tests in Firefox and WebKit (tests/browser/test_other_engines.py): Debian's firefox-esr,
# WebKitGTK's WebDriver (with its MiniBrowser) and Xvfb for it. Without them those tests skip, naming the package.
other_engines_missing() {
  [ -x /usr/bin/firefox-esr ] && [ -x /usr/bin/WebKitWebDriver ] && command -v Xvfb >/dev/null 2>&1 && return 1
  return 0
}
if other_engines_missing && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup: installing Debian's firefox-esr, webkit2gtk-driver and xvfb for the other browser engines"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null \
    || echo "setup: could not install them; the Firefox and WebKit tests will skip" >&2
fi
