import type { ComponentType } from "react";
import { QuanzhouPointsView } from "./quanzhou/pages/PointsView";
import { QuanzhouVenuesView } from "./quanzhou/pages/VenuesView";
import type { PluginPageViewProps } from "./types";
import { XiamenPayoutsView } from "./xiamen/views/PayoutsView";
import { XiamenWishWallView } from "./xiamen/views/WishWallView";

/**
 * The React views of plugin pages, by page id (see workflows/pluginPages.ts); the app's
 * `/p/<pluginId>/<name>` route renders the one its page names. This file is bundled for the
 * browser: list only view modules here, never a plugin's index (it reads files, runs SQL).
 */
export const pluginPageViews: Record<string, ComponentType<PluginPageViewProps>> = {
  "quanzhou.venues": QuanzhouVenuesView,
  "quanzhou.points": QuanzhouPointsView,
  "xiamen.wishes": XiamenWishWallView,
  "xiamen.payouts": XiamenPayoutsView,
};
