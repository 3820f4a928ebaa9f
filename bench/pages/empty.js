window.__emptyScriptRan = true;
