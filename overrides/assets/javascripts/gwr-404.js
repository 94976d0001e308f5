/*
 * The not-found page only (overrides/404.html), after Material's config and before its bundle: Material's
 * base, relative to the page's folder, resolved from the page's <base> (the edition's root when a host
 * serves the page for a missing address at any depth), so that search and links start from the root.
 * A file rather than an inline script: the Content-Security-Policy (generator/site/csp.py) needs none.
 */
"use strict";
{
  const config = document.getElementById("__config");
  const data = JSON.parse(config.textContent);
  data.base = new URL(data.base, document.baseURI).href;
  config.textContent = JSON.stringify(data);
}
