import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { registerPluginFormsInBrowser } from "../plugins/browserForms";

// Plugins' FEEL functions and field types, before the first render: forms may use them.
registerPluginFormsInBrowser();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
